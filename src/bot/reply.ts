import type { InlineKeyboard } from "grammy";
import type { BotContext } from "./context.ts";
import { say } from "./say.ts";

/**
 * Sends plain text (escaped) as Telegram HTML, split into several messages when long; the keyboard goes last.
 * A reply Telegram cannot take now arrives later, through the outbox.
 */
export async function replyText(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await say(ctx, ctx.services, text, keyboard);
}
