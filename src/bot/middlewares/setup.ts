import type { MiddlewareFn } from "grammy";
import { SUPPORTED_LANGS, type Lang } from "../../config.ts";
import type { Pool } from "../../db/pool.ts";
import { claimUpdate, upsertTelegramUser } from "../../db/telegram-store.ts";
import type { Logger } from "../../logger.ts";
import type { Translate } from "../../translate.ts";
import type { BotContext } from "../context.ts";

/** Telegram's language_code ("pl", "en-GB", "vi") → one of ours; anything else → Vietnamese. */
export function langFromTelegram(code: string | undefined): Lang {
  const base = (code ?? "").slice(0, 2).toLowerCase();
  return (SUPPORTED_LANGS as readonly string[]).includes(base) ? (base as Lang) : "vi";
}

/** Per update: a child logger, the default language, and nothing else yet (no database). */
export function contextSetup(logger: Logger, tr: Translate): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    ctx.tr = tr;
    ctx.lang = langFromTelegram(ctx.from?.language_code);
    await next();
  };
}

/**
 * Answers each update once: the update id is claimed in Postgres before anything else happens, so a
 * redelivery (also a concurrent one) stops here. A crash after the claim loses that update (at most once).
 */
export function dedupeUpdates(pool: Pool): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!(await claimUpdate(pool, ctx.update.update_id))) {
      ctx.log.info("update already processed; skipped");
      return;
    }
    await next();
  };
}

/** Remembers who wrote and loads their /lang choice. */
export function loadUser(pool: Pool): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.from && !ctx.from.is_bot) {
      const user = await upsertTelegramUser(pool, ctx.from);
      if (user.chosenLang) ctx.lang = user.chosenLang;
    }
    await next();
  };
}
