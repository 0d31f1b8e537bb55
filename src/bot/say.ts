import type { InlineKeyboard } from "grammy";
import type { OutboxMessage } from "../outbox/messages.ts";
import type { Services } from "../services/index.ts";
import type { BotContext } from "./context.ts";
import { classifySendError } from "./dispatch/send-policy.ts";
import { htmlToPlainText, splitMessage } from "./html.ts";
import { fromInlineKeyboard } from "./render-outbox.ts";

/**
 * Sends a reply in parts (HTML already rendered). A part Telegram surely did not take now — a 429 asking for a long
 * wait, repeated 5xx, a connection never made — is not dropped: what is left of the reply goes through the outbox
 * (`later`: what to say, not HTML) and arrives once, later. A part that timed out is not sent again (Telegram may
 * have delivered it). Other errors (a bug: bad HTML) go to the error boundary. Returns false when deferred or lost.
 */
export async function sendParts(
  ctx: BotContext,
  services: Services,
  parts: string[],
  options: {
    keyboard?: InlineKeyboard | undefined;
    later: (fromPart: number) => OutboxMessage;
    /** Told the Telegram id of the last part once it is sent (a flow's message, edited later). */
    onSent?: (messageId: number) => void;
  },
): Promise<boolean> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return false;
  for (const [i, html] of parts.entries()) {
    const last = i === parts.length - 1;
    try {
      const sent = await ctx.api.sendMessage(chatId, html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
      });
      if (last) options.onSent?.(sent.message_id);
    } catch (error) {
      const c = classifySendError(error);
      if (c.kind === "rate-limited" || c.kind === "retryable") {
        // The outbox sender goes through the same limiter: it waits out the 429's pause like everything else.
        await services.outbox.enqueue([
          { key: `reply:${ctx.update.update_id}:${i}`, kind: "reply", telegramId: chatId, message: options.later(i) },
        ]);
        ctx.log.warn({ err: error, part: i }, "reply could not be sent now; it goes through the outbox");
        return false;
      }
      if (c.kind === "ambiguous") {
        ctx.log.warn({ err: error, part: i }, "reply may or may not have arrived (timeout); not sent again");
        return false;
      }
      throw error;
    }
  }
  return true;
}

/** A plain-text reply (escaped here), split when long, the keyboard under the last part; deferred if need be. */
export async function say(
  ctx: BotContext,
  services: Services,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<boolean> {
  const parts = splitMessage([{ text }]);
  return sendParts(ctx, services, parts, { keyboard, later: (from) => remainingText(parts, from, keyboard) });
}

/** What is left of a reply from part `from` on, as plain text with the reply's buttons. */
export function remainingText(parts: string[], from: number, keyboard?: InlineKeyboard): OutboxMessage {
  return {
    type: "text",
    text: htmlToPlainText(parts.slice(from).join("\n\n")),
    ...(keyboard ? { buttons: fromInlineKeyboard(keyboard) } : {}),
  };
}
