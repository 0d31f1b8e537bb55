import { Composer, InputFile } from "grammy";
import { formatDmy, dateInZone } from "../../dates.ts";
import { milestoneName } from "../../reports/campaign.ts";
import { displayName } from "../../text.ts";
import { requireBoard, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { replyText } from "../reply.ts";

export type BoardDeps = AccessDeps;

/** The Board's views: /progress, /overdue, /unit CODE, /export. Every command checks the Board role first. */
export function boardFeature(deps: BoardDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { reports } = deps.services;
  // A step removed from the campaign file since it was reported is shown by its key.
  const name = (key: string, ctx: BotContext) => {
    const milestone = reports.milestoneByKey(key);
    return milestone ? milestoneName(milestone, ctx.lang) : key;
  };

  composer.command("progress", async (ctx) => {
    await requireBoard(ctx, deps);
    const p = await reports.progress();
    const lines = [
      ctx.t("progress-title", { date: formatDmy(reports.today()) }),
      ctx.t("progress-held", { held: p.held, total: p.total }),
      ctx.t("progress-model", { held: p.model.held, total: p.model.total }),
      ctx.t("progress-others", { held: p.others.held, total: p.others.total }),
      "",
      ctx.t("progress-milestones"),
      ...p.perMilestone.map((m) => `• ${name(m.key, ctx)}: ${m.count}/${p.total}`),
      "",
      p.changes.length
        ? `${ctx.t("progress-changes")}\n${p.changes.map((c) => `• ${name(c.key, ctx)}: +${c.count}`).join("\n")}`
        : ctx.t("progress-no-changes"),
    ];
    await replyText(ctx, lines.join("\n"));
  });

  composer.command("overdue", async (ctx) => {
    await requireBoard(ctx, deps);
    const items = await reports.overdue();
    if (items.length === 0) {
      await replyText(ctx, ctx.t("overdue-none"));
      return;
    }
    const lines = [ctx.t("overdue-title", { count: new Set(items.map((i) => i.unit.code)).size })];
    for (const item of items) {
      const secretary = item.secretaries.map((s) => displayName(s.name)).join(", ") || ctx.t("overdue-no-secretary");
      lines.push(
        `• ${item.unit.code} ${item.unit.name}: ${milestoneName(item.milestone, ctx.lang)} — ${ctx.t("overdue-days", {
          days: item.daysLate,
          date: formatDmy(item.deadline),
        })} — ${ctx.t("overdue-secretary", { name: secretary })}`,
      );
    }
    await replyText(ctx, lines.join("\n"));
  });

  composer.command("unit", async (ctx) => {
    await requireBoard(ctx, deps);
    const code = ctx.match.trim();
    if (!code) {
      await replyText(ctx, ctx.t("unit-usage"));
      return;
    }
    const { unit, events, members } = await reports.history(code);
    const lines = [
      `${unit.code} — ${unit.name}`,
      ctx.t("unit-kind", {
        kind: ctx.t(`unit-kind-${unit.kind}`),
        type: unit.type,
        model: ctx.t(unit.model ? "unit-model-yes" : "unit-model-no"),
      }),
      ctx.t("unit-members", {
        names: members.map((m) => `${displayName(m.name)} (${ctx.t(`role-${m.role}`)})`).join(", ") || "—",
      }),
      "",
      events.length ? ctx.t("unit-history") : ctx.t("unit-no-history"),
      ...events.map((e) => {
        const at = formatDmy(dateInZone(e.reportedAt, reports.campaign.timeZone));
        const correction = e.supersedes ? ` ${ctx.t("unit-correction")}` : "";
        const figures = [
          e.details.members_elected !== undefined ? `${e.details.members_elected}` : "",
          e.details.secretary_elected !== undefined
            ? ctx.t(e.details.secretary_elected ? "report-yes" : "report-no")
            : "",
        ]
          .filter(Boolean)
          .join(", ");
        return `• ${name(e.milestone, ctx)}: ${formatDmy(e.date)}${figures ? ` (${figures})` : ""} — ${ctx.t("unit-reported", { at, by: String(e.reportedBy ?? "CLI") })}${correction}`;
      }),
    ];
    await replyText(ctx, lines.join("\n"));
  });

  composer.command("export", async (ctx) => {
    await requireBoard(ctx, deps);
    const csv = await reports.exportCsv();
    const file = new InputFile(Buffer.from(csv, "utf8"), `daihoi-progress-${reports.today()}.csv`);
    await ctx.replyWithDocument(file, { caption: ctx.t("export-caption") });
  });

  return composer;
}
