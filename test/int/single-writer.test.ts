import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINI_CORPUS, TEST_TOKEN, textUpdate } from "../helpers/app-fixture.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "daihoi.js");

describe("one writer per embedded database folder: the command line beside the running bot", () => {
  let api: FakeBotApi;
  let dataDir: string;
  let corpusDir: string;
  let env: Record<string, string>;
  let bot: ChildProcess | undefined;
  let logs = "";

  function run(args: string[], extra: Record<string, string> = {}) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...env, ...extra },
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

  async function startBot() {
    logs = "";
    // node itself (the tsx loader as an --import), so that signals reach the process doing the work.
    bot = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "..", "..", "src", "main.ts"), "start"],
      {
        env: { ...env, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    bot.stderr!.on("data", (d: Buffer) => (logs += d.toString("utf8")));
    const deadline = Date.now() + 40_000;
    while (!logs.includes("bot connected to Telegram") && Date.now() < deadline && bot.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logs).toContain("bot connected to Telegram");
  }

  async function stopBot(signal: NodeJS.Signals) {
    if (!bot || bot.exitCode !== null || bot.signalCode !== null) return;
    const exited = new Promise((resolve) => bot!.on("close", resolve));
    bot.kill(signal);
    await exited;
  }

  beforeAll(async () => {
    api = await startFakeBotApi();
    dataDir = await mkdtemp(join(tmpdir(), "daihoi-lock-"));
    corpusDir = await mkdtemp(join(tmpdir(), "daihoi-corpus-"));
    await cp(MINI_CORPUS, corpusDir, { recursive: true });
    env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      LANG: "C.UTF-8",
      DATA_DIR: dataDir,
      CORPUS_DIR: corpusDir,
    };
  });
  afterAll(async () => {
    await stopBot("SIGKILL");
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(corpusDir, { recursive: true, force: true });
  });

  it("import and invite go through the running bot; the code works at once; a second bot is refused", async () => {
    await startBot();
    const csv = join(dataDir, "units.csv");
    await writeFile(
      csv,
      "code,name,kind,type,model,planned_congress_date\nX-TWO,Đảng bộ xã Hai,committee,commune,no,\n",
    );
    const imported = await run(["units", "import", csv]);
    expect(imported).toMatchObject({ code: 0, stdout: "created 1, updated 0, unchanged 0\n" });
    expect(imported.stderr).toContain("the command runs through it");

    const invited = await run(["invite", "X-TWO", "--json"]);
    expect(invited.code).toBe(0);
    const { code } = JSON.parse(invited.stdout) as { code: string };
    api.queueUpdate(textUpdate(`/start ${code}`, { updateId: 800_001, userId: 4343, languageCode: "en" }));
    const deadline = Date.now() + 20_000;
    const welcome = () => api.callsOf("sendMessage").find((c) => Number(c.payload.chat_id) === 4343);
    while (!welcome() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(String(welcome()?.payload.text)).toContain("registered as secretary of Đảng bộ xã Hai (X-TWO)");

    // A user error from the bot's side comes back as it would locally, in the terminal's language.
    const unknown = await run(["invite", "NOPE"], { LANG: "vi_VN.UTF-8" });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("NOPE");

    const second = await run(["start"], { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("daihoi is already running on the data folder");
    expect(bot!.exitCode).toBe(null); // the running bot is untouched
  }, 120_000);

  it("after the bot stops — also killed with SIGKILL — the command line opens the folder itself", async () => {
    await stopBot("SIGTERM");
    const afterStop = await run(["invite", "X-TWO", "--json"]);
    expect(afterStop.code).toBe(0);
    expect(afterStop.stderr).not.toContain("runs through it");

    await startBot();
    await stopBot("SIGKILL"); // the lock file stays, naming a process that is gone
    const afterKill = await run(["units", "export"]);
    expect(afterKill.code).toBe(0);
    expect(afterKill.stdout).toContain("X-TWO,Đảng bộ xã Hai");
  }, 120_000);
});
