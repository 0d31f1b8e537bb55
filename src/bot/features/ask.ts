import { Composer } from "grammy";
import type { Config } from "../../config.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import { splitMessage } from "../html.ts";
import { rateLimitQuestions } from "../middlewares/rate-limit.ts";
import { renderAnswer } from "../render.ts";
import { feedbackButtons, toInlineKeyboard } from "../render-outbox.ts";
import { replyText } from "../reply.ts";
import { remainingText, sendParts } from "../say.ts";
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
      await replyText(ctx, ctx.t("question-too-long", { length: question.length, max: deps.questions.maxChars }));
      return;
    }
    // Handled again after a restart, the update gets the answer computed the first time (or nothing, if it
    // reached the asker already).
    const { answer, questionId, replied } = await withTyping(ctx, () =>
      deps.services.questions.ask({
        question,
        channel: deps.channel,
        fallbackLang: ctx.lang,
        telegramId: ctx.from.id,
        chatId: ctx.chat.id,
        updateId: ctx.update.update_id,
      }),
    );
    if (replied) return;
    ctx.log.info({ question_id: questionId, mode: answer.mode, latency_ms: answer.latencyMs }, "question answered");
    const parts = splitMessage(renderAnswer(answer, ctx.tr));
    const buttons = questionId ? feedbackButtons(questionId, answer.language, ctx.tr) : undefined;
    const keyboard = buttons ? toInlineKeyboard(buttons) : undefined;
    await sendParts(ctx, deps.services, parts, {
      keyboard,
      later: (from) =>
        from === 0
          ? {
              type: "answer",
              answer: answer as unknown as Record<string, unknown>,
              ...(questionId ? { questionId } : {}),
            }
          : remainingText(parts, from, keyboard),
    });
    // Sent, handed to the outbox, or possibly delivered (a timeout): never sent again by a restart.
    if (questionId) await deps.services.questions.replied(questionId);
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
