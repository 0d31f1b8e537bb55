import type { FakeBotApi } from "./fake-bot-api.ts";

export type TelegramLimits = {
  /** Messages per rolling second for the whole bot (Telegram: about 30). */
  perSecond?: number;
  /** Gap between two messages to one chat; a little under a second: network jitter is a "small burst". */
  perChatMinGapMs?: number;
  /** Chats that blocked the bot: 403. */
  blocked?: Set<number>;
  now?: () => number;
};

const MESSAGE_METHOD = /^(send(?!ChatAction)|edit|copy|forward)/;

/**
 * Makes the Bot API stand-in enforce Telegram's flood limits the way Telegram does: over the global budget or too
 * fast into one chat, a 429 with retry_after; during a retry_after window every call (other than getUpdates) is
 * refused again and counted — Telegram punishes bots that keep calling. Counts what a limit-abiding bot must keep
 * at zero.
 */
export function enforceTelegramLimits(api: FakeBotApi, limits: TelegramLimits = {}) {
  const now = limits.now ?? Date.now;
  const perSecond = limits.perSecond ?? 30;
  const perChatGap = limits.perChatMinGapMs ?? 900;
  const accepted: number[] = [];
  const lastByChat = new Map<string, number>();
  let pausedUntil = 0;
  const stats = { messages: 0, tooManyRequests: 0, insideRetryAfter: 0, blocked: 0 };

  const tooMany = (retryAfterS: number) => {
    stats.tooManyRequests++;
    pausedUntil = Math.max(pausedUntil, now() + retryAfterS * 1000);
    return {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfterS}`,
        parameters: { retry_after: retryAfterS },
      },
    };
  };

  api.setRule((method, payload) => {
    const t = now();
    if (t < pausedUntil) {
      stats.insideRetryAfter++;
      return tooMany(Math.ceil((pausedUntil - t) / 1000));
    }
    if (!MESSAGE_METHOD.test(method)) return undefined;
    const chat = String(payload.chat_id ?? "");
    if (limits.blocked?.has(Number(chat))) {
      stats.blocked++;
      return {
        status: 403,
        body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      };
    }
    while (accepted.length && accepted[0]! <= t - 1000) accepted.shift();
    if (accepted.length >= perSecond) return tooMany(1);
    const last = lastByChat.get(chat);
    if (last !== undefined && t - last < perChatGap) return tooMany(1);
    accepted.push(t);
    lastByChat.set(chat, t);
    stats.messages++;
    return undefined;
  });
  return stats;
}
