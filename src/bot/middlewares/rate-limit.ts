import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../html.ts";

/**
 * At most `limit` questions per person in any `windowMs` (a sliding window kept in memory). Over the limit the
 * person gets a polite reply in their language and the question is not answered. (Our own few lines rather than
 * @grammyjs/ratelimiter, whose over-limit callback cannot be awaited: its reply would race the next update.)
 */
export function rateLimitQuestions(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): MiddlewareFn<BotContext> {
  const now = options.now ?? Date.now;
  const history = new Map<number, number[]>();
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const t = now();
    const recent = (history.get(userId) ?? []).filter((at) => t - at < options.windowMs);
    if (recent.length >= options.limit) {
      history.set(userId, recent);
      await ctx.reply(escapeHtml(ctx.t("rate-limited")), { parse_mode: "HTML" });
      return;
    }
    recent.push(t);
    history.set(userId, recent);
    if (history.size > 10_000) {
      for (const [id, times] of history) if (times.every((at) => t - at >= options.windowMs)) history.delete(id);
    }
    await next();
  };
}
