import { langFromTelegram, type Lang } from "../config.ts";
import type { Queryable } from "./pool.ts";

export type TelegramUser = { telegramId: number; chosenLang: Lang | null };

/** Records who wrote (name, Telegram's language) and returns their chosen language, if any. */
export async function upsertTelegramUser(
  q: Queryable,
  user: { id: number; first_name: string; username?: string | undefined; language_code?: string | undefined },
): Promise<TelegramUser> {
  const { rows } = await q.query<{ chosen_lang: Lang | null }>(
    `INSERT INTO telegram_users (telegram_id, first_name, username, language_code)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (telegram_id) DO UPDATE
       SET first_name = EXCLUDED.first_name, username = EXCLUDED.username,
           language_code = EXCLUDED.language_code, updated_at = now()
     RETURNING chosen_lang`,
    [user.id, user.first_name, user.username ?? null, user.language_code ?? null],
  );
  return { telegramId: user.id, chosenLang: rows[0]?.chosen_lang ?? null };
}

export async function setChosenLanguage(q: Queryable, telegramId: number, lang: Lang): Promise<void> {
  await q.query("UPDATE telegram_users SET chosen_lang = $2, updated_at = now() WHERE telegram_id = $1", [
    telegramId,
    lang,
  ]);
}

/** Marks someone (un)reachable: they blocked the bot (403) or started it again (my_chat_member). True if changed. */
export async function setReachable(q: Queryable, telegramId: number, reachable: boolean, now: Date): Promise<boolean> {
  // An upsert: a Board id from the configuration may never have written to the bot (no row yet).
  const { rowCount } = await q.query(
    reachable
      ? "UPDATE telegram_users SET unreachable_at = NULL WHERE telegram_id = $1 AND unreachable_at IS NOT NULL"
      : `INSERT INTO telegram_users (telegram_id, unreachable_at) VALUES ($1, $2)
         ON CONFLICT (telegram_id) DO UPDATE SET unreachable_at = EXCLUDED.unreachable_at
         WHERE telegram_users.unreachable_at IS NULL`,
    reachable ? [telegramId] : [telegramId, now],
  );
  return (rowCount ?? 0) > 0;
}

export type Contact = { telegramId: number; lang: Lang; name: string; reachable: boolean };

/** The Board members (configured ids and granted ones) who can be written to, with their language. */
export async function reachableBoard(q: Queryable, adminIds: readonly number[]): Promise<Contact[]> {
  const { rows } = await q.query<{
    telegram_id: string;
    lang: Lang | null;
    language_code: string | null;
    name: string | null;
  }>(
    `SELECT ids.telegram_id, u.chosen_lang AS lang, u.language_code, u.first_name AS name
       FROM (SELECT unnest($1::bigint[]) AS telegram_id UNION SELECT telegram_id FROM board_members WHERE revoked_at IS NULL) ids
       LEFT JOIN telegram_users u ON u.telegram_id = ids.telegram_id
      WHERE u.unreachable_at IS NULL`,
    [adminIds],
  );
  return rows.map((r) => ({
    telegramId: Number(r.telegram_id),
    lang: r.lang ?? langFromTelegram(r.language_code),
    name: r.name ?? String(r.telegram_id),
    reachable: true,
  }));
}

/** Active unit members who can be written to. */
export async function reachableMembers(q: Queryable): Promise<{ telegramId: number; unitCode: string }[]> {
  const { rows } = await q.query<{ telegram_id: string; unit_code: string }>(
    `SELECT m.telegram_id, m.unit_code
       FROM unit_members m LEFT JOIN telegram_users u ON u.telegram_id = m.telegram_id
      WHERE m.removed_at IS NULL AND u.unreachable_at IS NULL`,
  );
  return rows.map((r) => ({ telegramId: Number(r.telegram_id), unitCode: r.unit_code }));
}

/** The language to write to each of `ids` in: their /lang choice, else Telegram's, else Vietnamese. */
export async function languagesOf(q: Queryable, ids: number[]): Promise<Map<number, Lang>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ telegram_id: string; chosen_lang: Lang | null; language_code: string | null }>(
    "SELECT telegram_id, chosen_lang, language_code FROM telegram_users WHERE telegram_id = ANY($1::bigint[])",
    [ids],
  );
  return new Map(rows.map((r) => [Number(r.telegram_id), r.chosen_lang ?? langFromTelegram(r.language_code)]));
}

/** The command menu a person was last given ("member:…", "board:…"), to publish a new one only on change. */
export async function menuOf(q: Queryable, telegramId: number): Promise<string | null> {
  const { rows } = await q.query<{ menu: string | null }>("SELECT menu FROM telegram_users WHERE telegram_id = $1", [
    telegramId,
  ]);
  return rows[0]?.menu ?? null;
}

export async function setMenu(q: Queryable, telegramId: number, menu: string | null): Promise<void> {
  await q.query("UPDATE telegram_users SET menu = $2 WHERE telegram_id = $1", [telegramId, menu]);
}

/** Display names ("first name @username") of people, by Telegram id. */
export async function namesOf(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ telegram_id: string; name: string | null }>(
    `SELECT telegram_id, nullif(trim(coalesce(first_name, '') || ' ' || coalesce('@' || username, '')), '') AS name
       FROM telegram_users WHERE telegram_id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.flatMap((r) => (r.name ? [[Number(r.telegram_id), r.name] as [number, string]] : [])));
}
