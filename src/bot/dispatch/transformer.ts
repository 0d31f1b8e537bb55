import { AsyncLocalStorage } from "node:async_hooks";
import type { Transformer } from "grammy";
import type { Limiter, Reacquire } from "./limiter.ts";
import { classifySendError } from "./send-policy.ts";

const RETRY_DELAYS_MS = [1000, 3000];

/** Methods that put a message in a chat: they take the chat's slot and a slot of the global budget. */
const MESSAGE_METHOD = /^(send(?!ChatAction)|edit|copy|forward)/;
// Not messages, but many at once (a menu per person at start): they take a slot of the global budget, after
// whatever someone is waiting for.
const BULK_SETTINGS = /^(setMyCommands|deleteMyCommands|setMyDescription|setMyShortDescription|setChatMenuButton)$/;
// Not a send: fetching updates never waits (it would only delay what people wrote).
const EXEMPT = new Set(["getUpdates", "getMe", "close", "logOut"]);

/** Inside a job that already holds a chat's slot (the outbox sender): calls to that chat do not queue again. */
const heldSlot = new AsyncLocalStorage<{ chatId: number; reacquire: Reacquire; retryOn429: boolean }>();

/** Runs `fn` holding `chatId`'s slot of `limiter`, as bulk work (interactive replies go first). */
export function withChatSlot<T>(
  limiter: Limiter,
  chatId: number,
  fn: () => Promise<T>,
  options: { retryOn429?: boolean } = {},
): Promise<T> {
  return limiter.schedule(
    chatId,
    (reacquire) => heldSlot.run({ chatId, reacquire, retryOn429: options.retryOn429 ?? false }, fn),
    "bulk",
  );
}

export type LimitOptions = {
  /** A 429 asking to wait at most this long is waited out and the call made again (interactive replies). */
  maxInlineRetryAfterS?: number;
  maxInlineRetries?: number;
};

/**
 * The API transformer that puts every Bot API call of an `Api` instance under the one limiter: installed on every
 * instance the process uses (bot.api, which also serves ctx.reply and the outbox sender). After a 429 the
 * limiter pauses everything until retry_after; a call that got it is made again (it surely was not taken) when
 * the wait is short, else the 429 goes back to the caller (the outbox then sends it later).
 */
export function limitApi(limiter: Limiter, options: LimitOptions = {}): Transformer {
  const now = limiter.now;
  const maxInline = options.maxInlineRetryAfterS ?? 10;
  const maxRetries = options.maxInlineRetries ?? 2;
  return async (prev, method, payload, signal) => {
    if (EXEMPT.has(method)) return prev(method, payload, signal);
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const held = heldSlot.getStore();
    // Interactive calls (`retry`) are made again when Telegram surely did not take them — a short 429, an error
    // answer from the Bot API, a connection never made — a couple of times; never after a timeout. Scheduled sends
    // are not: their send policy decides (the outbox retries later).
    const call = async (reacquire: Reacquire, retry: boolean) => {
      for (let attempt = 0; ; attempt++) {
        let result: Awaited<ReturnType<typeof prev>>;
        try {
          result = await prev(method, payload, signal);
        } catch (error) {
          if (!retry || attempt >= maxRetries || classifySendError(error).kind !== "retryable") throw error;
          await limiter.wait(RETRY_DELAYS_MS[attempt]!);
          await reacquire();
          continue;
        }
        if (result.ok) return result;
        if (result.error_code === 429) {
          const retryAfterS = result.parameters?.retry_after ?? 1;
          limiter.pauseUntil(now() + retryAfterS * 1000);
          if (!retry || attempt >= maxRetries || retryAfterS > maxInline) return result;
        } else if (result.error_code >= 500) {
          if (!retry || attempt >= maxRetries) return result;
          await limiter.wait(RETRY_DELAYS_MS[attempt]!);
        } else {
          return result;
        }
        await reacquire();
      }
    };
    if (BULK_SETTINGS.test(method)) return limiter.schedule(undefined, (reacquire) => call(reacquire, true), "bulk");
    if (!MESSAGE_METHOD.test(method) || (typeof chatId !== "number" && typeof chatId !== "string")) {
      // answerCallbackQuery, setMyCommands, sendChatAction…: not messages, but nothing goes out during a pause.
      await limiter.whenUnpaused();
      return call(() => limiter.whenUnpaused(), true);
    }
    if (held && String(held.chatId) === String(chatId)) return call(held.reacquire, held.retryOn429);
    return limiter.schedule(chatId, (reacquire) => call(reacquire, true), "interactive");
  };
}
