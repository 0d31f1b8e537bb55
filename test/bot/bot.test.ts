import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import type { Database } from "../../src/db/pool.ts";
import { CORPUS_DIR } from "../../src/paths.ts";
import { createAnswerer } from "../../src/rag/answer.ts";
import { createCuratedMatcher } from "../../src/rag/curated-store.ts";
import { LocalHashEmbeddings } from "../../src/rag/embeddings.ts";
import { ingestDirectory } from "../../src/rag/ingest.ts";
import { loadPrompts } from "../../src/rag/prompts.ts";
import { CorpusRetriever } from "../../src/rag/retriever.ts";
import { callbackUpdate, indexMiniCorpus, makeBot, silentLogger, textUpdate } from "../helpers/app-fixture.ts";
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

  it("answers with one short screen — the answer, its source line — and buttons for 👍/👎, passages and sources", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("dai hoi dang bo co so co may noi dung?"));
    expect(api.callsOf("sendChatAction")[0]?.payload).toMatchObject({ action: "typing" });
    expect(sent()).toHaveLength(1);
    const [message] = sent();
    expect(message).toMatchObject({ chat_id: 5001, parse_mode: "HTML" });
    const text = String(message!.text);
    // The answer first: the sentence of the best passage, then one source line (document, section, date).
    expect(text.startsWith("Đại hội đảng bộ cơ sở và chi bộ có bốn nội dung")).toBe(true);
    expect(text).toContain("<i>📄 Trả lời bằng trích đoạn: Chỉ thị 99-CT/TW, mục II.1 (14/6/2024)</i>");
    expect(text.length).toBeLessThan(700);
    expect(text).not.toContain("<blockquote>");
    expect(text).not.toContain("https://");
    const keyboard = (message!.reply_markup as { inline_keyboard: { callback_data: string; text: string }[][] })
      .inline_keyboard;
    expect(keyboard.map((row) => row.map((b) => b.callback_data))).toEqual([
      [expect.stringMatching(/^fb:\d+:1$/), expect.stringMatching(/^fb:\d+:0$/)],
      [expect.stringMatching(/^ans:p:\d+$/), expect.stringMatching(/^ans:s:\d+$/)],
    ]);
    expect(keyboard[1]!.map((b) => b.text)).toEqual(["📄 Trích dẫn", "🔗 Nguồn"]);
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

  it("shows the passages and the sources in place of the answer, and the answer again, one tap each", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("so du bau cu toi da bao nhieu", { userId: 5101 }));
    const keyboard = (sent()[0]!.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    const [passages, sources] = keyboard[1]!.map((b) => b.callback_data);
    await bot.handleUpdate(callbackUpdate(passages!, { userId: 5101 }));
    await bot.handleUpdate(callbackUpdate(sources!, { userId: 5101 }));
    const edits = api.callsOf("editMessageText").map((c) => c.payload);
    expect(edits).toHaveLength(2);
    expect(edits[0]).toMatchObject({ chat_id: 5101, message_id: 7, parse_mode: "HTML" });
    expect(String(edits[0]!.text)).toContain("<b>Trích dẫn:</b>");
    expect(String(edits[0]!.text)).toContain("<blockquote>Danh sách bầu cử phải có số dư, tối đa 30%");
    expect(String(edits[1]!.text)).toContain("<b>Nguồn:</b>");
    expect(String(edits[1]!.text)).toContain("https://example.org/chi-thi-mau");
    // In the passages view the first button leads back to the short answer.
    const back = (edits[0]!.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[1]![0]!;
    expect(back.callback_data).toMatch(/^ans:a:\d+$/);
    await bot.handleUpdate(callbackUpdate(back.callback_data, { userId: 5101 }));
    const again = String(api.callsOf("editMessageText")[2]!.payload.text);
    expect(again).toBe(String(sent()[0]!.text));
    expect(api.callsOf("answerCallbackQuery")).toHaveLength(3);
  });

  it("shows another chat's answer to nobody: a forged passages button finds nothing", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("chuan y la gi", { userId: 5201 }));
    const id = String(
      (sent()[0]!.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!
        .callback_data,
    ).split(":")[1];
    await bot.handleUpdate(callbackUpdate(`ans:p:${id}`, { userId: 5202 }));
    expect(api.callsOf("editMessageText")).toHaveLength(0);
    expect(api.callsOf("answerCallbackQuery")[0]!.payload.text).toBe("Không còn tìm thấy câu trả lời này.");
  });

  it("answers a Polish question in Polish in a Vietnamese chat", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("Jak długo trwa zjazd komórki partyjnej?", { languageCode: "vi" }));
    const text = String(sent()[0]!.text);
    expect(text.startsWith("Zjazd komórki partyjnej trwa pół dnia.")).toBe(true);
    expect(text).toContain("<i>📄 Odpowiedź z fragmentu dokumentu: Dyrektywa 99-CT/TW, pkt II.2 (14/6/2024)</i>");
    const keyboard = (sent()[0]!.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard;
    expect(keyboard[1]!.map((b) => b.text)).toEqual(["📄 Cytaty", "🔗 Źródła"]);
  });

  it("says plainly when the documents do not cover a question, and declines what is not procedure", async () => {
    const bot = makeBot(db, api.apiRoot);
    await bot.handleUpdate(textUpdate("Which forms must a unit archive for ten years?", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate("What is the weather in Hanoi tomorrow?", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate("Ai sẽ là bí thư thành ủy nhiệm kỳ tới?", { languageCode: "en" }));
    const texts = sent().map((m) => String(m.text));
    expect(texts[0]).toContain("The documents I have do not cover this");
    expect(texts[0]).toContain("Organization Board");
    expect(texts[1]).toContain("I only answer questions about the procedures");
    expect(texts[2]).toContain("Tôi không trả lời ai sẽ được bầu, bổ nhiệm hay đề bạt");
    // A refusal has nothing to quote: 👍/👎 only — and "not in the documents" offers the Board (issue 13).
    const keyboards = sent().map(
      (m) => (m.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard,
    );
    expect(keyboards.map((k) => k.length)).toEqual([2, 1, 1]);
    expect(keyboards[0]![1]![0]!.callback_data).toMatch(/^kq:ask:\d+$/);
    const { rows } = await db.pool.query("SELECT refusal FROM questions ORDER BY id DESC LIMIT 3");
    expect(rows.map((r) => r.refusal)).toEqual(["personnel", "off-topic", "not-covered"]);
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
  const run = async (reply: string, question = "dai hoi chi bo keo dai bao lau") => {
    const { default: OpenAI } = await import("openai");
    const { startFakeOpenAI } = await import("../helpers/fake-openai.ts");
    const { makeAnswerer } = await import("../helpers/app-fixture.ts");
    const fake = await startFakeOpenAI({ reply: () => reply });
    const api = await startFakeBotApi();
    const db = await openTestDatabase("pglite");
    try {
      await indexMiniCorpus(db);
      const client = new OpenAI({ apiKey: "t", baseURL: fake.baseURL, maxRetries: 0, timeout: 5000 });
      const bot = makeBot(db, api.apiRoot, { answerer: makeAnswerer(db, { client, model: "m", timeoutMs: 5000 }) });
      await bot.handleUpdate(textUpdate(question));
      return api.callsOf("sendMessage").map((c) => c.payload);
    } finally {
      await db.close();
      await api.close();
      await fake.close();
    }
  };

  it("is escaped, and cut to one screen whatever the server returns (100 KB, no broken emoji)", async () => {
    const hostile = "<script>alert(1)</script> a & b < c <b>unclosed [1]\n";
    const long = `${hostile}${"Đại hội chi bộ 👍🏽 🇻🇳 tiến hành trong nửa ngày [1]. ".repeat(2000)}`;
    expect(long.length).toBeGreaterThan(100_000);
    const messages = await run(long);
    expect(messages).toHaveLength(1);
    const text = String(messages[0]!.text);
    expect(text.length).toBeLessThan(2500);
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; a &amp; b &lt; c &lt;b&gt;unclosed [1]");
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(messages[0]!.reply_markup).toBeDefined();
  });

  it("shows no link, handle or document number that is not in the passages", async () => {
    const messages = await run(
      "Đại hội chi bộ tiến hành trong nửa ngày [1]. Chi tiết: evil.com/login, www.phish.example.org, " +
        "t.me/fake_board, @helper_support_bot, tg://resolve?domain=x. Xem Chỉ thị 999-CT/TW Điều 42 [1]. Theo [7] và [8], xong.",
    );
    const text = String(messages[0]!.text);
    expect(text).toContain("nửa ngày");
    for (const bad of ["evil.com", "www.", "t.me", "@helper", "tg:", "999-CT", "Điều 42", "[7]", "Theo  và"])
      expect(text).not.toContain(bad);
  });

  it("an empty completion is a failed answer: excerpts with the fallback label, not 'not covered'", async () => {
    const messages = await run("   ");
    const text = String(messages[0]!.text);
    expect(text).toContain("nửa ngày");
    expect(text).not.toContain("không đề cập");
  });
});

describe.each(dbKinds())("answers from the shipped corpus through the Bot API stand-in, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  let bot: ReturnType<typeof makeBot>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const embeddings = new LocalHashEmbeddings();
    await ingestDirectory({ pool: db.pool, embeddings }, CORPUS_DIR);
    api = await startFakeBotApi();
    const answerer = createAnswerer({
      retriever: new CorpusRetriever({ pool: db.pool, embeddings }),
      translate: translator(createI18n()),
      prompts: loadPrompts(),
      curated: createCuratedMatcher(db.pool),
      logger: silentLogger,
    });
    bot = makeBot(db, api.apiRoot, { answerer });
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await db.close();
  });
  beforeEach(() => api.reset());

  const sent = () => api.callsOf("sendMessage").map((c) => String(c.payload.text));
  const buttons = (i: number) =>
    (api.callsOf("sendMessage")[i]!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] })
      .inline_keyboard;

  it.each([
    ["Đại hội chi bộ kéo dài tối đa bao lâu?", "nửa ngày", "Chỉ thị 35-CT/TW"],
    ["Chi ủy được bầu tối đa bao nhiêu người?", "không quá 7", "Điều lệ Đảng – chi bộ, mục III.1"],
    ["Kiedy musi się zakończyć zjazd podstawowej organizacji partyjnej?", "30/6/2025", "Dyrektywa 45-CT/TW"],
    ["dai hoi dang bo xa phuong phai xong truoc ngay nao", "31/8/2025", "Chỉ thị 45-CT/TW, mục III.2"],
  ])("%s → the fact on one screen under 700 characters, with its source line", async (question, fact, source) => {
    await bot.handleUpdate(textUpdate(question, { userId: 7101 }));
    const [text] = sent();
    expect(text!.length).toBeLessThan(700);
    expect(text!.split("<i>")[0]).toContain(fact);
    expect(text).toMatch(/<i>(📄|📌) [^<]*<\/i>$/);
    expect(text).toContain(source);
    // The passages and the links are one tap away.
    const [passages, links] = buttons(0)[1]!.map((b) => b.callback_data);
    await bot.handleUpdate(callbackUpdate(passages!, { userId: 7101 }));
    await bot.handleUpdate(callbackUpdate(links!, { userId: 7101 }));
    const [quoted, withLinks] = api.callsOf("editMessageText").map((c) => String(c.payload.text));
    expect(quoted).toContain("<blockquote>");
    expect(quoted!.length).toBeLessThanOrEqual(4096);
    expect(withLinks).toMatch(/https:\/\/\S+/);
  });

  it("says which rule applied when, where Directive 45 replaced Directive 35", async () => {
    await bot.handleUpdate(
      textUpdate("theo chi thi 35 thi nguoi tai cu can con bao nhieu thang cong tac", { userId: 7102 }),
    );
    expect(sent()[0]).toMatch(/áp dụng (đến|từ) 14\/4\/2025/);
  });

  it("refuses the weather and the personnel question, politely and without quoting anything", async () => {
    await bot.handleUpdate(textUpdate("Thời tiết Thanh Hóa ngày mai thế nào?", { userId: 7103 }));
    await bot.handleUpdate(textUpdate("Ai sẽ là bí thư thành ủy nhiệm kỳ tới?", { userId: 7103 }));
    const [weather, personnel] = sent();
    expect(weather).toBe(
      "Tôi chỉ trả lời các câu hỏi về thủ tục đại hội đảng bộ, chi bộ nhiệm kỳ 2025–2030 ở Thành phố Thanh Hóa. " +
        "Câu hỏi này nằm ngoài phạm vi đó.",
    );
    expect(personnel).toContain("Tôi chỉ trả lời về thủ tục, quy trình đại hội");
    expect(buttons(0)).toHaveLength(1);
    expect(buttons(1)).toHaveLength(1);
  });

  it("reads a short follow-up in the same chat with the question before it, and says so", async () => {
    await bot.handleUpdate(textUpdate("Đại hội đảng bộ cơ sở kéo dài tối đa bao lâu?", { userId: 7104 }));
    await bot.handleUpdate(textUpdate("Còn chi bộ thì sao?", { userId: 7104 }));
    // In another chat the same words have nothing to follow.
    await bot.handleUpdate(textUpdate("Còn chi bộ thì sao?", { userId: 7105 }));
    const [, followUp, alone] = sent();
    expect(followUp).toContain(
      "↪ Câu hỏi tiếp theo, hiểu cùng câu trước: «Đại hội đảng bộ cơ sở kéo dài tối đa bao lâu?»",
    );
    expect(followUp).toContain("nửa ngày");
    expect(alone).not.toContain("↪");
  });
});
