import type { Api } from "grammy";
import type { Lang } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import type { Translate } from "../translate.ts";

/** What everyone sees in the command menu; members and the Board get theirs in their own chat. */
const EVERYONE = ["start", "help", "lang", "whoami"];
const MEMBER = [...EVERYONE, "report", "status", "deadlines"];
const BOARD = [
  ...EVERYONE,
  "progress",
  "overdue",
  "unit",
  "export",
  "invite",
  "invites",
  "members",
  "broadcast",
  "audit",
  "grant",
  "revoke",
  "dashboard",
  "questions",
  "answer",
];
const MENU_VERSION = 3;

type Role = "board" | "member" | "none";

function menuKey(role: Role, lang: Lang, app: boolean): string | null {
  return role === "none" ? null : `${role}:${lang}:v${MENU_VERSION}${app ? ":app" : ""}`;
}

function commandsOf(role: Role, lang: Lang, t: Translate) {
  const list = role === "board" ? BOARD : role === "member" ? MEMBER : EVERYONE;
  return list.map((command) => ({ command, description: t(lang, `cmd-${command}`) }));
}

/**
 * Gives one person the command menu of their role, in their language, in their own chat (Telegram's chat scope):
 * Board commands appear only in Board members' chats, a member's in members' chats. With the dashboard on https
 * (`dashboardUrl`), a Board member's menu button opens it as a Mini App; it goes back to the commands when the
 * rights go. Published only on change.
 */
export async function syncMenu(
  api: Api,
  services: Services,
  t: Translate,
  telegramId: number,
  dashboardUrl?: string,
): Promise<void> {
  const person = await services.people.person(telegramId);
  const role: Role = person.board ? "board" : person.membership ? "member" : "none";
  const lang = await services.people.languageOf(telegramId);
  const app = role === "board" && dashboardUrl?.startsWith("https://") === true;
  const wanted = menuKey(role, lang, app);
  const had = await services.people.menu(telegramId);
  if (had === wanted) return;
  const scope = { type: "chat" as const, chat_id: telegramId };
  if (role === "none") await api.deleteMyCommands({ scope });
  else await api.setMyCommands(commandsOf(role, lang, t), { scope });
  if (app) {
    await api.setChatMenuButton({
      chat_id: telegramId,
      menu_button: {
        type: "web_app",
        text: t(lang, "dash-menu-button"),
        web_app: { url: `${dashboardUrl}/dashboard` },
      },
    });
  } else if (had?.endsWith(":app")) {
    await api.setChatMenuButton({ chat_id: telegramId, menu_button: { type: "default" } });
  }
  await services.people.setMenu(telegramId, wanted);
}

/**
 * At start: the default menu and the bot's description in the three languages, then every member's and Board
 * member's own menu (only those that changed). Failures are logged, never fatal.
 */
export async function publishMenus(
  api: Api,
  services: Services,
  t: Translate,
  logger: Logger,
  dashboardUrl?: string,
): Promise<void> {
  for (const lang of ["vi", "pl", "en"] as const) {
    const language = lang === "vi" ? {} : { language_code: lang };
    const calls: [string, () => Promise<unknown>][] = [
      ["setMyCommands", () => api.setMyCommands(commandsOf("none", lang, t), language)],
      ["setMyDescription", () => api.setMyDescription(t(lang, "bot-description"), language)],
      ["setMyShortDescription", () => api.setMyShortDescription(t(lang, "bot-short-description"), language)],
    ];
    for (const [name, call] of calls) {
      try {
        await call();
      } catch (error) {
        logger.warn({ err: error, lang }, `${name} failed`);
      }
    }
  }
  const people = new Set([
    ...(await services.members.board()).map((b) => b.telegramId),
    ...(await services.members.list()).map((m) => m.telegramId),
  ]);
  for (const id of people) {
    try {
      await syncMenu(api, services, t, id, dashboardUrl);
    } catch (error) {
      logger.warn({ err: error, telegram_id: id }, "could not publish a command menu");
    }
  }
}
