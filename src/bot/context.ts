import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Lang } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import type { Translate } from "../translate.ts";

export type BotContext = Context &
  I18nFlavor & {
    /** The person's language for replies that are not answers to a question. */
    lang: Lang;
    log: Logger;
    tr: Translate;
    /** The use cases, for helpers that need them (replies deferred through the outbox). */
    services: Services;
  };
