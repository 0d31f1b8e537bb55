import type { Pool } from "../db/pool.ts";
import { UserError } from "../errors.ts";
import {
  broadcastRecipients,
  cancelBroadcast,
  confirmBroadcast,
  createBroadcast,
} from "../reminders/broadcast-store.ts";
import { cleanText } from "../text.ts";

export const BROADCAST_MAX_CHARS = 3500;

/** The Board's messages to every registered secretary and deputy: previewed, then confirmed by their author. */
export function createBroadcastsService(deps: { pool: Pool; clock: () => Date; onQueued?: () => void }) {
  const { pool, clock } = deps;
  return {
    /** A broadcast awaiting confirmation: its token (for the buttons) and how many people it would reach. */
    async draft(input: { text: string; by: number }): Promise<{ token: string; recipients: number }> {
      const text = cleanText(input.text).trim();
      if (!text) throw new UserError("broadcast-usage");
      if (text.length > BROADCAST_MAX_CHARS)
        throw new UserError("broadcast-too-long", { max: BROADCAST_MAX_CHARS, length: text.length });
      const token = await createBroadcast(pool, text, input.by, clock());
      return { token, recipients: (await broadcastRecipients(pool)).length };
    },
    /** Queues it for everyone (once); UserError when it is not theirs, already sent or cancelled. */
    async confirm(input: { token: string; by: number }): Promise<number> {
      const count = await confirmBroadcast(pool, input.token, input.by, clock());
      if (count === undefined) throw new UserError("feedback-invalid");
      deps.onQueued?.();
      return count;
    },
    async cancel(input: { token: string; by: number }): Promise<void> {
      if (!(await cancelBroadcast(pool, input.token, input.by, clock()))) throw new UserError("feedback-invalid");
    },
  };
}

export type BroadcastsService = ReturnType<typeof createBroadcastsService>;
