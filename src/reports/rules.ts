import { UserError } from "../errors.ts";
import { formatDmy } from "../dates.ts";
import type { Lang } from "../config.ts";
import { dependents, milestoneName, prerequisites, type Campaign, type Milestone } from "./campaign.ts";
import type { ReportDetails, ReportEvent } from "./report-store.ts";

export type ReportInput = { milestone: Milestone; date: string; details: ReportDetails };

/**
 * The campaign's rules for a report, checked before anything is stored. Throws a UserError whose message key
 * says what is wrong and how to write it.
 */
export function validateReport(
  campaign: Campaign,
  unitKind: "committee" | "cell",
  input: ReportInput,
  current: ReportEvent[],
  today: string,
  lang: Lang,
): void {
  const { milestone, date, details } = input;
  const window = campaign.reportWindow;
  if (date < window.from || date > window.to) {
    throw new UserError("report-error-window", {
      date: formatDmy(date),
      from: formatDmy(window.from),
      to: formatDmy(window.to),
    });
  }
  if (milestone.future === "forbidden" && date > today) {
    throw new UserError("report-error-future", { date: formatDmy(date), today: formatDmy(today) });
  }
  // Dependencies: not earlier than a step that must come before, not later than one that must come after.
  const before = prerequisites(campaign, milestone.key);
  const after = dependents(campaign, milestone.key);
  for (const other of campaign.milestones) {
    const done = current.find((e) => e.milestone === other.key);
    if (!done) continue;
    if (before.has(other.key) && date < done.date) {
      throw new UserError("report-error-order", {
        date: formatDmy(date),
        earlier: milestoneName(other, lang),
        earlierDate: formatDmy(done.date),
      });
    }
    if (after.has(other.key) && date > done.date) {
      throw new UserError("report-error-order-later", {
        date: formatDmy(date),
        later: milestoneName(other, lang),
        laterDate: formatDmy(done.date),
      });
    }
  }
  if (details.members_elected !== undefined) {
    const range = campaign.committeeSize[unitKind];
    if (
      !Number.isInteger(details.members_elected) ||
      details.members_elected < range.min ||
      details.members_elected > range.max
    ) {
      throw new UserError(`report-error-members-${unitKind}`, {
        min: range.min,
        max: range.max,
        value: details.members_elected,
      });
    }
  }
}
