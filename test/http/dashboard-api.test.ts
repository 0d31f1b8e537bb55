import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import type { Database } from "../../src/db/pool.ts";
import { createHttpServer, INIT_DATA_HEADER, type HttpServer } from "../../src/http/server.ts";
import { signInitData } from "../../src/http/telegram-auth.ts";
import type { Services } from "../../src/services/index.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { makeServices, silentLogger, TEST_TOKEN } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";

const ADMIN = 1001; // on the Board from ADMIN_TELEGRAM_IDS
const GRANTED = 1002; // granted in chat, revoked in a test
const SECRETARY = 2001; // a unit's secretary: not on the Board
const JULY = Date.parse("2025-07-01T03:00:00Z");
const ENDPOINTS = [
  { url: "/api/overview", body: { lang: "vi" } },
  { url: "/api/unit", body: { lang: "vi", code: "P01" } },
  { url: "/api/export", body: { lang: "vi" } },
];

describe.each(dbKinds())("the dashboard's HTTP API, on %s", (kind) => {
  let db: Database;
  let services: Services;
  let server: HttpServer;
  let nowMs = JULY;
  let firstUnit: { code: string; name: string };

  const initData = (userId: number, authDate = Math.floor(nowMs / 1000), token = TEST_TOKEN) =>
    signInitData(
      {
        auth_date: String(authDate),
        query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
        user: JSON.stringify({ id: userId, first_name: "Hà", language_code: "vi" }),
      },
      token,
    );
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    server.inject({ method: "POST", url, payload: body as object, headers });
  async function login(telegramId: number): Promise<string> {
    const { token } = await services.dashboard.loginToken(telegramId);
    const res = await post("/api/login", { token });
    expect(res.statusCode).toBe(204);
    const cookie = String(res.headers["set-cookie"]);
    return cookie.split(";")[0]!;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    services = makeServices(db, { adminIds: [ADMIN], clock: () => new Date(nowMs) });
    server = await createHttpServer({
      services,
      translate: translator(createI18n()),
      logger: silentLogger,
      clock: () => new Date(nowMs),
      botToken: TEST_TOKEN,
      publicUrl: "https://dash.example.org",
      scheduler: () => ({ state: "active", lastPassAt: new Date(nowMs - 30_000) }),
    });
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });
  beforeEach(async () => {
    nowMs = JULY;
    await db.pool.query(
      "TRUNCATE dashboard_tokens, inbox, report_events, invites, unit_members, board_members, telegram_users, units CASCADE",
    );
    const csv = await readFile(new URL("../../docs/units-thanh-hoa.example.csv", import.meta.url), "utf8");
    const units = parseUnitsCsv(csv);
    firstUnit = { code: units[0]!.code, name: units[0]!.name };
    ENDPOINTS[1]!.body.code = firstUnit.code;
    await importUnits(db.pool, units);
    for (const [id, name] of [
      [ADMIN, "Hà"],
      [GRANTED, "Minh"],
      [SECRETARY, "Lan"],
    ] as const)
      await db.pool.query("INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, $2, 'vi')", [
        id,
        name,
      ]);
    await services.members.grantBoard({ telegramId: GRANTED, by: ADMIN });
  });

  it("refuses every endpoint without a session, with 401 and no data", async () => {
    for (const e of ENDPOINTS) {
      const res = await post(e.url, e.body);
      expect(res.statusCode, e.url).toBe(401);
      expect(res.body).not.toContain(firstUnit.name);
      expect(res.body).not.toContain(firstUnit.code);
    }
    // A made-up cookie is no session either.
    const res = await post("/api/overview", { lang: "vi" }, { cookie: "daihoi_session=made-up-token-abcdefghijkl" });
    expect(res.statusCode).toBe(401);
  });

  it("refuses a forged or stale initData (401) and a valid one of someone not on the Board (403)", async () => {
    const forged = initData(ADMIN, undefined, "999999:ANOTHER-bots-token-abcdefghijklmnop");
    const tampered = initData(SECRETARY).replace(
      encodeURIComponent(`"id":${SECRETARY}`),
      encodeURIComponent(`"id":${ADMIN}`),
    );
    const stale = initData(ADMIN, Math.floor(nowMs / 1000) - 2 * 3600);
    for (const e of ENDPOINTS) {
      for (const bad of [forged, tampered, stale, "hash=abc&user=%7B%22id%22%3A1001%7D"]) {
        const res = await post(e.url, e.body, { [INIT_DATA_HEADER]: bad });
        expect(res.statusCode, `${e.url} ${bad.slice(0, 30)}`).toBe(401);
        expect(res.body).not.toContain(firstUnit.name);
      }
      const notBoard = await post(e.url, e.body, { [INIT_DATA_HEADER]: initData(SECRETARY) });
      expect(notBoard.statusCode).toBe(403);
      expect(notBoard.body).not.toContain(firstUnit.name);
    }
  });

  it("serves a Board member from a Mini App's initData, every endpoint", async () => {
    const headers = { [INIT_DATA_HEADER]: initData(ADMIN) };
    const overview = await post("/api/overview", { lang: "en" }, headers);
    expect(overview.statusCode).toBe(200);
    const body = overview.json();
    expect(body.summary.total).toBe(128);
    expect(body.units).toHaveLength(128);
    expect(body.charts.burnUp).toMatch(/^<svg/);
    expect(body.charts.steps).toContain("late");
    const unit = await post("/api/unit", { lang: "vi", code: firstUnit.code }, headers);
    expect(unit.statusCode).toBe(200);
    expect(unit.json().name).toBe(firstUnit.name);
    const xlsx = await post("/api/export", { lang: "vi" }, headers);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-disposition"]).toContain(".xlsx");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK"); // a zip: the workbook
    // An ended session's cookie left in the Mini App's webview does not stand in the way of valid initData.
    const stale = await post("/api/overview", {}, { ...headers, cookie: "daihoi_session=ended-session-abcdefghijkl" });
    expect(stale.statusCode).toBe(200);
    // Bad input is refused by the schema.
    expect((await post("/api/unit", { code: "../../etc" }, headers)).statusCode).toBe(400);
    expect((await post("/api/unit", { code: "NOPE1" }, headers)).statusCode).toBe(404);
  });

  it("a one-time link sets an HttpOnly, SameSite, Secure session cookie; the link works once and for 10 minutes", async () => {
    const { token } = await services.dashboard.loginToken(ADMIN);
    const res = await post("/api/login", { token });
    expect(res.statusCode).toBe(204);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/daihoi_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Secure/);
    const cookie = setCookie.split(";")[0]!;
    for (const e of ENDPOINTS) expect((await post(e.url, e.body, { cookie })).statusCode, e.url).toBe(200);
    // The same link again: refused.
    expect((await post("/api/login", { token })).statusCode).toBe(401);
    // A link older than 10 minutes: refused.
    const late = await services.dashboard.loginToken(ADMIN);
    nowMs += 11 * 60_000;
    expect((await post("/api/login", { token: late.token })).statusCode).toBe(401);
    // Someone not on the Board gets no link at all.
    await expect(services.dashboard.loginToken(SECRETARY)).rejects.toThrow();
    // The token is stored hashed only.
    const { rows } = await db.pool.query("SELECT token_hash FROM dashboard_tokens");
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it("a session ends when it expires, on logout, and when the person's Board rights are revoked", async () => {
    const cookie = await login(GRANTED);
    expect((await post("/api/overview", {}, { cookie })).statusCode).toBe(200);
    await services.members.revokeBoard({ telegramId: GRANTED, by: ADMIN });
    for (const e of ENDPOINTS) {
      const res = await post(e.url, e.body, { cookie });
      expect(res.statusCode, e.url).toBe(401);
      expect(res.body).not.toContain(firstUnit.name);
    }
    // Granted again later: the old session stays ended.
    await services.members.grantBoard({ telegramId: GRANTED, by: ADMIN });
    expect((await post("/api/overview", {}, { cookie })).statusCode).toBe(401);

    const again = await login(ADMIN);
    nowMs += 13 * 3_600_000; // sessions last 12 hours
    expect((await post("/api/overview", {}, { cookie: again })).statusCode).toBe(401);

    nowMs = JULY;
    const third = await login(ADMIN);
    expect((await post("/api/logout", {}, { cookie: third })).statusCode).toBe(204);
    expect((await post("/api/overview", {}, { cookie: third })).statusCode).toBe(401);
  });

  it("shows the same numbers as /progress and the export, and a unit's history with corrections", async () => {
    const cookie = await login(ADMIN);
    const [a, b] = [firstUnit.code, (await services.board.search("P"))[1]?.code ?? firstUnit.code];
    await services.reports.record({
      unitCode: a,
      milestone: "held",
      date: "2025-06-20",
      reportedBy: SECRETARY,
      chatId: SECRETARY,
      lang: "vi",
      details: { members_elected: 5 },
    });
    await services.reports.record({
      unitCode: a,
      milestone: "held",
      date: "2025-06-21",
      reportedBy: SECRETARY,
      chatId: SECRETARY,
      lang: "vi",
    });
    await services.reports.record({
      unitCode: b,
      milestone: "held",
      date: "2025-06-25",
      reportedBy: null,
      chatId: null,
      lang: "vi",
    });
    const body = (await post("/api/overview", { lang: "vi" }, { cookie })).json();
    const { changes: _changes, ...progress } = await services.board.summary();
    expect(body.summary).toEqual(progress);
    expect(body.summary.held).toBe(a === b ? 1 : 2);
    // Per unit and step, the same state as the export's rows.
    const exported = await services.board.exportData();
    const stepKeys = services.campaign.milestones.map((m) => m.key);
    for (const s of exported.statuses) {
      const row = body.units.find((u: { c: string }) => u.c === s.unit.code);
      expect(row.s.map((x: unknown[]) => x[0])).toEqual(
        stepKeys.map((k) => s.steps.find((x) => x.milestone.key === k)!.state),
      );
    }
    expect(body.burnUp).toBeUndefined(); // the page gets pictures, not the raw curve
    const unit = (await post("/api/unit", { lang: "en", code: a }, { cookie })).json();
    const held = unit.steps.find((s: { key: string }) => s.key === "held");
    expect(held.state).toBe("done");
    expect(held.date).toBe("21/06/2025");
    expect(held.detail).toContain("Lan");
    expect(held.figures.join(" ")).toContain("5");
    expect(unit.history).toHaveLength(2);
    expect(unit.history[1].correction).toBe(true);
  });

  it("counts the questions the documents did not answer and the answers rated 👎, per week", async () => {
    const cookie = await login(ADMIN);
    const insert = async (question: string, mode: string, refusal: string | null, at: string) => {
      const { rows } = await db.pool.query(
        `INSERT INTO questions (telegram_id, chat_id, channel, language, question, answer, mode, latency_ms, model, refusal, created_at)
         VALUES ($1, $1, 'telegram', 'vi', $2, '…', $3, 5, 'm', $4, $5) RETURNING id`,
        [SECRETARY, question, mode, refusal, at],
      );
      return rows[0].id as string;
    };
    await insert("Ai sẽ làm bí thư?", "none", "personnel", "2025-06-24T03:00:00Z"); // refused on purpose: no gap
    await insert("Mẫu biên bản kiểm phiếu ở đâu?", "none", "not-covered", "2025-06-24T03:00:00Z");
    const disliked = await insert("Hạn nộp hồ sơ nhân sự?", "llm", null, "2025-06-30T03:00:00Z");
    await services.questions.feedback({ questionId: disliked, telegramId: SECRETARY, helpful: false });
    const body = (await post("/api/overview", { lang: "vi" }, { cookie })).json();
    const total = (k: "unanswered" | "disliked") =>
      body.gaps.weeks.reduce((n: number, w: Record<string, number>) => n + (w[k] ?? 0), 0);
    expect(total("unanswered")).toBe(1);
    expect(total("disliked")).toBe(1);
    expect(body.gaps.latest.map((g: { question: string }) => g.question)).toEqual(
      expect.arrayContaining(["Mẫu biên bản kiểm phiếu ở đâu?", "Hạn nộp hồ sơ nhân sự?"]),
    );
    expect(JSON.stringify(body.gaps)).not.toContain("Ai sẽ làm bí thư?");
    // The knowledge loop's weekly figures, the same numbers as /questions stats.
    expect(body.knowledge).toEqual(JSON.parse(JSON.stringify(await services.knowledge.stats({ weeks: 8 }))));
    const sum = (k: string) => body.knowledge.weeks.reduce((n: number, w: Record<string, number>) => n + w[k]!, 0);
    expect(sum("notCovered")).toBeGreaterThanOrEqual(1);
    expect(sum("notHelpful")).toBe(1);
  });

  it("serves the page shell without data, with a strict CSP, and its own script and style", async () => {
    const page = await server.inject({ method: "GET", url: "/dashboard" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.body).not.toContain(firstUnit.name);
    expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing from elsewhere
    const script = /src="(\/dashboard\/app\.js\?v=\w+)"/.exec(page.body)![1]!;
    const style = /href="(\/dashboard\/app\.css\?v=\w+)"/.exec(page.body)![1]!;
    for (const url of [script, style]) expect((await server.inject({ method: "GET", url })).statusCode).toBe(200);
    // Only POST carries a unit: a unit code in a URL finds nothing.
    expect((await server.inject({ method: "GET", url: `/api/unit?code=${firstUnit.code}` })).statusCode).toBe(404);
  });

  it("/healthz: 200 with the database reachable and the scheduler running; 503 with the reason otherwise", async () => {
    const ok = await server.inject({ method: "GET", url: "/healthz" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: "ok",
      database: "ok",
      scheduler: { state: "active" },
      unknownDeliveries: 0,
    });
    // A send that timed out shows in /healthz (the Board was told; it is never sent again), without failing it.
    await db.pool.query(
      `INSERT INTO deliveries (dedupe_key, kind, telegram_id, message, status, next_attempt_at, created_at)
       VALUES ('hz-unknown', 'reminder', 1, '{"type":"text","text":"x"}', 'unknown', $1, $1)`,
      [new Date(nowMs - 60_000)],
    );
    const doubt = await server.inject({ method: "GET", url: "/healthz" });
    expect(doubt.statusCode).toBe(200);
    expect(doubt.json().unknownDeliveries).toBe(1);

    await db.pool.query(
      "INSERT INTO inbox (update_id, chat_key, payload, status, received_at, done_at) VALUES (1, 'c', '{}', 'done', $1, $1), (2, 'c', '{}', 'pending', $2, NULL)",
      [new Date(nowMs - 3_600_000), new Date(nowMs - 10 * 60_000)],
    );
    const stuck = await server.inject({ method: "GET", url: "/healthz" });
    expect(stuck.statusCode).toBe(503);
    expect(stuck.json().reasons).toContain("Telegram updates waiting unhandled");
    expect(stuck.json().lastUpdateHandledAt).toBe(new Date(nowMs - 3_600_000).toISOString());

    const stalled = await createHttpServer({
      services,
      translate: translator(createI18n()),
      logger: silentLogger,
      clock: () => new Date(nowMs),
      scheduler: () => ({ state: "active", lastPassAt: new Date(nowMs - 3_600_000) }),
    });
    const res = await stalled.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json().reasons).toContain("scheduler has not run");
    await stalled.close();

    const gone = await openTestDatabase("pglite");
    const goneServer = await createHttpServer({
      services: makeServices(gone),
      translate: translator(createI18n()),
      logger: silentLogger,
      clock: () => new Date(nowMs),
    });
    await gone.close();
    const down = await goneServer.inject({ method: "GET", url: "/healthz" });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ database: "unreachable", reasons: ["database unreachable"] });
    await goneServer.close();
  });
});
