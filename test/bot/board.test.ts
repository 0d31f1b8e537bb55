import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import { renderOutboxMessage } from "../../src/bot/render-outbox.ts";
import type { Database } from "../../src/db/pool.ts";
import { CHART_FONT_FILES } from "../../src/paths.ts";
import { loadCampaign } from "../../src/reports/campaign.ts";
import { progressChartPng, progressChartSvg } from "../../src/reports/chart.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { callbackUpdate, makeSender, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 1001;
// After every deadline: the congresses were due by 30/06/2025.
const JULY = Date.parse("2025-07-01T03:00:00Z");

type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

describe.each(dbKinds())("the Board at 128 units, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  let nowMs = JULY;

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
    nowMs = JULY;
    await db.pool.query(
      "TRUNCATE deliveries, audit_events, report_events, invites, unit_members, board_members, telegram_users, units CASCADE",
    );
    const csv = await readFile(new URL("../../docs/units-thanh-hoa.example.csv", import.meta.url), "utf8");
    await importUnits(db.pool, parseUnitsCsv(csv));
    await db.pool.query("INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'Hà', 'vi')", [
      BOARD,
    ]);
  });

  const telegram = () => makeSender(db, api.apiRoot, { adminIds: [BOARD], clock: () => new Date(nowMs) });
  const lastSent = () => api.callsOf("sendMessage").at(-1)!.payload;
  const lastEdit = () => api.callsOf("editMessageText").at(-1)!.payload;
  const buttonsOf = (payload: Record<string, unknown>) =>
    (payload.reply_markup as Keyboard).inline_keyboard.flat().map((b) => ({ text: b.text, data: b.callback_data }));
  const say = async (t: ReturnType<typeof telegram>, text: string, userId = BOARD, languageCode = "vi") => {
    await t.bot.handleUpdate(textUpdate(text, { userId, languageCode }));
  };
  const press = async (t: ReturnType<typeof telegram>, data: string, userId = BOARD) => {
    await t.bot.handleUpdate(callbackUpdate(data, { userId, languageCode: "vi" }));
  };

  it("/progress, /overdue and the digest: each one message under 1,500 characters, with working buttons", async () => {
    const t = telegram();
    await say(t, "/progress");
    const progress = lastSent();
    expect(api.callsOf("sendMessage")).toHaveLength(1);
    expect(String(progress.text).length).toBeLessThan(1500);
    expect(String(progress.text)).toContain("Đã tổ chức đại hội: 0/128 (0%)");
    expect(String(progress.text)).toContain("Đại hội: ✅ 0 · ⏳ 0 · ❗ 128");
    expect(String(progress.text)).toContain("Đơn vị có bí thư đăng ký: 0/128");
    expect(buttonsOf(progress).map((b) => b.data)).toEqual(expect.arrayContaining(["ro:held:late:1", "ro:-:nosec:1"]));
    expect(api.callsOf("sendPhoto")).toHaveLength(1); // and the chart

    await say(t, "/overdue");
    expect(api.callsOf("sendMessage")).toHaveLength(2);
    expect(String(lastSent().text).length).toBeLessThan(1500);

    nowMs = Date.parse("2025-07-01T00:30:00Z"); // 07:30 in Hanoi: the digest
    await t.services.outbox.planDue();
    const { rows } = await db.pool.query("SELECT telegram_id, message FROM deliveries WHERE kind = 'digest'");
    expect(rows).toHaveLength(1);
    const rendered = renderOutboxMessage(rows[0].message, {
      lang: "vi",
      now: new Date(nowMs),
      campaign: loadCampaign(),
      translate: translator(createI18n()),
    });
    expect(rendered.parts).toHaveLength(1);
    expect(rendered.parts[0]!.length).toBeLessThan(1500);
    expect(rendered.buttons!.flat().map((b) => b.data)).toContain("ro:held:late:1");
  });

  it("a roster lists 10 units a page, pages through all 128 in place, and a unit's button opens its card", async () => {
    const t = telegram();
    await say(t, "/progress");
    await press(t, "ro:held:late:1");
    const seen = new Set<string>();
    let page = lastEdit();
    for (let p = 1; ; p++) {
      const text = String(page.text);
      expect(text).toContain(`trang ${p}/13`);
      const units = buttonsOf(page).filter((b) => b.data.startsWith("un:"));
      expect(units.length).toBe(p < 13 ? 10 : 8);
      for (const u of units) seen.add(u.data);
      const next = buttonsOf(page).find((b) => b.text === "▶");
      if (!next) break;
      await press(t, next.data);
      page = lastEdit();
      expect(api.callsOf("sendMessage")).toHaveLength(1); // edited in place, never a new message
    }
    expect(seen.size).toBe(128);
    await press(t, "un:TMP-014");
    expect(String(lastSent().text)).toContain("TMP-014 —");
    expect(String(lastSent().text)).toContain("❗ Đã tổ chức đại hội: hạn 30/06/2025, chậm 1 ngày");
  });

  it("nudges a unit from the roster once a day, through the outbox", async () => {
    const t = telegram();
    await db.pool.query(
      "INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES (3001, 'Lan', 'vi')",
    );
    await db.pool.query(
      "INSERT INTO unit_members (telegram_id, unit_code, role) VALUES (3001, 'TMP-014', 'secretary')",
    );
    await press(t, "nu:TMP-014:held");
    await press(t, "nu:TMP-014:held");
    const answers = api.callsOf("answerCallbackQuery").map((c) => String(c.payload.text));
    expect(answers[0]).toBe("Đã nhắc 1 người.");
    expect(answers[1]).toContain("Không có ai để nhắc");
    await t.sender.drain();
    const nudges = api.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === 3001);
    expect(nudges).toHaveLength(1);
    expect(String(nudges[0]!.payload.text)).toContain("Đã tổ chức đại hội");
  });

  it("a revoked Board member gets no digest, and is refused every Board command and button", async () => {
    const t = telegram();
    await db.pool.query(
      "INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES (1002, 'Mai', 'vi')",
    );
    await say(t, "/grant 1002");
    await press(t, "gr:ok:1002");
    const granted = api.callsOf("setMyCommands").at(-1)!.payload;
    expect(granted.scope).toEqual({ type: "chat", chat_id: 1002 });
    expect((granted.commands as { command: string }[]).map((c) => c.command)).toContain("progress");
    await say(t, "/revoke 1002");
    expect(api.callsOf("deleteMyCommands").at(-1)!.payload.scope).toEqual({ type: "chat", chat_id: 1002 });
    nowMs = Date.parse("2025-07-01T00:30:00Z");
    await t.services.outbox.planDue();
    const { rows } = await db.pool.query("SELECT telegram_id FROM deliveries WHERE kind = 'digest'");
    expect(rows.map((r) => Number(r.telegram_id))).toEqual([BOARD]);
    api.reset();
    for (const command of [
      "/progress",
      "/overdue",
      "/unit TMP-014",
      "/export",
      "/invite all",
      "/invites",
      "/audit",
      "/members",
    ]) {
      await say(t, command, 1002);
    }
    for (const data of ["ro:held:late:1", "un:TMP-014", "nu:TMP-014:held", "pg:home", "iv:p:1", "au:1", "gr:ok:1002"]) {
      await press(t, data, 1002);
    }
    const texts = api.callsOf("sendMessage").map((c) => String(c.payload.text));
    expect(new Set(texts)).toEqual(new Set(["Lệnh này chỉ dành cho Ban Tổ chức Thành ủy."]));
    expect(api.callsOf("sendDocument")).toHaveLength(0);
    expect(api.callsOf("editMessageText")).toHaveLength(0);
    const audit = (await db.pool.query("SELECT action, subject FROM audit_events ORDER BY id")).rows;
    expect(audit).toEqual([
      { action: "board.grant", subject: "1002" },
      { action: "board.revoke", subject: "1002" },
    ]);
  });

  it("/invite all: one code per unit without a secretary, as a workbook; a second run revokes the first run's codes", async () => {
    const t = telegram();
    await say(t, "/invite all");
    const doc = api.callsOf("sendDocument").at(-1)!;
    const file = (doc.payload.files as Record<string, { name: string; bytes: Buffer }>).document!;
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(129);
    const code = String(sheet.getRow(2).getCell(5).value);
    const link = sheet.getRow(2).getCell(6).value as { text: string };
    expect(link.text).toBe(`https://t.me/daihoi_test_bot?start=${code}`);
    // Someone joins with it; a second run makes 127, and the first run's other codes are revoked.
    await say(t, `/start ${code}`, 3002);
    expect(String(lastSent().text)).toContain("bí thư");
    await say(t, "/invite all");
    expect(String(api.callsOf("sendDocument").at(-1)!.payload.caption)).toContain("127 mã mời");
    const stale = String(sheet.getRow(3).getCell(5).value);
    await say(t, `/start ${stale}`, 3003);
    expect(String(lastSent().text)).toContain("Mã mời này đã được thay bằng mã mới");
    // /invites lists the open codes, each with a button that revokes it.
    await say(t, "/invites");
    expect(String(lastSent().text)).toContain("Mã mời còn hiệu lực: 127");
    const revoke = buttonsOf(lastSent()).find((b) => b.data.startsWith("iv:x:"))!;
    await press(t, revoke.data);
    expect(String(lastEdit().text)).toContain("Mã mời còn hiệu lực: 126");
  });

  it("/unit finds a unit by a part of its name without diacritics, and says when several or none match", async () => {
    const t = telegram();
    await say(t, "/unit thieu duong");
    expect(String(lastSent().text)).toContain("P-THIEUDUONG — Đảng bộ phường Thiệu Dương");
    expect(String(lastSent().text)).toContain("đảng bộ, phường, đại hội điểm");
    await say(t, "/unit dong");
    expect(String(lastSent().text)).toMatch(/^Có \d+ đơn vị khớp với “dong”:/);
    await say(t, "/unit khong co dau");
    expect(String(lastSent().text)).toContain("Không có đơn vị nào khớp");
  });
});

