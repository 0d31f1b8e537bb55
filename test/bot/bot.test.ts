import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { callbackUpdate, indexMiniCorpus, makeBot, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

describe.each(dbKinds())("the bot through a Bot API stand-in, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await indexMiniCorpus(db);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });
  beforeEach(() => api.reset());

  const sent = () => api.callsOf("sendMessage").map((c) => c.payload);

  it("answers a question with quoted sources in Telegram HTML, a typing indicator and 👍/👎 buttons", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("dai hoi dang bo co so co may noi dung?"));
    expect(api.callsOf("sendChatAction")[0]?.payload).toMatchObject({ action: "typing" });
    const [message] = sent();
    expect(message).toMatchObject({ chat_id: 5001, parse_mode: "HTML" });
    const text = String(message!.text);
    expect(text).toContain("<b>[1] Chỉ thị 99-CT/TW › II › 1 · Bốn nội dung của đại hội — Chỉ thị mẫu 99-CT/TW");
    expect(text).toContain("<blockquote>Đại hội đảng bộ cơ sở và chi bộ có bốn nội dung");
    const keyboard = (message!.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    expect(keyboard[0]!.map((b) => b.callback_data)).toEqual([
      expect.stringMatching(/^fb:\d+:1$/),
      expect.stringMatching(/^fb:\d+:0$/),
    ]);
    const { rows } = await db.pool.query(
      "SELECT question, mode, model, latency_ms, sources, telegram_id FROM questions ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]).toMatchObject({
      question: "dai hoi dang bo co so co may noi dung?",
      mode: "extractive",
      telegram_id: "5001",
    });
    expect(rows[0].sources[0].section).toBe("Chỉ thị 99-CT/TW › II › 1");
  });

  it("answers a Polish question in Polish in a Vietnamese chat", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("Jak długo trwa zjazd komórki partyjnej?", { languageCode: "vi" }));
    const text = String(sent()[0]!.text);
    expect(text).toContain("Dosłowne cytaty");
    expect(text).toContain("Zjazd komórki partyjnej trwa pół dnia");
    // The Polish edition points to the Vietnamese reference section it mirrors.
    expect(text).toContain(
      "<b>[1] Dyrektywa 99-CT/TW › II › 2 · Czas trwania zjazdu — Przykładowa dyrektywa 99-CT/TW o zjazdach (dokument testowy) (vi: Chỉ thị 99-CT/TW › II › 2)</b>",
    );
  });

  it("says plainly when the documents do not cover a question", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("What is the weather in Hanoi tomorrow?", { languageCode: "en" }));
    expect(String(sent()[0]!.text)).toContain("The documents I have do not cover this");
    expect(String(sent()[0]!.text)).toContain("Organization Board");
  });

  it("answers an update delivered twice, also concurrently, only once", async () => {
    const bot = makeBot(db, api.apiRoot);
    const update = textUpdate("so du bau cu toi da bao nhieu", { updateId: 900_001 });
    await Promise.all([bot.handleUpdate(update), bot.handleUpdate(structuredClone(update))]);
    await bot.handleUpdate(structuredClone(update));
    expect(sent()).toHaveLength(1);
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM questions WHERE update_id = 900001");
    expect(rows[0].n).toBe(1);
  });

  it("stores 👍/👎 from the asker and refuses a forged button from someone else", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("chuan y la gi", { userId: 6001 }));
    const keyboard = (sent()[0]!.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    const up = keyboard[0]![0]!.callback_data;
    const questionId = up.split(":")[1];
    await bot.handleUpdate(callbackUpdate(up, { userId: 6001 }));
    await bot.handleUpdate(callbackUpdate(`fb:${questionId}:0`, { userId: 7777 }));
    const answers = api.callsOf("answerCallbackQuery").map((c) => c.payload.text);
    expect(answers).toEqual(["Cảm ơn đồng chí đã góp ý!", "Chỉ người hỏi mới đánh giá được câu trả lời này."]);
    const { rows } = await db.pool.query("SELECT telegram_id, helpful FROM answer_feedback WHERE question_id = $1", [
      questionId,
    ]);
    expect(rows).toEqual([{ telegram_id: "6001", helpful: true }]);
  });

  it("/lang switches the language and /help follows it; /start greets with the name escaped", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("/lang pl", { userId: 8001 }));
    await bot.handleUpdate(textUpdate("/help", { userId: 8001 }));
    await bot.handleUpdate(textUpdate("/lang xx", { userId: 8001 }));
    const texts = sent().map((m) => String(m.text));
    expect(texts[0]).toBe("Wybrano język polski.");
    expect(texts[1]).toContain("Jak korzystać z Asystenta Zjazdu");
    expect(texts[2]).toContain("„xx” nie jest obsługiwany");
    api.reset();
    const update = textUpdate("/start", { userId: 8002, languageCode: "en" });
    update.message.from.first_name = "<Lan & Co>";
    await bot.handleUpdate(update);
    expect(String(sent()[0]!.text)).toContain("Hello &lt;Lan &amp; Co&gt;!");
  });

  it("caps question length and rate-limits per user, politely, in the user's language", async () => {
    const bot = makeBot(db, api.apiRoot, { perMinute: 2, maxChars: 60 });
    await bot.handleUpdate(textUpdate("x".repeat(61), { userId: 9001, languageCode: "en" }));
    expect(String(sent()[0]!.text)).toContain("too long (61 characters)");
    api.reset();
    for (let i = 0; i < 3; i++) await bot.handleUpdate(textUpdate(`chuan y ${i}`, { userId: 9002 }));
    const texts = sent().map((m) => String(m.text));
    expect(texts).toHaveLength(3);
    expect(texts[2]).toBe("Đồng chí hỏi hơi nhanh — xin chờ một phút rồi hỏi tiếp.");
  });

  it("keeps answering when a chat action fails, and apologises when sending fails", async () => {
    const bot = makeBot(db, api.apiRoot);
    api.failNext("sendChatAction", {
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: chat not found" },
    });
    await bot.handleUpdate(textUpdate("chuan y la gi", { userId: 9101 }));
    expect(sent()).toHaveLength(1);
    expect(String(sent()[0]!.text)).toContain("Chuẩn y");
  });

  it("replies to unknown commands and non-text messages", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("/nonsense"));
    const photo = textUpdate("ignored");
    const { text: _text, ...message } = photo.message;
    await bot.handleUpdate({
      ...photo,
      message: { ...message, photo: [{ file_id: "f", file_unique_id: "u", width: 1, height: 1 }] },
    });
    expect(sent().map((m) => m.text)).toEqual([
      "Tôi không biết lệnh này. Gõ /help để xem các lệnh.",
      "Tôi chỉ đọc được tin nhắn chữ. Xin gõ câu hỏi của đồng chí.",
    ]);
  });
});

