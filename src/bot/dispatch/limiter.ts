/**
 * The one rate limiter of the process, shared by interactive replies and scheduled sends (Telegram's limits are
 * per bot token, not per code path): a global budget of `perSecond` messages, one message per `perChatIntervalMs`
 * in a private chat (`groupIntervalMs` in a group), one job at a time per chat (so a chat's messages keep their
 * order), and after a 429 nothing at all until its retry_after has passed.
 *
 * No head-of-line blocking: chats are served round-robin, so a chat that must wait out its 1-second gap never
 * holds up the others. Interactive work (someone is waiting for a reply) goes before bulk work (reminders).
 *
 * Calls overlap only as much as the budget needs (Little's law: in flight = call time × rate): on a fast link
 * one call at a time, so a 429 is seen before the next call leaves and nothing goes out inside its window.
 *
 * Why our own and not grammY's transformer-throttler: that plugin (Bottleneck reservoirs) lets 30 calls through
 * at the start of every second, keeps no per-chat order across concurrent callers, has no global pause on a 429
 * (each request retries on its own — what broke the join burst), and grammY's docs themselves advise against it.
 * auto-retry is not used either: it retries network errors and timeouts, which may have been delivered (a
 * duplicate message), and each request waits out its own retry_after while the others keep calling.
 */
export type Priority = "interactive" | "bulk";

/** Lets a job that got a 429 wait for the pause to end and for a new global slot, keeping its chat. */
export type Reacquire = () => Promise<void>;

