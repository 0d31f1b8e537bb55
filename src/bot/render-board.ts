import type { Lang } from "../config.ts";
import { dateInZone, formatDmy } from "../dates.ts";
import { milestoneName, milestoneShort, type Campaign } from "../reports/campaign.ts";
import type { CampaignSummary, RosterFilter, RosterItem, StepStatus } from "../reports/views.ts";
import type { Membership, ReportEvent, Unit } from "../services/types.ts";
import { displayName } from "../text.ts";
import type { Translate } from "../translate.ts";
import type { Buttons } from "./render-outbox.ts";

/**
 * The Board's views as plain text (escaped when sent) and buttons with ids only in their callback data:
 *   ro:<step|->:<state>:<page>  a roster page      un:<code>          a unit's card
 *   nu:<code>:<step>           nudge one unit      np:<step>:<state>:<page>  nudge a page
 *   pg:home                    back to the headline
 * Whatever the number of units, the headline is one message of a few hundred characters.
 */
export type HeadlineMode = "progress" | "overdue" | "digest";

type Context = { lang: Lang; t: Translate; campaign: Campaign };

const pct = (n: number, total: number) => (total ? Math.round((100 * n) / total) : 0);

export function renderHeadline(
  summary: CampaignSummary & { changes?: { key: string; count: number }[] },
  mode: HeadlineMode,
  { lang, t, campaign }: Context,
): { text: string; buttons: Buttons } {
  const lines = [t(lang, `headline-title-${mode}`, { date: formatDmy(summary.date) })];
  lines.push(
    t(lang, "headline-held", {
      held: summary.held,
      total: summary.total,
      pct: pct(summary.held, summary.total),
      modelHeld: summary.model.held,
      modelTotal: summary.model.total,
    }),
    t(lang, "headline-secretaries", {
      n: summary.withSecretary,
      total: summary.total,
      today: summary.joinedToday,
    }),
    "",
    t(lang, "headline-steps", { days: summary.aheadDays }),
  );
  const buttons: Buttons = [];
  const pairs: { text: string; data: string }[] = [];
  for (const m of campaign.milestones) {
    const c = summary.steps.find((s) => s.key === m.key)!.counts;
    const short = milestoneShort(m, lang);
    if (m.key === "plan") {
      lines.push(`• ${t(lang, "headline-plan-line", { name: short, done: c.done, unplanned: c.unplanned })}`);
      if (c.unplanned && mode !== "overdue")
        pairs.push({ text: `📅 ${short} (${c.unplanned})`, data: `ro:plan:unplanned:1` });
      continue;
    }
    lines.push(`• ${t(lang, "headline-step-line", { name: short, done: c.done, due: c.due, late: c.late })}`);
    if (c.late) pairs.push({ text: `❗ ${short} (${c.late})`, data: `ro:${m.key}:late:1` });
    if (c.due && mode !== "overdue") pairs.push({ text: `⏳ ${short} (${c.due})`, data: `ro:${m.key}:due:1` });
  }
  const noSecretary = summary.total - summary.withSecretary;
  if (noSecretary > 0)
    pairs.push({ text: `👤 ${t(lang, "headline-no-secretary-button")} (${noSecretary})`, data: "ro:-:nosec:1" });
  if (mode === "progress" && summary.changes) {
    lines.push(
      "",
      summary.changes.length
        ? `${t(lang, "progress-changes")} ${summary.changes
            .map(
              (c) =>
                `${milestoneShort(
                  campaign.milestones.find((m) => m.key === c.key)!,
                  lang,
                )} +${c.count}`,
            )
            .join(", ")}`
        : t(lang, "progress-no-changes"),
    );
  }
  if (mode === "overdue" && !summary.steps.some((s) => s.counts.late)) lines.push("", t(lang, "overdue-none"));
  lines.push("", t(lang, pairs.length ? "headline-tap" : "headline-nothing"));
  for (let i = 0; i < pairs.length; i += 2) buttons.push(pairs.slice(i, i + 2));
  return { text: lines.join("\n"), buttons };
}

export function encodeRoster(filter: RosterFilter, page: number): string {
  return filter.kind === "no-secretary" ? `ro:-:nosec:${page}` : `ro:${filter.step}:${filter.state}:${page}`;
}

