import type { InlineKeyboard } from "grammy";
import type { BotContext } from "./context.ts";
import { splitMessage } from "./html.ts";

/** Sends plain text (escaped) as Telegram HTML, split into several messages when long; the keyboard goes last. */
export async function replyText(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const parts = splitMessage([{ text }]);
  for (const [i, html] of parts.entries()) {
    await ctx.reply(html, {
      parse_mode: "HTML",
      ...(keyboard && i === parts.length - 1 ? { reply_markup: keyboard } : {}),
    });
  }
}
