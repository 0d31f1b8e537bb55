import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { callbackUpdate, makeBot, makeSender, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 1001;
const UNITS_CSV = `code,name,kind,type,model,planned_congress_date
P-DONGSON,Đảng bộ phường Đông Sơn,committee,ward,yes,21/02/2025
CB-THPT,Chi bộ Trường THPT Đông Sơn 1,cell,school,yes,
X-DONGQUANG,Đảng bộ xã Đông Quang,committee,commune,no,20/03/2025
`;
const hanoi = (local: string) => new Date(`${local}:00+07:00`);
type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

describe.each(dbKinds())("reporting in one tap, through the Bot API stand-in, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  let now: Date;
  const clock = () => now;

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
    now = hanoi("2025-03-10T10:00");
    await db.pool.query(
      "TRUNCATE deliveries, delivery_items, expected_dates, broadcasts, report_flows, report_events, invites, unit_members, board_members, questions, units CASCADE",
    );
    await importUnits(db.pool, parseUnitsCsv(UNITS_CSV));
  });

  const bot = () => makeBot(db, api.apiRoot, { adminIds: [BOARD], clock });
  const send = async (text: string, userId: number, options: { lang?: string; replyTo?: number } = {}) => {
    await bot().handleUpdate(
      textUpdate(text, {
        userId,
        languageCode: options.lang ?? "en",
        ...(options.replyTo !== undefined ? { replyTo: options.replyTo } : {}),
      }),
    );
  };
  /** The chat's last bot message (as it shows now). */
  const top = (userId: number) => api.visible(userId).at(-1)!;
  /** Presses a button of the chat's last bot message (or of message `messageId`). */
  const press = async (data: string, userId: number, messageId?: number) => {
    const message = messageId !== undefined ? api.visible(userId).find((m) => m.id === messageId)! : top(userId);
    const keyboard = message.markup as Keyboard | undefined;
    await bot().handleUpdate(
      callbackUpdate(data, { userId, languageCode: "en", messageId: message.id, replyMarkup: keyboard }),
    );
  };
  const buttons = (userId: number) =>
    ((top(userId).markup as Keyboard | undefined)?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
  const join = async (unit: string, userId: number) => {
    await send(`/invite ${unit} secretary`, BOARD);
    const code = /: ([A-Z2-9]{10})\n/.exec(String(api.callsOf("sendMessage").at(-1)!.payload.text))![1]!;
    await send(`/start ${code}`, userId);
  };
  const events = async () =>
    (
      await db.pool.query(
        "SELECT unit_code, milestone, to_char(event_date, 'YYYY-MM-DD') AS date, details FROM report_events ORDER BY id",
      )
    ).rows;
  const questionsAsked = async () => (await db.pool.query("SELECT count(*)::int AS n FROM questions")).rows[0].n;

  it("a /held report with figures, one wrong entry corrected on the spot, leaves one bot message in the chat", async () => {
    await join("X-DONGQUANG", 2001);
    const before = api.visible(2001).length;
    await send("/report", 2001);
    // Short labels, the done and late steps marked; the full names are in the text.
    const labels = (top(2001).markup as Keyboard).inline_keyboard.flat().map((b) => b.text);
    expect(labels.every((l) => l.length <= 28)).toBe(true);
    expect(labels).toContain("▫️ Congress");
    await press("rp:m:held", 2001);
    expect(top(2001).text).toContain("On what date?");
    expect(buttons(2001)).toContain("rp:d:2025-03-09");
    expect(buttons(2001)).toEqual(expect.arrayContaining(["rp:bk", "rp:x"]));
    await send("hôm qua", 2001);
    expect(top(2001).text).toContain("Type a number from 3 to 33 (party committee)");
    await send("40", 2001);
    // Said at this step, with the range, and the flow stays there.
    expect(top(2001).text).toContain("40 is outside the range: a party committee elects 3 to 33 members");
    await send("27 đồng chí", 2001);
    expect(top(2001).text).toContain("Was the secretary elected");
    await send("có", 2001);
    await press("rp:b:delegates:0", 2001);
    expect(top(2001).text).toContain("Please check: Congress held — 09/03/2025.");
    await press("rp:ok", 2001);
    // One bot message for the whole flow: the confirmation, its keyboard gone.
    const shown = api.visible(2001).slice(before);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.text).toContain("Recorded: Congress held — 09/03/2025.");
    expect(shown[0]!.markup).toBeUndefined();
    expect(await events()).toEqual([
      {
        unit_code: "X-DONGQUANG",
        milestone: "held",
        date: "2025-03-09",
        details: { members_elected: 27, secretary_elected: true, delegates_elected: false },
      },
    ]);
    // None of the typed answers went to the question answerer.
    expect(await questionsAsked()).toBe(0);
  });

  it("checks a cell's committee size at its step, goes Back, and cancels from any step", async () => {
    await join("CB-THPT", 2002);
    await send("/report", 2002);
    await press("rp:m:held", 2002);
    await press("rp:d:2025-03-08", 2002);
    expect(top(2002).text).toContain("Type a number from 1 to 7 (party cell)");
    await send("9", 2002);
    expect(top(2002).text).toContain("a party cell elects 1 to 7 committee members");
    await press("rp:bk", 2002);
    expect(top(2002).text).toContain("On what date?");
    await press("rp:x", 2002);
    expect(top(2002).text).toBe("Cancelled; nothing was recorded.");
    expect(top(2002).markup).toBeUndefined();
    expect(await events()).toEqual([]);
  });

  it("understands dates as people type them, offers coming weeks for the planned date, and hints instead of answering", async () => {
    await join("X-DONGQUANG", 2003);
    await send("/report", 2003);
    await press("rp:m:plan", 2003);
    // A planned date is in the future: the picker starts today and goes on.
    expect(buttons(2003)).toEqual(expect.arrayContaining(["rp:d:2025-03-10", "rp:d:2025-03-21", "rp:p:1"]));
    expect(buttons(2003)).not.toContain("rp:d:2025-03-09");
    await send("xin chào", 2003);
    expect(top(2003).text).toContain("Type the date (e.g. 15/4, “yesterday”) or press a day below.");
    expect(await questionsAsked()).toBe(0);
    // A real question is still answered, and the flow stays open.
    await send("Đại hội chi bộ kéo dài bao lâu?", 2003);
    expect(await questionsAsked()).toBe(1);
    await send("15/4", 2003);
    expect(top(2003).text).toContain("Please check: Congress date planned — 15/04/2025.");
    await send("tak", 2003);
    expect(top(2003).text).toContain("Recorded: Congress date planned — 15/04/2025.");
    // One-line forms read the same words: wczoraj, 27 osób, tak.
    await send("/drafts wczoraj", 2003, { lang: "pl" });
    expect(String(api.callsOf("sendMessage").at(-1)!.payload.text)).toContain("09/03/2025");
    expect((await events()).map((e) => `${e.milestone} ${e.date}`)).toEqual([
      "plan 2025-04-15",
      "drafts_sent 2025-03-09",
    ]);
  });

  it("steps without a dependency go in any order; a dependent step is checked against its prerequisites", async () => {
    await join("P-DONGSON", 2004);
    await send("/drafts 08/03/2025", 2004);
    // The dossiers are a separate track: dated before the drafts, accepted.
    await send("/dossiers 05/03/2025", 2004);
    expect(String(api.callsOf("sendMessage").at(-1)!.payload.text)).toContain(
      "Recorded: Personnel dossiers submitted — 05/03/2025.",
    );
    // The congress comes after both.
    await send("/held 06/03/2025", 2004);
    expect(String(api.callsOf("sendMessage").at(-1)!.payload.text)).toContain(
      "06/03/2025 is earlier than “Draft documents sent",
    );
    await send("/held 09/03/2025", 2004);
    expect((await events()).map((e) => e.milestone)).toEqual(["drafts_sent", "dossiers", "held"]);
  });

  it("a secretary with three due items gets one message at 08:00 with three sets of buttons; “Done today” records the step", async () => {
    await join("P-DONGSON", 2005);
    api.reset();
    now = hanoi("2025-03-11T08:00");
    await makeSender(db, api.apiRoot, { adminIds: [BOARD], clock }).tick();
    const morning = api.visible(2005);
    expect(morning).toHaveLength(1);
    expect(morning[0]!.text).toMatch(/^☀️ To report, 11\/03\/2025:/);
    expect(morning[0]!.text.length).toBeLessThan(4096);
    const rows = (morning[0]!.markup as Keyboard).inline_keyboard;
    expect(rows.map((r) => r.map((b) => b.callback_data))).toEqual([
      ["rm:t:P-DONGSON:1", "rm:o:P-DONGSON:1", "rm:e:P-DONGSON:1"],
      ["rm:t:P-DONGSON:2", "rm:o:P-DONGSON:2", "rm:e:P-DONGSON:2"],
      ["rm:t:P-DONGSON:3", "rm:o:P-DONGSON:3", "rm:e:P-DONGSON:3"],
    ]);
    expect(rows[0]!.map((b) => b.text)).toEqual(["1 ✅ Done today", "1 📅 Done on…", "1 ⏳ Not yet"]);
    now = hanoi("2025-03-11T09:15");
    await press("rm:t:P-DONGSON:1", 2005, morning[0]!.id);
    expect(api.callsOf("answerCallbackQuery").at(-1)!.payload.text).toBe("Recorded.");
    // The row of that step is gone from the reminder; the others stay.
    const after = api.visible(2005).find((m) => m.id === morning[0]!.id)!;
    expect((after.markup as Keyboard).inline_keyboard).toHaveLength(2);
    await send("/status", 2005);
    expect(String(api.callsOf("sendMessage").at(-1)!.payload.text)).toContain(
      "✅ Draft documents sent to the city working group for appraisal: 11/03/2025",
    );
    // Pressed again (or forged for another unit): refused, nothing recorded twice.
    await press("rm:t:P-DONGSON:1", 2005, morning[0]!.id);
    expect(api.callsOf("answerCallbackQuery").at(-1)!.payload.text).toContain("was already reported for 11/03/2025");
    await press("rm:t:X-DONGQUANG:1", 2005, morning[0]!.id);
    expect(api.callsOf("answerCallbackQuery").at(-1)!.payload.text).toBe("This button is not for your unit.");
    expect((await events()).map((e) => `${e.unit_code} ${e.milestone}`)).toEqual(["P-DONGSON drafts_sent"]);
    // Planning again the same day sends nothing more.
    now = hanoi("2025-03-11T10:00");
    await makeSender(db, api.apiRoot, { adminIds: [BOARD], clock }).tick();
    expect(api.visible(2005).filter((m) => m.text.startsWith("☀️"))).toHaveLength(1);
  });

  it("“Not yet — expected on…” records the date, the Board sees it, and the nudges wait until it", async () => {
    await join("P-DONGSON", 2006);
    now = hanoi("2025-03-11T08:00");
    await makeSender(db, api.apiRoot, { adminIds: [BOARD], clock }).tick();
    const morning = api.visible(2006).at(-1)!;
    await press("rm:e:P-DONGSON:2", 2006, morning.id);
    expect(top(2006).text).toContain("On which day do you expect it to be done?");
    expect(buttons(2006)).not.toContain("rp:e:2025-03-10");
    await press("rp:e:2025-03-14", 2006);
    expect(top(2006).text).toContain("Noted: “Personnel dossiers submitted” expected on 14/03/2025.");
    await send("/status", 2006);
    expect(String(api.callsOf("sendMessage").at(-1)!.payload.text)).toContain("expected 14/03/2025");
    await send("/unit P-DONGSON", BOARD);
    expect(
      api
        .callsOf("sendMessage")
        .filter((c) => Number(c.payload.chat_id) === BOARD)
        .at(-1)!.payload.text,
    ).toContain("14/03/2025");
    // The next mornings: the dossiers are not nudged until 14/03; the other late steps are.
    const dossiersOn = async (day: string) => {
      now = hanoi(`${day}T08:00`);
      api.reset();
      await makeSender(db, api.apiRoot, { adminIds: [BOARD], clock }).tick();
      const text = api.visible(2006).at(-1)?.text ?? "";
      return { dossiers: text.includes("Personnel dossiers"), drafts: text.includes("Draft documents") };
    };
    expect(await dossiersOn("2025-03-12")).toEqual({ dossiers: false, drafts: true });
    expect(await dossiersOn("2025-03-14")).toEqual({ dossiers: true, drafts: true });
  });

  it("understands a free-text reply to a reminder, and “Done on…” asks the day in a picker", async () => {
    await join("X-DONGQUANG", 2007);
    now = hanoi("2025-03-05T08:00"); // drafts and dossiers due today
    await makeSender(db, api.apiRoot, { adminIds: [BOARD], clock }).tick();
    const morning = api.visible(2007).at(-1)!;
    expect(morning.text).toContain("1. ⏰");
    now = hanoi("2025-03-05T11:00");
    // Two steps in that reminder: which one is asked, with the date kept.
    await send("Zrobione, podpisane wczoraj", 2007, { replyTo: morning.id, lang: "pl" });
    expect(top(2007).text).toContain("Wykonane 04/03/2025 — który etap?"); // in the person's language
    expect(buttons(2007)).toEqual(["rp:m:drafts_sent", "rp:m:dossiers", "rp:x"]);
    await press("rp:m:dossiers", 2007);
    expect(top(2007).text).toContain("Recorded: Personnel dossiers submitted — 04/03/2025.");
    // One step left in it: a reply needs no choice.
    await send("Đã xong hôm nay", 2007, { replyTo: morning.id, lang: "vi" });
    expect((await events()).map((e) => `${e.milestone} ${e.date}`)).toEqual([
      "dossiers 2025-03-04",
      "drafts_sent 2025-03-05",
    ]);
    expect(await questionsAsked()).toBe(0);

    // "Done on…": a picker of past days as a message of its own.
    await join("CB-THPT", 2008);
    await db.pool.query("UPDATE units SET planned_congress_date = '2025-03-12' WHERE code = 'CB-THPT'");
    now = hanoi("2025-03-06T08:00");
    await makeSender(db, api.apiRoot, { adminIds: [BOARD], clock }).tick();
    const reminder = api.visible(2008).at(-1)!;
    await press("rm:o:CB-THPT:1", 2008, reminder.id);
    expect(api.visible(2008).length).toBeGreaterThan(1);
    expect(top(2008).text).toContain("On what date?");
    await press("rp:d:2025-03-04", 2008);
    await press("rp:ok", 2008);
    expect(top(2008).text).toContain(
      "Recorded: Draft documents sent to the city working group for appraisal — 04/03/2025.",
    );
  });

  it("survives a restart mid-flow: the state is in the database, the next update goes on where it was", async () => {
    await join("X-DONGQUANG", 2009);
    await send("/report", 2009);
    await press("rp:m:held", 2009);
    await send("15.02", 2009); // a new Bot object for every update: nothing lives in memory
    expect(top(2009).text).toContain("Type a number from 3 to 33");
    const { rows } = await db.pool.query("SELECT step, data->>'date' AS date FROM report_flows WHERE chat_id = 2009");
    expect(rows).toEqual([{ step: "members", date: "2025-02-15" }]);
  });
});
