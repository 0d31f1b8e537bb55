import { resolve } from "node:path";
import { run } from "@grammyjs/runner";
import OpenAI from "openai";
import { createBot, publishCommands } from "./bot/index.ts";
import { createI18n, translator } from "./bot/i18n.ts";
import { hasOpenAI, type Config, type Lang } from "./config.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase, type Database } from "./db/pool.ts";
import { pruneProcessedUpdates } from "./db/telegram-store.ts";
import type { Logger } from "./logger.ts";
import { CORPUS_DIR } from "./paths.ts";
import { createAnswerer, type Answer } from "./rag/answer.ts";
import { countChunks } from "./rag/chunk-store.ts";
import { createCuratedMatcher } from "./rag/curated-store.ts";
import { LocalHashEmbeddings, OpenAIEmbeddings, type IndexedEmbeddings } from "./rag/embeddings.ts";
import { ingestDirectory, type IngestProgress, type IngestReport } from "./rag/ingest.ts";
import { detectLanguage } from "./rag/language.ts";
import { loadPrompts } from "./rag/prompts.ts";
import { recordQuestion } from "./rag/qa-store.ts";
import { CorpusRetriever } from "./rag/retriever.ts";
import { loadCampaign } from "./reports/campaign.ts";
import { createReportService } from "./reports/report-service.ts";
import { createTelegramNotifier } from "./bot/notifier.ts";
import { createThrottledNotifier, type Notifier } from "./reminders/notifier.ts";
import { createScheduler } from "./reminders/scheduler.ts";
import { CONSOLE_BOT_INFO, runConsoleChat, type ConsoleIO } from "./console/console-chat.ts";

export type AppOptions = {
  /** Use an already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  corpusDir?: string;
  /** An OpenAI client to use instead of one built from the config (tests point it at a local stand-in). */
  openai?: OpenAI;
  /** The current time (tests move a fake clock). */
  clock?: () => Date;
};

/** The composition root: the one place that builds things holding sockets (pool, OpenAI client, bot). */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}) {
  const db =
    options.database ?? (await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, logger }));
  await migrate(db.pool, logger);

  const openai =
    options.openai ??
    (hasOpenAI(config)
      ? new OpenAI({
          // A local OpenAI-compatible server may need no key; the SDK insists on one.
          apiKey: config.openai.apiKey ?? "not-needed",
          ...(config.openai.baseURL ? { baseURL: config.openai.baseURL } : {}),
          timeout: config.openai.timeoutMs,
          maxRetries: 0,
        })
      : undefined);
  const embeddings: IndexedEmbeddings = openai
    ? new OpenAIEmbeddings({ client: openai, model: config.openai.embeddingModel, logger })
    : new LocalHashEmbeddings();
  const retriever = new CorpusRetriever({ pool: db.pool, embeddings, logger });
  const translate = translator(createI18n());
  const answerer = createAnswerer({
    retriever,
    translate,
    prompts: loadPrompts(),
    chat: openai ? { client: openai, model: config.openai.chatModel, timeoutMs: config.openai.timeoutMs } : undefined,
    curated: createCuratedMatcher(db.pool),
    logger,
    semanticEmbeddings: embeddings.semantic,
    clock: options.clock,
  });
  const reports = createReportService({ pool: db.pool, campaign: loadCampaign(), clock: options.clock });
  const corpusDir = options.corpusDir ?? (config.corpusDir ? resolve(config.corpusDir) : CORPUS_DIR);

  async function ingest(dir = corpusDir, onProgress?: (p: IngestProgress) => void): Promise<IngestReport> {
    return ingestDirectory({ pool: db.pool, embeddings, logger }, dir, onProgress);
  }

  /** Brings the index up to date with corpus/ (cheap when nothing changed: files are only stat-ed). */
  async function ensureIndex(onProgress?: (p: IngestProgress) => void): Promise<IngestReport> {
    return ingest(corpusDir, onProgress);
  }

  async function ask(question: string, options: { lang?: Lang | undefined; channel?: "cli" } = {}): Promise<Answer> {
    const lang = options.lang ?? detectLanguage(question) ?? "vi";
    const answer = await answerer.answer(question, { lang });
    await recordQuestion(db.pool, { channel: options.channel ?? "cli", question, answer });
    return answer;
  }

  /** The reminder scheduler, sending through `notifier` (throttled to Telegram's limits). */
  function scheduler(notifier: Notifier) {
    return createScheduler({
      pool: db.pool,
      campaign: reports.campaign,
      notifier: createThrottledNotifier(notifier),
      translate,
      adminIds: config.adminTelegramIds,
      clock: options.clock,
      logger,
    });
  }

  function telegramBot(withScheduler?: ReturnType<typeof scheduler>) {
    if (!config.telegram.token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
    return createBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      pool: db.pool,
      answerer,
      config,
      reports,
      scheduler: withScheduler,
      clock: options.clock,
      logger,
    });
  }

  /** Long polling until stop(); the reminder scheduler wakes every minute; processed update ids pruned hourly. */
  async function serveTelegram(signal: AbortSignal): Promise<void> {
    const reminders = scheduler(createTelegramNotifier(config.telegram.token!, config.telegram.apiRoot));
    const bot = telegramBot(reminders);
    await bot.init();
    logger.info({ username: bot.botInfo.username }, "bot connected to Telegram");
    // The command menu is a side call: published in the background, its failure only logged.
    void publishCommands(bot, logger, translate);
    const prune = setInterval(() => {
      pruneProcessedUpdates(db.pool).catch((error: unknown) =>
        logger.warn({ err: error }, "pruning processed updates failed"),
      );
    }, 3_600_000);
    // Updates run concurrently (one slow answer does not hold up other people), in order within each chat
    // (sequentialize in createBot). The runner may confirm updates before they are handled; the processed-ids
    // table keeps a redelivery from being answered twice.
    const runner = run(bot, {
      runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } },
    });
    signal.addEventListener("abort", () => void runner.stop(), { once: true });
    reminders.start();
    try {
      await runner.task();
    } finally {
      clearInterval(prune);
      await reminders.stop();
    }
  }

  async function consoleChat(io: ConsoleIO): Promise<void> {
    const bot = createBot({
      token: "0:console",
      apiRoot: "http://127.0.0.1:9", // never contacted: every API call is answered by the console
      botInfo: CONSOLE_BOT_INFO,
      pool: db.pool,
      answerer,
      config,
      reports,
      clock: options.clock,
      logger,
      channel: "console",
    });
    await runConsoleChat(bot, io);
  }

  return {
    db,
    embeddings,
    retriever,
    answerer,
    reports,
    scheduler,
    ingest,
    ensureIndex,
    ask,
    telegramBot,
    serveTelegram,
    consoleChat,
    countChunks: () => countChunks(db.pool),
    async close() {
      await db.close();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
