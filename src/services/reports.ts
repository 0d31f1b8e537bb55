import type { Lang } from "../config.ts";
import { dateInZone, formatDmy } from "../dates.ts";
import { withTransaction, type Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import { listMembers } from "../units/member-store.ts";
import { getUnit, listUnits } from "../units/unit-store.ts";
import type { Campaign } from "../reports/campaign.ts";
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
import { namesOf } from "../db/telegram-store.ts";
import { recordIntents } from "../outbox/delivery-store.ts";
import { recordAudit } from "../units/audit-store.ts";
import { listExpected, setExpected } from "../reports/expected-store.ts";

export type Clock = () => Date;

/** Congress progress: reports in, the unit's status and the Board's views out. Time comes from `clock`. */
export function createReportsService(deps: {
  pool: Pool;
  campaign: Campaign;
  clock: Clock;
  onQueued?: (() => void) | undefined;
}) {
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
      const event = await appendReport(tx, { ...report, details, reportedAt: clock() });
      // Someone else's report replaced: they are told, and the audit keeps it.
      if (previous && previous.reportedBy !== null && previous.reportedBy !== report.reportedBy) {
        const name =
          (await namesOf(tx, [report.reportedBy ?? 0])).get(report.reportedBy ?? 0) ?? String(report.reportedBy);
        await recordIntents(
          tx,
          [
            {
              key: `replaced:${event.id}`,
              kind: "notice",
              telegramId: previous.reportedBy,
              message: {
                type: "notice",
                key: "report-replaced-notice",
                vars: {
                  by: name,
                  milestone: milestone.key,
                  old: formatDmy(previous.date),
                  date: formatDmy(event.date),
                },
              },
            },
          ],
          clock(),
        );
        await recordAudit(tx, {
          at: clock(),
          actor: report.reportedBy,
          action: "report.replace",
          subject: report.unitCode,
          details: {
            milestone: milestone.key,
            previous: previous.id,
            previousBy: previous.reportedBy,
            event: event.id,
          },
        });
        deps.onQueued?.();
      }
      return event;
    });
  }

  /**
   * The current report of a step when someone other than `by` made it (to ask before replacing it), with the
   * reporter's name; undefined when there is none, or it is theirs.
   */
  async function reportedByAnother(unitCode: string, milestoneKey: string, by: number) {
    const current = (await currentReports(pool, unitCode)).find((e) => e.milestone === milestoneKey);
    if (!current || current.reportedBy === null || current.reportedBy === by) return undefined;
    const name = (await namesOf(pool, [current.reportedBy])).get(current.reportedBy) ?? String(current.reportedBy);
    return { event: current, name };
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
    const [reports, expected] = await Promise.all([currentReports(pool, unitCode), listExpected(pool, unitCode)]);
    return {
      unit,
      today: today(),
      items: unitStatus(campaign, unit, reports, today()).map((item) => ({
        ...item,
        expected: item.done ? undefined : expected.find((e) => e.milestone === item.milestone.key)?.date,
      })),
      /** The committee size a congress of this unit may elect (a cell's differs from a committee's). */
      committeeSize: campaign.committeeSize[unit.kind],
    };
  }

  /**
   * "Not yet — expected on…": the date a member expects a step of their unit to be done. Not in the past, inside
   * the campaign's window, and only for a step not reported yet. Overdue nudges wait until it; the Board sees it.
   */
  async function expect(input: { unitCode: string; milestone: string; date: string; by: number }) {
    const milestone = milestoneByKey(input.milestone);
    if (!milestone) throw new UserError("report-error-milestone");
    const window = campaign.reportWindow;
    if (input.date < today()) {
      throw new UserError("expected-error-past", { date: formatDmy(input.date), today: formatDmy(today()) });
    }
    if (input.date > window.to) {
      throw new UserError("report-error-window", {
        date: formatDmy(input.date),
        from: formatDmy(window.from),
        to: formatDmy(window.to),
      });
    }
    const done = (await currentReports(pool, input.unitCode)).find((e) => e.milestone === milestone.key);
    if (done) throw new UserError("expected-error-done", { date: formatDmy(done.date) });
    await setExpected(pool, {
      unitCode: input.unitCode,
      milestone: milestone.key,
      date: input.date,
      setBy: input.by,
      setAt: clock(),
    });
    await recordAudit(pool, {
      at: clock(),
      actor: input.by,
      action: "report.expected",
      subject: input.unitCode,
      details: { milestone: milestone.key, date: input.date },
    });
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

  return {
    campaign,
    today,
    milestoneByKey,
    record,
    reportedByAnother,
    checkDate,
    status,
    expect,
    progress,
    overdue,
    history,
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
