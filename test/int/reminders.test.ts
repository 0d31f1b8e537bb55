import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import { renderPreview } from "../../src/bot/render-outbox.ts";
import type { Database } from "../../src/db/pool.ts";
import { localTime } from "../../src/dates.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { makeSender, makeServices, TEST_TOKEN } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 900;
const UNITS = `code,name,kind,type,model,planned_congress_date
P-ONE,Đảng bộ phường Một,committee,ward,no,12/03/2025
X-TWO,Đảng bộ xã Hai,committee,commune,no,20/03/2025
C-THREE,Chi bộ Ba,cell,school,no,
`;
const hanoi = (local: string) => new Date(`${local}:00+07:00`).getTime();

describe.each(dbKinds())("deadline reminders on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  let nowMs = 0;
  const clock = () => new Date(nowMs);

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
    api.useClock(() => nowMs);
    nowMs = hanoi("2025-03-01T00:00");
    await db.pool.query(
      "TRUNCATE deliveries, broadcasts, report_flows, report_events, invites, unit_members, board_members, telegram_users, units CASCADE",
    );
    await importUnits(db.pool, parseUnitsCsv(UNITS));
    const people: [number, string, string | null, string][] = [
      [101, "en", "P-ONE", "secretary"],
      [201, "en", "X-TWO", "secretary"],
      [202, "vi", "X-TWO", "deputy"],
      [BOARD, "en", null, ""],
    ];
    for (const [id, lang, unit, role] of people) {
      await db.pool.query("INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, $2, $3)", [
        id,
        `P${id}`,
        lang,
      ]);
      if (unit)
        await db.pool.query("INSERT INTO unit_members (telegram_id, unit_code, role) VALUES ($1, $2, $3)", [
          id,
          unit,
          role,
        ]);
    }
  });

  /** The bot's sending side on a fake clock: the limiter's waits move the clock instead of sleeping. */
  function makeScheduler(adminIds = [BOARD]) {
    return makeSender(db, api.apiRoot, {
      adminIds,
      clock,
      limiter: {
        now: () => nowMs,
        sleep: async (ms) => {
          nowMs += ms;
        },
      },
      retryPolicy: { maxAttempts: 4, retryDelaysMs: [60_000] },
    });
  }
  const reports = () => makeServices(db, { clock }).reports;
  const previewAt = async (at: Date) => {
    const services = makeServices(db, { clock, adminIds: [BOARD] });
    return renderPreview(await services.outbox.preview(at), {
      at,
      campaign: services.campaign,
      translate: translator(createI18n()),
    });
  };
  const sentTo = (chatId: number) =>
    api.calls
      .map((c, i) => ({ ...c, at: api.times[i]! }))
      .filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chatId);
  /** The items of the morning messages sent to a chat: when, reminder or nudge, and the step's name. */
  const items = (chatId: number) =>
    sentTo(chatId).flatMap((c) =>
      String(c.payload.text)
        .split("\n")
        .map((line) => /^(?:\d+\. )?(⏰|❗) “([^”]+)”/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ at: stamp(c.at), what: m[1] === "❗" ? "nudge" : "reminder", emoji: m[1]!, step: m[2]! })),
    );
  const stamp = (ms: number) => {
    const t = localTime(new Date(ms), "Asia/Ho_Chi_Minh");
    return `${t.date.slice(8, 10)}/${t.date.slice(5, 7)} ${String(Math.floor(t.minutes / 60)).padStart(2, "0")}:00`;
  };

  it("runs a month: each member gets exactly the reminders due to them, at 08:00, once; the Board a daily digest", async () => {
    api.setRule((method, payload) =>
      method === "sendMessage" && Number(payload.chat_id) === 202
        ? { status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } }
        : undefined,
    );
    const planned: [string, () => Promise<unknown>][] = [
      [
        "2025-03-03T10:00",
        () =>
          reports().record({
            unitCode: "P-ONE",
            milestone: "drafts_sent",
            date: "2025-03-03",
            reportedBy: 101,
            chatId: 101,
            lang: "en",
          }),
      ],
      [
        "2025-03-03T10:00",
        () =>
          reports().record({
            unitCode: "P-ONE",
            milestone: "dossiers",
            date: "2025-03-03",
            reportedBy: 101,
            chatId: 101,
            lang: "en",
          }),
      ],
      [
        "2025-03-05T09:00",
        () =>
          reports().record({
            unitCode: "X-TWO",
            milestone: "drafts_sent",
            date: "2025-03-05",
            reportedBy: 201,
            chatId: 201,
            lang: "en",
          }),
      ],
      [
        "2025-03-12T14:00",
        () =>
          reports().record({
            unitCode: "P-ONE",
            milestone: "held",
            date: "2025-03-12",
            reportedBy: 101,
            chatId: 101,
            lang: "en",
          }),
      ],
      [
        "2025-03-15T10:00",
        () =>
          reports().record({
            unitCode: "P-ONE",
            milestone: "filed",
            date: "2025-03-15",
            reportedBy: 101,
            chatId: 101,
            lang: "en",
          }),
      ],
      [
        "2025-03-20T10:00",
        () =>
          reports().record({
            unitCode: "X-TWO",
            milestone: "held",
            date: "2025-03-20",
            reportedBy: 201,
            chatId: 201,
            lang: "en",
          }),
      ],
    ];
    // A scheduler restarted every day (a fresh object: nothing lives in memory), ticking every hour.
    for (let hour = hanoi("2025-03-01T00:00"); hour <= hanoi("2025-03-31T23:00"); hour += 3_600_000) {
      nowMs = hour;
      while (planned.length && hanoi(planned[0]![0]) <= hour) await planned.shift()![1]();
      await makeScheduler().tick();
    }

    const kindsOf = (chatId: number) => items(chatId).map((i) => `${i.at} ${i.what} ${i.step.split(" ")[0]}`);
    // One message a morning per person, whatever the number of items in it.
    for (const chat of [101, 201]) {
      const days = sentTo(chat).map((c) => stamp(c.at).slice(0, 5));
      expect(new Set(days).size).toBe(days.length);
    }
    // P-ONE: drafts and dossiers were due 25/02 (15 days before 12/03): one nudge a day until reported on 03/03;
    // the congress on 12/03: reminders 7, 3, 1 and 0 days before; filed (due 19/03) from the day it was held.
    expect(kindsOf(101)).toEqual([
      "01/03 08:00 nudge Draft",
      "01/03 08:00 nudge Personnel",
      "02/03 08:00 nudge Draft",
      "02/03 08:00 nudge Personnel",
      "03/03 08:00 nudge Draft",
      "03/03 08:00 nudge Personnel",
      "05/03 08:00 reminder Congress",
      "09/03 08:00 reminder Congress",
      "11/03 08:00 reminder Congress",
      "12/03 08:00 reminder Congress",
      // Reported held at 14:00: the resolution's first reminder waits for the next morning (no off-hour message).
      "13/03 08:00 reminder Resolution",
    ]);
    // 01/03: both late steps in one message, each with its three buttons.
    const first = sentTo(101)[0]!;
    expect(String(first.payload.text)).toMatch(/^☀️ To report, 01\/03\/2025:/);
    const buttons = (first.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    expect(buttons.map((r) => r.map((b) => b.callback_data))).toEqual([
      ["rm:t:P-ONE:1", "rm:o:P-ONE:1", "rm:e:P-ONE:1"],
      ["rm:t:P-ONE:2", "rm:o:P-ONE:2", "rm:e:P-ONE:2"],
    ]);
    const two = kindsOf(201);
    // X-TWO: drafts and dossiers due 05/03 (the 7-day reminder, missed before the month began, goes on 01/03).
    expect(two.filter((l) => l.endsWith("Draft"))).toEqual([
      "01/03 08:00 reminder Draft",
      "02/03 08:00 reminder Draft",
      "04/03 08:00 reminder Draft",
      "05/03 08:00 reminder Draft",
    ]);
    const dossiers = two.filter((l) => l.endsWith("Personnel"));
    expect(dossiers.slice(0, 5)).toEqual([
      "01/03 08:00 reminder Personnel",
      "02/03 08:00 reminder Personnel",
      "04/03 08:00 reminder Personnel",
      "05/03 08:00 reminder Personnel",
      "06/03 08:00 nudge Personnel",
    ]);
    // One nudge a day from 06/03 until the congress was reported held on 20/03 at 10:00: then the skipped step is
    // moot (the Board still sees it unreported in /unit and the export).
    expect(dossiers).toHaveLength(4 + 15);
    expect(dossiers.at(-1)).toBe("20/03 08:00 nudge Personnel");
    expect(two.filter((l) => l.endsWith("Congress"))).toEqual([
      "13/03 08:00 reminder Congress",
      "17/03 08:00 reminder Congress",
      "19/03 08:00 reminder Congress",
      "20/03 08:00 reminder Congress",
    ]);
    expect(two.filter((l) => l.endsWith("Resolution"))).toEqual([
      "21/03 08:00 reminder Resolution",
      "24/03 08:00 reminder Resolution",
      "26/03 08:00 reminder Resolution",
      "27/03 08:00 reminder Resolution",
      "28/03 08:00 nudge Resolution",
      "29/03 08:00 nudge Resolution",
      "30/03 08:00 nudge Resolution",
      "31/03 08:00 nudge Resolution",
    ]);
    // The deputy blocked the bot: one attempt, marked unreachable, nothing more; the Board was told once.
    expect(sentTo(202)).toHaveLength(1);
    const { rows } = await db.pool.query(
      "SELECT unreachable_at IS NOT NULL AS blocked FROM telegram_users WHERE telegram_id = 202",
    );
    expect(rows[0].blocked).toBe(true);
    const board = sentTo(BOARD).map((c) => String(c.payload.text));
    expect(board.filter((t) => t.includes("has blocked the bot"))).toHaveLength(1);
    const digests = board.filter((t) => t.startsWith("☀️ Morning digest"));
    // Every day but 21–23/03, when nothing was late and nothing due within 3 days: then nothing is sent.
    const digestDays = sentTo(BOARD)
      .filter((c) => String(c.payload.text).startsWith("☀️ Morning digest"))
      .map((c) => stamp(c.at).slice(0, 5));
    expect(digestDays).toHaveLength(28);
    expect(["21/03", "22/03", "23/03"].some((d) => digestDays.includes(d))).toBe(false);
    // The headline: P-ONE's drafts and dossiers late on 01/03; X-TWO's due on 05/03 (within 3 days on 02/03).
    expect(digests[0]).toContain("Draft documents: ✅ 0 · ⏳ 0 · ❗ 1");
    expect(digests[1]).toContain("Draft documents: ✅ 0 · ⏳ 1 · ❗ 1");
    // With the buttons into the lists of units.
    const markup = JSON.stringify(
      sentTo(BOARD).find((c) => String(c.payload.text).startsWith("☀️"))!.payload.reply_markup,
    );
    expect(markup).toContain("ro:drafts_sent:late:1");
    // Nothing in quiet hours (21:00–07:00), every message at most once.
    for (const call of api.calls.filter((c) => c.method === "sendMessage")) {
      const minutes = localTime(new Date(api.times[api.calls.indexOf(call)]!), "Asia/Ho_Chi_Minh").minutes;
      expect(minutes >= 7 * 60 && minutes < 21 * 60).toBe(true);
    }
    const texts = api.calls
      .filter((c) => c.method === "sendMessage")
      .map((c) => `${c.payload.chat_id}|${c.payload.text}`);
    expect(new Set(texts).size).toBe(texts.length);
  }, 180_000);

  it("runs June 2025 over the example unit list: reminders for the 30/06 deadline, nudges for what is late", async () => {
    const { readFile } = await import("node:fs/promises");
    await db.pool.query("TRUNCATE unit_members, units CASCADE");
    const csv = await readFile(new URL("../../docs/units-thanh-hoa.example.csv", import.meta.url), "utf8");
    expect((await importUnits(db.pool, parseUnitsCsv(csv))).created).toHaveLength(128);
    await db.pool.query(
      "INSERT INTO unit_members (telegram_id, unit_code, role) VALUES (101, 'P-DONGSON', 'secretary'), (201, 'TMP-014', 'secretary')",
    );
    // Đông Sơn held its model congress on 21/02 (reported before June); its resolution and action programme are late.
    nowMs = hanoi("2025-02-21T15:00");
    await reports().record({
      unitCode: "P-DONGSON",
      milestone: "held",
      date: "2025-02-21",
      details: { members_elected: 27 },
      reportedBy: 101,
      chatId: 101,
      lang: "en",
    });
    for (let hour = hanoi("2025-06-01T00:00"); hour <= hanoi("2025-06-30T23:00"); hour += 3_600_000) {
      nowMs = hour;
      await makeScheduler().tick();
    }
    const lines = (chat: number) => items(chat).map((i) => `${i.at} ${i.emoji} ${i.step}`);
    // A placeholder unit with no planned date: only the fixed deadline of the congress (30/06/2025, F010).
    expect(lines(201)).toEqual([
      "23/06 08:00 ⏰ Congress held",
      "27/06 08:00 ⏰ Congress held",
      "29/06 08:00 ⏰ Congress held",
      "30/06 08:00 ⏰ Congress held",
    ]);
    // Đông Sơn held its congress, so the drafts and dossiers it never reported are moot (skipped, not nagged);
    // one nudge a day for each late step after it: resolution filed (due 28/02), action programme (due 23/03).
    const one = lines(101);
    expect(one).toHaveLength(2 * 30);
    expect(sentTo(101)).toHaveLength(30); // one message a day with both
    expect(one.slice(0, 2)).toEqual([
      "01/06 08:00 ❗ Resolution and documents signed, stamped and filed",
      "01/06 08:00 ❗ Action programme issued",
    ]);
    // One digest a day, one message whatever the number of units: the headline, well under 1,500 characters.
    const digestDays = new Set(sentTo(BOARD).map((c) => stamp(c.at)));
    expect(digestDays.size).toBe(30);
    expect(sentTo(BOARD)).toHaveLength(30);
    for (const c of sentTo(BOARD)) expect(String(c.payload.text).length).toBeLessThan(1500);
    // On 30/06: Đông Sơn held; 126 units due that day; Thiệu Dương (planned 25/02) late.
    expect(String(sentTo(BOARD).at(-1)!.payload.text)).toContain("Congress: ✅ 1 · ⏳ 126 · ❗ 1");
  }, 180_000);

  it("sends nothing at night and nothing for a step already reported; a deadline near midnight uses Hanoi's date", async () => {
    // 23:30 UTC on 04/03 is 06:30 on 05/03 in Hanoi: quiet hours.
    nowMs = Date.parse("2025-03-04T23:30:00Z");
    expect((await makeScheduler().tick()).planned).toBe(0);
    // 00:30 UTC is 07:30 in Hanoi: past quiet hours but before 08:00 — only the Board's digest.
    nowMs = Date.parse("2025-03-05T00:30:00Z");
    await makeScheduler().tick();
    expect(api.callsOf("sendMessage").map((c) => Number(c.payload.chat_id))).toEqual([BOARD]);
    await reports().record({
      unitCode: "X-TWO",
      milestone: "drafts_sent",
      date: "2025-03-04",
      reportedBy: 201,
      chatId: 201,
      lang: "en",
    });
    nowMs = Date.parse("2025-03-05T01:00:00Z"); // 08:00 in Hanoi, the deadline day of drafts and dossiers
    await makeScheduler().tick();
    const toTwo = sentTo(201).map((c) => String(c.payload.text));
    expect(toTwo).toEqual([
      "☀️ To report, 05/03/2025:\n\n🏛 <b>Đảng bộ xã Hai</b>\n⏰ “Personnel dossiers submitted” — due today, 05/03/2025\n\n" +
        "When it is done, press a button, or reply to this message (“done yesterday”, “not yet, expected 20/4”).",
    ]);
  });

  it("renders a message when it is sent, not when it was planned: a reminder sent a day late counts the days from then", async () => {
    nowMs = hanoi("2025-03-05T08:00");
    await makeScheduler().services.outbox.planDue(); // recorded, but the bot went down before sending
    nowMs = hanoi("2025-03-06T09:00");
    await makeScheduler().sender.drain();
    const congress = sentTo(101)
      .map((c) => String(c.payload.text))
      .filter((t) => t.includes("Congress held"));
    expect(congress).toHaveLength(1);
    expect(congress[0]).toMatch(/^☀️ To report, 06\/03\/2025:/);
    expect(congress[0]).toContain("3. ⏰ “Congress held” — due 12/03/2025, 6 days left");
  });

  it("never sends twice what a crashed instance had claimed, and loses nothing else", async () => {
    nowMs = hanoi("2025-03-05T08:00");
    const first = makeScheduler();
    await first.services.outbox.planDue();
    // Instance A claims a delivery and sends it, then dies before recording it (no 'sent' mark).
    const [candidate] = await first.services.outbox.candidates();
    const claimed = await first.services.outbox.claim(candidate!.id);
    await new Api(TEST_TOKEN, { apiRoot: api.apiRoot }).sendMessage(claimed!.telegramId, "the crashed send");
    // Restart: a new instance finishes the batch.
    await makeScheduler().tick();
    const texts = api.callsOf("sendMessage").map((c) => `${c.payload.chat_id}|${c.payload.text}`);
    expect(new Set(texts).size).toBe(texts.length);
    // The crashed one went to its recipient once (by instance A), and nobody got it again.
    expect(texts.filter((t) => t.startsWith(`${claimed!.telegramId}|`)).length).toBe(
      1 +
        (
          await db.pool.query("SELECT count(*)::int AS n FROM deliveries WHERE telegram_id = $1 AND status = 'sent'", [
            claimed!.telegramId,
          ])
        ).rows[0].n,
    );
    const { rows } = await db.pool.query(
      "SELECT status, count(*)::int AS n FROM deliveries GROUP BY status ORDER BY status",
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(byStatus.sending).toBe(1); // the crashed one: at most once, it is not retried
    expect(byStatus.pending ?? 0).toBe(0);
    expect(texts).toHaveLength(byStatus.sent + 1);
  });

  it("two scheduler instances against one database send each message once", async () => {
    nowMs = hanoi("2025-03-05T08:00");
    await Promise.all([makeScheduler().tick(), makeScheduler().tick(), makeScheduler().tick()]);
    const texts = api.callsOf("sendMessage").map((c) => `${c.payload.chat_id}|${c.payload.text}`);
    // 101, 201 and 202 one morning message each, the Board its digest: each once, each item once.
    expect(texts.map((t) => Number(t.split("|")[0])).sort()).toEqual([101, 201, 202, BOARD]);
    expect(new Set(texts).size).toBe(texts.length);
    expect(items(101)).toHaveLength(3);
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM deliveries WHERE status = 'sent'");
    expect(rows[0].n).toBe(texts.length);
  });

  it("waits out a 429 for the whole bot, retries 5xx later, and tells the Board when it gives up", async () => {
    nowMs = hanoi("2025-03-05T08:00");
    let calls = 0;
    api.setRule((method, payload) => {
      if (method !== "sendMessage") return undefined;
      calls++;
      if (calls === 1)
        return {
          status: 429,
          body: {
            ok: false,
            error_code: 429,
            description: "Too Many Requests: retry after 7",
            parameters: { retry_after: 7 },
          },
        };
      if (Number(payload.chat_id) === 101)
        return { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } };
      return undefined;
    });
    const scheduler = makeScheduler();
    const start = nowMs;
    await scheduler.tick();
    const sends = api.calls.map((c, i) => ({ ...c, at: api.times[i]! })).filter((c) => c.method === "sendMessage");
    // After the 429 at `start`, no call at all before 7 s had passed.
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(7000);
    // Per chat: at least a second between two messages to the same person.
    for (const chat of [201, BOARD]) {
      const at = sends.filter((s) => Number(s.payload.chat_id) === chat).map((s) => s.at);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
    expect(start).toBeLessThan(sends[1]!.at);
    // 101 keeps failing with 502: retried a minute later each time, then given up and reported to the Board.
    for (let i = 0; i < 5; i++) {
      nowMs += 61_000;
      await scheduler.sender.drain();
    }
    const { rows } = await db.pool.query<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM deliveries WHERE telegram_id = 101 ORDER BY id",
    );
    expect(rows.length).toBe(1); // one morning message: two overdue nudges and the congress reminder
    expect(rows.every((r) => r.status === "failed" && r.attempts === 4)).toBe(true);
    expect(sentTo(101).length).toBeGreaterThanOrEqual(4); // every attempt reached the API
    const alerts = sentTo(BOARD).filter((c) =>
      String(c.payload.text).includes("could not be delivered after 4 attempts"),
    );
    expect(alerts).toHaveLength(1);
    // Those that could be sent were sent once, 201's and 202's included.
    expect(sentTo(201)).toHaveLength(1);
  });

  it("a Board id that cannot receive messages is tried once, not every day", async () => {
    api.setRule((method, payload) =>
      method === "sendMessage" && Number(payload.chat_id) === 901
        ? {
            status: 403,
            body: { ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" },
          }
        : undefined,
    );
    const withTwoAdmins = () => makeScheduler([BOARD, 901]); // 901 never started the bot: no telegram_users row
    for (const day of ["2025-03-05", "2025-03-06", "2025-03-07"]) {
      nowMs = hanoi(`${day}T08:00`);
      await withTwoAdmins().tick();
    }
    expect(sentTo(901)).toHaveLength(1);
    expect(sentTo(BOARD).filter((c) => String(c.payload.text).includes("has blocked the bot"))).toHaveLength(1);
  });

  it("an unblocked person gets messages again; preview shows what would go, without sending", async () => {
    await db.pool.query("UPDATE telegram_users SET unreachable_at = now() WHERE telegram_id = 201");
    nowMs = hanoi("2025-03-05T08:00");
    const everything = await previewAt(clock());
    // The Board's digest too, at its hour, exactly as it would be sent.
    const digest = everything.filter((p) => p.kind === "digest");
    expect(digest.map((p) => p.telegram_id)).toEqual([BOARD]);
    expect(digest[0]!.text).toMatch(/^☀️ Morning digest, 05\/03\/2025\n/);
    expect(digest[0]!.text).toContain("Personnel dossiers: ✅ 0 · ⏳ 1 · ❗ 1");
    const preview = everything.filter((p) => p.kind !== "digest");
    // 101: two overdue nudges (due 25/02) and the 7-day reminder of the congress (12/03); 202: two due today —
    // one message each.
    expect(preview.map((p) => p.telegram_id).sort()).toEqual([101, 202]);
    expect(preview.find((p) => p.telegram_id === 202)).toMatchObject({
      kind: "reminder",
      text:
        "☀️ Việc cần báo cáo, ngày 05/03/2025:\n\n🏛 Đảng bộ xã Hai\n" +
        "1. ⏰ “Đã gửi dự thảo văn kiện cho tổ công tác của Thành ủy thẩm định” — hạn hôm nay, 05/03/2025\n" +
        "2. ⏰ “Đã nộp hồ sơ nhân sự” — hạn hôm nay, 05/03/2025\n\n" +
        "Khi đã xong, bấm nút, hoặc trả lời tin này (ví dụ “xong hôm qua”, “chưa, dự kiến 20/4”).",
    });
    expect(api.callsOf("sendMessage")).toHaveLength(0);
    await makeScheduler().services.people.setReachable(201, true);
    expect((await previewAt(clock())).filter((p) => p.telegram_id === 201)).toHaveLength(1);
  });
});
