import { I18n } from "@grammyjs/i18n";
import type { Lang } from "../config.ts";
import { LOCALES_DIR } from "../paths.ts";
import type { Translate } from "../translate.ts";
import type { BotContext } from "./context.ts";

/** The bot's translations (src/bot/locales/*.ftl). Locale: the person's /lang choice, else Telegram's, else vi. */
export function createI18n(): I18n<BotContext> {
  const i18n = new I18n<BotContext>({
    defaultLocale: "vi",
    // Fluent wraps variables in Unicode isolation marks by default; they would show up in Telegram and terminals.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.lang,
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}

export function translator(i18n: I18n<BotContext>): Translate {
  return (lang: Lang, key: string, variables?: Record<string, string | number>) => i18n.t(lang, key, variables);
}
