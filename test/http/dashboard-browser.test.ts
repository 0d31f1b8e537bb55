import { existsSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import type { Database } from "../../src/db/pool.ts";
import { createHttpServer, type HttpServer } from "../../src/http/server.ts";
import { signInitData } from "../../src/http/telegram-auth.ts";
import type { Services } from "../../src/services/index.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { makeServices, silentLogger, TEST_TOKEN } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH; playwright-core downloads no browser. */
const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string =>
  Boolean(p && existsSync(p)),
);
if (!CHROMIUM)
  console.warn("SKIPPED: the dashboard's browser test needs Chromium (apt-get install chromium, or CHROMIUM_PATH)");
const suite = CHROMIUM ? describe.each(dbKinds()) : describe.skip.each(dbKinds());

const ADMIN = 1001;
const JULY = Date.parse("2025-07-01T03:00:00Z");
/** An expression evaluated in the page. */
const STATUS_TEXT = `(document.getElementById("status")?.textContent ?? "")`;
const SHOTS = join(tmpdir(), "daihoi-dashboard-shots");

let browser: Browser | undefined;
beforeAll(async () => {
  if (CHROMIUM) browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

suite("the dashboard in a real browser (headless Chromium), on %s", (kind) => {
  let db: Database;
  let services: Services;
  let server: HttpServer;
  let base: string;
  let units: ReturnType<typeof parseUnitsCsv>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    services = makeServices(db, { adminIds: [ADMIN], clock: () => new Date(JULY) });
    const csv = await readFile(new URL("../../docs/units-thanh-hoa.example.csv", import.meta.url), "utf8");
    units = parseUnitsCsv(csv);
    await importUnits(db.pool, units);
    await db.pool.query("INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'Hà', 'vi')", [
      ADMIN,
    ]);
    // Three congresses held, one corrected.
    for (const [code, date] of [
      [units[0]!.code, "2025-06-10"],
      [units[1]!.code, "2025-06-15"],
      [units[2]!.code, "2025-06-20"],
      [units[0]!.code, "2025-06-11"],
    ] as const)
      await services.reports.record({
        unitCode: code,
        milestone: "held",
        date,
        reportedBy: null,
        chatId: null,
        lang: "vi",
      });
    server = await createHttpServer({
      services,
      translate: translator(createI18n()),
      logger: silentLogger,
      clock: () => new Date(JULY),
      botToken: TEST_TOKEN,
    });
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    await mkdir(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("logs in through a one-time link; headline, 128 units, filters, a unit, another language, phone and desktop", async () => {
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const { token } = await services.dashboard.loginToken(ADMIN);
    await page.goto(`${base}/dashboard#login=${token}`);
    const headline = page.locator("#headline");
    await headline.waitFor();
    // The token is gone from the address bar at once.
    expect(page.url()).toBe(`${base}/dashboard`);
    expect(await headline.innerText()).toContain("3/128 (2%)");
    expect(await headline.innerText()).toContain("Đã tổ chức đại hội");
    const rows = page.locator("#unit-rows tr");
    expect(await rows.count()).toBe(128);
    expect(await page.locator("#shown").innerText()).toBe("128 / 128 đơn vị");
    // The knowledge loop's weekly figures and the Board's open queue, as /questions stats gives them.
    expect(await page.locator("#gaps").innerText()).toContain("Đang chờ Ban Tổ chức trả lời: 0");

    // The charts rendered: SVG with drawn paths and labels.
    for (const id of ["#chart-time", "#chart-steps"]) {
      expect(await page.locator(`${id} svg path`).count(), id).toBeGreaterThan(5);
      const box = await page.locator(`${id} svg`).boundingBox();
      expect(box!.width, id).toBeGreaterThan(300);
      expect(box!.height, id).toBeGreaterThan(100);
    }
    await page.screenshot({ path: join(SHOTS, `${kind}-phone.png`), fullPage: true });
    await page.locator("#chart-time").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `${kind}-phone-charts.png`) });

    // Late units only (the held step, after every deadline): 125, the most days late first.
    await page.selectOption("#f-state", "late");
    expect(await rows.count()).toBe(125);
    await page.selectOption("#f-sort", "late");
    const firstLate = Number(await rows.first().locator("td").last().innerText());
    const lastLate = Number(await rows.last().locator("td").last().innerText());
    expect(firstLate).toBeGreaterThanOrEqual(lastLate);
    expect(await rows.first().locator(".state").getAttribute("data-state")).toBe("late");
    await page.selectOption("#f-state", "done");
    expect(await rows.count()).toBe(3);
    await page.selectOption("#f-state", "");

    // Search by name without diacritics.
    const target = units.find((u) => /[\u00C0-\u1EF9]/.test(u.name))!;
    const folded = target.name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase();
    await page.fill("#f-search", folded);
    expect(await page.locator(`#unit-rows tr[data-code="${target.code}"]`).count()).toBe(1);
    await page.fill("#f-search", "");

    // A unit's page: its steps and its history, with the correction.
    await page.locator(`#unit-rows tr[data-code="${units[0]!.code}"] button`).click();
    const unit = page.locator("#unit");
    await unit.waitFor();
    const unitText = await unit.innerText();
    expect(unitText).toContain(`${units[0]!.code} — ${units[0]!.name}`);
    expect(unitText).toContain("11/06/2025");
    expect(unitText).toContain("(đính chính)");

    // Another language: the page and the unit in English, without a reload.
    await page.selectOption("#lang", "en");
    await page.locator("#unit >> text=Steps").waitFor();
    expect(await page.locator("#title").innerText()).toBe("Congress campaign dashboard");
    expect(await unit.innerText()).toContain("(correction)");
    await page.click("#back");
    await headline.waitFor();
    expect(await headline.innerText()).toContain("Congresses held");
    expect(await page.locator("#chart-steps svg").innerHTML()).toContain("late");

    // Desktop width.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${kind}-desktop.png`), fullPage: true });
    for (const shot of ["phone", "desktop"])
      expect((await stat(join(SHOTS, `${kind}-${shot}.png`))).size).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("opens as a Telegram Mini App with initData; shows nothing without a login, or with a used link", async () => {
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const initData = signInitData(
      {
        auth_date: String(Math.floor(JULY / 1000)),
        user: JSON.stringify({ id: ADMIN, first_name: "Hà", language_code: "pl" }),
      },
      TEST_TOKEN,
    );
    await page.goto(`${base}/dashboard#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0`);
    await page.locator("#headline").waitFor();
    expect(await page.locator("#headline").innerText()).toContain("Odbyte zjazdy"); // Telegram's language: Polish
    expect(await page.locator("#unit-rows tr").count()).toBe(128);

    const stranger = await browser!.newContext();
    const other = await stranger.newPage();
    await other.goto(`${base}/dashboard`);
    await other.locator("#status").waitFor();
    await other.waitForFunction(`${STATUS_TEXT} !== "Đang tải…"`);
    expect(await other.locator("#status").innerText()).toContain("Vui lòng đăng nhập");
    expect(await other.locator("#unit-rows").count()).toBe(0);
    const { token } = await services.dashboard.loginToken(ADMIN);
    await services.dashboard.startSession(token); // used already
    await other.goto("about:blank"); // a new page load, not only a new fragment
    await other.goto(`${base}/dashboard#login=${token}`);
    await other.waitForFunction(`/đã được dùng/.test(${STATUS_TEXT})`);
    expect(await other.content()).not.toContain(units[0]!.name);
    await stranger.close();
    await context.close();
  }, 60_000);
});
