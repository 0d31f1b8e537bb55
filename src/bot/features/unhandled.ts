import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { replyText } from "../reply.ts";

/** Registered last: unknown commands, non-text messages and stale buttons get a clear reply. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("message:text", async (ctx) => {
    await replyText(ctx, ctx.t("unknown-command"));
  });
  composer.on("message", async (ctx) => {
    await replyText(ctx, ctx.t("unsupported-message"));
  });
  composer.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("feedback-invalid") });
  });
  return composer;
}
