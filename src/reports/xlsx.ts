import type ExcelJS from "exceljs";
import type { Lang } from "../config.ts";
import { dateInZone, localTime } from "../dates.ts";
import type { Translate } from "../translate.ts";
import type { AuditEvent } from "../units/audit-store.ts";
import type { Membership } from "../units/member-store.ts";
import type { Unit } from "../units/unit-store.ts";
import { milestoneName, type Campaign } from "./campaign.ts";
import { progressTable, unitType } from "./export.ts";

export { unitType };
import type { StepStatus } from "./views.ts";

const LATE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF4C7C3" } };
const DUE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const DONE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9EAD3" } };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EAED" } };
const DATE_FORMAT = "dd/mm/yyyy";

/** A calendar date as a real Excel date cell (midnight UTC: Excel dates have no time zone). */
function excelDate(iso: string | undefined): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

export type ProgressExport = {
  campaign: Campaign;
  statuses: { unit: Unit; steps: StepStatus[] }[];
  members: Membership[];
  audit: AuditEvent[];
  today: string;
};

/**
 * The Board's workbook, in the asker's language: one row per unit — per step its date, deadline, status and days
 * late (real date cells, late cells coloured), the congress figures, secretary and deputy by name —; a frozen
 * header with filters; a second sheet with the per-step summary; a third with the audit.
 */
/** exceljs is large: loaded when a workbook is written, not at start-up. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import("exceljs");
  return new Excel.Workbook();
}

export async function progressWorkbook(data: ProgressExport, lang: Lang, t: Translate): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = "Trợ lý Đại hội";
  wb.created = new Date(`${data.today}T00:00:00Z`);
  const sheet = wb.addWorksheet(t(lang, "xlsx-sheet-progress"), { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  const steps = data.campaign.milestones;
  const table = progressTable(data, lang, t);
  sheet.columns = table.header.map((header, i) => ({ header, width: i === 1 ? 42 : i < 7 ? 16 : 13 }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  header.height = 48;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  const fills: Partial<Record<string, ExcelJS.Fill>> = { late: LATE_FILL, due: DUE_FILL, done: DONE_FILL };
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map((c) => (c.date ? excelDate(c.date) : c.value)));
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.date) cell.numFmt = DATE_FORMAT;
      const fill = c.state ? fills[c.state] : undefined;
      if (fill) cell.fill = fill;
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };

  // The per-step summary.
  const summary = wb.addWorksheet(t(lang, "xlsx-sheet-summary"), { views: [{ state: "frozen", ySplit: 1 }] });
  const states = ["done", "due", "late", "open", "unknown", "skipped", "unplanned"] as const;
  summary.columns = [
    { header: t(lang, "xlsx-step"), width: 48 },
    ...states.map((s) => ({ header: t(lang, `state-${s}`), width: 14 })),
    { header: t(lang, "xlsx-total"), width: 10 },
  ];
  summary.getRow(1).font = { bold: true };
  for (const m of steps) {
    const counts = states.map(
      (state) => data.statuses.filter((u) => u.steps.find((s) => s.milestone.key === m.key)?.state === state).length,
    );
    summary.addRow([milestoneName(m, lang), ...counts, data.statuses.length]);
  }

  // The audit: who did what, when.
  const audit = wb.addWorksheet(t(lang, "xlsx-sheet-audit"), { views: [{ state: "frozen", ySplit: 1 }] });
  audit.columns = [
    { header: t(lang, "xlsx-at"), width: 18 },
    { header: t(lang, "xlsx-actor"), width: 14 },
    { header: t(lang, "xlsx-action"), width: 28 },
    { header: t(lang, "xlsx-subject"), width: 16 },
    { header: t(lang, "xlsx-details"), width: 60 },
  ];
  audit.getRow(1).font = { bold: true };
  for (const e of data.audit) {
    const local = localTime(e.at, data.campaign.timeZone);
    const at = new Date(`${dateInZone(e.at, data.campaign.timeZone)}T00:00:00Z`);
    at.setUTCMinutes(local.minutes);
    const row = audit.addRow([
      at,
      e.actor ?? "CLI",
      t(lang, `audit-${e.action.replace(".", "-")}`),
      e.subject,
      JSON.stringify(e.details),
    ]);
    row.getCell(1).numFmt = "dd/mm/yyyy hh:mm";
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The sheet of invite codes to hand out: unit, type, role, code, link, expiry in local time. */
export async function invitesWorkbook(
  rows: { unit: Unit; role: string; code: string; link: string; expiresAt: Date }[],
  lang: Lang,
  t: Translate,
  timeZone: string,
): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet(t(lang, "xlsx-sheet-invites"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: t(lang, "xlsx-code"), width: 14 },
    { header: t(lang, "xlsx-name"), width: 42 },
    { header: t(lang, "xlsx-type"), width: 16 },
    { header: t(lang, "xlsx-role"), width: 14 },
    { header: t(lang, "xlsx-invite-code"), width: 14 },
    { header: t(lang, "xlsx-link"), width: 48 },
    { header: t(lang, "xlsx-expires"), width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const local = localTime(r.expiresAt, timeZone);
    const expires = new Date(`${local.date}T00:00:00Z`);
    expires.setUTCMinutes(local.minutes);
    const row = sheet.addRow([
      r.unit.code,
      r.unit.name,
      unitType(r.unit.type, lang, t),
      t(lang, `role-${r.role}`),
      r.code,
      r.link ? { text: r.link, hyperlink: r.link } : null,
      expires,
    ]);
    row.getCell(7).numFmt = "dd/mm/yyyy hh:mm";
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 7 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
