import { describe, expect, it } from "vitest";
import { createLimiter } from "../../src/bot/dispatch/limiter.ts";
import { createLoop } from "../../src/loop.ts";

/** A limiter on a fake clock: its waits move the clock instead of sleeping. */
function fakeLimiter(options: { perSecond?: number } = {}) {
  let now = 0;
  const limiter = createLimiter({
    ...options,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return { limiter, now: () => now };
}

describe("the one limiter", () => {
  it("serves chats round-robin: a chat waiting out its 1-second gap holds up nobody", async () => {
    const { limiter, now } = fakeLimiter();
    const started: string[] = [];
    const at: Record<string, number> = {};
    const job = (name: string) => async () => {
      started.push(name);
      at[name] = now();
    };
    await Promise.all([
      limiter.schedule(1, job("A1"), "bulk"),
      limiter.schedule(1, job("A2"), "bulk"),
      limiter.schedule(1, job("A3"), "bulk"),
      limiter.schedule(2, job("B1"), "bulk"),
      limiter.schedule(3, job("C1"), "bulk"),
    ]);
    expect(started).toEqual(["A1", "B1", "C1", "A2", "A3"]);
    // 25 a second overall: 40 ms apart; one a second per chat.
    expect(at.B1! - at.A1!).toBeGreaterThanOrEqual(40);
    expect(at.C1! - at.B1!).toBeGreaterThanOrEqual(40);
    expect(at.A2! - at.A1!).toBeGreaterThanOrEqual(1000);
    expect(at.A3! - at.A2!).toBeGreaterThanOrEqual(1000);
    expect(at.C1!).toBeLessThan(200); // the first message of every chat goes within the first moments
  });

  it("lets someone waiting for a reply go before bulk work, and keeps one chat's messages in order", async () => {
    const { limiter } = fakeLimiter();
    const started: string[] = [];
    const jobs = [];
    for (let chat = 10; chat < 20; chat++)
      jobs.push(limiter.schedule(chat, async () => void started.push(`bulk ${chat}`), "bulk"));
    jobs.push(limiter.schedule(99, async () => void started.push("reply 99"), "interactive"));
    jobs.push(limiter.schedule(99, async () => void started.push("reply 99 part 2"), "interactive"));
    await Promise.all(jobs);
    expect(started.indexOf("reply 99")).toBeLessThanOrEqual(1);
    expect(started.indexOf("reply 99 part 2")).toBeGreaterThan(started.indexOf("reply 99"));
  });

  it("after a 429, starts nothing at all before retry_after has passed", async () => {
    const { limiter, now } = fakeLimiter();
    const at: number[] = [];
    await limiter.schedule(1, async () => {
      at.push(now());
      limiter.pauseUntil(now() + 7000);
    });
    await Promise.all([
      limiter.schedule(2, async () => void at.push(now())),
      limiter.schedule(3, async () => void at.push(now()), "bulk"),
    ]);
    await limiter.whenUnpaused();
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(7000);
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(7000);
  });

  it("runs one call at a time when calls are quick, so a 429 is seen before the next call leaves", async () => {
    const { limiter } = fakeLimiter();
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        limiter.schedule(i, async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await Promise.resolve();
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});

describe("a background loop", () => {
  it("never overlaps itself: passes asked for meanwhile become one more pass", async () => {
    let running = 0;
    let most = 0;
    let passes = 0;
    let release: () => void = () => undefined;
    const loop = createLoop({
      name: "t",
      intervalMs: 60_000,
      run: async () => {
        running++;
        most = Math.max(most, running);
        passes++;
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
    });
    const first = loop.runOnce();
    const more = [loop.runOnce(), loop.runOnce(), loop.runOnce()];
    release();
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([first, ...more]);
    expect(most).toBe(1);
    expect(passes).toBe(2);
  });

  it("start() after stop() runs again", async () => {
    let passes = 0;
    const loop = createLoop({ name: "t", intervalMs: 60_000, run: async () => void passes++ });
    loop.start();
    await loop.stop();
    expect(passes).toBe(1);
    loop.start();
    await loop.stop();
    expect(passes).toBe(2);
  });
});
