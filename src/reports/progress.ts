import { addDays, daysBetween } from "../dates.ts";
import type { Unit } from "../units/unit-store.ts";
import { dependents, type Campaign, type Milestone } from "./campaign.ts";
import type { ReportEvent } from "./report-store.ts";

/** The planned congress date of a unit: its latest 'plan' report, else the registry's date. */
export function plannedDate(unit: Pick<Unit, "plannedCongressDate">, reports: ReportEvent[]): string | undefined {
  return reports.find((r) => r.milestone === "plan")?.date ?? unit.plannedCongressDate ?? undefined;
}

/**
 * A milestone's deadline for one unit: an offset from the date of another milestone (the plan: the planned
 * congress date), and/or a fixed date — the earlier of the two. Undefined when it cannot be known yet.
 */
export function deadlineOf(
  milestone: Milestone,
  unit: Pick<Unit, "plannedCongressDate">,
  reports: ReportEvent[],
): string | undefined {
  const rule = milestone.deadline;
  if (!rule) return undefined;
  const candidates: string[] = [];
  if (rule.fixed) candidates.push(rule.fixed);
  if (rule.from) {
    const base =
      rule.from === "plan" ? plannedDate(unit, reports) : reports.find((r) => r.milestone === rule.from)?.date;
    if (base) candidates.push(addDays(base, rule.offsetDays ?? 0));
  }
  return candidates.sort()[0];
}

/**
 * The deadline that still matters: none once a step that depends on this one is reported (the unit skipped it —
 * allowed; the Board sees it as unreported, but nobody is reminded of it any more).
 */
export function pendingDeadline(
  campaign: Campaign,
  milestone: Milestone,
  unit: Pick<Unit, "plannedCongressDate">,
  reports: ReportEvent[],
): string | undefined {
  if (milestone.key === "plan" || reports.some((r) => r.milestone === milestone.key)) return undefined;
  if (laterStepDone(campaign, milestone, reports)) return undefined;
  return deadlineOf(milestone, unit, reports);
}

/** True when a step that depends on `milestone` is reported: `milestone` was skipped. */
export function laterStepDone(campaign: Campaign, milestone: Milestone, reports: ReportEvent[]): boolean {
  const later = dependents(campaign, milestone.key);
  return reports.some((r) => later.has(r.milestone));
}

export type MilestoneStatus = {
  milestone: Milestone;
  done: ReportEvent | undefined;
  deadline: string | undefined;
  /** Days from today to the deadline (negative: late). */
  daysLeft: number | undefined;
};

export function unitStatus(campaign: Campaign, unit: Unit, reports: ReportEvent[], today: string): MilestoneStatus[] {
  return campaign.milestones.map((milestone) => {
    const done = reports.find((r) => r.milestone === milestone.key);
    const deadline = pendingDeadline(campaign, milestone, unit, reports);
    return { milestone, done, deadline, daysLeft: deadline ? daysBetween(today, deadline) : undefined };
  });
}

export type Progress = {
  total: number;
  held: number;
  model: { total: number; held: number };
  others: { total: number; held: number };
  perMilestone: { key: string; count: number }[];
};

export function computeProgress(campaign: Campaign, units: Unit[], reports: ReportEvent[]): Progress {
  const active = units.filter((u) => u.active);
  const activeCodes = new Set(active.map((u) => u.code));
  const reached = (key: string) =>
    new Set(reports.filter((r) => r.milestone === key && activeCodes.has(r.unitCode)).map((r) => r.unitCode));
  const held = reached("held");
  const models = active.filter((u) => u.model);
  return {
    total: active.length,
    held: held.size,
    model: { total: models.length, held: models.filter((u) => held.has(u.code)).length },
    others: { total: active.length - models.length, held: active.filter((u) => !u.model && held.has(u.code)).length },
    perMilestone: campaign.milestones.map((m) => ({ key: m.key, count: reached(m.key).size })),
  };
}

export type OverdueItem = { unit: Unit; milestone: Milestone; deadline: string; daysLate: number };

/** Milestones past their deadline and not reported, per active unit, latest first within a unit. */
export function overdueItems(campaign: Campaign, units: Unit[], reports: ReportEvent[], today: string): OverdueItem[] {
  const byUnit = new Map<string, ReportEvent[]>();
  for (const r of reports) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
  const items: OverdueItem[] = [];
  for (const unit of units.filter((u) => u.active)) {
    for (const status of unitStatus(campaign, unit, byUnit.get(unit.code) ?? [], today)) {
      if (status.done || !status.deadline || status.deadline >= today) continue;
      items.push({
        unit,
        milestone: status.milestone,
        deadline: status.deadline,
        daysLate: daysBetween(status.deadline, today),
      });
    }
  }
  return items;
}
