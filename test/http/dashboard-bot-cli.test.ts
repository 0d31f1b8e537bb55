import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.ts";
import { createLimiter } from "../../src/bot/dispatch/limiter.ts";
import { openDatabase, type Database } from "../../src/db/pool.ts";
import type { Services } from "../../src/services/index.ts";
import {
  BOT_INFO,
  callbackUpdate,
  makeServices,
  silentLogger,
  TEST_TOKEN,
  textUpdate,
} from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 1001;
const SECRETARY = 2001;
type Keyboard = { inline_keyboard: { text: string; url?: string; web_app?: { url: string } }[][] };

describe.each(dbKinds())("/dashboard in Telegram, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  let services: Services;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    api = await startFakeBotApi();
    services = makeServices(db, { adminIds: [BOARD] });
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });
  beforeEach(() => api.reset());

  const bot = (dashboardUrl?: string) =>
    createBot({
      token: TEST_TOKEN,
      apiRoot: api.apiRoot,
      botInfo: BOT_INFO,
      services,
      config: { questions: { maxChars: 1000, perMinute: 100 } },
      limiter: createLimiter(),
      logger: silentLogger,
      dashboardUrl,
    });
  const lastText = () => String(api.callsOf("sendMessage").at(-1)!.payload.text);

  it("gives a Board member a Mini App button, a one-time browser link that logs in once, and the menu button", async () => {
    await bot("https://dash.example.org").handleUpdate(textUpdate("/dashboard", { userId: BOARD, languageCode: "en" }));
    const sent = api.callsOf("sendMessage").at(-1)!.payload;
    expect(String(sent.text)).toContain("The campaign dashboard");
    const buttons = (sent.reply_markup as Keyboard).inline_keyboard.flat();
    expect(buttons[0]!.web_app!.url).toBe("https://dash.example.org/dashboard");
    const link = buttons[1]!.url!;
    expect(link).toMatch(/^https:\/\/dash\.example\.org\/dashboard#login=[\w-]{40,}$/);
    const token = link.split("#login=")[1]!;
    expect(await services.dashboard.startSession(token)).toBeDefined();
    expect(await services.dashboard.startSession(token)).toBeUndefined(); // once
    const menu = api.callsOf("setChatMenuButton").at(-1)!.payload;
    expect(menu).toMatchObject({
      chat_id: BOARD,
      menu_button: { type: "web_app", web_app: { url: link.split("#")[0] } },
    });
  });

  it("a Board member's menu button opens the dashboard once granted, and goes back to the commands when revoked", async () => {
    const b = () => bot("https://dash.example.org");
    const menuOf = (chat: number) =>
      api
        .callsOf("setChatMenuButton")
        .filter((c) => Number(c.payload.chat_id) === chat)
        .at(-1)?.payload;
    await b().handleUpdate(textUpdate("/start", { userId: 3001, languageCode: "en" }));
    expect(menuOf(3001)).toBeUndefined(); // not on the Board: the default menu
    await b().handleUpdate(textUpdate("/grant 3001", { userId: BOARD, languageCode: "en" }));
    await b().handleUpdate(callbackUpdate("gr:ok:3001", { userId: BOARD, languageCode: "en" }));
    expect(menuOf(3001)).toMatchObject({
      menu_button: { type: "web_app", web_app: { url: "https://dash.example.org/dashboard" } },
    });
    await b().handleUpdate(textUpdate("/revoke 3001", { userId: BOARD, languageCode: "en" }));
    expect(menuOf(3001)).toEqual({ chat_id: 3001, menu_button: { type: "default" } });
  });

  it("over plain http (a closed network): the link in the text; without the server: says it is off", async () => {
    await bot("http://10.0.0.5:8080").handleUpdate(textUpdate("/dashboard", { userId: BOARD, languageCode: "en" }));
    expect(lastText()).toMatch(/http:\/\/10\.0\.0\.5:8080\/dashboard#login=[\w-]{40,}/);
    await bot(undefined).handleUpdate(textUpdate("/dashboard", { userId: BOARD, languageCode: "en" }));
    expect(lastText()).toContain("not switched on");
  });

  it("refuses anyone not on the Board, and a group chat", async () => {
    const before = await db.pool.query("SELECT count(*)::int AS n FROM dashboard_tokens");
    await bot("https://dash.example.org").handleUpdate(
      textUpdate("/dashboard", { userId: SECRETARY, languageCode: "en" }),
    );
    expect(lastText()).toContain("City Organization Board only");
    const update = textUpdate("/dashboard", { userId: BOARD, languageCode: "en" });
    await bot("https://dash.example.org").handleUpdate({
      ...update,
      message: { ...update.message, chat: { id: -100123, type: "supergroup" as const, title: "Chi bộ" } },
    });
    expect(lastText()).toContain("private chat");
    const after = await db.pool.query("SELECT count(*)::int AS n FROM dashboard_tokens");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

const BIN = join(import.meta.dirname, "..", "..", "bin", "daihoi.js");
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LANG: "C.UTF-8", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("daihoi dashboard-link", { timeout: 120_000 }, () => {
  it("prints a one-time login link for a Board member; refuses others, and says when PUBLIC_URL is missing", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "daihoi-dash-"));
    try {
      const env = { DATA_DIR: dataDir, ADMIN_TELEGRAM_IDS: "900", PUBLIC_URL: "https://dash.example.org/" };
      const ok = await run(["dashboard-link", "--telegram-id", "900"], env);
      expect(ok.code).toBe(0);
      const link = /https:\/\/dash\.example\.org\/dashboard#login=([\w-]+)/.exec(ok.stdout);
      expect(link, ok.stdout + ok.stderr).not.toBeNull();
      const refused = await run(["dashboard-link", "--telegram-id", "901"], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("City Organization Board only");
      const noUrl = await run(["dashboard-link", "--telegram-id", "900"], { ...env, PUBLIC_URL: "" });
      expect(noUrl.code).toBe(1);
      expect(noUrl.stderr).toContain("PUBLIC_URL is not set");
      // The printed link logs in (once), on the same database.
      const db = await openDatabase({ dataDir });
      const services = makeServices(db, { adminIds: [900] });
      expect(await services.dashboard.startSession(link![1]!)).toBeDefined();
      expect(await services.dashboard.startSession(link![1]!)).toBeUndefined();
      await db.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
