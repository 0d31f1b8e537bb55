import type { Lang } from "../config.ts";
import { dateInZone } from "../dates.ts";
import { withTransaction, type Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import { listMembers } from "../units/member-store.ts";
import { getUnit, listUnits } from "../units/unit-store.ts";
import type { Campaign } from "../reports/campaign.ts";
import { progressCsv } from "../reports/export.ts";
import { computeProgress, overdueItems, unitStatus } from "../reports/progress.ts";
import {
  appendReport,
  currentReports,
  eventOfUpdate,
  reportsSince,
  unitHistory,
  type ReportDetails,
} from "../reports/report-store.ts";
import { validateReport } from "../reports/rules.ts";

export type Clock = () => Date;

/** Congress progress: reports in, the unit's status and the Board's views out. Time comes from `clock`. */
export function createReportsService(deps: { pool: Pool; campaign: Campaign; clock: Clock }) {
  const { pool, campaign, clock } = deps;
  const today = () => dateInZone(clock(), campaign.timeZone);

  function milestoneByKey(key: string) {
    return campaign.milestones.find((m) => m.key === key);
  }

  /** Validates against the unit's current state and appends, in one transaction (the unit row locked). */
  async function record(report: {
    unitCode: string;
    milestone: string;
    date: string;
    details?: ReportDetails;
    reportedBy: number | null;
    chatId: number | null;
    lang: Lang;
    /** The Telegram update that made it: a report is made once per update, however often it is handled. */
    updateId?: number | undefined;
  }) {
    const milestone = milestoneByKey(report.milestone);
    if (!milestone) throw new UserError("report-error-milestone");
    return withTransaction(pool, async (tx) => {
      if (report.updateId !== undefined) {
        const earlier = await eventOfUpdate(tx, report.updateId);
        if (earlier) return earlier;
      }
      // Serialises reports of one unit: two concurrent reports cannot both pass the order check.
      const { rows } = await tx.query<{ kind: "committee" | "cell" }>(
        "SELECT kind FROM units WHERE code = $1 FOR UPDATE",
        [report.unitCode],
      );
      if (!rows[0]) throw new UserError("unit-unknown", { code: report.unitCode });
      const current = await currentReports(tx, report.unitCode);
      // A correction that leaves out the figures keeps those reported before (a new date alone changes the date).
      const previous = current.find((e) => e.milestone === milestone.key);
      const details = { ...(previous?.details ?? {}), ...(report.details ?? {}) };
      validateReport(campaign, rows[0].kind, { milestone, date: report.date, details }, current, today(), report.lang);
      return appendReport(tx, { ...report, details, reportedAt: clock() });
    });
  }

  /** The date rules alone (future, order), for a date typed in the guided /report before Save. */
  async function checkDate(report: { unitCode: string; milestone: string; date: string; lang: Lang }) {
    const milestone = milestoneByKey(report.milestone);
    const unit = await getUnit(pool, report.unitCode);
    if (!milestone || !unit) throw new UserError("report-error-milestone");
    validateReport(
      campaign,
      unit.kind,
      { milestone, date: report.date, details: {} },
      await currentReports(pool, unit.code),
      today(),
      report.lang,
    );
  }

  async function status(unitCode: string) {
    const unit = await getUnit(pool, unitCode);
    if (!unit) throw new UserError("unit-unknown", { code: unitCode });
    return { unit, today: today(), items: unitStatus(campaign, unit, await currentReports(pool, unitCode), today()) };
  }

  async function progress() {
    const [units, reports, recent] = await Promise.all([
      listUnits(pool),
      currentReports(pool),
      reportsSince(pool, new Date(clock().getTime() - 86_400_000)),
    ]);
    const changes = campaign.milestones
      .map((m) => ({
        key: m.key,
        count: new Set(recent.filter((r) => r.milestone === m.key).map((r) => r.unitCode)).size,
      }))
      .filter((c) => c.count > 0);
    return { ...computeProgress(campaign, units, reports), changes };
  }

  async function overdue() {
    const [units, reports, members] = await Promise.all([
      listUnits(pool, { activeOnly: true }),
      currentReports(pool),
      listMembers(pool),
    ]);
    return overdueItems(campaign, units, reports, today()).map((item) => ({
      ...item,
      secretaries: members.filter((m) => m.unitCode === item.unit.code && m.role === "secretary"),
    }));
  }

  async function history(unitCode: string) {
    const unit = await getUnit(pool, unitCode);
    if (!unit) throw new UserError("unit-unknown", { code: unitCode });
    const [events, members] = await Promise.all([unitHistory(pool, unit.code), listMembers(pool, unit.code)]);
    return { unit, events, members };
  }

  async function exportCsv() {
    const [units, reports, members] = await Promise.all([listUnits(pool), currentReports(pool), listMembers(pool)]);
    return progressCsv(campaign, units, reports, members);
  }

  return {
    campaign,
    today,
    milestoneByKey,
    record,
    checkDate,
    status,
    progress,
    overdue,
    history,
    exportCsv,
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
