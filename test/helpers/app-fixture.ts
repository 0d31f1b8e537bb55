import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type OpenAI from "openai";
import { pino } from "pino";
import type { UserFromGetMe } from "grammy/types";
import { createBot } from "../../src/bot/index.ts";
import { CONSOLE_BOT_INFO } from "../../src/console/console-chat.ts";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import type { Database } from "../../src/db/pool.ts";
import { createAnswerer } from "../../src/rag/answer.ts";
import { createBoardAnswerMatcher } from "../../src/rag/board-answers-store.ts";
import { LocalHashEmbeddings } from "../../src/rag/embeddings.ts";
import { ingestDirectory } from "../../src/rag/ingest.ts";
import { loadPrompts } from "../../src/rag/prompts.ts";
import { CorpusRetriever } from "../../src/rag/retriever.ts";
import { loadCampaign } from "../../src/reports/campaign.ts";
import { createLimiter, type LimiterOptions } from "../../src/bot/dispatch/limiter.ts";
import type { RetryPolicy } from "../../src/bot/dispatch/send-policy.ts";
import { createOutboxSender } from "../../src/bot/outbox-sender.ts";
import { createServices, type Services } from "../../src/services/index.ts";

export const MINI_CORPUS = join(import.meta.dirname, "..", "fixtures", "corpus-mini");
export const silentLogger = pino({ level: "silent" });
export const TEST_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
export const BOT_INFO: UserFromGetMe = {
  ...CONSOLE_BOT_INFO,
  id: 42,
  first_name: "Daihoi Test",
  username: "daihoi_test_bot",
};

/** Indexes the mini corpus into `db` with the local embedding. */
export async function indexMiniCorpus(db: Database) {
  const dir = await mkdtemp(join(tmpdir(), "daihoi-mini-"));
  await cp(MINI_CORPUS, dir, { recursive: true });
  await ingestDirectory({ pool: db.pool, embeddings: new LocalHashEmbeddings() }, dir);
}

export function makeAnswerer(db: Database, chat?: { client: OpenAI; model: string; timeoutMs: number }) {
  const embeddings = new LocalHashEmbeddings();
  return createAnswerer({
    retriever: new CorpusRetriever({ pool: db.pool, embeddings }),
    translate: translator(createI18n()),
    prompts: loadPrompts(),
    chat,
    board: createBoardAnswerMatcher({ pool: db.pool, embeddings }),
    logger: silentLogger,
  });
}

export type BotOptions = {
  perMinute?: number;
  maxChars?: number;
  adminIds?: number[];
  clock?: () => Date;
  answerer?: ReturnType<typeof makeAnswerer>;
  /** The limiter's clock and sleep (scheduler tests move a fake clock). */
  limiter?: LimiterOptions;
  retryPolicy?: RetryPolicy;
  services?: Services;
  /** The Bot API client's timeout (a hanging stand-in). */
  timeoutSeconds?: number;
};

/** The services over `db`, as app.ts builds them (the answerer over the mini corpus's index). */
export function makeServices(db: Database, options: BotOptions & { onQueued?: () => void } = {}): Services {
  return createServices({
    ...(options.onQueued ? { onQueued: options.onQueued } : {}),
    botId: BOT_INFO.id,
    pool: db.pool,
    campaign: loadCampaign(),
    adminIds: options.adminIds ?? [],
    answerer: options.answerer ?? makeAnswerer(db),
    embeddings: new LocalHashEmbeddings(),
    corpusDir: MINI_CORPUS,
    clock: options.clock ?? (() => new Date()),
    translate: translator(createI18n()),
    logger: silentLogger,
  });
}

/** A real grammY bot over real services, talking to the Bot API stand-in at `apiRoot` through the one limiter. */
export function makeBot(db: Database, apiRoot: string, options: BotOptions = {}) {
  return createBot({
    token: TEST_TOKEN,
    apiRoot,
    botInfo: BOT_INFO,
    services: options.services ?? makeServices(db, options),
    config: { questions: { maxChars: options.maxChars ?? 1000, perMinute: options.perMinute ?? 100 } },
    limiter: createLimiter(options.limiter),
    logger: silentLogger,
  });
}

/** The bot's sending side as app.ts wires it: services, one limiter on the bot's Api, the outbox sender. */
export function makeSender(db: Database, apiRoot: string, options: BotOptions = {}) {
  // As in app.ts: a confirmed broadcast wakes the sender, which sends in the background.
  let background: Promise<unknown> = Promise.resolve();
  const services =
    options.services ??
    makeServices(db, { ...options, onQueued: () => (background = background.then(() => sender.drain())) });
  const limiter = createLimiter(options.limiter);
  const bot = createBot({
    token: TEST_TOKEN,
    apiRoot,
    botInfo: BOT_INFO,
    services,
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
    config: { questions: { maxChars: 1000, perMinute: 100 } },
    limiter,
    logger: silentLogger,
  });
  const sender = createOutboxSender({
    outbox: services.outbox,
    api: bot.api,
    limiter,
    campaign: services.campaign,
    translate: translator(createI18n()),
    clock: options.clock ?? (() => new Date()),
    logger: silentLogger,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  return {
    services,
    bot,
    limiter,
    sender,
    /** Waits for the sends started in the background (after a confirmed broadcast). */
    settled: () => background,
    /** One scheduler pass: record what is due now, then send everything pending. */
    async tick() {
      const planned = await services.outbox.planDue();
      const sent = await sender.drain();
      return { planned, sent };
    },
  };
}

let nextUpdateId = 1;
/** A Telegram update as it arrives on the wire: a private text message from `userId`. */
export function textUpdate(
  text: string,
  options: { userId?: number; languageCode?: string; updateId?: number; replyTo?: number } = {},
) {
  const userId = options.userId ?? 5001;
  const command = /^\/\w+/.exec(text)?.[0];
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private" as const, first_name: "Lan" },
      from: { id: userId, is_bot: false, first_name: "Lan", language_code: options.languageCode ?? "vi" },
      text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command.length }] } : {}),
      // A reply to one of the bot's messages.
      ...(options.replyTo !== undefined
        ? {
            reply_to_message: {
              message_id: options.replyTo,
              date: Math.floor(Date.now() / 1000),
              chat: { id: userId, type: "private" as const, first_name: "Lan" },
              from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
              text: "…",
              reply_to_message: undefined,
            },
          }
        : {}),
    },
  };
}

export function callbackUpdate(
  data: string,
  options: {
    userId?: number;
    updateId?: number;
    languageCode?: string;
    /** The message whose button was pressed (and its keyboard, for edits of it). */
    messageId?: number;
    replyMarkup?: unknown;
  } = {},
) {
  const userId = options.userId ?? 5001;
  return {
    update_id: options.updateId ?? nextUpdateId++,
    callback_query: {
      id: `cb${nextUpdateId}`,
      chat_instance: "ci",
      data,
      from: { id: userId, is_bot: false, first_name: "Lan", language_code: options.languageCode ?? "vi" },
      message: {
        message_id: options.messageId ?? 7,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: "private" as const, first_name: "Lan" },
        text: "answer",
        ...(options.replyMarkup ? { reply_markup: options.replyMarkup as never } : {}),
      },
    },
  };
}
