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

/** A date a secretary said a late step is expected on ("Not yet — expected on…"). */
export type ExpectedDate = { unitCode: string; milestone: string; date: string };

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
  expected: ExpectedDate[] = [],
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
        // "Not yet — expected on…": the nudges wait until that day.
        const waitUntil = expected.find((e) => e.unitCode === unit.code && e.milestone === milestone.key)?.date;
        if (!waitUntil || waitUntil <= today) due = { kind: "nudge", leadDays: daysLeft };
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
 * Everything the outbox should record at `now`:
 * - one morning message per person with everything due to them (reminders and nudges, for each of their units),
 *   each item under its own key (`items`): the outbox records an item once, so it goes at most once whatever
 *   messages it is grouped into. Only what was already due at the sending hour goes out later that day: a report
 *   made after 08:00 that brings a new deadline (a retroactive one) is told the next morning, not at once;
 * - from the digest hour on, outside quiet hours, when a step is late or due soon — one morning digest per Board
 *   member: the campaign's headline (as /progress shows it), one message whatever the number of units.
 * Recording is idempotent, so planning again changes nothing. Pure.
 */
export function planDeliveries(
  campaign: Campaign,
  data: {
    units: Unit[];
    recipients: Recipient[];
    reports: ReportEvent[];
    board: BoardRecipient[];
    members: Membership[];
    expected?: ExpectedDate[];
  },
  now: Date,
): NewDelivery[] {
  const unitByCode = new Map(data.units.map((u) => [u.code, u]));
  const { date: today, minutes } = localTime(now, campaign.timeZone);
  const settings = campaign.reminders;
  const expected = data.expected ?? [];
  const dueNow = dueMessages(campaign, data.units, data.recipients, data.reports, now, expected);
  // The state at today's sending hour: reports made since then do not count (they may only take items away).
  const sendInstant = new Date(
    now.getTime() - (minutes - minutesOf(settings.sendAt)) * 60_000 - (now.getTime() % 60_000),
  );
  const atSendHour = new Set(
    dueMessages(
      campaign,
      data.units,
      data.recipients,
      data.reports.filter((r) => r.reportedAt.getTime() <= sendInstant.getTime()),
      sendInstant,
      expected,
    ).map((d) => d.key),
  );
  const byPerson = new Map<number, DueMessage[]>();
  for (const d of dueNow.filter((x) => atSendHour.has(x.key))) {
    byPerson.set(d.telegramId, [...(byPerson.get(d.telegramId) ?? []), d]);
  }
  const out: NewDelivery[] = [];
  for (const [telegramId, items] of byPerson) {
    const order = (d: DueMessage) => campaign.milestones.indexOf(d.milestone);
    items.sort((a, b) => a.unitCode.localeCompare(b.unitCode) || order(a) - order(b));
    out.push({
      // The outbox makes the key of the message from the items it actually records (see recordIntents).
      key: `morning:${telegramId}:${today}`,
      kind: items.every((i) => i.kind === "nudge") ? "nudge" : "reminder",
      telegramId,
      items: items.map((i) => i.key),
      message: {
        type: "morning",
        date: today,
        items: items.map((d) => ({
          key: d.key,
          kind: d.kind,
          unit: { code: d.unitCode, name: unitByCode.get(d.unitCode)?.name ?? d.unitCode },
          milestone: d.milestone.key,
          deadline: d.deadline,
        })),
      },
    });
  }
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
