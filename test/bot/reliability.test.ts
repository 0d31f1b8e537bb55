import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { indexMiniCorpus, makeSender, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 900;

describe.each(dbKinds())("nothing lost, nothing twice, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  let nowMs = Date.parse("2025-03-10T03:00:00Z"); // 10:00 in Hanoi

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await indexMiniCorpus(db);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });
  beforeEach(async () => {
    api.reset();
    nowMs = Date.parse("2025-03-10T03:00:00Z");
    api.useClock(() => nowMs);
    await db.pool.query(
      "TRUNCATE deliveries, questions, invite_attempts, inbox, report_events, invites, unit_members, board_members, telegram_users, units CASCADE",
    );
    await importUnits(
      db.pool,
      parseUnitsCsv(
        "code,name,kind,type,model,planned_congress_date\nX-TWO,Đảng bộ xã Hai,committee,commune,no,20/03/2025\n",
      ),
    );
  });

  const telegram = (timeoutSeconds?: number) =>
    makeSender(db, api.apiRoot, {
      adminIds: [BOARD],
      ...(timeoutSeconds ? { timeoutSeconds } : {}),
      clock: () => new Date(nowMs),
      limiter: {
        now: () => nowMs,
        sleep: async (ms) => {
          nowMs += ms;
        },
      },
    });
  const sentTo = (chat: number) =>
    api.calls
      .map((c, i) => ({ ...c, at: api.times[i]! }))
      .filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chat);

  it("an answer whose send gets a 429 with retry_after 45 arrives once, later, through the outbox", async () => {
    let refused = 0;
    api.setRule((method, payload) => {
      if (method !== "sendMessage" || Number(payload.chat_id) !== 5101 || refused++ > 0) return undefined;
      return {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 45",
          parameters: { retry_after: 45 },
        },
      };
    });
    const t = telegram();
    const asked = nowMs;
    await t.bot.handleUpdate(textUpdate("dai hoi chi bo keo dai bao lau", { userId: 5101 }));
    await t.settled();
    await t.sender.drain();
    const calls = sentTo(5101);
    expect(calls).toHaveLength(2); // the refused one, and the one that arrived
    expect(calls[1]!.at - asked).toBeGreaterThanOrEqual(45_000);
    expect(String(calls[1]!.payload.text)).toContain("nửa ngày");
    expect(JSON.stringify(calls[1]!.payload.reply_markup)).toContain("fb:"); // with its 👍/👎
    const { rows } = await db.pool.query("SELECT kind, status FROM deliveries");
    expect(rows).toEqual([{ kind: "reply", status: "sent" }]);
  });

  it("an answer whose send gets five 500s in a row arrives once, later; a reply after a failed question log is not replaced by an apology", async () => {
    let errors = 0;
    api.setRule((method, payload) => {
      if (method !== "sendMessage" || Number(payload.chat_id) !== 5102 || errors >= 5) return undefined;
      errors++;
      return { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };
    });
    const t = telegram();
    await t.bot.handleUpdate(textUpdate("chuan y la gi", { userId: 5102 }));
    await t.settled(); // three tries at once (the last two a moment later), then handed to the outbox
    // The outbox's tries: at once (fails), a minute later (fails), five minutes after that (arrives).
    for (const waitMs of [0, 61_000, 5 * 60_000 + 1000]) {
      nowMs += waitMs;
      await t.sender.drain();
    }
    const calls = sentTo(5102);
    expect(calls).toHaveLength(6); // five refused, one delivered
    expect(calls.every((c) => String(c.payload.text).includes("Chuẩn y"))).toBe(true);
    const { rows } = await db.pool.query("SELECT kind, status, attempts FROM deliveries");
    expect(rows).toEqual([{ kind: "reply", status: "sent", attempts: 3 }]);
    expect(errors).toBe(5);

    // The questions log fails (a full disk, say): the asker still gets the answer.
    api.reset();
    await db.pool.query("ALTER TABLE questions ADD CONSTRAINT no_more_questions CHECK (false) NOT VALID");
    try {
      await telegram().bot.handleUpdate(textUpdate("chuan y la gi", { userId: 5103 }));
      const texts = sentTo(5103).map((c) => String(c.payload.text));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain("Chuẩn y");
    } finally {
      await db.pool.query("ALTER TABLE questions DROP CONSTRAINT no_more_questions");
    }
  });

  it("a reminder whose send times out is marked unknown, never sent again, and the Board is told", async () => {
    await db.pool.query(
      "INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES (201, 'S', 'en'), ($1, 'B', 'en')",
      [BOARD],
    );
    await db.pool.query("INSERT INTO unit_members (telegram_id, unit_code, role) VALUES (201, 'X-TWO', 'secretary')");
    nowMs = Date.parse("2025-03-13T01:00:00Z"); // 08:00, a week before the congress
    const t = telegram(2);
    // The Bot API call times out: the stand-in takes the request and never answers.
    api.setRule((method, payload) =>
      method === "sendMessage" && Number(payload.chat_id) === 201 ? "hang" : undefined,
    );
    await t.tick();
    api.setRule(undefined);
    for (let i = 0; i < 3; i++) {
      nowMs += 10 * 60_000;
      await t.tick();
    }
    expect(sentTo(201).filter((c) => String(c.payload.text).includes("Congress held"))).toHaveLength(1);
    const { rows } = await db.pool.query(
      "SELECT status FROM deliveries WHERE telegram_id = 201 AND message->>'type' = 'morning'",
    );
    expect(rows).toEqual([{ status: "unknown" }]);
    expect(
      sentTo(BOARD)
        .map((c) => String(c.payload.text))
        .join("\n"),
    ).toContain("may or may not have arrived");
  });

  it("a delivery left 'sending' by a killed process is reported to the Board as unknown, and not sent again", async () => {
    await db.pool.query("INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'B', 'en')", [
      BOARD,
    ]);
    await db.pool.query(
      `INSERT INTO deliveries (dedupe_key, kind, telegram_id, message, status, next_attempt_at, created_at, claimed_at, attempts)
       VALUES ('x', 'broadcast', 777, '{"type":"text","text":"hi"}', 'sending', $1, $1, $1, 1)`,
      [new Date(nowMs - 10 * 60_000)],
    );
    const t = telegram();
    expect(await t.services.outbox.reapStuck()).toBe(1);
    await t.sender.drain();
    expect(sentTo(777)).toHaveLength(0);
    expect(
      sentTo(BOARD)
        .map((c) => String(c.payload.text))
        .join("\n"),
    ).toContain("was being sent when the bot stopped");
    expect((await db.pool.query("SELECT status FROM deliveries WHERE dedupe_key = 'x'")).rows).toEqual([
      { status: "unknown" },
    ]);
  });

  it("wrong invite codes are throttled per person, and the Board is told once of the burst", async () => {
    const t = telegram();
    await db.pool.query("INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'B', 'en')", [
      BOARD,
    ]);
    const say = async (text: string) => {
      await t.bot.handleUpdate(textUpdate(text, { userId: 5201, languageCode: "en" }));
      return String(sentTo(5201).at(-1)?.payload.text ?? "");
    };
    for (let i = 0; i < 5; i++) expect(await say(`/start WRONGCODE${i}`)).toContain("This invite code is not valid");
    const { code } = await t.services.members.invite({ unitCode: "X-TWO", role: "secretary", by: null });
    // Even the right code waits now.
    expect(await say(`/start ${code}`)).toContain("Too many wrong invite codes");
    expect(await say(`/start WRONGCODE9`)).toContain("Too many wrong invite codes");
    await t.settled();
    await t.sender.drain();
    const alerts = sentTo(BOARD).filter((c) => String(c.payload.text).includes("wrong invite codes"));
    expect(alerts).toHaveLength(1);
    nowMs += 16 * 60_000;
    expect(await say(`/start ${code}`)).toContain("registered as secretary");
  });

  it("refuses report dates outside the campaign, and a NUL in a name locks nobody out", async () => {
    const t = telegram();
    const { code } = await t.services.members.invite({ unitCode: "X-TWO", role: "secretary", by: null });
    const update = (text: string) => {
      const u = textUpdate(text, { userId: 5301, languageCode: "en" });
      u.message.from.first_name = "Lan\u0000\u202eevil";
      return u;
    };
    await t.bot.handleUpdate(update(`/start ${code}`));
    await t.bot.handleUpdate(update("/held 01/01/2000"));
    await t.bot.handleUpdate(update("/plan 31/12/2100"));
    await t.bot.handleUpdate(update("/status"));
    const texts = sentTo(5301).map((c) => String(c.payload.text));
    expect(texts[0]).toContain("registered as secretary");
    expect(texts[1]).toContain(
      "01/01/2000 is outside this congress campaign (reports are for dates from 01/06/2024 to 31/12/2026)",
    );
    expect(texts[2]).toContain("31/12/2100 is outside this congress campaign");
    expect(texts[3]).toContain("Đảng bộ xã Hai (X-TWO): congress steps");
    expect((await db.pool.query("SELECT count(*)::int AS n FROM report_events")).rows[0].n).toBe(0);
    const { rows } = await db.pool.query("SELECT first_name FROM telegram_users WHERE telegram_id = 5301");
    expect(rows[0].first_name).toBe("Lan\u202eevil"); // stored without the NUL; shown to others without the bidi control
    expect(texts).toHaveLength(4);
  });
});
