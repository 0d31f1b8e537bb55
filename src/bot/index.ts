import { sequentialize } from "@grammyjs/runner";
import { Bot, BotError, GrammyError, HttpError, type ErrorHandler } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../config.ts";
import { isConnectionError, UserError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/index.ts";
import type { BotContext } from "./context.ts";
import type { Limiter } from "./dispatch/limiter.ts";
import { limitApi } from "./dispatch/transformer.ts";
import { askFeature } from "./features/ask.ts";
import { basicsFeature } from "./features/basics.ts";
import { boardFeature } from "./features/board.ts";
import { dashboardFeature } from "./features/dashboard.ts";
import { knowledgeFeature } from "./features/knowledge.ts";
import { membershipFeature } from "./features/membership.ts";
import { PRIVATE_COMMANDS, privateOnlyFeature } from "./features/private-only.ts";
import { remindersFeature } from "./features/reminders.ts";
import { reportFeature } from "./features/report.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { escapeHtml } from "./html.ts";
import { createI18n, translator } from "./i18n.ts";
import { contextSetup, inboxUpdates, loadUser } from "./middlewares/setup.ts";

export type BotDeps = {
  token: string;
  apiRoot: string;
  /** Bound on one Bot API call; a send that runs past it may still have arrived: it is never made again. */
  timeoutSeconds?: number;
  /** Known bot identity (tests, the terminal chat): skips getMe. */
  botInfo?: UserFromGetMe;
  services: Services;
  config: Pick<Config, "questions">;
  /** The process's one limiter; every call of bot.api goes through it. Absent in the terminal chat. */
  limiter?: Limiter | undefined;
  logger: Logger;
  channel?: "telegram" | "console";
  /** PUBLIC_URL when the HTTP server runs: /dashboard hands out its links (issue 14). */
  dashboardUrl?: string | undefined;
};

/** Builds the bot: context → error boundary → dedupe → user → i18n → one Composer per feature → unhandled last. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { apiRoot: deps.apiRoot, timeoutSeconds: deps.timeoutSeconds ?? 30 },
  });
  // Every call the bot makes — replies, edits, buttons, scheduled sends — goes through the one limiter.
  if (deps.limiter) bot.api.config.use(limitApi(deps.limiter));

  const i18n = createI18n();
  const tr = translator(i18n);
  const { services } = deps;

  // One update at a time per chat (the runner runs chats concurrently): replies and report flows stay in order.
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));
  bot.use(contextSetup(deps.logger, tr, services));
  const guarded = bot.errorBoundary(handleError);
  guarded.use(inboxUpdates(services));
  guarded.use(loadUser(services));
  guarded.use(i18n);
  const access = { services, dashboardUrl: deps.dashboardUrl };
  guarded.use(privateOnlyFeature([...PRIVATE_COMMANDS, ...services.campaign.milestones.map((m) => m.command)]));
  guarded.use(
    membershipFeature({
      ...access,
      timeZone: services.campaign.timeZone,
      botUsername: () => bot.botInfo.username,
    }),
  );
  guarded.use(basicsFeature(access));
  guarded.use(knowledgeFeature(access));
  guarded.use(reportFeature(access));
  guarded.use(boardFeature(access));
  guarded.use(dashboardFeature(access));
  guarded.use(remindersFeature(access));
  guarded.use(askFeature({ ...access, questions: deps.config.questions, channel: deps.channel ?? "telegram" }));
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
