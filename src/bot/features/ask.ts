import { Composer, GrammyError } from "grammy";
import type { Config } from "../../config.ts";
import type { Services } from "../../services/index.ts";
import type { BotContext } from "../context.ts";
import { splitMessage } from "../html.ts";
import { rateLimitQuestions } from "../middlewares/rate-limit.ts";
import { answerButtons, offersBoard, toInlineKeyboard } from "../render-outbox.ts";
import { notHelpfulButtons } from "./knowledge.ts";
import { renderAnswer, renderAnswerView, type AnswerView } from "../render.ts";
import { replyText } from "../reply.ts";
import { remainingText, sendParts } from "../say.ts";
import { withTyping } from "../typing.ts";

export type AskDeps = {
  services: Services;
  questions: Config["questions"];
  channel: "telegram" | "console";
};

const VIEW_CODES: Record<string, AnswerView> = { a: "answer", p: "passages", s: "sources" };

/**
 * Any text that is not a command is a question. The reply is one short screen — the answer, one source line —
 * with 👍/👎 and buttons for the passages and the sources. A short follow-up ("Còn chi bộ thì sao?") within a
 * few minutes is read with the chat's previous question.
 */
export function askFeature(deps: AskDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { questions } = deps.services;
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
      questions.ask({
        question,
        channel: deps.channel,
        fallbackLang: ctx.lang,
        telegramId: ctx.from.id,
        chatId: ctx.chat.id,
        updateId: ctx.update.update_id,
      }),
    );
    if (replied) return;
    ctx.log.info(
      { question_id: questionId, mode: answer.mode, refusal: answer.refusal, latency_ms: answer.latencyMs },
      "question answered",
    );
    const parts = splitMessage(renderAnswer(answer, ctx.tr));
    const buttons = questionId
      ? answerButtons(questionId, answer.language, ctx.tr, "answer", answer.sources.length > 0, offersBoard(answer))
      : undefined;
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
    if (questionId) await questions.replied(questionId);
  });

  composer.callbackQuery(/^fb:(\d{1,18}):([01])$/, async (ctx) => {
    const [, questionId, value] = ctx.match;
    const saved = await questions.feedback({
      questionId: questionId!,
      telegramId: ctx.from.id,
      helpful: value === "1",
    });
    await ctx.answerCallbackQuery({ text: ctx.t(saved ? "feedback-thanks" : "feedback-not-yours") });
    // A 👎 asks what was wrong (optional) and offers the question to the Board (issue 13).
    if (saved && value === "0") {
      await replyText(
        ctx,
        ctx.t("kq-feedback-why"),
        toInlineKeyboard(notHelpfulButtons(questionId!, (key) => ctx.t(key))),
      );
    }
  });

  // The passages / the sources / the short answer again, in place of the message. The answer is reloaded from
  // the question's row — only in the chat it was given in.
  composer.callbackQuery(/^ans:([aps]):(\d{1,18})$/, async (ctx) => {
    const [, code, questionId] = ctx.match;
    const chatId = ctx.chat?.id;
    const answer = chatId === undefined ? undefined : await questions.shown(questionId!, chatId);
    if (!answer) {
      await ctx.answerCallbackQuery({ text: ctx.t("answer-gone") });
      return;
    }
    const view = VIEW_CODES[code!]!;
    const keyboard = toInlineKeyboard(
      answerButtons(questionId!, answer.language, ctx.tr, view, answer.sources.length > 0, offersBoard(answer)),
    );
    const messages = splitMessage(renderAnswerView(answer, view, ctx.tr));
    await ctx.answerCallbackQuery();
    if (messages.length === 1) {
      try {
        await ctx.editMessageText(messages[0]!, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          reply_markup: keyboard,
        });
      } catch (error) {
        // Pressing the same button twice: Telegram refuses an edit that changes nothing.
        if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
      }
      return;
    }
    // A long model answer with its passages does not fit one message: they come as a message of their own.
    const extra = splitMessage(renderAnswerView(answer, view, ctx.tr, { withAnswer: false }));
    for (const html of extra) {
      await ctx.reply(html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    }
  });

  return composer;
}
