// The dashboard's server time and bytes, for the 128 example units and for 2,000 generated ones.
//   npm run bench:dashboard [-- --units 128,2000] [--runs 60] [--postgres postgres://…]   (also BENCH_DATABASE_URL)
// Per database and number of units: the page (HTML, script, style: a first visit) and its data (POST /api/overview,
// with both charts), one unit's card; server time p50/p95 over the runs after a warm-up, bytes as sent to a browser
// (gzip) and before compression.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { createI18n, translator } from "../src/bot/i18n.ts";
import { migrate } from "../src/db/migrate.ts";
import { createHttpServer } from "../src/http/server.ts";
import { parseUnitsCsv } from "../src/units/registry-csv.ts";
import { importUnits } from "../src/units/unit-store.ts";
import { openBenchDatabase } from "./bench-db.ts";
import { makeServices, silentLogger } from "../test/helpers/app-fixture.ts";

const { values } = parseArgs({
  options: {
    units: { type: "string", default: "128,2000" },
    runs: { type: "string", default: "60" },
    postgres: { type: "string" },
  },
});
const sizes = values.units!.split(",").map(Number);
const runs = Number(values.runs);
const postgresUrl = values.postgres ?? process.env.BENCH_DATABASE_URL;
const BOARD = 1001;
const NOW = new Date("2025-06-20T03:00:00Z");

const open = (kind: "pglite" | "postgres") => openBenchDatabase(kind, postgresUrl);

async function unitsOf(count: number) {
  const example = parseUnitsCsv(
    await readFile(new URL("../docs/units-thanh-hoa.example.csv", import.meta.url), "utf8"),
  );
  if (count <= example.length) return example.slice(0, count);
  return Array.from({ length: count }, (_, i) => ({
    ...example[i % example.length]!,
    code: `U${String(i + 1).padStart(4, "0")}`,
    name: `Chi bộ thôn Đông Hòa số ${i + 1}`,
    plannedCongressDate: `2025-06-${String(1 + (i % 28)).padStart(2, "0")}`,
  }));
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function bench(kind: "pglite" | "postgres", count: number) {
  const { db, drop } = await open(kind);
  try {
    await migrate(db.pool);
    const services = makeServices(db, { adminIds: [BOARD], clock: () => NOW });
    const units = await unitsOf(count);
    await importUnits(db.pool, units);
    // About 40% of the congresses held, on their planned day.
    for (const [i, u] of units.entries())
      if (i % 5 < 2 && u.plannedCongressDate && u.plannedCongressDate <= "2025-06-19")
        await services.reports.record({
          unitCode: u.code,
          milestone: "held",
          date: u.plannedCongressDate,
          reportedBy: null,
          chatId: null,
          lang: "vi",
        });
    const server = await createHttpServer({
      services,
      translate: translator(createI18n()),
      logger: silentLogger,
      clock: () => NOW,
    });
    const { token } = await services.dashboard.loginToken(BOARD);
    const login = await server.inject({ method: "POST", url: "/api/login", payload: { token } });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    // As a browser asks: gzip accepted.
    const get = (url: string) => server.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
    const post = (url: string, payload: object) =>
      server.inject({ method: "POST", url, payload, headers: { cookie, "accept-encoding": "gzip" } });
    type Res = { rawPayload: Buffer; headers: Record<string, unknown> };
    const sizes = (res: Res) => ({
      sent: res.rawPayload.length,
      raw: res.headers["content-encoding"] === "gzip" ? gunzipSync(res.rawPayload).length : res.rawPayload.length,
    });
    const page = await get("/dashboard");
    const assets = await Promise.all(
      [
        ...gunzipSync(page.rawPayload)
          .toString()
          .matchAll(/(?:src|href)="(\/dashboard\/app\.\w+\?v=\w+)"/g),
      ].map((m) => get(m[1]!)),
    );
    const measure = async (request: () => Promise<Res>) => {
      for (let i = 0; i < 5; i++) await request(); // warm-up (echarts loads on the first chart)
      const times: number[] = [];
      let last: Res | undefined;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        last = await request();
        times.push(performance.now() - start);
      }
      return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), ...sizes(last!) };
    };
    const pageTimes = await measure(() => get("/dashboard"));
    const data = await measure(() => post("/api/overview", { lang: "vi" }));
    const unit = await measure(() => post("/api/unit", { lang: "vi", code: units[0]!.code }));
    // Right after a report (the charts drawn again): a congress reported before each run.
    const unheld = units.filter((_, i) => !(i % 5 < 2)).slice(0, 20);
    const coldTimes: number[] = [];
    for (const u of unheld) {
      await services.reports.record({
        unitCode: u.code,
        milestone: "held",
        date: "2025-06-19",
        reportedBy: null,
        chatId: null,
        lang: "vi",
      });
      const start = performance.now();
      await post("/api/overview", { lang: "vi" });
      coldTimes.push(performance.now() - start);
    }
    const shell = [page, ...assets].map(sizes).reduce((a, b) => ({ sent: a.sent + b.sent, raw: a.raw + b.raw }));
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      [
        `${kind.padEnd(8)} ${String(count).padStart(5)} units`,
        `page ${ms(pageTimes.p95)} p95, ${kb(shell.sent)} sent with script+style (${kb(shell.raw)} unzipped)`,
        `data ${ms(data.p50)} p50 / ${ms(data.p95)} p95, ${kb(data.sent)} sent (${kb(data.raw)} unzipped)`,
        `after a report ${ms(quantile(coldTimes, 0.5))} p50 / ${ms(quantile(coldTimes, 0.95))} p95`,
        `unit ${ms(unit.p95)} p95`,
        `first visit ${kb(shell.sent + data.sent)} sent`,
      ].join(" | "),
    );
    await server.close();
  } finally {
    await db.close();
    await drop();
  }
}

for (const kind of ["pglite", ...(postgresUrl ? ["postgres" as const] : [])] as const)
  for (const count of sizes) await bench(kind, count);
