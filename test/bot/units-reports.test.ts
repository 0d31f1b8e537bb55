import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { parseCsvRecords } from "../../src/units/csv.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { callbackUpdate, makeBot, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 1001;
const UNITS_CSV = `code,name,kind,type,model,planned_congress_date
P-DONGSON,Đảng bộ phường Đông Sơn,committee,ward,yes,21/02/2025
P-THIEUDUONG,Đảng bộ phường Thiệu Dương,committee,ward,yes,25/02/2025
CB-THPT,Chi bộ Trường THPT Đông Sơn 1,cell,school,yes,
X-DONGQUANG,Đảng bộ xã Đông Quang,committee,commune,no,20/03/2025
`;

describe.each(dbKinds())("units, invites and reports through the Bot API stand-in, on %s", (kind) => {
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
    now = new Date("2025-03-10T03:00:00Z"); // 10:00 in Hanoi
    await db.pool.query(
      "TRUNCATE deliveries, broadcasts, report_flows, report_events, invites, unit_members, board_members, units CASCADE",
    );
    await importUnits(db.pool, parseUnitsCsv(UNITS_CSV));
  });

  const bot = () => makeBot(db, api.apiRoot, { adminIds: [BOARD], clock });
  const texts = () => api.callsOf("sendMessage").map((c) => String(c.payload.text));
  const lastText = () => texts().at(-1) ?? "";
  /** What the chat shows last: a message sent, or one edited in place (a flow's message). */
  const screen = () =>
    String(
      api.calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").at(-1)?.payload.text ?? "",
    );
  const send = async (text: string, userId: number, languageCode = "en") => {
    await bot().handleUpdate(textUpdate(text, { userId, languageCode }));
    return lastText();
  };
  const press = async (data: string, userId: number) => {
    await bot().handleUpdate(callbackUpdate(data, { userId, languageCode: "en" }));
  };
  const inviteCode = async (unit: string, role = "secretary") => {
    const reply = await send(`/invite ${unit} ${role}`, BOARD);
    return /: ([A-Z2-9]{10})\n/.exec(reply)![1]!;
  };
  const events = async () => (await db.pool.query("SELECT unit_code, milestone FROM report_events ORDER BY id")).rows;

  it("a Board member invites, the secretary joins with the code, reports /held, and /progress shows one more unit", async () => {
    expect(await send("/progress", BOARD)).toContain("Congresses held: 0/4 (0%)");
    const code = await inviteCode("P-DONGSON");
    expect(lastText()).toContain(`https://t.me/daihoi_test_bot?start=${code}`);
    expect(await send(`/start ${code}`, 2001)).toContain(
      "registered as secretary of Đảng bộ phường Đông Sơn (P-DONGSON)",
    );
    expect(await send("/whoami", 2001)).toContain("Unit: Đảng bộ phường Đông Sơn (P-DONGSON), role: secretary.");
    expect(await send("/held 21/02/2025 27 yes", 2001)).toContain("Recorded: Congress held — 21/02/2025.");
    const progress = await send("/progress", BOARD);
    expect(progress).toContain("Congresses held: 1/4 (25%) · model units 1/3");
    expect(progress).toContain("Units with a registered secretary: 1/4 · joined today: 1");
    expect(progress).toContain("New in the last 24 hours: Congress +1");
    // …and the chart, a picture of it.
    expect(api.callsOf("sendPhoto")).toHaveLength(2);
    const { rows } = await db.pool.query("SELECT reported_by, chat_id, details FROM report_events");
    expect(rows).toEqual([
      { reported_by: "2001", chat_id: "2001", details: { members_elected: 27, secretary_elected: true } },
    ]);
  });

  it("the same through /report's buttons, surviving a restart mid-flow", async () => {
    const code = await inviteCode("X-DONGQUANG");
    await send(`/start ${code}`, 2002);
    await send("/report", 2002);
    const keyboard = api.callsOf("sendMessage").at(-1)!.payload.reply_markup as {
      inline_keyboard: { callback_data: string }[][];
    };
    expect(keyboard.inline_keyboard.flat().map((b) => b.callback_data)).toContain("rp:m:held");
    await press("rp:m:held", 2002);
    expect(screen()).toContain("On what date?");
    await press("rp:d:yday", 2002); // a new Bot object each update: nothing of the flow lives in memory
    expect(screen()).toContain("How many committee members");
    await send("27", 2002);
    await press("rp:b:secretary:1", 2002);
    await press("rp:s", 2002); // delegates: added later
    expect(screen()).toContain("Please check: Congress held — 09/03/2025.");
    await press("rp:ok", 2002);
    expect(screen()).toContain("Recorded: Congress held — 09/03/2025.");
    expect(await send("/progress", BOARD)).toContain("Congresses held: 1/4");
  });

  it("two reporters, one unit: the second is shown what is there and asked; on replace, the first is told", async () => {
    await send(`/start ${await inviteCode("P-DONGSON")}`, 2091);
    await send(`/start ${await inviteCode("P-DONGSON", "deputy")}`, 2092);
    await send("/held 21/02/2025 27 yes", 2091);
    const asked = await send("/held 22/02/2025", 2092);
    expect(asked).toContain(
      "“Congress held” was already reported by Lan on 10/03/2025, for 21/02/2025. Replace it with 22/02/2025?",
    );
    expect(asked).toContain("Committee members elected: 27");
    expect((await events()).length).toBe(1); // nothing replaced yet
    await press("rp:rep:ok", 2092);
    expect(screen()).toContain("Corrected: Congress held — 22/02/2025");
    const { rows } = await db.pool.query("SELECT telegram_id, message FROM deliveries WHERE kind = 'notice'");
    expect(rows).toEqual([
      {
        telegram_id: "2091",
        message: {
          type: "notice",
          key: "report-replaced-notice",
          vars: { by: "Lan", milestone: "held", old: "21/02/2025", date: "22/02/2025" },
        },
      },
    ]);
    expect((await db.pool.query("SELECT action FROM audit_events WHERE action = 'report.replace'")).rows).toHaveLength(
      1,
    );
    // Keeping it changes nothing.
    await send("/held 23/02/2025", 2091);
    await press("rp:x", 2091);
    expect((await events()).length).toBe(2);
  });

  it("a bare /start tells someone not registered how to join", async () => {
    expect(await send("/start", 2099)).toContain(
      "ask the City Organization Board for your invite code, then send /start CODE",
    );
    await send(`/start ${await inviteCode("P-DONGSON")}`, 2099);
    expect(await send("/start", 2099)).not.toContain("invite code");
  });

  it("refuses expired, reused and unknown invite codes, changing nothing", async () => {
    const code = await inviteCode("P-DONGSON");
    const stale = await inviteCode("P-THIEUDUONG");
    expect(await send("/start WRONGCODE2", 2003)).toContain("This invite code is not valid");
    expect(await send(`/start ${code}`, 2003)).toContain("registered as secretary");
    expect(await send(`/start ${code}`, 2004)).toContain("already been used");
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect(await send(`/start ${stale}`, 2005)).toContain("has expired");
    const { rows } = await db.pool.query("SELECT telegram_id::int AS id FROM unit_members ORDER BY id");
    expect(rows).toEqual([{ id: 2003 }]);
  });

  it("refuses Board commands from anyone else, and forged or foreign buttons", async () => {
    for (const command of [
      "/invite P-DONGSON",
      "/progress",
      "/overdue",
      "/unit P-DONGSON",
      "/export",
      "/grant 3000",
      "/remove 2001",
    ]) {
      expect(await send(command, 3000)).toBe("This command is for the City Organization Board only.");
    }
    expect((await db.pool.query("SELECT count(*)::int AS n FROM invites")).rows[0].n).toBe(0);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM board_members")).rows[0].n).toBe(0);

    // Two secretaries of two units; B forges A's buttons.
    await send(`/start ${await inviteCode("P-DONGSON")}`, 2011);
    await send(`/start ${await inviteCode("X-DONGQUANG")}`, 2012);
    await send("/report", 2011);
    await press("rp:m:held", 2012);
    await press("rp:ok", 2012);
    await press("rp:m:bogus", 2011);
    const answers = api.callsOf("answerCallbackQuery").map((c) => c.payload.text);
    expect(answers).toEqual([
      "This button is no longer valid. Send /report to start again.",
      "This button is no longer valid. Send /report to start again.",
      "This button is no longer valid. Send /report to start again.",
    ]);
    // A non-member cannot report at all; a member only for their own unit (there is no way to name another).
    expect(await send("/held 01/03/2025", 3000)).toContain("You are not registered to a unit");
    expect(await events()).toEqual([]);
  });

  it("lets the Board see who joined, remove a member and grant Board rights", async () => {
    await send(`/start ${await inviteCode("P-DONGSON", "deputy")}`, 2061);
    expect(await send("/members", BOARD)).toMatch(/P-DONGSON · deputy secretary · Lan \(2061\) · 10\/03\/2025/);
    expect(await send("/remove 2061", BOARD)).toBe("2061 has been removed from P-DONGSON.");
    expect(await send("/held 21/02/2025", 2061)).toContain("You are not registered to a unit");
    expect(await send("/remove 2061", BOARD)).toBe("2061 is not a member of any unit.");
    // Only someone who has written to the bot, never 0 or the bot itself.
    expect(await send("/grant 2062", BOARD)).toContain("2062 has never written to the bot");
    expect(await send("/grant 0", BOARD)).toContain("That is not the Telegram id of a person");
    expect(await send("/grant 42", BOARD)).toContain("That is not the Telegram id of a person"); // the bot's own id
    expect((await db.pool.query("SELECT count(*)::int AS n FROM board_members")).rows[0].n).toBe(0);
    await send("/start", 2062);
    // Asks first, showing who it is; the button grants.
    expect(await send("/grant 2062", BOARD)).toBe(
      "Give City Organization Board rights to Lan (id 2062)? They will see every unit's data and can send broadcasts.",
    );
    expect((await db.pool.query("SELECT count(*)::int AS n FROM board_members")).rows[0].n).toBe(0);
    await press("gr:ok:2062", BOARD);
    expect(lastText()).toBe("2062 is now a member of the City Organization Board.");
    expect(await send("/progress", 2062)).toContain("Congresses held: 0/4");
    expect(await send("/whoami", 2062)).toContain("You are a member of the City Organization Board.");
    // Board rights are taken back: every Board command and button refused, no digest.
    expect(await send(`/revoke ${BOARD}`, 2062)).toContain("by the bot's configuration (ADMIN_TELEGRAM_IDS)");
    expect(await send("/revoke 2062", BOARD)).toBe("2062 no longer has City Organization Board rights.");
    expect(await send("/progress", 2062)).toBe("This command is for the City Organization Board only.");
    await press("ro:-:nosec:1", 2062);
    expect(api.callsOf("answerCallbackQuery").at(-1)!.payload.text).toBe(
      "This command is for the City Organization Board only.",
    );
    // The audit shows the invite, the removal, the grant and the revoke.
    const audit = await send("/audit", BOARD);
    expect(audit).toMatch(
      /Board rights revoked · 2062[\s\S]*Board rights granted · 2062[\s\S]*member removed · 2061[\s\S]*invite code made · P-DONGSON/,
    );
  });

  it("an abandoned /report does not swallow questions; a typed date is checked before Save; a correction keeps the figures", async () => {
    await send(`/start ${await inviteCode("P-DONGSON")}`, 2071);
    await send("/report", 2071);
    await press("rp:m:held", 2071);
    expect(await send("12/03/2025", 2071)).toContain("12/03/2025 is in the future (today is 10/03/2025)");
    // A question in the middle of the flow is answered as a question.
    expect(await send("How long may a party cell congress last?", 2071)).not.toContain("is not a date");
    await send("/held 21/02/2025 27 yes yes", 2071);
    expect(await send("/held 22/02/2025", 2071)).toContain("Corrected: Congress held — 22/02/2025");
    const status = await send("/status", 2071);
    expect(status).toContain("Committee members elected: 27");
    expect(status).toContain("Delegates to the higher congress elected: yes");
  });

  it("a cancelled broadcast cannot be sent afterwards", async () => {
    await send(`/start ${await inviteCode("P-DONGSON")}`, 2081);
    await send("/broadcast Họp lúc 8h", BOARD);
    const keyboard = api.callsOf("sendMessage").at(-1)!.payload.reply_markup as {
      inline_keyboard: { callback_data: string }[][];
    };
    const [send1, cancel] = keyboard.inline_keyboard[0]!.map((b) => b.callback_data);
    await press(cancel!, BOARD);
    expect(lastText()).toBe("Cancelled; nothing was sent.");
    await press(send1!, BOARD);
    expect(api.callsOf("answerCallbackQuery").at(-1)!.payload).toMatchObject({
      text: "This button is no longer valid.",
      show_alert: true,
    });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM deliveries")).rows[0].n).toBe(0);
  });

  it("in a group shows and changes nothing: reports, invites and every Board command only in a private chat", async () => {
    const code = await inviteCode("P-DONGSON");
    const inGroup = (text: string, userId: number) => {
      const update = textUpdate(text, { userId, languageCode: "en" });
      return {
        ...update,
        message: { ...update.message, chat: { id: -100123, type: "supergroup" as const, title: "Chi bộ" } },
      };
    };
    api.reset();
    // Someone posts the code in the group; another member of the group tries to redeem it there.
    await bot().handleUpdate(inGroup(`/start ${code}`, 2022));
    for (const command of [
      "/held 21/02/2025",
      "/status",
      "/invite P-DONGSON",
      "/members",
      "/progress",
      "/overdue",
      "/unit P-DONGSON",
      "/export",
      "/broadcast hello",
      "/whoami",
      "/grant 2022",
      "/remove 2021",
    ]) {
      await bot().handleUpdate(inGroup(command, BOARD));
    }
    const replies = api.calls.filter((c) => c.method.startsWith("send"));
    expect(replies.every((c) => c.method === "sendMessage")).toBe(true); // no document, no file
    expect(new Set(replies.map((c) => String(c.payload.text)))).toEqual(
      new Set(["Please write to me in a private chat for this: in a group I show no unit or member data."]),
    );
    expect(await events()).toEqual([]);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM unit_members")).rows[0].n).toBe(0);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM invites")).rows[0].n).toBe(1);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM broadcasts")).rows[0].n).toBe(0);
    // The code still works for its owner, in a private chat.
    expect(await send(`/start ${code}`, 2021)).toContain("registered as secretary");
  });

  it("validates every form and records nothing when a report is wrong", async () => {
    await send(`/start ${await inviteCode("CB-THPT")}`, 2031, "vi");
    const cases: [string, string][] = [
      ["/held 31/02/2025", "“31/02/2025” không phải là ngày hợp lệ"],
      ["/held 2025-02-21", "“2025-02-21” không phải là ngày hợp lệ"],
      ["/held 11/03/2025", "Ngày 11/03/2025 chưa đến (hôm nay là 10/03/2025)"],
      ["/held 01/03/2025 8 có", "Chi bộ bầu từ 1 đến 7 chi ủy viên; 8 nằm ngoài khoảng này"],
      ["/held 01/03/2025 5 maybe", "“maybe” không phải là “có” hoặc “không”"],
      ["/held 01/03/2025 abc", "“abc” không phải là số cấp ủy viên"],
      ["/held", "Cách viết: /held DD/MM/YYYY"],
      ["/drafts 01/03/2025 7", "Cách viết: /drafts DD/MM/YYYY"],
    ];
    for (const [command, error] of cases) expect(await send(command, 2031, "vi")).toContain(error);
    expect(await events()).toEqual([]);

    // Valid ones, each form once; then order rules against what is already reported.
    expect(await send("/plan 01/03/2025", 2031, "vi")).toContain("Đã ghi nhận");
    expect(await send("/drafts 15/02/2025", 2031, "vi")).toContain("Đã ghi nhận");
    expect(await send("/dossiers 16/02/2025", 2031, "vi")).toContain("Đã ghi nhận");
    expect(await send("/held 01/03/2025 5 có không", 2031, "vi")).toContain(
      "Đã ghi nhận: Đã tổ chức đại hội — 01/03/2025.",
    );
    expect(await send("/filed 28/02/2025", 2031, "vi")).toContain(
      "sớm hơn bước “Đã tổ chức đại hội” đã báo cáo ngày 01/03/2025",
    );
    expect(await send("/filed 02/03/2025", 2031, "vi")).toContain("Đã ghi nhận");
    expect(await send("/action 05/03/2025", 2031, "vi")).toContain("Đã ghi nhận");
    expect((await events()).map((e) => e.milestone)).toEqual([
      "plan",
      "drafts_sent",
      "dossiers",
      "held",
      "filed",
      "action_programme",
    ]);
  });

  it("keeps a correction and the report it corrects; /unit shows both, /status shows the latest", async () => {
    await send(`/start ${await inviteCode("P-DONGSON")}`, 2041);
    await send("/held 21/02/2025", 2041);
    expect(await send("/held 22/02/2025 31 yes", 2041)).toContain("Corrected: Congress held — 22/02/2025");
    // By code, or by a part of the name typed without diacritics: the same card.
    const card = await send("/unit P-DONGSON", BOARD);
    expect(await send("/unit phuong dong son", BOARD)).toBe(card);
    expect(card).toContain("P-DONGSON — Đảng bộ phường Đông Sơn\nparty committee, ward, model congress");
    expect(card).toContain(
      "✅ Congress held: 22/02/2025 — reported by Lan on 10/03/2025\n   Committee members elected: 31",
    );
    expect(card).toContain(
      "• Congress: 21/02/2025 — Lan, 10/03/2025\n• Congress: 22/02/2025 — Lan, 10/03/2025 (correction)",
    );
    const status = await send("/status", 2041);
    expect(status).toContain("✅ Congress held: 22/02/2025");
    expect(status).toContain("Committee members elected: 31");
    expect(status).toContain("❗ Resolution and documents signed, stamped and filed: due 01/03/2025 (9 days late)");
  });

  it("/overdue: the late steps in one message, a button per list; the lists name the units, with days late", async () => {
    await send(`/start ${await inviteCode("P-THIEUDUONG")}`, 2051);
    await send("/held 25/02/2025 29 yes yes", 2051);
    const overdue = await send("/overdue", BOARD);
    // Thiệu Dương held 25/02: resolution due 04/03 (late on 10/03); Đông Sơn planned 21/02 and reported nothing.
    expect(overdue).toContain("Resolution filed: ✅ 0 · ⏳ 0 · ❗ 1");
    // X-DONGQUANG plans 20/03: its drafts were due 05/03 — late too; its congress is not due yet.
    expect(overdue).toContain("Draft documents: ✅ 0 · ⏳ 0 · ❗ 2");
    expect(overdue).toContain("Congress: ✅ 1 · ⏳ 0 · ❗ 1");
    const buttons = (
      api.callsOf("sendMessage").at(-1)!.payload.reply_markup as {
        inline_keyboard: { text: string; callback_data: string }[][];
      }
    ).inline_keyboard.flat();
    expect(buttons.map((b) => b.callback_data)).toContain("ro:filed:late:1");
    await press("ro:filed:late:1", BOARD);
    const roster = String(api.callsOf("editMessageText").at(-1)!.payload.text);
    expect(roster).toContain("❗ Late — Resolution and documents signed, stamped and filed: 1 units · page 1/1");
    expect(roster).toContain("1. P-THIEUDUONG Đảng bộ phường Thiệu Dương — 6 days late (due 04/03/2025)");
    await press("ro:drafts_sent:late:1", BOARD);
    expect(String(api.callsOf("editMessageText").at(-1)!.payload.text)).toContain(
      "1. P-DONGSON Đảng bộ phường Đông Sơn — 32 days late (due 06/02/2025)\n2. X-DONGQUANG Đảng bộ xã Đông Quang — 5 days late (due 05/03/2025)",
    );
    // A unit's button opens its card.
    await press("un:P-THIEUDUONG", BOARD);
    expect(lastText()).toContain("✅ Congress held: 25/02/2025 — reported by Lan on 10/03/2025");
  });

  it("/export sends the workbook Excel opens: headers in the asker's language, real dates, the summary; CSV on request", async () => {
    await send(`/start ${await inviteCode("P-THIEUDUONG")}`, 2051);
    await send("/held 25/02/2025 29 yes yes", 2051);
    await send("/export", BOARD, "vi");
    const upload = api.callsOf("sendDocument").at(-1)!;
    const file = (upload.payload.files as Record<string, { name: string; bytes: Buffer }>).document!;
    expect(file.name).toBe("daihoi-progress-2025-03-10.xlsx");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Tiến độ")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(["Mã", "Đơn vị", "Loại", "Loại hình", "Đơn vị điểm", "Bí thư", "Phó bí thư"]);
    expect(header).toContain("Đại hội: ngày");
    expect(sheet.rowCount).toBe(5);
    const row = sheet.getRow(3); // sorted by code: CB-THPT, P-DONGSON, P-THIEUDUONG, X-DONGQUANG
    const values = row.values as unknown[];
    expect(values[1]).toBe("P-DONGSON");
    const thieu = sheet.getRow(4);
    const heldCol = header.indexOf("Đại hội: ngày") + 1;
    expect(thieu.getCell(heldCol).value).toEqual(new Date("2025-02-25T00:00:00Z")); // a date cell
    expect(thieu.getCell(6).value).toBe("Lan");
    expect(wb.getWorksheet("Tổng hợp theo bước")!.rowCount).toBe(7);
    await send("/export csv;", BOARD);
    const csv = api.callsOf("sendDocument").at(-1)!;
    const text = (csv.payload.files as Record<string, { bytes: Buffer }>).document!.bytes.toString("utf8");
    expect(text.startsWith("\uFEFFCode;Unit;Kind;Type;Model unit;Secretary;Deputy secretary;Date set: date")).toBe(
      true,
    );
    const rows = parseCsvRecords(text).map((r) => r.fields);
    expect(rows.find((r) => r[0] === "P-THIEUDUONG")).toContain("25/02/2025");
  });
});

