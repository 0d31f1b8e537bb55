import { Composer, InputFile } from "grammy";
import { progressChartPng } from "../../reports/chart.ts";
import { unitType } from "../../reports/xlsx.ts";
import type { RosterFilter } from "../../reports/views.ts";
import { displayName } from "../../text.ts";
import { requireBoard, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { splitMessage } from "../html.ts";
import { parseRoster, renderHeadline, renderRoster, renderUnitCard, type HeadlineMode } from "../render-board.ts";
import { toInlineKeyboard, type Buttons } from "../render-outbox.ts";
import { replyText } from "../reply.ts";

/**
 * The Board's views at any number of units: /progress and /overdue are one message with buttons into rosters;
 * a roster is a paged list edited in place, each unit a button into its card, with nudges; /unit finds a unit by
 * code or a part of its name; /export sends the workbook. Every command and button checks the Board role first.
 */
export function boardFeature(deps: AccessDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { board, campaign } = deps.services;
  const context = (ctx: BotContext) => ({ lang: ctx.lang, t: ctx.tr, campaign });

  async function headline(ctx: BotContext, mode: HeadlineMode) {
    const summary = await board.summary();
    return renderHeadline(summary, mode, context(ctx));
  }

  /** Shows a view: a new message for a command, the same message edited for a button. */
  async function show(ctx: BotContext, view: { text: string; buttons: Buttons }) {
    const keyboard = toInlineKeyboard(view.buttons);
    if (ctx.callbackQuery?.message) {
      const [html] = splitMessage([{ text: view.text }]);
      await ctx.editMessageText(html!, { parse_mode: "HTML", reply_markup: keyboard }).catch((error: unknown) => {
        // Pressing the page one is on: "message is not modified".
        if (!/not modified/i.test(String((error as Error).message))) throw error;
      });
      return;
    }
    await replyText(ctx, view.text, keyboard);
  }

  composer.command("progress", async (ctx) => {
    await requireBoard(ctx, deps);
    const summary = await board.summary();
    await show(ctx, renderHeadline(summary, "progress", context(ctx)));
    // The picture: units per step and state, and congresses held against planned over the campaign's days.
    const png = await progressChartPng({
      campaign,
      summary,
      burnUp: await board.burnUp(),
      lang: ctx.lang,
      translate: ctx.tr,
    });
    await ctx.replyWithPhoto(new InputFile(png, `daihoi-progress-${summary.date}.png`), {
      caption: ctx.t("chart-caption"),
    });
  });

  composer.command("overdue", async (ctx) => {
    await requireBoard(ctx, deps);
    await show(ctx, await headline(ctx, "overdue"));
  });

  composer.callbackQuery("pg:home", async (ctx) => {
    await requireBoard(ctx, deps);
    await ctx.answerCallbackQuery();
    await show(ctx, await headline(ctx, "progress"));
  });

  async function showRoster(ctx: BotContext, filter: RosterFilter, page: number) {
    const result = await board.roster(filter, page);
    await show(ctx, renderRoster(filter, result, context(ctx)));
  }

  composer.callbackQuery(/^ro:/, async (ctx) => {
    await requireBoard(ctx, deps);
    const parsed = parseRoster(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: ctx.t("feedback-invalid") });
      return;
    }
    await ctx.answerCallbackQuery();
    await showRoster(ctx, parsed.filter, parsed.page);
  });

  async function unitCard(ctx: BotContext, code: string) {
    const card = await board.unitCard(code);
    const text = renderUnitCard(card, context(ctx), (type) => unitType(type, ctx.lang, ctx.tr));
    await replyText(ctx, text);
  }

  composer.callbackQuery(/^un:([A-Z0-9_-]{2,32})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    await ctx.answerCallbackQuery();
    await unitCard(ctx, ctx.match[1]!);
  });

  composer.command("unit", async (ctx) => {
    await requireBoard(ctx, deps);
    const query = ctx.match.trim();
    if (!query) {
      await replyText(ctx, ctx.t("unit-usage"));
      return;
    }
    const found = await board.search(query);
    if (found.length === 0) {
      await replyText(ctx, ctx.t("unit-none-found", { query: query.slice(0, 60) }));
      return;
    }
    if (found.length === 1) {
      await unitCard(ctx, found[0]!.code);
      return;
    }
    // Several: a button each (the first ten), as in a roster.
    const shown = found.slice(0, 10);
    await show(ctx, {
      text: [
        ctx.t("unit-several", { count: found.length, query: query.slice(0, 60) }),
        ...shown.map((u) => `• ${u.code} ${displayName(u.name)}`),
      ].join("\n"),
      buttons: shown.map((u) => [{ text: `🔎 ${u.code}`, data: `un:${u.code}` }]),
    });
  });

  composer.callbackQuery(/^nu:([A-Z0-9_-]{2,32}):([a-z_]{2,20})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    const sent = await board.nudge({ unitCodes: [ctx.match[1]!], step: ctx.match[2]! });
    await ctx.answerCallbackQuery({ text: ctx.t(sent ? "nudge-sent" : "nudge-none", { count: sent }) });
  });

  composer.callbackQuery(/^np:([a-z_]{2,20}):([a-z]{2,12}):(\d{1,4})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    const filter: RosterFilter = { kind: "step", step: ctx.match[1]!, state: ctx.match[2] as never };
    const page = await board.roster(filter, Number(ctx.match[3]));
    const sent = await board.nudge({ unitCodes: page.items.map((i) => i.code), step: ctx.match[1]! });
    await ctx.answerCallbackQuery({ text: ctx.t(sent ? "nudge-sent" : "nudge-none", { count: sent }) });
  });

  composer.command("export", async (ctx) => {
    await requireBoard(ctx, deps);
    // "/export" — the workbook; "/export csv" or "/export csv;" — the table as CSV with "," or ";".
    const arg = ctx.match.trim().toLowerCase().replace(/\s+/g, "");
    const today = board.today();
    if (arg === "csv" || arg === "csv;") {
      const csv = await board.exportCsv(ctx.lang, arg === "csv;" ? ";" : ",");
      await ctx.replyWithDocument(new InputFile(Buffer.from(csv, "utf8"), `daihoi-progress-${today}.csv`), {
        caption: ctx.t("export-caption-csv"),
      });
      return;
    }
    const xlsx = await board.exportXlsx(ctx.lang);
    await ctx.replyWithDocument(new InputFile(xlsx, `daihoi-progress-${today}.xlsx`), {
      caption: ctx.t("export-caption"),
    });
  });

  return composer;
}
