import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusCopy, processDatabase, startBotProcess } from "../helpers/bot-process.ts";
import { dbKinds } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

describe.each(dbKinds())("the HTTP server in the bot process, on %s", { timeout: 120_000 }, (kind) => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it("starts with HTTP_PORT, answers /healthz and the page, and stops with the process (SIGTERM)", async () => {
    const db = await processDatabase(kind);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bot = startBotProcess({
      ...db.env,
      CORPUS_DIR: await corpusCopy(),
      TELEGRAM_API_ROOT: api.apiRoot,
      HTTP_PORT: String(port),
      PUBLIC_URL: "https://dash.example.org",
    });
    try {
      await bot.ready();
      let health: { status: number; body: string } | undefined;
      // Healthy once the scheduler's first pass is done.
      for (let i = 0; i < 100 && health?.status !== 200; i++) {
        health = await get(`${base}/healthz`);
        if (health?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(health?.status, health?.body).toBe(200);
      expect(JSON.parse(health!.body)).toMatchObject({ status: "ok", database: "ok", scheduler: { state: "active" } });
      const page = await get(`${base}/dashboard`);
      expect(page?.status).toBe(200);
      expect((await fetch(`${base}/api/overview`, { method: "POST" })).status).toBe(401);
      expect(bot.logs()).not.toContain("TEST-token"); // no secret in the log
      const exit = await bot.kill("SIGTERM");
      expect(exit.code).toBe(0);
      expect(await get(`${base}/healthz`)).toBeUndefined(); // closed
    } finally {
      await bot.kill("SIGKILL");
      await db.cleanup();
    }
  });
});
