import { formatDmy } from "../dates.ts";
import { toCsv } from "../units/csv.ts";
import type { Membership } from "../units/member-store.ts";
import type { Unit } from "../units/unit-store.ts";
import type { Campaign } from "./campaign.ts";
import type { ReportEvent } from "./report-store.ts";
import { plannedDate } from "./progress.ts";

/** One row per unit, one column per milestone date (dd/mm/yyyy), the congress figures and the secretary. */
export function progressCsv(campaign: Campaign, units: Unit[], reports: ReportEvent[], members: Membership[]): string {
  const header = [
    "code",
    "name",
    "kind",
    "type",
    "model",
    "planned_congress_date",
    ...campaign.milestones.filter((m) => m.key !== "plan").map((m) => m.key),
    "members_elected",
    "secretary_elected",
    "delegates_elected",
    "secretary",
  ];
  const rows = units.map((unit) => {
    const mine = reports.filter((r) => r.unitCode === unit.code);
    const held = mine.find((r) => r.milestone === "held");
    const yesNo = (v: boolean | undefined) => (v === undefined ? "" : v ? "yes" : "no");
    const planned = plannedDate(unit, mine);
    return [
      unit.code,
      unit.name,
      unit.kind,
      unit.type,
      unit.model ? "yes" : "no",
      planned ? formatDmy(planned) : "",
      ...campaign.milestones
        .filter((m) => m.key !== "plan")
        .map((m) => {
          const event = mine.find((r) => r.milestone === m.key);
          return event ? formatDmy(event.date) : "";
        }),
      held?.details.members_elected ?? "",
      yesNo(held?.details.secretary_elected),
      yesNo(held?.details.delegates_elected),
      members
        .filter((m) => m.unitCode === unit.code && m.role === "secretary")
        .map((m) => m.name)
        .join("; "),
    ];
  });
  return toCsv([header, ...rows]);
}
