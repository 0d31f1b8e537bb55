import { Composer, InlineKeyboard } from "grammy";
import type { Config } from "../../config.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, splitMessage } from "../html.ts";
import { rateLimitQuestions } from "../middlewares/rate-limit.ts";
import { renderAnswer } from "../render.ts";
import { withTyping } from "../typing.ts";

export type AskDeps = {
  services: Services;
  questions: Config["questions"];
  channel: "telegram" | "console";
};

/** Any text that is not a command is a question: answered from the corpus, with 👍/👎 under the answer. */
export function askFeature(deps: AskDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const text = composer.on("message:text").filter((ctx) => !ctx.message.text.startsWith("/"));

  text.use(rateLimitQuestions({ limit: deps.questions.perMinute, windowMs: 60_000 }));

  text.on("message:text", async (ctx) => {
    const question = ctx.message.text.trim();
    if (question.length > deps.questions.maxChars) {
      await ctx.reply(
        escapeHtml(ctx.t("question-too-long", { length: question.length, max: deps.questions.maxChars })),
        { parse_mode: "HTML" },
      );
      return;
    }
    const { answer, questionId } = await withTyping(ctx, () =>
      deps.services.questions.ask({
        question,
        channel: deps.channel,
        fallbackLang: ctx.lang,
        telegramId: ctx.from.id,
        chatId: ctx.chat.id,
        updateId: ctx.update.update_id,
      }),
    );
    ctx.log.info({ question_id: questionId, mode: answer.mode, latency_ms: answer.latencyMs }, "question answered");
    const lang = answer.language;
    const messages = splitMessage(renderAnswer(answer, ctx.tr));
    const keyboard = new InlineKeyboard()
      .text(ctx.tr(lang, "feedback-helpful"), `fb:${questionId}:1`)
      .text(ctx.tr(lang, "feedback-not-helpful"), `fb:${questionId}:0`);
    for (const [i, html] of messages.entries()) {
      const last = i === messages.length - 1;
      await ctx.reply(html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(last ? { reply_markup: keyboard } : {}),
      });
    }
  });

  composer.callbackQuery(/^fb:(\d{1,18}):([01])$/, async (ctx) => {
    const [, questionId, value] = ctx.match;
    const saved = await deps.services.questions.feedback({
      questionId: questionId!,
      telegramId: ctx.from.id,
      helpful: value === "1",
    });
    await ctx.answerCallbackQuery({ text: ctx.t(saved ? "feedback-thanks" : "feedback-not-yours") });
  });

  return composer;
}