describe("units import", () => {
  it("names the line and field of a bad row and imports nothing", async () => {
    const db = await openTestDatabase("pglite");
    try {
      const bad = `${UNITS_CSV}X-BAD,Đảng bộ X,party,ward,maybe,32/01/2025\n`;
      expect(() => parseUnitsCsv(bad)).toThrow(
        /line 6, kind: must be committee or cell\nline 6, model: must be yes or no\nline 6, planned_congress_date: must be a real date/,
      );
      expect(() => parseUnitsCsv(`code,name\nA,B\n`)).toThrow(/line 1, header/);
      expect(() => parseUnitsCsv(`${UNITS_CSV}P-DONGSON,Again,committee,ward,no,\n`)).toThrow(
        /line 6, code: P-DONGSON already appears on line 2/,
      );
      expect((await db.pool.query("SELECT count(*)::int AS n FROM units")).rows[0].n).toBe(0);
      expect(await importUnits(db.pool, parseUnitsCsv(UNITS_CSV))).toMatchObject({ created: expect.any(Array) });
      const again = await importUnits(db.pool, parseUnitsCsv(UNITS_CSV.replace("Đông Quang", "Đông Quang mới")));
      expect(again).toEqual({
        created: [],
        updated: ["X-DONGQUANG"],
        unchanged: ["P-DONGSON", "P-THIEUDUONG", "CB-THPT"],
      });
    } finally {
      await db.close();
    }
  });
});
