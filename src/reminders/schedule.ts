import { addDays, dateInZone, daysBetween, localTime } from "../dates.ts";
import type { Campaign, Milestone } from "../reports/campaign.ts";
import { pendingDeadline } from "../reports/progress.ts";
import type { ReportEvent } from "../reports/report-store.ts";
import type { Unit } from "../units/unit-store.ts";
import type { NewDelivery } from "../outbox/messages.ts";
import { summarize } from "../reports/views.ts";
import type { Membership } from "../units/member-store.ts";

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** True inside quiet hours (which may wrap midnight, e.g. 21:00–07:00). */
export function isQuiet(minutes: number, quiet: { from: string; to: string }): boolean {
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

export type Recipient = { telegramId: number; unitCode: string };

export type DueMessage = {
  kind: "reminder" | "nudge";
  key: string;
  telegramId: number;
  unitCode: string;
  milestone: Milestone;
  deadline: string;
  /** Reminders: days before the deadline this one is for. Nudges: days late (negative). */
  leadDays: number;
};

/**
 * What is due at `now`, before anything is recorded: for every reachable member of an active unit, every step
 * not yet reported whose deadline is known —
 * - a reminder for the most recent lead time whose sending time (`sendAt` on deadline − lead) has come, as long
 *   as the deadline has not passed (a reminder missed while the bot was down still goes, once);
 * - once the deadline has passed, one overdue nudge a day (key with the number of days late).
 * Nothing in quiet hours. Pure: the scheduler records these under their keys, so each goes at most once.
 */
export function dueMessages(
  campaign: Campaign,
  units: Unit[],
  recipients: Recipient[],
  reports: ReportEvent[],
  now: Date,
): DueMessage[] {
  const settings = campaign.reminders;
  const { date: today, minutes } = localTime(now, campaign.timeZone);
  const sendMinutes = minutesOf(settings.sendAt);
  // Only from the sending hour on, every day (a reminder missed yesterday goes today at that hour, not at dawn).
  if (isQuiet(minutes, settings.quietHours) || minutes < sendMinutes) return [];
  const out: DueMessage[] = [];
  const byUnit = new Map<string, ReportEvent[]>();
  for (const r of reports) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
  const leads = [...settings.leadDays].sort((a, b) => a - b);
  for (const unit of units.filter((u) => u.active)) {
    const unitReports = byUnit.get(unit.code) ?? [];
    const members = recipients.filter((r) => r.unitCode === unit.code);
    if (members.length === 0) continue;
    for (const milestone of campaign.milestones) {
      const deadline = pendingDeadline(campaign, milestone, unit, unitReports);
      if (!deadline) continue;
      const daysLeft = daysBetween(today, deadline);
      let due: { kind: "reminder" | "nudge"; leadDays: number } | undefined;
      if (daysLeft >= 0) {
        // The smallest lead time whose day has come.
        const lead = leads.find((l) => addDays(deadline, -l) <= today);
        if (lead !== undefined && lead >= daysLeft) due = { kind: "reminder", leadDays: lead };
      } else if (settings.nudgeOverdue) {
        due = { kind: "nudge", leadDays: daysLeft };
      }
      if (!due) continue;
      for (const member of members) {
        out.push({
          ...due,
          key: `${due.kind}:${member.telegramId}:${unit.code}:${milestone.key}:${deadline}:${due.leadDays}`,
          telegramId: member.telegramId,
          unitCode: unit.code,
          milestone,
          deadline,
        });
      }
    }
  }
  return out;
}

export type Digest = {
  overdue: { milestone: Milestone; units: { unit: Unit; daysLate: number }[] }[];
  upcoming: { unit: Unit; milestone: Milestone; deadline: string; daysLeft: number }[];
};

/** The Board's morning digest: late steps grouped by milestone, and deadlines in the next few days. */
export function boardDigest(campaign: Campaign, units: Unit[], reports: ReportEvent[], today: string): Digest {
  const overdue = new Map<string, { milestone: Milestone; units: { unit: Unit; daysLate: number }[] }>();
  const upcoming: Digest["upcoming"] = [];
  for (const unit of units.filter((u) => u.active)) {
    const unitReports = reports.filter((r) => r.unitCode === unit.code);
    for (const milestone of campaign.milestones) {
      const deadline = pendingDeadline(campaign, milestone, unit, unitReports);
      if (!deadline) continue;
      const daysLeft = daysBetween(today, deadline);
      if (daysLeft < 0) {
        const group = overdue.get(milestone.key) ?? { milestone, units: [] };
        group.units.push({ unit, daysLate: -daysLeft });
        overdue.set(milestone.key, group);
      } else if (daysLeft <= campaign.reminders.digestAheadDays) {
        upcoming.push({ unit, milestone, deadline, daysLeft });
      }
    }
  }
  const order = (key: string) => campaign.milestones.findIndex((m) => m.key === key);
  return {
    overdue: [...overdue.values()].sort((a, b) => order(a.milestone.key) - order(b.milestone.key)),
    upcoming: upcoming.sort((a, b) => a.daysLeft - b.daysLeft || a.unit.code.localeCompare(b.unit.code)),
  };
}

/** Someone the outbox may write to, with the unit they belong to (none for Board members). */
export type BoardRecipient = { telegramId: number };

/**
 * Everything the outbox should record at `now`: the reminders and nudges due (dueMessages), and — from the
 * digest hour on, outside quiet hours, when a step is late or due soon — one morning digest per Board member:
 * the campaign's headline (as /progress shows it), one message whatever the number of units. Each with its unique
 * key: recording is idempotent, so planning again changes nothing. Pure.
 */
export function planDeliveries(
  campaign: Campaign,
  data: {
    units: Unit[];
    recipients: Recipient[];
    reports: ReportEvent[];
    board: BoardRecipient[];
    members: Membership[];
  },
  now: Date,
): NewDelivery[] {
  const unitByCode = new Map(data.units.map((u) => [u.code, u]));
  const out: NewDelivery[] = dueMessages(campaign, data.units, data.recipients, data.reports, now).map((d) => ({
    key: d.key,
    kind: d.kind,
    telegramId: d.telegramId,
    unitCode: d.unitCode,
    milestone: d.milestone.key,
    deadline: d.deadline,
    leadDays: d.leadDays,
    message: {
      type: d.kind,
      unit: { code: d.unitCode, name: unitByCode.get(d.unitCode)?.name ?? d.unitCode },
      milestone: d.milestone.key,
      deadline: d.deadline,
    },
  }));
  const { date: today, minutes } = localTime(now, campaign.timeZone);
  const settings = campaign.reminders;
  if (minutes < minutesOf(settings.digestAt) || isQuiet(minutes, settings.quietHours)) return out;
  const summary = summarize(campaign, data, today, (d) => dateInZone(d, campaign.timeZone));
  // Nothing to say when nothing is late or due soon.
  if (!summary.steps.some((s) => s.counts.late || s.counts.due)) return out;
  for (const board of data.board) {
    out.push({
      key: `digest:${board.telegramId}:${today}`,
      kind: "digest",
      telegramId: board.telegramId,
      message: { type: "digest", date: today, summary },
    });
  }
  return out;
}
