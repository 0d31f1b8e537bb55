import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { MINI_CORPUS, TEST_TOKEN } from "./app-fixture.ts";
import type { DbKind } from "./db.ts";

const MAIN = join(import.meta.dirname, "..", "..", "src", "main.ts");

/** Where a bot process keeps its data: a PGlite folder, or a schema of the test Postgres (dropped at the end). */
export async function processDatabase(
  kind: DbKind,
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "daihoi-proc-"));
  if (kind === "pglite")
    return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `p_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const withSchema = new URL(url);
  withSchema.searchParams.set("options", `-c search_path=${schema},public`);
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: withSchema.toString() },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A copy of the mini corpus in a folder of its own (the process indexes it on start). */
export async function corpusCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "daihoi-corpus-"));
  await cp(MINI_CORPUS, dir, { recursive: true });
  return dir;
}

/** The real daihoi process serving Telegram (node itself with the tsx loader, so signals reach it). */
export function startBotProcess(env: Record<string, string>) {
  let logs = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", MAIN, "start"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      LANG: "C.UTF-8",
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (d: Buffer) => (logs += d.toString("utf8")));
  child.stdout!.on("data", () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return {
    child,
    logs: () => logs,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    async ready(timeoutMs = 60_000) {
      await waitFor(() => logs.includes("bot connected to Telegram") || !this.alive(), timeoutMs);
      if (!logs.includes("bot connected to Telegram")) throw new Error(`the bot did not start:\n${logs}`);
    },
    async kill(signal: NodeJS.Signals) {
      if (!this.alive()) return exited;
      child.kill(signal);
      return exited;
    },
  };
}

export async function waitFor(condition: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}
