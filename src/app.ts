import { resolve } from "node:path";
import OpenAI from "openai";
import { createBot } from "./bot/index.ts";
import { publishMenus } from "./bot/menus.ts";
import { createLimiter, type Limiter, type LimiterOptions } from "./bot/dispatch/limiter.ts";
import { createI18n, translator } from "./bot/i18n.ts";
import { createOutboxSender } from "./bot/outbox-sender.ts";
import { createPoller } from "./bot/polling.ts";
import { renderPreview } from "./bot/render-outbox.ts";
import type { RetryPolicy } from "./bot/dispatch/send-policy.ts";
import { hasOpenAI, type Config } from "./config.ts";
import { acquireLeadership } from "./db/leader.ts";
import type { ProcessInfo } from "./instance.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase, type Database } from "./db/pool.ts";
import type { Logger } from "./logger.ts";
import { createLoop } from "./loop.ts";
import { CORPUS_DIR } from "./paths.ts";
import { createAnswerer } from "./rag/answer.ts";
import { createBoardAnswerMatcher } from "./rag/board-answers-store.ts";
import { createCuratedMatcher } from "./rag/curated-store.ts";
import { LocalHashEmbeddings, OpenAIEmbeddings, type IndexedEmbeddings } from "./rag/embeddings.ts";
import { loadPrompts } from "./rag/prompts.ts";
import { CorpusRetriever } from "./rag/retriever.ts";
import { loadCampaign } from "./reports/campaign.ts";
import { createServices } from "./services/index.ts";
import { CONSOLE_BOT_INFO, runConsoleChat, type ConsoleIO } from "./console/console-chat.ts";
import { startControlServer } from "./control/server.ts";
import { createOperations } from "./control/operations.ts";
import { createHttpServer } from "./http/server.ts";

export type AppOptions = {
  /** Use an already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  corpusDir?: string;
  /** An OpenAI client to use instead of one built from the config (tests point it at a local stand-in). */
  openai?: OpenAI;
  /** The current time (tests move a fake clock). */
  clock?: () => Date;
  /** The process opening the database: an embedded database folder is locked to it. */
  processInfo?: ProcessInfo;
  /** The rate limiter's settings (tests give it a fake clock). */
  limiter?: LimiterOptions;
  retryPolicy?: RetryPolicy;
};

const PLAN_INTERVAL_MS = 60_000;
const SEND_INTERVAL_MS = 5_000;
const STANDBY_RETRY_MS = 10_000;
const LEADERSHIP_CHECK_MS = 15_000;
/** How long a stop waits for the handlers in flight (SIGTERM during a deploy). */
const STOP_GRACE_MS = 10_000;

