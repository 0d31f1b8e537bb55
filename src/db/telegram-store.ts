import type { Lang } from "../config.ts";
import type { Queryable } from "./pool.ts";

/**
 * Claims an update for processing. True for the first delivery; false for a repeat (also a concurrent one:
 * the primary key lets only one insert through).
 */
export async function claimUpdate(q: Queryable, updateId: number): Promise<boolean> {
  const { rowCount } = await q.query(
    "INSERT INTO processed_updates (update_id) VALUES ($1) ON CONFLICT (update_id) DO NOTHING",
    [updateId],
  );
  return rowCount === 1;
}

/** Forgets processed update ids older than `keepHours` (at least 24: Telegram may redeliver for 24 h). */
export async function pruneProcessedUpdates(q: Queryable, keepHours = 48): Promise<number> {
  const { rowCount } = await q.query(
    "DELETE FROM processed_updates WHERE processed_at < now() - make_interval(hours => $1)",
    [Math.max(24, keepHours)],
  );
  return rowCount ?? 0;
}

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
