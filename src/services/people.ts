import type { Lang } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import {
  languagesOf,
  menuOf,
  setChosenLanguage,
  setMenu,
  setReachable,
  upsertTelegramUser,
} from "../db/telegram-store.ts";
import { skipPendingFor } from "../outbox/delivery-store.ts";
import { cleanText } from "../text.ts";
import { getPerson, type Person } from "../units/member-store.ts";

export type TelegramProfile = {
  id: number;
  first_name: string;
  username?: string | undefined;
  language_code?: string | undefined;
};

/** People who talk to the bot: who they are, their language, whether they can be written to. */
export function createPeopleService(deps: { pool: Pool; adminIds: readonly number[]; clock: () => Date }) {
  const { pool } = deps;
  return {
    /** Remembers who wrote (name, Telegram's language); returns their /lang choice, if any. */
    async seen(user: TelegramProfile): Promise<{ chosenLang: Lang | null }> {
      const stored = await upsertTelegramUser(pool, {
        ...user,
        first_name: cleanText(user.first_name),
        username: user.username === undefined ? undefined : cleanText(user.username),
      });
      return { chosenLang: stored.chosenLang };
    },
    async setLanguage(telegramId: number, lang: Lang): Promise<void> {
      await setChosenLanguage(pool, telegramId, lang);
    },
    /** Who someone is to the bot: a Board member, a member of one unit, both, or neither. */
    person(telegramId: number): Promise<Person> {
      return getPerson(pool, telegramId, deps.adminIds);
    },
    /** The command menu a person was last given (to publish a new one only when it changes). */
    menu: (telegramId: number): Promise<string | null> => menuOf(pool, telegramId),
    setMenu: (telegramId: number, menu: string | null): Promise<void> => setMenu(pool, telegramId, menu),
    /** The language to write to someone in. */
    async languageOf(telegramId: number): Promise<Lang> {
      return (await languagesOf(pool, [telegramId])).get(telegramId) ?? "vi";
    },
    /**
     * Someone blocked the bot or started it again (my_chat_member). Blocked: nothing more is sent to them, and
     * what was waiting for them is skipped. True when it changed something.
     */
    async setReachable(telegramId: number, reachable: boolean): Promise<boolean> {
      const changed = await setReachable(pool, telegramId, reachable, deps.clock());
      if (!reachable) await skipPendingFor(pool, telegramId, "recipient unreachable");
      return changed;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
