import { deleteFlow, getFlow, saveFlow, type ChatFlow } from "../db/flow-store.ts";
import type { Pool } from "../db/pool.ts";

/** Guided flows in progress, one per chat, kept in Postgres (a restart mid-flow loses nothing). */
export function createFlowsService(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    get: (chatId: number): Promise<ChatFlow | undefined> => getFlow(pool, chatId),
    save: (flow: ChatFlow): Promise<void> => saveFlow(pool, flow),
    end: (chatId: number): Promise<void> => deleteFlow(pool, chatId),
  };
}

export type FlowsService = ReturnType<typeof createFlowsService>;
