import type { Lang } from "../config.ts";
import { formatDmy } from "../dates.ts";
import type { Translate } from "../translate.ts";
import { toCsv } from "../units/csv.ts";
import type { Membership } from "../units/member-store.ts";
import type { Unit } from "../units/unit-store.ts";
import { milestoneShort, type Campaign } from "./campaign.ts";
import type { StepState, StepStatus } from "./views.ts";

export type Cell = { value: string | number | null; date?: string | undefined; state?: StepState | undefined };

/** A unit type of the registry, translated (an unknown one as it is). */
export function unitType(type: string, lang: Lang, t: Translate): string {
  const key = `unit-type-${type}`;
  const text = t(lang, key);
  return text === key ? type : text;
}

/**
 * The progress table the export gives — one row per unit: its code, name, kind, type, model, secretary and deputy
 * by name; per step its date, deadline, status and days late; the congress figures — in the asker's language.
 * The workbook and the CSV file are two ways of writing it.
 */
export function progressTable(
  data: { campaign: Campaign; statuses: { unit: Unit; steps: StepStatus[] }[]; members: Membership[] },
  lang: Lang,
  t: Translate,
): { header: string[]; rows: Cell[][] } {
  const header = [
    t(lang, "xlsx-code"),
    t(lang, "xlsx-name"),
    t(lang, "xlsx-kind"),
    t(lang, "xlsx-type"),
    t(lang, "xlsx-model"),
    t(lang, "xlsx-secretary"),
    t(lang, "xlsx-deputy"),
  ];
  for (const m of data.campaign.milestones) {
    const name = milestoneShort(m, lang);
    header.push(`${name}: ${t(lang, "xlsx-date")}`);
    if (m.key !== "plan")
      header.push(
        `${name}: ${t(lang, "xlsx-deadline")}`,
        `${name}: ${t(lang, "xlsx-status")}`,
        `${name}: ${t(lang, "xlsx-days-late")}`,
      );
  }
  header.push(t(lang, "xlsx-members-elected"), t(lang, "xlsx-secretary-elected"), t(lang, "xlsx-delegates-elected"));
  const text = (value: string | number | null): Cell => ({ value });
  const date = (iso: string | undefined, state?: StepState): Cell => ({
    value: iso ? formatDmy(iso) : null,
    date: iso,
    state,
  });
  const yesNo = (v: boolean | undefined) => text(v === undefined ? null : t(lang, v ? "report-yes" : "report-no"));
  const names = (unit: string, role: string) =>
    text(
      data.members
        .filter((m) => m.unitCode === unit && m.role === role)
        .map((m) => m.name)
        .join("; ") || null,
    );
  const rows = data.statuses.map(({ unit, steps }) => {
    const row: Cell[] = [
      text(unit.code),
      text(unit.name),
      text(t(lang, `unit-kind-${unit.kind}`)),
      text(unitType(unit.type, lang, t)),
      text(t(lang, unit.model ? "report-yes" : "report-no")),
      names(unit.code, "secretary"),
      names(unit.code, "deputy"),
    ];
    for (const s of steps) {
      row.push(date(s.date, s.state === "done" ? "done" : undefined));
      if (s.milestone.key === "plan") continue;
      row.push(
        date(s.deadline, s.state === "late" || s.state === "due" ? s.state : undefined),
        { value: t(lang, `state-${s.state}`), state: s.state },
        { value: s.state === "late" ? (s.days ?? 0) : null, state: s.state === "late" ? "late" : undefined },
      );
    }
    const held = steps.find((s) => s.milestone.key === "held")?.event?.details ?? {};
    row.push(text(held.members_elected ?? null), yesNo(held.secretary_elected), yesNo(held.delegates_elected));
    return row;
  });
  return { header, rows };
}

/** The progress table as CSV for Excel: UTF-8 with BOM; "," or ";" (Excel's choice where "," is the decimal mark). */
export function toCsvExport(
  data: Parameters<typeof progressTable>[0],
  lang: Lang,
  t: Translate,
  delimiter: "," | ";" = ",",
): string {
  const table = progressTable(data, lang, t);
  return toCsv([table.header, ...table.rows.map((r) => r.map((c) => c.value))], delimiter);
}
