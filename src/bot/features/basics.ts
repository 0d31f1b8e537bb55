import { Composer, InlineKeyboard } from "grammy";
import { SUPPORTED_LANGS, type Lang } from "../../config.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../html.ts";

/** /start, /help and /lang. */
export function basicsFeature(deps: { services: Services }): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("start", async (ctx) => {
    const name = ctx.from?.first_name ?? "";
    await ctx.reply(escapeHtml(ctx.t("start-welcome", { name })), { parse_mode: "HTML" });
  });

  composer.command("help", async (ctx) => {
    await ctx.reply(escapeHtml(ctx.t("help")), { parse_mode: "HTML" });
  });

  const isLang = (value: string): value is Lang => (SUPPORTED_LANGS as readonly string[]).includes(value);

  async function choose(ctx: BotContext, lang: Lang) {
    if (ctx.from) await deps.services.people.setLanguage(ctx.from.id, lang);
    ctx.lang = lang;
    ctx.i18n.useLocale(lang);
  }

  composer.command("lang", async (ctx) => {
    const arg = ctx.match.trim().toLowerCase();
    if (arg) {
      if (!isLang(arg)) {
        await ctx.reply(escapeHtml(ctx.t("lang-unknown", { value: arg.slice(0, 20) })), { parse_mode: "HTML" });
        return;
      }
      await choose(ctx, arg);
      await ctx.reply(escapeHtml(ctx.t("lang-set")), { parse_mode: "HTML" });
      return;
    }
    const keyboard = new InlineKeyboard()
      .text("Tiếng Việt", "lang:vi")
      .text("Polski", "lang:pl")
      .text("English", "lang:en");
    await ctx.reply(escapeHtml(ctx.t("lang-choose")), { parse_mode: "HTML", reply_markup: keyboard });
  });

  composer.callbackQuery(/^lang:(vi|pl|en)$/, async (ctx) => {
    const lang = ctx.match[1] as Lang;
    await choose(ctx, lang);
    await ctx.answerCallbackQuery({ text: ctx.t("lang-set") });
    await ctx.editMessageText(escapeHtml(ctx.t("lang-set")), { parse_mode: "HTML" }).catch((error: unknown) => {
      ctx.log.warn({ err: error }, "could not edit the language message");
    });
  });

  return composer;
}
