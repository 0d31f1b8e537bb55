import type { Pool } from "../db/pool.ts";
import { claimUpdate, pruneProcessedUpdates } from "../db/telegram-store.ts";

/** Telegram updates taken for handling: a redelivered update (Telegram delivers at least once) changes nothing. */
export function createUpdatesService(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    /** True for the first delivery of an update; false for a repeat (also a concurrent one). */
    claim: (updateId: number): Promise<boolean> => claimUpdate(pool, updateId),
    /** Forgets update ids older than two days (Telegram redelivers for at most 24 hours). */
    prune: (): Promise<number> => pruneProcessedUpdates(pool),
  };
}

export type UpdatesService = ReturnType<typeof createUpdatesService>;
