import { addDays, daysBetween } from "../dates.ts";
import { foldText } from "../rag/normalize.ts";
import type { Membership } from "../units/member-store.ts";
import type { Unit } from "../units/unit-store.ts";
import type { Campaign, Milestone } from "./campaign.ts";
import { laterStepDone, pendingDeadline, plannedDate } from "./progress.ts";
import type { ReportEvent } from "./report-store.ts";

/**
 * Where one step of one unit stands today:
 * - done: reported (the plan also when the registry gives a planned date);
 * - late: its deadline has passed; due: the deadline is within the next few days; open: later;
 * - unknown: no deadline can be known yet (e.g. drafts before a congress date is set);
 * - skipped: not reported, but a later step is (nobody is reminded of it any more);
 * - unplanned: the plan step, with no date from a report or the registry.
 */
export type StepState = "done" | "late" | "due" | "open" | "unknown" | "skipped" | "unplanned";

export type StepStatus = {
  milestone: Milestone;
  state: StepState;
  deadline?: string | undefined;
  /** Days late (late), days left (due, open). */
  days?: number | undefined;
  event?: ReportEvent | undefined;
  /** The plan step: the planned congress date, from a report or the registry. */
  date?: string | undefined;
};

export function stepStatuses(campaign: Campaign, unit: Unit, reports: ReportEvent[], today: string): StepStatus[] {
  const ahead = campaign.reminders.digestAheadDays;
  return campaign.milestones.map((milestone) => {
    const event = reports.find((r) => r.milestone === milestone.key);
    if (milestone.key === "plan") {
      const date = plannedDate(unit, reports);
      return { milestone, state: date ? "done" : "unplanned", date, event };
    }
    if (event) return { milestone, state: "done", event, date: event.date };
    const deadline = pendingDeadline(campaign, milestone, unit, reports);
    if (!deadline) {
      const laterDone = laterStepDone(campaign, milestone, reports);
      return { milestone, state: laterDone ? "skipped" : "unknown" };
    }
    const days = daysBetween(today, deadline);
    if (days < 0) return { milestone, state: "late", deadline, days: -days };
    return { milestone, state: days <= ahead ? "due" : "open", deadline, days };
  });
}

export type StepCounts = Record<StepState, number>;

export type CampaignSummary = {
  date: string;
  total: number;
  held: number;
  model: { total: number; held: number };
  withSecretary: number;
  joinedToday: number;
  aheadDays: number;
  steps: { key: string; counts: StepCounts }[];
};

const emptyCounts = (): StepCounts => ({ done: 0, late: 0, due: 0, open: 0, unknown: 0, skipped: 0, unplanned: 0 });

/** Every active unit's steps, grouped per unit. */
export function campaignStatuses(campaign: Campaign, units: Unit[], reports: ReportEvent[], today: string) {
  const byUnit = new Map<string, ReportEvent[]>();
  for (const r of reports) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
  return units
    .filter((u) => u.active)
    .map((unit) => ({ unit, steps: stepStatuses(campaign, unit, byUnit.get(unit.code) ?? [], today) }));
}

/** The campaign at a glance: what /progress, the morning digest, the export's summary and the dashboard show. */
export function summarize(
  campaign: Campaign,
  data: { units: Unit[]; reports: ReportEvent[]; members: Membership[] },
  today: string,
  timeZoneDateOf: (d: Date) => string,
): CampaignSummary {
  const statuses = campaignStatuses(campaign, data.units, data.reports, today);
  const active = new Set(statuses.map((s) => s.unit.code));
  const secretaries = data.members.filter((m) => m.role === "secretary" && active.has(m.unitCode));
  const held = statuses.filter((s) => s.steps.find((x) => x.milestone.key === "held")?.state === "done");
  const models = statuses.filter((s) => s.unit.model);
  return {
    date: today,
    total: statuses.length,
    held: held.length,
    model: { total: models.length, held: models.filter((s) => held.includes(s)).length },
    withSecretary: new Set(secretaries.map((m) => m.unitCode)).size,
    joinedToday: data.members.filter((m) => active.has(m.unitCode) && timeZoneDateOf(m.joinedAt) === today).length,
    aheadDays: campaign.reminders.digestAheadDays,
    steps: campaign.milestones.map((m) => {
      const counts = emptyCounts();
      for (const s of statuses) counts[s.steps.find((x) => x.milestone.key === m.key)!.state]++;
      return { key: m.key, counts };
    }),
  };
}

/** A list of units the Board can page through: a step in one state, or the units with no secretary. */
export type RosterFilter = { kind: "step"; step: string; state: StepState } | { kind: "no-secretary" };

export type RosterItem = { code: string; name: string; deadline?: string | undefined; days?: number | undefined };

export function roster(
  campaign: Campaign,
  data: { units: Unit[]; reports: ReportEvent[]; members: Membership[] },
  today: string,
  filter: RosterFilter,
): RosterItem[] {
  const statuses = campaignStatuses(campaign, data.units, data.reports, today);
  if (filter.kind === "no-secretary") {
    const withSecretary = new Set(data.members.filter((m) => m.role === "secretary").map((m) => m.unitCode));
    return statuses
      .filter((s) => !withSecretary.has(s.unit.code))
      .map((s) => ({ code: s.unit.code, name: s.unit.name }));
  }
  const items = statuses.flatMap((s) => {
    const step = s.steps.find((x) => x.milestone.key === filter.step);
    return step && step.state === filter.state
      ? [{ code: s.unit.code, name: s.unit.name, deadline: step.deadline, days: step.days }]
      : [];
  });
  // The latest first when late; the soonest first when due.
  if (filter.state === "late") items.sort((a, b) => (b.days ?? 0) - (a.days ?? 0) || a.code.localeCompare(b.code));
  else if (filter.state === "due" || filter.state === "open")
    items.sort((a, b) => (a.days ?? 0) - (b.days ?? 0) || a.code.localeCompare(b.code));
  return items;
}

/** Units whose code is `query`, or whose name contains it (case and diacritics optional). */
export function searchUnits(units: Unit[], query: string): Unit[] {
  const q = query.trim();
  if (!q) return [];
  const exact = units.find((u) => u.code === q.toUpperCase());
  if (exact) return [exact];
  const folded = foldText(q);
  return units.filter((u) => foldText(u.name).includes(folded) || foldText(u.code).includes(folded));
}

/** Congresses held per day and cumulative against the planned dates: the campaign's burn-up. */
export function burnUp(
  data: { units: Unit[]; reports: ReportEvent[] },
  today: string,
): { days: string[]; held: number[]; planned: number[] } {
  const active = data.units.filter((u) => u.active);
  const byUnit = new Map<string, ReportEvent[]>();
  for (const r of data.reports) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
  const heldDates = active.flatMap((u) => byUnit.get(u.code)?.find((r) => r.milestone === "held")?.date ?? []);
  const plannedDates = active.flatMap((u) => plannedDate(u, byUnit.get(u.code) ?? []) ?? []);
  const all = [...heldDates, ...plannedDates].sort();
  if (all.length === 0) return { days: [], held: [], planned: [] };
  const first = all[0]!;
  const last = [all.at(-1)!, today].sort().at(-1)!;
  const days: string[] = [];
  for (let d = first; d <= last && days.length < 800; d = addDays(d, 1)) days.push(d);
  const cumulative = (dates: string[]) => days.map((d) => dates.filter((x) => x <= d).length);
  return { days, held: cumulative(heldDates), planned: cumulative(plannedDates) };
}
