import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { recordIntents } from "../../src/outbox/delivery-store.ts";
import { makeSender, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { enforceTelegramLimits } from "../helpers/limited-bot-api.ts";

const UNITS = 12;
// 08:00 in Hanoi on 05/03/2025; every unit plans its congress on 12/03: drafts and dossiers are late (due 25/02),
// the congress is 7 days away — one morning message with three items for each secretary (and, in the first test,
// a notice each besides: two messages per chat).
const EIGHT = Date.parse("2025-03-05T01:00:00Z");

describe.each(dbKinds())(
  "one limiter for the whole bot, against a stand-in that enforces Telegram's limits, on %s",
  (kind) => {
    let db: Database;
    let api: FakeBotApi;
    let nowMs = EIGHT;

    beforeAll(async () => {
      db = await openTestDatabase(kind);
      api = await startFakeBotApi();
    });
    afterAll(async () => {
      await api.close();
      await db.close();
    });
    beforeEach(async () => {
      api.reset();
      nowMs = EIGHT;
      api.useClock(() => nowMs);
      await db.pool.query("TRUNCATE deliveries, unit_members, telegram_users, units CASCADE");
      const rows = Array.from({ length: UNITS }, (_, i) => `U-${i},Chi bộ ${i},cell,school,no,12/03/2025`);
      await importUnits(
        db.pool,
        parseUnitsCsv(`code,name,kind,type,model,planned_congress_date\n${rows.join("\n")}\n`),
      );
      for (let i = 0; i < UNITS; i++) {
        await db.pool.query(
          "INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'S', 'en')",
          [1000 + i],
        );
        await db.pool.query("INSERT INTO unit_members (telegram_id, unit_code, role) VALUES ($1, $2, 'secretary')", [
          1000 + i,
          `U-${i}`,
        ]);
      }
    });

    const fakeTime = {
      now: () => nowMs,
      sleep: async (ms: number) => {
        nowMs += ms;
      },
    };
    const messages = () =>
      api.calls
        .map((c, i) => ({ ...c, at: api.times[i]! }))
        .filter((c) => c.method === "sendMessage")
        .map((c) => ({ chat: Number(c.payload.chat_id), text: String(c.payload.text), at: c.at }));

    it("reaches every secretary first, then the second messages: no chat's 1-second gap holds up the others", async () => {
      const limits = enforceTelegramLimits(api, { now: () => nowMs });
      const telegram = makeSender(db, api.apiRoot, { clock: () => new Date(nowMs), limiter: fakeTime });
      // A notice for each secretary recorded just before the morning wave: two messages for every chat.
      await recordIntents(
        db.pool,
        Array.from({ length: UNITS }, (_, i) => ({
          key: `notice:${1000 + i}`,
          kind: "notice" as const,
          telegramId: 1000 + i,
          message: { type: "text" as const, text: "Họp giao ban lúc 14:00." },
        })),
        new Date(nowMs),
      );
      const { planned, sent } = await telegram.tick();
      expect(planned).toBe(UNITS);
      expect(sent).toBe(2 * UNITS);
      const wave = messages();
      const firsts = new Map<number, number>();
      for (const m of wave) if (!firsts.has(m.chat)) firsts.set(m.chat, m.at);
      expect(firsts.size).toBe(UNITS);
      // Every secretary's first message before anyone's second one, all within 40 ms of one another.
      const lastFirst = Math.max(...firsts.values());
      expect(
        wave
          .slice(0, UNITS)
          .map((m) => m.chat)
          .sort(),
      ).toEqual([...firsts.keys()].sort());
      expect(lastFirst - EIGHT).toBeLessThanOrEqual(UNITS * 40);
      // The whole wave at the budget's pace: 25 a second, not one chat's pace of 1 a second.
      const seconds = (wave.at(-1)!.at - wave[0]!.at) / 1000;
      expect(seconds).toBeLessThan(3);
      expect(limits).toMatchObject({ tooManyRequests: 0, insideRetryAfter: 0 });
      expect(new Set(wave.map((m) => `${m.chat}|${m.text}`)).size).toBe(wave.length);
    });

    it("replies to people who write during the wave go first, under the same budget", async () => {
      const limits = enforceTelegramLimits(api, { now: () => nowMs });
      const telegram = makeSender(db, api.apiRoot, { clock: () => new Date(nowMs), limiter: fakeTime });
      await telegram.services.outbox.planDue();
      const wave = telegram.sender.drain();
      // Five people ask for help while the wave is going out: the same bot, the same limiter.
      const replies = Promise.all(
        [5001, 5002, 5003, 5004, 5005].map((userId) =>
          telegram.bot.handleUpdate(textUpdate("/help", { userId, languageCode: "en" })),
        ),
      );
      await Promise.all([wave, replies]);
      const all = messages();
      const helpAt = all.filter((m) => m.chat >= 5001).map((m) => m.at);
      expect(helpAt).toHaveLength(5);
      const waveEnd = Math.max(...all.filter((m) => m.chat < 5001).map((m) => m.at));
      for (const at of helpAt) expect(at).toBeLessThan(waveEnd);
      // One budget for both: never two messages less than 40 ms apart, never a 429.
      const times = all.map((m) => m.at).sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(40);
      expect(limits).toMatchObject({ tooManyRequests: 0, insideRetryAfter: 0 });
    });

    it("after a 429 nothing at all is called before retry_after: neither replies nor scheduled sends", async () => {
      let refused = false;
      api.setRule((method) => {
        if (method !== "sendMessage" || refused) return undefined;
        refused = true;
        return {
          status: 429,
          body: {
            ok: false,
            error_code: 429,
            description: "Too Many Requests: retry after 5",
            parameters: { retry_after: 5 },
          },
        };
      });
      const telegram = makeSender(db, api.apiRoot, { clock: () => new Date(nowMs), limiter: fakeTime });
      await telegram.services.outbox.planDue();
      await Promise.all([
        telegram.sender.drain(),
        telegram.bot.handleUpdate(textUpdate("/help", { userId: 5009, languageCode: "en" })),
      ]);
      const calls = api.calls
        .map((c, i) => ({ method: c.method, at: api.times[i]! }))
        .filter((c) => c.method !== "getUpdates");
      const first429 = calls.findIndex((c) => c.method === "sendMessage");
      for (const c of calls.slice(first429 + 1)) expect(c.at - calls[first429]!.at).toBeGreaterThanOrEqual(5000);
      // Nothing lost: the refused one went later, everyone got their morning message, the reply arrived.
      const wave = messages().filter((m) => m.chat < 5000);
      expect(wave).toHaveLength(UNITS + 1);
      expect(messages().filter((m) => m.chat === 5009)).toHaveLength(1);
      const { rows } = await db.pool.query("SELECT status, count(*)::int AS n FROM deliveries GROUP BY status");
      expect(rows).toEqual([{ status: "sent", n: UNITS }]);
    });
  },
);
