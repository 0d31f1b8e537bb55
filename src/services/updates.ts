import { randomBytes } from "node:crypto";
import {
  beginUpdate,
  finishUpdate,
  pruneInbox,
  storeUpdates,
  unfinishedUpdates,
  type InboxUpdate,
} from "../db/inbox-store.ts";
import type { Pool } from "../db/pool.ts";

export type { InboxUpdate };
export { chatKeyOf } from "../db/inbox-store.ts";

/**
 * Telegram updates, through an inbox in Postgres: stored before their offset is confirmed, taken for handling,
 * marked done after their handler. Telegram delivers at least once; so does a restart: an update whose handler did
 * not finish is handled again (its effects are idempotent by update id), and a redelivered update that was handled
 * changes nothing.
 */
export function createUpdatesService(deps: { pool: Pool; clock: () => Date }) {
  const { pool, clock } = deps;
  // This process run: an update taken by an earlier run (that crashed) may be taken over; one taken by this run
  // is a concurrent redelivery, skipped.
  const run = randomBytes(8).toString("hex");
  return {
    /** Stores fetched updates; returns the ones not seen before (to be handled). */
    receive: (updates: InboxUpdate[]): Promise<InboxUpdate[]> => storeUpdates(pool, updates, clock()),
    /** What earlier runs left unhandled (stored, or started and never finished), oldest first. */
    unfinished: (): Promise<InboxUpdate[]> => unfinishedUpdates(pool, run),
    /** Takes an update for handling; false when it is done, or already being handled. */
    begin: (update: InboxUpdate): Promise<boolean> => beginUpdate(pool, update, run, clock()),
    finish: (updateId: number): Promise<void> => finishUpdate(pool, updateId, clock()),
    /** Forgets handled updates older than two days (Telegram redelivers for at most 24 hours). */
    prune: (): Promise<number> => pruneInbox(pool, clock()),
  };
}

export type UpdatesService = ReturnType<typeof createUpdatesService>;