export function renderRoster(
  filter: RosterFilter,
  result: { items: RosterItem[]; total: number; page: number; pages: number },
  { lang, t, campaign }: Context,
): { text: string; buttons: Buttons } {
  const milestone = filter.kind === "step" ? campaign.milestones.find((m) => m.key === filter.step) : undefined;
  const title =
    filter.kind === "no-secretary"
      ? t(lang, "roster-title-nosec", { total: result.total })
      : t(lang, `roster-title-${filter.state}`, { step: milestoneName(milestone!, lang), total: result.total });
  const lines = [`${title} · ${t(lang, "roster-page", { page: result.page, pages: result.pages })}`, ""];
  const start = (result.page - 1) * 10;
  result.items.forEach((item, i) => {
    const when =
      item.deadline === undefined
        ? ""
        : filter.kind === "step" && filter.state === "late"
          ? ` — ${t(lang, "roster-late", { days: item.days ?? 0, date: formatDmy(item.deadline) })}`
          : ` — ${t(lang, "roster-due", { days: item.days ?? 0, date: formatDmy(item.deadline) })}`;
    lines.push(`${start + i + 1}. ${item.code} ${displayName(item.name)}${when}`);
  });
  if (result.items.length === 0) lines.push(t(lang, "roster-empty"));
  const nudgeable = filter.kind === "step" && filter.state !== "done";
  const buttons: Buttons = result.items.map((item) => [
    { text: `🔎 ${item.code}`, data: `un:${item.code}` },
    ...(nudgeable ? [{ text: `🔔 ${t(lang, "roster-nudge")}`, data: `nu:${item.code}:${filter.step}` }] : []),
  ]);
  const nav: Buttons[number] = [];
  if (result.page > 1) nav.push({ text: "◀", data: encodeRoster(filter, result.page - 1) });
  nav.push({ text: `${result.page}/${result.pages}`, data: encodeRoster(filter, result.page) });
  if (result.page < result.pages) nav.push({ text: "▶", data: encodeRoster(filter, result.page + 1) });
  buttons.push(nav);
  if (nudgeable && result.items.length > 0 && filter.kind === "step") {
    buttons.push([
      { text: `🔔 ${t(lang, "roster-nudge-page")}`, data: `np:${filter.step}:${filter.state}:${result.page}` },
    ]);
  }
  buttons.push([{ text: `⬅ ${t(lang, "roster-home")}`, data: "pg:home" }]);
  return { text: lines.join("\n"), buttons };
}

export function parseRoster(data: string): { filter: RosterFilter; page: number } | undefined {
  const m = /^ro:([a-z_]{2,20}|-):([a-z-]{2,12}):(\d{1,4})$/.exec(data);
  if (!m) return undefined;
  const page = Number(m[3]);
  if (m[1] === "-" && m[2] === "nosec") return { filter: { kind: "no-secretary" }, page };
  const states = ["done", "late", "due", "open", "unknown", "skipped", "unplanned"];
  if (m[1] === "-" || !states.includes(m[2]!)) return undefined;
  return { filter: { kind: "step", step: m[1]!, state: m[2] as never }, page };
}

export function renderUnitCard(
  card: {
    unit: Unit;
    steps: StepStatus[];
    history: ReportEvent[];
    members: Membership[];
    reporterNames: Map<number, string>;
    expected?: Map<string, string>;
  },
  { lang, t, campaign }: Context,
  unitTypeName: (type: string) => string,
): string {
  const { unit } = card;
  const by = (id: number | null) => (id === null ? "CLI" : displayName(card.reporterNames.get(id) ?? String(id)));
  const lines = [
    `${unit.code} — ${displayName(unit.name)}`,
    t(lang, "unit-kind", {
      kind: t(lang, `unit-kind-${unit.kind}`),
      type: unitTypeName(unit.type),
      model: t(lang, unit.model ? "unit-model-yes" : "unit-model-no"),
    }),
    t(lang, "unit-members", {
      names: card.members.map((m) => `${displayName(m.name)} (${t(lang, `role-${m.role}`)})`).join(", ") || "—",
    }),
    "",
  ];
  for (const s of card.steps) {
    const name = milestoneName(s.milestone, lang);
    if (s.state === "done") {
      const reporter = s.event
        ? ` — ${t(lang, "unit-reported-by", { by: by(s.event.reportedBy), at: formatDmy(dateInZone(s.event.reportedAt, campaign.timeZone)) })}`
        : ` — ${t(lang, "unit-from-registry")}`;
      lines.push(`✅ ${name}: ${formatDmy(s.date!)}${reporter}`);
      const d = s.event?.details ?? {};
      if (d.members_elected !== undefined)
        lines.push(`   ${t(lang, "report-detail-members", { count: d.members_elected })}`);
      if (d.secretary_elected !== undefined)
        lines.push(`   ${t(lang, `report-detail-secretary-${d.secretary_elected ? "yes" : "no"}`)}`);
      if (d.delegates_elected !== undefined)
        lines.push(`   ${t(lang, `report-detail-delegates-${d.delegates_elected ? "yes" : "no"}`)}`);
    } else if (s.state === "late") {
      lines.push(`❗ ${name}: ${t(lang, "unit-step-late", { date: formatDmy(s.deadline!), days: s.days ?? 0 })}`);
    } else if (s.state === "due" || s.state === "open") {
      lines.push(`⏳ ${name}: ${t(lang, "unit-step-due", { date: formatDmy(s.deadline!), days: s.days ?? 0 })}`);
    } else {
      lines.push(`▫️ ${name}: ${t(lang, `state-${s.state}`)}`);
    }
    const expected = s.state !== "done" ? card.expected?.get(s.milestone.key) : undefined;
    if (expected) lines[lines.length - 1] += ` · ${t(lang, "status-expected", { date: formatDmy(expected) })}`;
  }
  const corrections = card.history.filter((e) => e.supersedes);
  if (corrections.length) {
    lines.push("", t(lang, "unit-history"));
    for (const e of card.history.slice(-12)) {
      const m = campaign.milestones.find((x) => x.key === e.milestone);
      lines.push(
        `• ${m ? milestoneShort(m, lang) : e.milestone}: ${formatDmy(e.date)} — ${by(e.reportedBy)}, ${formatDmy(dateInZone(e.reportedAt, campaign.timeZone))}${e.supersedes ? ` ${t(lang, "unit-correction")}` : ""}`,
      );
    }
  }
  return lines.join("\n");
}