describe("the chart", () => {
  const campaign = loadCampaign();
  const translate = translator(createI18n());
  const summary = {
    date: "2025-06-20",
    total: 128,
    held: 40,
    model: { total: 5, held: 5 },
    withSecretary: 100,
    joinedToday: 2,
    aheadDays: 3,
    steps: campaign.milestones.map((m, i) => ({
      key: m.key,
      counts: {
        done: 40 - i,
        late: 10 + i,
        due: 20,
        open: 50,
        unknown: 8,
        skipped: 0,
        unplanned: m.key === "plan" ? 88 : 0,
      },
    })),
  };
  const burnUp = { days: ["2025-06-18", "2025-06-19", "2025-06-20"], held: [30, 35, 40], planned: [60, 80, 100] };

  it("is a PNG of 1000×900 with the labels in the asker's language", async () => {
    const png = await progressChartPng({ campaign, summary, burnUp, lang: "vi", translate });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1000); // IHDR width
    expect(png.readUInt32BE(20)).toBe(900); // IHDR height
    expect(png.length).toBeGreaterThan(20_000);
    const svg = await progressChartSvg({ campaign, summary, burnUp, lang: "vi", translate });
    for (const label of ["Dự thảo văn kiện", "Hồ sơ nhân sự", "Đại hội", "đã tổ chức", "theo kế hoạch", "chậm"])
      expect(svg).toContain(label);
    const pl = await progressChartSvg({ campaign, summary, burnUp, lang: "pl", translate });
    expect(pl).toContain("Dokumentacja kadrowa");
  });

  it("draws Vietnamese letters: the font has them (a text of nothing but ệ, ẫ, ặ, ữ leaves ink)", async () => {
    const { Resvg } = await import("@resvg/resvg-js");
    const ink = (text: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" font-size="32" font-family="Noto Sans">${text}</text></svg>`;
      const pixels = new Resvg(svg, {
        font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: "Noto Sans" },
      }).render().pixels;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 128) n++;
      return n;
    };
    expect(ink("ệẫặữ")).toBeGreaterThan(200);
    expect(ink("ĐỊNH NGÀY")).toBeGreaterThan(200);
    expect(ink("")).toBe(0);
  });
});
