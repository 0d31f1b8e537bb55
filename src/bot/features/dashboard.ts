import { Composer, InlineKeyboard } from "grammy";
import { requireBoard, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml } from "../html.ts";

/** The dashboard's address, and its one-time browser login link (the token in the fragment: never sent in a request line). */
export function dashboardLinks(publicUrl: string, loginToken: string) {
  const page = `${publicUrl}/dashboard`;
  return { page, login: `${page}#login=${loginToken}` };
}

/**
 * /dashboard (Board members, private chat): a Mini App button (Telegram opens web_app buttons only for https) and a
 * one-time login link for a browser, valid 10 minutes; the chat's menu button becomes the Mini App too.
 */
export function dashboardFeature(deps: AccessDeps & { dashboardUrl: string | undefined }): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("dashboard", async (ctx) => {
    const person = await requireBoard(ctx, deps);
    if (!deps.dashboardUrl) {
      await ctx.reply(escapeHtml(ctx.t("dash-bot-off")), { parse_mode: "HTML" });
      return;
    }
    const { token, expiresAt } = await deps.services.dashboard.loginToken(person.telegramId);
    const links = dashboardLinks(deps.dashboardUrl, token);
    const time = new Intl.DateTimeFormat("en-GB", {
      timeZone: deps.services.campaign.timeZone,
      hour: "2-digit",
      minute: "2-digit",
    }).format(expiresAt);
    const https = links.page.startsWith("https://");
    const keyboard = new InlineKeyboard();
    if (https) keyboard.webApp(ctx.t("dash-bot-open"), links.page).row().url(ctx.t("dash-bot-browser"), links.login);
    await ctx.reply(
      `${escapeHtml(ctx.t("dash-bot-intro", { time }))}${https ? "" : `\n\n${escapeHtml(links.login)}`}`,
      { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(https ? { reply_markup: keyboard } : {}) },
    );
    if (https && ctx.chat) {
      // The menu button of a Board member's chat opens the Mini App (a side call: its failure is only logged).
      await ctx.api
        .setChatMenuButton({
          chat_id: ctx.chat.id,
          menu_button: { type: "web_app", text: ctx.t("dash-menu-button"), web_app: { url: links.page } },
        })
        .catch((error: unknown) => ctx.log.warn({ err: error }, "setChatMenuButton failed"));
    }
  });
  return composer;
}
