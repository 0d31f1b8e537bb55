import type { MiddlewareFn } from "grammy";
import { langFromTelegram } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import type { InboxUpdate } from "../../services/updates.ts";
import type { Translate } from "../../translate.ts";
import type { BotContext } from "../context.ts";

/** Per update: a child logger, the default language, the services; no database call yet. */
export function contextSetup(logger: Logger, tr: Translate, services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    ctx.tr = tr;
    ctx.services = services;
    ctx.lang = langFromTelegram(ctx.from?.language_code);
    await next();
  };
}

/**
 * Each update is handled to the end once: taken from the inbox before anything happens (a redelivery — also a
 * concurrent one — stops here), marked done after its handler. If the process stops or dies meanwhile, the update
 * is handled again after the restart.
 */
export function inboxUpdates(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!(await services.updates.begin(ctx.update as unknown as InboxUpdate))) {
      ctx.log.info("update already handled; skipped");
      return;
    }
    try {
      await next();
    } finally {
      await services.updates.finish(ctx.update.update_id);
    }
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