/** The composition root: the one place that builds things holding sockets (pool, OpenAI client, bot, servers). */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}) {
  const db =
    options.database ??
    (await openDatabase({
      url: config.database.url,
      dataDir: config.database.dataDir,
      logger,
      owner: options.processInfo,
    }));
  try {
    await migrate(db.pool, logger);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const clock = options.clock ?? (() => new Date());

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
    board: createBoardAnswerMatcher({ pool: db.pool, embeddings, logger }),
    logger,
    semanticEmbeddings: embeddings.semantic,
    clock: options.clock,
  });
  const campaign = loadCampaign();
  const corpusDir = options.corpusDir ?? (config.corpusDir ? resolve(config.corpusDir) : CORPUS_DIR);
  let wakeSender = () => undefined as void;
  // The bot's @username, for invite links: from the configuration, then from Telegram once the bot is connected.
  let botUsername = config.telegram.botUsername;
  const services = createServices({
    pool: db.pool,
    campaign,
    adminIds: config.adminTelegramIds,
    answerer,
    embeddings,
    corpusDir,
    clock,
    translate,
    logger,
    botId: config.telegram.token ? Number(config.telegram.token.split(":")[0]) : undefined,
    onQueued: () => wakeSender(),
  });

  /** The bot's Telegram side: one bot, one limiter on its Api, the outbox sender and the planner on top. */
  /** The dashboard's public address when its HTTP server is on (issue 14). */
  const dashboardUrl = config.http.port !== undefined ? config.http.publicUrl : undefined;

  function telegram(overrides: { apiRoot?: string; botInfo?: Parameters<typeof createBot>[0]["botInfo"] } = {}) {
    if (!config.telegram.token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
    const limiter: Limiter = createLimiter(options.limiter);
    const bot = createBot({
      token: config.telegram.token,
      apiRoot: overrides.apiRoot ?? config.telegram.apiRoot,
      timeoutSeconds: config.telegram.timeoutSeconds,
      ...(overrides.botInfo ? { botInfo: overrides.botInfo } : {}),
      services,
      config,
      limiter,
      logger,
      dashboardUrl, // issue 14
    });
    const sender = createOutboxSender({
      outbox: services.outbox,
      api: bot.api,
      limiter,
      campaign,
      translate,
      clock,
      logger,
      ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    });
    const sending = createLoop({ name: "outbox", intervalMs: SEND_INTERVAL_MS, run: () => sender.drain(), logger });
    const planning = createLoop({
      name: "planner",
      intervalMs: PLAN_INTERVAL_MS,
      run: async () => {
        await services.outbox.reapStuck();
        if ((await services.outbox.planDue()) > 0) sending.wake();
        schedulerHealth.lastPassAt = clock(); // for /healthz
      },
      logger,
    });
    const pruning = createLoop({ name: "prune", intervalMs: 3_600_000, run: () => services.updates.prune(), logger });
    wakeSender = () => sending.wake();
    return { bot, limiter, sender, sending, planning, pruning };
  }

  /**
   * Serves Telegram until `signal`: the active instance polls and sends; with a shared Postgres a second instance
   * stands by (advisory lock) and takes over when the first goes away. The embedded database also opens its local
   * control socket, so that the command line works through the running bot.
   */
  async function serveTelegram(signal: AbortSignal): Promise<void> {
    const control = await controlServer();
    const http = await startHttp();
    let told = false;
    try {
      while (!signal.aborted) {
        const leadership = await acquireLeadership(db);
        schedulerHealth.state = leadership ? "active" : "standby";
        if (!leadership) {
          if (!told) logger.warn("another instance is active on this database; standing by");
          told = true;
          await sleepUnlessAborted(STANDBY_RETRY_MS, signal);
          continue;
        }
        try {
          await serveActive(signal, () => leadership.alive());
        } finally {
          await leadership.release();
        }
      }
    } finally {
      await http?.close();
      await control?.close();
    }
  }

  // --- HTTP server (issue 14): the Board's dashboard and /healthz, beside Telegram; off unless HTTP_PORT is set ---
  const schedulerHealth: { state: "starting" | "active" | "standby"; lastPassAt?: Date | undefined } = {
    state: "starting",
  };
  async function startHttp(): Promise<{ close(): Promise<void> } | undefined> {
    const { port, host, publicUrl } = config.http;
    if (port === undefined) return undefined;
    const server = await createHttpServer({
      services,
      translate,
      logger,
      clock,
      botToken: config.telegram.token,
      publicUrl,
      scheduler: () => schedulerHealth,
      schedulerStaleMs: 3 * PLAN_INTERVAL_MS,
    });
    await server.listen({ port, host });
    logger.info({ port, host }, "HTTP server listening (dashboard, /healthz)");
    // Graceful: stops accepting, lets the requests in flight finish.
    return { close: () => server.close() };
  }
  // --- end HTTP server ---

  async function serveActive(signal: AbortSignal, alive: () => Promise<boolean>): Promise<void> {
    const t = telegram();
    await initWithRetry(t.bot, signal);
    if (signal.aborted) return;
    logger.info({ username: t.bot.botInfo.username }, "bot connected to Telegram");
    botUsername = t.bot.botInfo.username;
    // The command menus are side calls: published in the background, their failure only logged.
    void publishMenus(t.bot.api, services, translate, logger, dashboardUrl);
    const poller = createPoller({
      bot: t.bot,
      updates: services.updates,
      logger,
      allowedUpdates: ["message", "callback_query", "my_chat_member"],
    });
    const stopped = new AbortController();
    const stop = () => stopped.abort();
    signal.addEventListener("abort", stop, { once: true });
    const watchdog = setInterval(() => {
      alive()
        .then((ok) => {
          if (ok) return;
          logger.error("lost the active-instance lock (database connection gone); stopping until it is back");
          stop();
        })
        .catch(() => undefined);
    }, LEADERSHIP_CHECK_MS);
    t.sending.start();
    t.planning.start();
    t.pruning.start();
    const polling = poller.start();
    try {
      await Promise.race([polling, new Promise((resolve) => stopped.signal.addEventListener("abort", resolve))]);
    } finally {
      clearInterval(watchdog);
      signal.removeEventListener("abort", stop);
      // Graceful: stop fetching, let the handlers in flight finish (bounded), then the sends in flight.
      const unfinished = await poller.stop(STOP_GRACE_MS);
      if (unfinished)
        logger.warn({ unfinished }, "stopping with updates still being handled: handled after the restart");
      await Promise.all([t.planning.stop(), t.pruning.stop()]);
      await t.sender.stop();
      await t.sending.stop();
      wakeSender = () => undefined;
    }
    await polling;
  }

  /** On the embedded database: the local control socket through which the command line reaches this process. */
  async function controlServer() {
    const lock = db.folderLock;
    if (!lock) return undefined;
    return startControlServer(
      { dataDir: lock.dataDir, token: lock.info.token, publish: (socket) => lock.update({ socket }) },
      createOperations(app),
      logger,
    );
  }

  async function consoleChat(io: ConsoleIO): Promise<void> {
    const control = await controlServer();
    try {
      const bot = createBot({
        token: "0:console",
        apiRoot: "http://127.0.0.1:9", // never contacted: every API call is answered by the console
        botInfo: CONSOLE_BOT_INFO,
        services,
        config,
        logger,
        channel: "console",
      });
      await runConsoleChat(bot, io);
    } finally {
      await control?.close();
    }
  }

  /**
   * What the outbox would send at `at` and to whom, rendered exactly as it would go (reminders, nudges and the
   * Board's digest at its hour); nothing is recorded or sent.
   */
  async function previewDeliveries(at: Date) {
    return renderPreview(await services.outbox.preview(at), { at, campaign, translate });
  }

  const app = {
    db,
    config,
    clock,
    services,
    translate,
    embeddings,
    retriever,
    answerer,
    telegram,
    serveTelegram,
    consoleChat,
    previewDeliveries,
    botUsername: () => botUsername,
    /** Brings the index up to date with the configured corpus (cheap when nothing changed). */
    ensureIndex: () => services.corpus.ingest(),
    async close() {
      await db.close();
    },
  };
  return app;
}

/** getMe at start-up: Telegram unreachable for a while must not end the process (a supervisor would loop). */
async function initWithRetry(bot: { init(): Promise<void> }, signal: AbortSignal) {
  for (let waitMs = 1000; !signal.aborted; waitMs = Math.min(waitMs * 2, 60_000)) {
    try {
      await bot.init();
      return;
    } catch (error) {
      if (signal.aborted) return;
      if ((error as { error_code?: number }).error_code === 401) throw error;
      await sleepUnlessAborted(waitMs, signal);
    }
  }
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

export type App = Awaited<ReturnType<typeof createApp>>;
