import type { MiddlewareFn } from "grammy";
import { langFromTelegram } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import type { Translate } from "../../translate.ts";
import type { BotContext } from "../context.ts";

/** Per update: a child logger, the default language, and nothing else yet (no database). */
export function contextSetup(logger: Logger, tr: Translate): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    ctx.tr = tr;
    ctx.lang = langFromTelegram(ctx.from?.language_code);
    await next();
  };
}

/** Answers each update once: a redelivery (also a concurrent one) stops here. */
export function dedupeUpdates(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!(await services.updates.claim(ctx.update.update_id))) {
      ctx.log.info("update already processed; skipped");
      return;
    }
    await next();
  };
}

/** Remembers who wrote and loads their /lang choice. */
export function loadUser(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.from && !ctx.from.is_bot) {
      const user = await services.people.seen(ctx.from);
      if (user.chosenLang) ctx.lang = user.chosenLang;
    }
    await next();
  };
}
