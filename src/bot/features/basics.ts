import { Composer, InlineKeyboard } from "grammy";
import { SUPPORTED_LANGS, type Lang } from "../../config.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import { syncMenu } from "../menus.ts";
import { replyText } from "../reply.ts";
import { escapeHtml } from "../html.ts";

/** /start, /help and /lang. */
export function basicsFeature(deps: { services: Services; dashboardUrl?: string | undefined }): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  // A bare /start: the greeting, and for someone not registered to a unit, how to join.
  composer.command("start", async (ctx) => {
    const name = ctx.from?.first_name ?? "";
    const person = ctx.from ? await deps.services.people.person(ctx.from.id) : undefined;
    const joined = person?.membership || person?.board;
    await replyText(ctx, `${ctx.t("start-welcome", { name })}${joined ? "" : `\n\n${ctx.t("start-how-to-join")}`}`);
  });

  composer.command("help", async (ctx) => {
    await replyText(ctx, ctx.t("help"));
  });

  const isLang = (value: string): value is Lang => (SUPPORTED_LANGS as readonly string[]).includes(value);

  async function choose(ctx: BotContext, lang: Lang) {
    if (!ctx.from) return;
    await deps.services.people.setLanguage(ctx.from.id, lang);
    ctx.lang = lang;
    ctx.i18n.useLocale(lang);
    // The command menu in the new language too.
    await syncMenu(ctx.api, deps.services, ctx.tr, ctx.from.id, deps.dashboardUrl).catch((error: unknown) =>
      ctx.log.warn({ err: error }, "could not update a command menu"),
    );
  }

  composer.command("lang", async (ctx) => {
    const arg = ctx.match.trim().toLowerCase();
    if (arg) {
      if (!isLang(arg)) {
        await replyText(ctx, ctx.t("lang-unknown", { value: arg.slice(0, 20) }));
        return;
      }
      await choose(ctx, arg);
      await replyText(ctx, ctx.t("lang-set"));
      return;
    }
    const keyboard = new InlineKeyboard()
      .text("Tiếng Việt", "lang:vi")
      .text("Polski", "lang:pl")
      .text("English", "lang:en");
    await replyText(ctx, ctx.t("lang-choose"), keyboard);
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