describe("when the database is down", () => {
  it("tells the user the service is temporarily unavailable, in their language", async () => {
    const pg = await import("pg");
    const api = await startFakeBotApi();
    // Nothing listens on port 1: every query fails to connect, as while Postgres restarts.
    const pool = new pg.default.Pool({
      connectionString: "postgres://x:y@127.0.0.1:1/none",
      connectionTimeoutMillis: 500,
    });
    try {
      const bot = makeBot({ pool, kind: "postgres", close: async () => undefined }, api.apiRoot);
      await bot.handleUpdate(textUpdate("chuan y la gi", { languageCode: "en" }));
      expect(api.callsOf("sendMessage").map((c) => c.payload.text)).toEqual([
        "The system cannot reach its data right now. Please try again in a few minutes.",
      ]);
    } finally {
      await pool.end();
      await api.close();
    }
  });
});

describe("a long, hostile model answer", () => {
  it("is delivered intact: escaped, split under 4096 characters, buttons under the last part", async () => {
    const { default: OpenAI } = await import("openai");
    const { startFakeOpenAI } = await import("../helpers/fake-openai.ts");
    const { makeAnswerer } = await import("../helpers/app-fixture.ts");
    const hostile = "<script>alert(1)</script> a & b < c <b>unclosed [1]\n";
    const long = `${hostile}${"Đại hội chi bộ 👍🏽 🇻🇳 tiến hành trong nửa ngày. ".repeat(180)}`;
    const fake = await startFakeOpenAI({ reply: () => long });
    const api = await startFakeBotApi();
    const db = await openTestDatabase("pglite");
    try {
      await indexMiniCorpus(db);
      const client = new OpenAI({ apiKey: "t", baseURL: fake.baseURL, maxRetries: 0, timeout: 5000 });
      const bot = makeBot(db, api.apiRoot, { answerer: makeAnswerer(db, { client, model: "m", timeoutMs: 5000 }) });
      await bot.handleUpdate(textUpdate("dai hoi chi bo keo dai bao lau"));
      const messages = api.callsOf("sendMessage").map((c) => c.payload);
      expect(long.length).toBeGreaterThan(9000);
      expect(messages.length).toBeGreaterThanOrEqual(3);
      for (const m of messages) expect(String(m.text).length).toBeLessThanOrEqual(4096);
      const all = messages.map((m) => String(m.text)).join("\n");
      expect(all).toContain("&lt;script&gt;alert(1)&lt;/script&gt; a &amp; b &lt; c &lt;b&gt;unclosed [1]");
      expect(all).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no broken emoji
      const plain = all.replace(/\s+/g, "");
      expect(plain.split("👍🏽").length - 1).toBe(180);
      expect(messages.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
      expect(messages.at(-1)!.reply_markup).toBeDefined();
    } finally {
      await db.close();
      await api.close();
      await fake.close();
    }
  });
});
