import { dateInZone, localTime } from "../dates.ts";
import type { Pool } from "../db/pool.ts";
import { namesOf, reachableMembers } from "../db/telegram-store.ts";
import { UserError } from "../errors.ts";
import { recordIntents } from "../outbox/delivery-store.ts";
import type { Lang } from "../config.ts";
import type { Campaign } from "../reports/campaign.ts";
import { toCsvExport } from "../reports/export.ts";
import { progressWorkbook } from "../reports/xlsx.ts";
import type { Translate } from "../translate.ts";
import { currentReports, reportsSince, unitHistory } from "../reports/report-store.ts";
import {
  burnUp,
  campaignStatuses,
  roster,
  searchUnits,
  stepStatuses,
  summarize,
  type CampaignSummary,
  type RosterFilter,
  type RosterItem,
} from "../reports/views.ts";
import { listAudit } from "../units/audit-store.ts";
import { listMembers } from "../units/member-store.ts";
import { listExpected } from "../reports/expected-store.ts";
import { getUnit, listUnits, type Unit } from "../units/unit-store.ts";

export const ROSTER_PAGE_SIZE = 10;

/**
 * What the Board looks at: the campaign's headline, rosters of units per step and state (paged), one unit's card,
 * nudges. The same numbers for /progress, the morning digest, the export and the dashboard.
 */
export function createBoardService(deps: {
  pool: Pool;
  campaign: Campaign;
  clock: () => Date;
  translate: Translate;
  onQueued?: (() => void) | undefined;
}) {
  const { pool, campaign, clock } = deps;
  const today = () => dateInZone(clock(), campaign.timeZone);
  const dateOf = (d: Date) => dateInZone(d, campaign.timeZone);

  async function exportData() {
    const d = await data();
    const audit = await listAudit(pool, { offset: 0, limit: 10_000 });
    return {
      ...d,
      campaign,
      statuses: campaignStatuses(campaign, d.units, d.reports, today()),
      audit: audit.events,
      today: today(),
    };
  }

  async function data() {
    const [units, reports, members] = await Promise.all([listUnits(pool), currentReports(pool), listMembers(pool)]);
    return { units, reports, members };
  }

  return {
    today,
    async summary(): Promise<CampaignSummary & { changes: { key: string; count: number }[] }> {
      const [d, recent] = await Promise.all([data(), reportsSince(pool, new Date(clock().getTime() - 86_400_000))]);
      const changes = campaign.milestones
        .map((m) => ({
          key: m.key,
          count: new Set(recent.filter((r) => r.milestone === m.key).map((r) => r.unitCode)).size,
        }))
        .filter((c) => c.count > 0);
      return { ...summarize(campaign, d, today(), dateOf), changes };
    },
    /** One page of a roster (`page` from 1), with the number of pages. */
    async roster(
      filter: RosterFilter,
      page: number,
    ): Promise<{ items: RosterItem[]; total: number; page: number; pages: number }> {
      const all = roster(campaign, await data(), today(), filter);
      const pages = Math.max(1, Math.ceil(all.length / ROSTER_PAGE_SIZE));
      const p = Math.min(Math.max(1, page), pages);
      return { items: all.slice((p - 1) * ROSTER_PAGE_SIZE, p * ROSTER_PAGE_SIZE), total: all.length, page: p, pages };
    },
    /** Units by code or a part of their name (diacritics optional). */
    async search(query: string): Promise<Unit[]> {
      return searchUnits(await listUnits(pool), query);
    },
    /** One unit: its steps with dates, deadlines and reporters, its figures, members and history (corrections too). */
    async unitCard(code: string) {
      const unit = await getUnit(pool, code);
      if (!unit) throw new UserError("unit-unknown", { code: code.toUpperCase().slice(0, 40) });
      const [reports, history, members, expected] = await Promise.all([
        currentReports(pool, unit.code),
        unitHistory(pool, unit.code),
        listMembers(pool, unit.code),
        listExpected(pool, unit.code),
      ]);
      const names = await namesOf(pool, [
        ...new Set(history.flatMap((e) => (e.reportedBy === null ? [] : [e.reportedBy]))),
      ]);
      return {
        unit,
        steps: stepStatuses(campaign, unit, reports, today()),
        history,
        members,
        reporterNames: names,
        /** "Not yet — expected on…": the dates the unit's members gave for steps still open. */
        expected: new Map(expected.map((e) => [e.milestone, e.date])),
      };
    },
    /**
     * Reminds a unit's members of a step now (through the outbox, with the same message as the daily nudge), at
     * most once per unit, step and day. Returns how many people it goes to (0: already nudged today, or nobody).
     */
    async nudge(input: { unitCodes: string[]; step: string }): Promise<number> {
      const milestone = campaign.milestones.find((m) => m.key === input.step);
      if (!milestone) throw new UserError("report-error-milestone");
      const d = await data();
      const date = today();
      const members = (await reachableMembers(pool)).filter((m) => input.unitCodes.includes(m.unitCode));
      const statuses = new Map(campaignStatuses(campaign, d.units, d.reports, date).map((s) => [s.unit.code, s]));
      const intents = members.flatMap((m) => {
        const s = statuses.get(m.unitCode);
        const step = s?.steps.find((x) => x.milestone.key === milestone.key);
        if (!s || !step || step.state === "done" || step.state === "skipped") return [];
        return [
          {
            key: `manual-nudge:${m.unitCode}:${milestone.key}:${date}:${m.telegramId}`,
            kind: "nudge" as const,
            telegramId: m.telegramId,
            unitCode: m.unitCode,
            milestone: milestone.key,
            deadline: step.deadline ?? null,
            message: step.deadline
              ? {
                  type: "nudge" as const,
                  unit: { code: s.unit.code, name: s.unit.name },
                  milestone: milestone.key,
                  deadline: step.deadline,
                }
              : {
                  type: "notice" as const,
                  key: "nudge-no-deadline",
                  vars: { unit: s.unit.name, milestone: milestone.key },
                },
          },
        ];
      });
      const created = await recordIntents(pool, intents, clock());
      if (created > 0) deps.onQueued?.();
      return created;
    },
    /** The campaign over time (held per day, cumulative, against planned). */
    async burnUp() {
      const d = await data();
      return burnUp(d, today());
    },
    /** Everything the export needs. */
    exportData,
    /** The workbook (.xlsx) in `lang`: progress per unit, the per-step summary, the audit. */
    async exportXlsx(lang: Lang): Promise<Buffer> {
      return progressWorkbook(await exportData(), lang, deps.translate);
    },
    /** The progress table as CSV, "," or ";" between the fields. */
    async exportCsv(lang: Lang, delimiter: "," | ";" = ","): Promise<string> {
      return toCsvExport(await exportData(), lang, deps.translate, delimiter);
    },
    localTime: () => localTime(clock(), campaign.timeZone),
  };
}

export type BoardService = ReturnType<typeof createBoardService>;
