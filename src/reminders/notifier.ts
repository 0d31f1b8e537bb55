/**
 * The port through which domain code sends Telegram messages (app.ts implements it with bot.api), and a
 * throttle that keeps within Telegram's limits: about 25 messages a second overall, 1 a second per chat, and
 * after a 429 no call at all before its retry_after has passed — for the whole bot, not just that chat.
 */
export type Notifier = { send(chatId: number, html: string): Promise<{ messageId: number }> };

/** How a failed send should be treated. */
export class SendError extends Error {
  constructor(
    readonly kind: "blocked" | "retry" | "rate-limited" | "fatal",
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "SendError";
  }
}

export type ThrottleOptions = {
  perSecond?: number;
  perChatIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts for one message on 429 before giving up (the delivery is then retried later). */
  maxRateLimitedAttempts?: number;
};

export function createThrottledNotifier(inner: Notifier, options: ThrottleOptions = {}) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const minIntervalMs = 1000 / (options.perSecond ?? 25);
  const perChatMs = options.perChatIntervalMs ?? 1000;
  let nextSlot = 0;
  let pausedUntil = 0;
  const lastByChat = new Map<number, number>();
  let chain: Promise<unknown> = Promise.resolve();
  const stats = { sent: 0, rateLimited: 0 };

  async function waitForSlot(chatId: number) {
    for (;;) {
      const t = now();
      const ready = Math.max(nextSlot, pausedUntil, (lastByChat.get(chatId) ?? -Infinity) + perChatMs);
      if (ready <= t) break;
      await sleep(ready - t);
    }
    const t = now();
    nextSlot = t + minIntervalMs;
    lastByChat.set(chatId, t);
  }

  async function sendNow(chatId: number, html: string): Promise<{ messageId: number }> {
    for (let attempt = 1; ; attempt++) {
      await waitForSlot(chatId);
      try {
        const result = await inner.send(chatId, html);
        stats.sent++;
        return result;
      } catch (error) {
        if (error instanceof SendError && error.kind === "rate-limited") {
          stats.rateLimited++;
          pausedUntil = Math.max(pausedUntil, now() + (error.retryAfterSeconds ?? 1) * 1000);
          if (attempt < (options.maxRateLimitedAttempts ?? 5)) continue;
        }
        throw error;
      }
    }
  }

  return {
    stats,
    /** Sends one message after the ones before it (serialised, so the limits hold across callers). */
    send(chatId: number, html: string): Promise<{ messageId: number }> {
      const result = chain.then(() => sendNow(chatId, html));
      chain = result.catch(() => undefined);
      return result;
    },
  };
}

export type ThrottledNotifier = ReturnType<typeof createThrottledNotifier>;
