import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { MINI_CORPUS, TEST_TOKEN, textUpdate } from "../helpers/app-fixture.ts";
import { startFakeBotApi } from "../helpers/fake-bot-api.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "daihoi.js");

it("npm start with a token long-polls TELEGRAM_API_ROOT, answers, survives a failing setMyCommands and stops on SIGTERM", async () => {
  const api = await startFakeBotApi();
  const dataDir = await mkdtemp(join(tmpdir(), "daihoi-data-"));
  const corpusDir = await mkdtemp(join(tmpdir(), "daihoi-corpus-"));
  await cp(MINI_CORPUS, corpusDir, { recursive: true });
  api.failNext("setMyCommands", {
    status: 400,
    body: { ok: false, error_code: 400, description: "Bad Request: test" },
  });
  api.queueUpdate(textUpdate("dai hoi chi bo keo dai bao lau", { updateId: 500, userId: 4242 }));
  const child = spawn(process.execPath, [BIN, "start"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      DATA_DIR: dataDir,
      CORPUS_DIR: corpusDir,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  child.stderr.on("data", (d: Buffer) => (logs += d.toString("utf8")));
  try {
    const deadline = Date.now() + 40_000;
    while (api.callsOf("sendMessage").length === 0 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [message] = api.callsOf("sendMessage");
    expect(message?.payload).toMatchObject({ chat_id: 4242, parse_mode: "HTML" });
    expect(String(message!.payload.text)).toContain("Đại hội chi bộ trực thuộc tiến hành trong nửa ngày");
    expect(api.callsOf("getMe")).toHaveLength(1);
    while (!logs.includes("setMyCommands failed") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logs).toContain("setMyCommands failed");
    // The bot describes itself in the three languages.
    while (api.callsOf("setMyShortDescription").length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      api
        .callsOf("setMyDescription")
        .map((c) => c.payload.language_code ?? "vi")
        .sort(),
    ).toEqual(["en", "pl", "vi"]);
    expect(logs).not.toContain(TEST_TOKEN.split(":")[1]!);
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(corpusDir, { recursive: true, force: true });
  }
}, 60_000);
