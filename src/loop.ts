import type { Logger } from "./logger.ts";

/**
 * A background task run every `intervalMs` — and at once when `wake()` is called — that never overlaps itself:
 * a pass asked for while one runs is coalesced into one more pass after it. `start()` after `stop()` runs again.
 * Errors of a pass are logged; the next pass tries again.
 */
export function createLoop(options: {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  logger?: Logger | undefined;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let started = false;

  async function pass(): Promise<void> {
    do {
      again = false;
      try {
        await options.run();
      } catch (error) {
        options.logger?.error({ err: error, loop: options.name }, "background pass failed");
      }
    } while (again);
  }

  /** Runs a pass now (or right after the one in progress); resolves when no pass is running. */
  function wake(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start() {
      if (started) return;
      started = true;
      void wake();
      timer = setInterval(() => void wake(), options.intervalMs);
      timer.unref?.();
    },
    wake() {
      if (started) void wake();
    },
    /** One pass now, awaited (tests, the command line); coalesced with a pass already running. */
    runOnce: wake,
    /** Stops the timer and waits for the pass in progress; `start()` begins again. */
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      timer = undefined;
      again = false;
      await running;
    },
    get running() {
      return running !== undefined;
    },
  };
}

export type Loop = ReturnType<typeof createLoop>;
