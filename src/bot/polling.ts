import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.ts";
import { chatKeyOf, type InboxUpdate, type UpdatesService } from "../services/updates.ts";
import type { BotContext } from "./context.ts";

export type PollerDeps = {
  bot: Bot<BotContext>;
  updates: UpdatesService;
  logger: Logger;
  allowedUpdates: readonly string[];
  /** Handlers running at once across chats (one at a time within a chat). */
  concurrency?: number;
  /** Long-polling timeout Telegram holds a getUpdates call open for. */
  pollTimeoutS?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

/**
 * Long polling with an inbox. Why not @grammyjs/runner: the runner confirms an offset (with its next getUpdates)
 * while the handlers of the updates it fetched still run, so a stop or a crash loses them, and its stop() does not
 * wait for handlers; it also ends on a 409. Here every fetched update is stored in Postgres before the next
 * getUpdates confirms it, handled from there — concurrently across chats, in order within a chat — and marked done
 * after its handler. stop() stops fetching and lets the handlers in flight finish, within a grace period; what did
 * not finish is handled after the restart. A 409 (another process polls this token) means standing by, not dying.
 */
export function createPoller(deps: PollerDeps) {
  const { bot, updates, logger } = deps;
  const concurrency = deps.concurrency ?? 100;
  const sleep =
    deps.sleep ??
    ((ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        signal.addEventListener("abort", done, { once: true });
        function done() {
          clearTimeout(timer);
          signal.removeEventListener("abort", done);
          resolve();
        }
      }));
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let running = 0;
  const slotWaiters: (() => void)[] = [];
  let fetching: AbortController | undefined;
  let loop: Promise<void> | undefined;
  const stats = { fetched: 0, handled: 0, conflicts: 0 };

  async function acquire() {
    while (running >= concurrency) await new Promise<void>((resolve) => slotWaiters.push(resolve));
    running++;
  }
  function release() {
    running--;
    slotWaiters.shift()?.();
  }

  /** Queues an update behind the others of its chat. */
  function dispatch(update: InboxUpdate) {
    const key = chatKeyOf(update) || String(update.update_id);
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      await acquire();
      try {
        await bot.handleUpdate(update as unknown as Update);
        stats.handled++;
      } catch (error) {
        // The bot's error boundary handles what a handler throws; this is a failure around it (e.g. the
        // inbox itself). The update stays unfinished and is handled again after a restart.
        logger.error({ err: error, update_id: update.update_id }, "update not handled");
      } finally {
        release();
      }
    });
    chains.set(key, next);
    inFlight.add(next);
    void next.finally(() => {
      inFlight.delete(next);
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  async function poll(signal: AbortSignal): Promise<void> {
    let offset = 0;
    let backoffMs = 1000;
    let standingBy = false;
    // What an earlier run left unhandled goes first (kill -9, a stop that ran out of grace).
    for (const update of await updates.unfinished()) dispatch(update);
    while (!signal.aborted) {
      let batch: Update[];
      try {
        batch = await bot.api.getUpdates(
          { offset, timeout: deps.pollTimeoutS ?? 25, allowed_updates: deps.allowedUpdates as never },
          // grammY types its signal with the abort-controller shim's; Node's own AbortSignal is what it uses.
          signal as Parameters<typeof bot.api.getUpdates>[1],
        );
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof GrammyError && error.error_code === 409) {
          stats.conflicts++;
          if (!standingBy)
            logger.warn(
              "another process is polling this bot token (409 Conflict from Telegram); standing by until it stops",
            );
          standingBy = true;
        } else if (error instanceof GrammyError && error.error_code === 401) {
          throw error; // a wrong token does not fix itself
        } else {
          logger.warn({ err: error, retry_in_ms: backoffMs }, "fetching updates failed; retrying");
        }
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, 60_000);
        continue;
      }
      if (standingBy) logger.info("polling again: the other process has stopped");
      standingBy = false;
      backoffMs = 1000;
      if (batch.length === 0) continue;
      // Stored before the next getUpdates confirms them: from here on, nothing fetched can be lost.
      const fresh = await storeWithRetry(batch as unknown as InboxUpdate[], signal);
      if (!fresh) break;
      offset = batch[batch.length - 1]!.update_id + 1;
      stats.fetched += fresh.length;
      for (const update of fresh) dispatch(update);
    }
  }

  /** The database may be briefly unavailable: the batch is not confirmed until it is stored. */
  async function storeWithRetry(batch: InboxUpdate[], signal: AbortSignal): Promise<InboxUpdate[] | undefined> {
    for (let waitMs = 1000; !signal.aborted; waitMs = Math.min(waitMs * 2, 30_000)) {
      try {
        return await updates.receive(batch);
      } catch (error) {
        logger.error({ err: error }, "could not store fetched updates; they stay unconfirmed at Telegram");
        await sleep(waitMs, signal);
      }
    }
    return undefined;
  }

  return {
    stats,
    start() {
      fetching = new AbortController();
      loop = poll(fetching.signal);
      return loop;
    },
    /**
     * Stops fetching and waits up to `graceMs` for the handlers in flight. Returns how many had not finished
     * (they are handled after the restart).
     */
    async stop(graceMs = 10_000): Promise<number> {
      fetching?.abort();
      await loop?.catch(() => undefined);
      const all = Promise.all([...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), graceMs)));
      const outcome = await Promise.race([all.then(() => "done" as const), timeout]);
      clearTimeout(timer);
      return outcome === "done" ? 0 : inFlight.size;
    },
    /** Handles updates given directly (webhook mode: answer Telegram at once, handle from the inbox). */
    dispatch,
  };
}

export type Poller = ReturnType<typeof createPoller>;
