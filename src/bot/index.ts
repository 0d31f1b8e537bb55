import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, BotError, GrammyError, HttpError, type ErrorHandler } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import { isConnectionError, UserError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Translate } from "../translate.ts";
import type { Answerer } from "../rag/answer.ts";
import type { Scheduler } from "../reminders/scheduler.ts";
import type { ReportService } from "../reports/report-service.ts";
import type { BotContext } from "./context.ts";
import { askFeature } from "./features/ask.ts";
import { basicsFeature } from "./features/basics.ts";
import { boardFeature } from "./features/board.ts";
import { membershipFeature } from "./features/membership.ts";
import { remindersFeature } from "./features/reminders.ts";
import { reportFeature } from "./features/report.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { escapeHtml } from "./html.ts";
import { createI18n, translator } from "./i18n.ts";
import { contextSetup, dedupeUpdates, loadUser } from "./middlewares/setup.ts";

export type BotDeps = {
  token: string;
  apiRoot: string;
  /** Known bot identity (tests, the terminal chat): skips getMe. */
  botInfo?: UserFromGetMe;
  pool: Pool;
  answerer: Answerer;
  config: Pick<Config, "questions" | "adminTelegramIds">;
  reports: ReportService;
  /** Sends reminders, digests and broadcasts; absent in the terminal chat. */
  scheduler?: Scheduler;
  clock?: () => Date;
  logger: Logger;
  channel?: "telegram" | "console";
};

/** Builds the bot: context → error boundary → dedupe → user → i18n → one Composer per feature → unhandled last. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { apiRoot: deps.apiRoot, timeoutSeconds: 30 },
  });
  // Interactive replies: retry 429/5xx a few times, never for long (auto-retry's defaults are unbounded).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const i18n = createI18n();
  const tr = translator(i18n);

  // One update at a time per chat (the runner runs chats concurrently): replies and report flows stay in order.
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));
  bot.use(contextSetup(deps.logger, tr));
  const guarded = bot.errorBoundary(handleError);
  guarded.use(dedupeUpdates(deps.pool));
  guarded.use(loadUser(deps.pool));
  guarded.use(i18n);
  const access = { pool: deps.pool, adminIds: deps.config.adminTelegramIds };
  guarded.use(
    membershipFeature({
      ...access,
      clock: deps.clock ?? (() => new Date()),
      timeZone: deps.reports.campaign.timeZone,
      botUsername: () => bot.botInfo.username,
    }),
  );
  guarded.use(basicsFeature({ pool: deps.pool }));
  guarded.use(reportFeature({ ...access, reports: deps.reports }));
  guarded.use(boardFeature({ ...access, reports: deps.reports }));
  guarded.use(
    remindersFeature({
      ...access,
      reports: deps.reports,
      scheduler: deps.scheduler,
      clock: deps.clock ?? (() => new Date()),
    }),
  );
  guarded.use(
    askFeature({
      pool: deps.pool,
      answerer: deps.answerer,
      questions: deps.config.questions,
      channel: deps.channel ?? "telegram",
    }),
  );
  guarded.use(unhandledFeature());

  // Last resort (an error in contextSetup itself): log, never stop polling.
  bot.catch((error) =>
    deps.logger.error({ err: error.error, update_id: error.ctx.update.update_id }, "unhandled bot error"),
  );
  return bot;
}

/** Shows a UserError in the person's language; anything else is logged and replaced by a short apology. */
const handleError: ErrorHandler<BotContext> = async (error: BotError<BotContext>) => {
  const { ctx } = error;
  const cause = error.error;
  let key = "error-generic";
  let params: Record<string, string | number> = {};
  if (cause instanceof UserError) {
    key = cause.key;
    params = cause.params;
  } else if (isConnectionError(cause)) {
    key = "error-db-unavailable";
    ctx.log.error({ err: cause }, "database unavailable");
  } else if (cause instanceof GrammyError || cause instanceof HttpError) {
    ctx.log.error({ err: cause }, "Telegram API call failed");
  } else {
    ctx.log.error({ err: cause }, "error while handling update");
  }
  const text = escapeHtml(ctx.tr(ctx.lang, key, params));
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.tr(ctx.lang, key, params), show_alert: true });
    else if (ctx.chat) await ctx.reply(text, { parse_mode: "HTML" });
  } catch (replyError) {
    ctx.log.warn({ err: replyError }, "could not tell the user about the error");
  }
};

/** Publishes the command menu in each language. Failure is logged, never fatal. */
export async function publishCommands(bot: Bot<BotContext>, logger: Logger, tr: Translate): Promise<void> {
  for (const lang of ["vi", "pl", "en"] as const) {
    const commands = ["start", "help", "lang", "report", "status", "deadlines", "whoami"].map((command) => ({
      command,
      description: tr(lang, `cmd-${command}`),
    }));
    try {
      await bot.api.setMyCommands(commands, lang === "vi" ? {} : { language_code: lang });
    } catch (error) {
      logger.warn({ err: error, lang }, "setMyCommands failed");
    }
  }
}
