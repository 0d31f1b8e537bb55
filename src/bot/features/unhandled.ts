import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../html.ts";

/** Registered last: unknown commands, non-text messages and stale buttons get a clear reply. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("message:text", async (ctx) => {
    await ctx.reply(escapeHtml(ctx.t("unknown-command")), { parse_mode: "HTML" });
  });
  composer.on("message", async (ctx) => {
    await ctx.reply(escapeHtml(ctx.t("unsupported-message")), { parse_mode: "HTML" });
  });
  composer.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("feedback-invalid") });
  });
  return composer;
}