export type LimiterOptions = {
  perSecond?: number;
  perChatIntervalMs?: number;
  groupIntervalMs?: number;
  /** Time is an input: tests pass a fake clock and a sleep that advances it. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

type Job = {
  run: (reacquire: Reacquire) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};
type ChatQueue = { key: string; intervalMs: number; jobs: Job[]; busy: boolean; readyAt: number };

export function createLimiter(options: LimiterOptions = {}) {
  const now = options.now ?? Date.now;
  const realSleep = !options.sleep;
  const minGapMs = 1000 / (options.perSecond ?? 25);
  const perChatMs = options.perChatIntervalMs ?? 1000;
  const groupMs = options.groupIntervalMs ?? 3000;
  let nextGlobalAt = 0;
  let pausedUntil = 0;
  const queues = new Map<string, ChatQueue>();
  // Round-robin rings of chat keys that have jobs waiting, one per priority.
  const rings: Record<Priority, string[]> = { interactive: [], bulk: [] };
  const stats = { started: 0, pauses: 0, maxInFlight: 0 };
  let pumping = false;
  let inFlight = 0;
  // A moving average of how long a job takes (by `now`), to know how many may overlap.
  let jobMsAverage = 0;
  const maxInFlight = () => Math.min(50, Math.max(1, Math.ceil(jobMsAverage / minGapMs)));
  let wakeSleep: (() => void) | undefined;

  function sleep(ms: number, wakeable = false): Promise<void> {
    if (!realSleep) return options.sleep!(ms);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        if (wakeSleep === done) wakeSleep = undefined;
        resolve();
      }
      // The pump's sleep ends early when new work arrives (it may be for a chat that is ready now).
      if (wakeable) wakeSleep = done;
    });
  }

  function queueOf(chatId: number | string | undefined): ChatQueue {
    const key = chatId === undefined ? "_" : String(chatId);
    let queue = queues.get(key);
    if (!queue) {
      // Negative ids are groups and channels: Telegram allows them about 20 messages a minute.
      const intervalMs = typeof chatId === "number" && chatId < 0 ? groupMs : chatId === undefined ? 0 : perChatMs;
      queue = { key, intervalMs, jobs: [], busy: false, readyAt: 0 };
      queues.set(key, queue);
    }
    return queue;
  }

  /** Drops chats with nothing waiting whose gap is over (their next message may go at once anyway). */
  function forgetIdle() {
    const t = now();
    for (const [key, q] of queues) if (!q.busy && q.jobs.length === 0 && q.readyAt <= t) queues.delete(key);
  }

  /** Waits for the global budget and the end of any 429 pause, then takes one global slot. */
  async function globalSlot(): Promise<void> {
    for (;;) {
      const t = now();
      const ready = Math.max(nextGlobalAt, pausedUntil);
      if (ready <= t) {
        nextGlobalAt = t + minGapMs;
        return;
      }
      await sleep(ready - t);
    }
  }

  function pick(t: number): { queue: ChatQueue; priority: Priority } | { waitMs: number } | undefined {
    let soonest = Infinity;
    for (const priority of ["interactive", "bulk"] as const) {
      const ring = rings[priority];
      for (let i = 0; i < ring.length; i++) {
        const queue = queues.get(ring[i]!)!;
        if (queue.busy) continue;
        if (queue.readyAt <= t) {
          ring.splice(i, 1);
          return { queue, priority };
        }
        soonest = Math.min(soonest, queue.readyAt);
      }
    }
    if (soonest === Infinity) return undefined;
    return { waitMs: soonest - t };
  }

  async function pump(): Promise<void> {
    if (pumping) {
      wakeSleep?.();
      return;
    }
    pumping = true;
    try {
      for (;;) {
        const t = now();
        const globalReady = Math.max(nextGlobalAt, pausedUntil);
        if (globalReady > t) {
          await sleep(globalReady - t);
          continue;
        }
        // Enough calls in flight to keep the budget: the next one starts when one ends (its end pumps again).
        if (inFlight >= maxInFlight()) break;
        const choice = pick(t);
        if (!choice) break; // nothing waiting, or only busy chats (their end pumps again)
        if ("waitMs" in choice) {
          await sleep(choice.waitMs, true);
          continue;
        }
        const { queue, priority } = choice;
        const job = queue.jobs.shift()!;
        // The budget is kept on average: waking a little late (timers) does not push every later call back.
        nextGlobalAt = Math.max(nextGlobalAt + minGapMs, t + minGapMs / 2);
        queue.busy = true;
        stats.started++;
        inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
        void runJob(queue, job, priority, t);
      }
    } finally {
      pumping = false;
    }
  }

  async function runJob(queue: ChatQueue, job: Job, priority: Priority, startedAt: number): Promise<void> {
    let lastStart = startedAt;
    const reacquire: Reacquire = async () => {
      await globalSlot();
      // The chat's own gap counts from the retried call too.
      const wait = lastStart + queue.intervalMs - now();
      if (wait > 0) await sleep(wait);
      lastStart = now();
    };
    try {
      job.resolve(await job.run(reacquire));
    } catch (error) {
      job.reject(error);
    } finally {
      inFlight--;
      jobMsAverage = jobMsAverage * 0.8 + Math.max(0, now() - lastStart) * 0.2;
      queue.busy = false;
      queue.readyAt = Math.max(queue.readyAt, lastStart + queue.intervalMs);
      if (queue.jobs.length > 0) rings[priority].push(queue.key);
      else if (queues.size > 5000) forgetIdle();
      void pump();
    }
  }

  return {
    stats,
    /** The limiter's clock (a 429's retry_after is counted on it). */
    now,
    /**
     * Runs `fn` when the chat's turn comes under the global budget. A chat runs one job at a time, in order.
     * `fn` gets `reacquire` to wait for a new slot before retrying after a 429.
     */
    schedule<T>(
      chatId: number | string | undefined,
      fn: (reacquire: Reacquire) => Promise<T>,
      priority: Priority = "interactive",
    ): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const queue = queueOf(chatId);
        queue.jobs.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
        const ring = rings[priority];
        if (
          !queue.busy &&
          !ring.includes(queue.key) &&
          !rings.interactive.includes(queue.key) &&
          !rings.bulk.includes(queue.key)
        )
          ring.push(queue.key);
        else if (priority === "interactive" && rings.bulk.includes(queue.key)) {
          // Someone waits for this chat now: move it to the front line.
          rings.bulk.splice(rings.bulk.indexOf(queue.key), 1);
          ring.push(queue.key);
        }
        void pump();
      });
    },
    /** A 429 said "retry after": nothing goes out before `untilMs` (the whole bot, not just that chat). */
    pauseUntil(untilMs: number) {
      if (untilMs > pausedUntil) {
        pausedUntil = untilMs;
        stats.pauses++;
      }
    },
    pausedUntil: () => pausedUntil,
    /** Resolves once no 429 pause is in force (for calls that are not messages, e.g. answerCallbackQuery). */
    async whenUnpaused(): Promise<void> {
      for (;;) {
        const wait = pausedUntil - now();
        if (wait <= 0) return;
        await sleep(wait);
      }
    },
    /** Waits `ms` on the limiter's clock (a fake one in tests). */
    wait: (ms: number) => sleep(ms),
    /** Jobs waiting (not yet started), for back-pressure. */
    waiting(): number {
      let n = 0;
      for (const q of queues.values()) n += q.jobs.length;
      return n;
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
