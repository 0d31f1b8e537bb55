import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textUpdate } from "../helpers/app-fixture.ts";
import { corpusCopy, processDatabase, startBotProcess, waitFor } from "../helpers/bot-process.ts";
import { dbKinds } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { startFakeOpenAI } from "../helpers/fake-openai.ts";

const API_KEY = "sk-proj-test-SECRET-value-0123456789abcdef";

/** The model repeats the question back, so each answer says which question it answers. */
const echo = (request: { messages: { content: string }[] }) => {
  const user = request.messages.at(-1)?.content ?? "";
  const question = /<question>\s*([\s\S]*?)\s*<\/question>/.exec(user)?.[1] ?? user.slice(-80);
  return `Trả lời cho: ${question.trim()} [1]`;
};

describe.each(dbKinds())("the running bot, stopped or killed mid-work, on %s", (kind) => {
  let api: FakeBotApi;
  let openai: Awaited<ReturnType<typeof startFakeOpenAI>>;
  let corpusDir: string;
  let nextUpdate = 600_000;

  beforeAll(async () => {
    api = await startFakeBotApi();
    openai = await startFakeOpenAI({ reply: echo });
    corpusDir = await corpusCopy();
  });
  afterAll(async () => {
    await api.close();
    await openai.close();
    await rm(corpusDir, { recursive: true, force: true });
  });

  const envFor = (db: Record<string, string>) => ({
    ...db,
    CORPUS_DIR: corpusDir,
    TELEGRAM_API_ROOT: api.apiRoot,
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: openai.baseURL,
  });
  /** Answers delivered to a chat: the messages with 👍/👎 under them. */
  const answersTo = (chat: number) =>
    api
      .callsOf("sendMessage")
      .filter((c) => Number(c.payload.chat_id) === chat && JSON.stringify(c.payload.reply_markup ?? "").includes("fb:"))
      .map((c) => String(c.payload.text));
  const ask = (userId: number, text: string) =>
    api.queueUpdate(textUpdate(text, { userId, updateId: nextUpdate++, languageCode: "vi" }));

  it("kill -9 with questions being answered and queued: after the restart each is answered exactly once", async () => {
    const db = await processDatabase(kind);
    api.reset();
    openai.setChatDelay(4000);
    const single = Array.from({ length: 10 }, (_, i) => 7001 + i);
    try {
      const bot = startBotProcess(envFor(db.env));
      await bot.ready();
      const before = openai.chatRequests.length;
      for (const user of single) ask(user, `dai hoi chi bo keo dai bao lau, hoi ${user}`);
      // Five in one chat: answered one after the other, in order.
      for (let i = 1; i <= 5; i++) ask(7100, `so du bau cu toi da bao nhieu, cau ${i}`);
      // Every chat's first question is with the (slow) model: handlers in flight, one chat's queue waiting.
      expect(await waitFor(() => openai.chatRequests.length - before >= 11, 30_000)).toBe(true);
      await bot.kill("SIGKILL");
      expect(
        api.callsOf("sendMessage").filter((c) => JSON.stringify(c.payload.reply_markup ?? "").includes("fb:")),
      ).toHaveLength(0);

      openai.setChatDelay(200);
      const again = startBotProcess(envFor(db.env));
      await again.ready();
      const done = () => single.every((u) => answersTo(u).length >= 1) && answersTo(7100).length >= 5;
      expect(await waitFor(done, 60_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // anything extra would show up now
      for (const user of single) expect(answersTo(user)).toHaveLength(1);
      const queued = answersTo(7100);
      expect(queued).toHaveLength(5);
      // In the order they were asked.
      expect(queued.map((t) => /cau (\d)/.exec(t)?.[1])).toEqual(["1", "2", "3", "4", "5"]);
      await again.kill("SIGTERM");
    } finally {
      await db.cleanup();
    }
  }, 180_000);

  it("SIGTERM mid-answer: the answers in flight are finished before exit 0; what runs past the grace period is answered after the restart, once", async () => {
    const db = await processDatabase(kind);
    api.reset();
    try {
      const bot = startBotProcess(envFor(db.env));
      await bot.ready();
      openai.setChatDelay(3000);
      let before = openai.chatRequests.length;
      const quick = Array.from({ length: 8 }, (_, i) => 7301 + i);
      for (const user of quick) ask(user, `chuan y la gi, hoi ${user}`);
      expect(await waitFor(() => openai.chatRequests.length - before >= quick.length, 30_000)).toBe(true);
      const stopAt = Date.now();
      const exit = await bot.kill("SIGTERM");
      expect(exit.code).toBe(0);
      expect(exit.at - stopAt).toBeLessThan(15_000);
      for (const user of quick) expect(answersTo(user)).toHaveLength(1); // finished before exiting

      // A model slower than the grace period: the process exits anyway; the restart answers.
      const next = startBotProcess(envFor(db.env));
      await next.ready();
      openai.setChatDelay(14_000);
      before = openai.chatRequests.length;
      const slow = [7401, 7402, 7403];
      for (const user of slow) ask(user, `dai hoi dang bo co so co may noi dung, hoi ${user}`);
      expect(await waitFor(() => openai.chatRequests.length - before >= slow.length, 30_000)).toBe(true);
      const slowExit = await next.kill("SIGTERM");
      expect(slowExit.code).toBe(0);
      expect(next.logs()).toContain("handled after the restart");
      openai.setChatDelay(100);
      const last = startBotProcess(envFor(db.env));
      await last.ready();
      expect(await waitFor(() => slow.every((u) => answersTo(u).length >= 1), 60_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const user of [...quick, ...slow]) expect(answersTo(user)).toHaveLength(1);
      await last.kill("SIGTERM");
    } finally {
      await db.cleanup();
    }
  }, 180_000);
});

describe("the running bot against a misbehaving Telegram and model server", () => {
  let api: FakeBotApi;
  let openai: Awaited<ReturnType<typeof startFakeOpenAI>>;
  let corpusDir: string;
  let db: Awaited<ReturnType<typeof processDatabase>>;
  let bot: ReturnType<typeof startBotProcess>;
  let nextUpdate = 900_000;

  beforeAll(async () => {
    api = await startFakeBotApi();
    openai = await startFakeOpenAI({ reply: echo });
    corpusDir = await corpusCopy();
    db = await processDatabase("pglite");
    // 409 Conflict for the first polls: another process polls this token.
    const conflict = {
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      },
    };
    api.failNext("getUpdates", conflict, conflict, conflict);
    bot = startBotProcess({
      ...db.env,
      CORPUS_DIR: corpusDir,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_TIMEOUT_SECONDS: "2",
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: openai.baseURL,
    });
    await bot.ready();
  }, 90_000);
  afterAll(async () => {
    await bot.kill("SIGKILL");
    await api.close();
    await openai.close();
    await rm(corpusDir, { recursive: true, force: true });
    await db.cleanup();
  });

  const sentTo = (chat: number) => api.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === chat);
  const ask = (userId: number, text: string) =>
    api.queueUpdate(textUpdate(text, { userId, updateId: nextUpdate++, languageCode: "vi" }));

  it("409 from Telegram: says so in the log, stands by, stays up and answers once the other poller is gone", async () => {
    ask(8001, "chuan y la gi");
    expect(await waitFor(() => sentTo(8001).length >= 1, 30_000)).toBe(true);
    expect(bot.alive()).toBe(true);
    expect(bot.logs()).toContain("another process is polling this bot token (409 Conflict from Telegram)");
  }, 60_000);

  it("a send that times out is never made again (Telegram may have delivered it); the bot goes on", async () => {
    let hung = false;
    api.setRule((method, payload) => {
      if (method === "sendMessage" && Number(payload.chat_id) === 8101 && !hung) {
        hung = true;
        return "hang";
      }
      return undefined;
    });
    ask(8101, "so du bau cu toi da bao nhieu");
    expect(await waitFor(() => bot.logs().includes("may or may not have arrived"), 30_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(sentTo(8101)).toHaveLength(1); // the one that hung: no second copy, no apology
    api.setRule(undefined);
    ask(8101, "chuan y la gi");
    expect(await waitFor(() => sentTo(8101).length === 2, 30_000)).toBe(true);
  }, 60_000);

  it("a model server that repeats the API key in its error: the asker gets quotes, the log never shows the key", async () => {
    openai.setMode("401-echo");
    ask(8201, "dai hoi chi bo keo dai bao lau");
    expect(await waitFor(() => sentTo(8201).length >= 1, 30_000)).toBe(true);
    openai.setMode("ok");
    expect(String(sentTo(8201)[0]!.payload.text)).toContain("nửa ngày");
    expect(bot.logs()).toContain("Incorrect API key provided");
    expect(bot.logs()).not.toContain(API_KEY);
    expect(bot.logs()).not.toContain("SECRET-value-0123456789");
  }, 60_000);
});
