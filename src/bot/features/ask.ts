import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { Config, Lang } from "../../config.ts";
import type { Pool } from "../../db/pool.ts";
import type { Answerer } from "../../rag/answer.ts";
import { detectLanguage } from "../../rag/language.ts";
import { lastQuestion, loadShownAnswer, recordFeedback, recordQuestion } from "../../rag/qa-store.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, splitMessage } from "../html.ts";
import { rateLimitQuestions } from "../middlewares/rate-limit.ts";
import { renderAnswer, renderAnswerView, type AnswerView } from "../render.ts";
import { withTyping } from "../typing.ts";

export type AskDeps = {
  pool: Pool;
  answerer: Answerer;
  questions: Config["questions"];
  channel: "telegram" | "console";
};

const VIEW_CODES: Record<string, AnswerView> = { a: "answer", p: "passages", s: "sources" };

/**
 * 👍/👎, then the buttons that show the passages or the sources in place of the short answer (and back).
 * callback_data holds ids only: `fb:<questionId>:1|0`, `ans:p|s|a:<questionId>`.
 */
function answerKeyboard(ctx: BotContext, lang: Lang, questionId: string, view: AnswerView, hasSources: boolean) {
  const keyboard = new InlineKeyboard()
    .text(ctx.tr(lang, "feedback-helpful"), `fb:${questionId}:1`)
    .text(ctx.tr(lang, "feedback-not-helpful"), `fb:${questionId}:0`);
  if (!hasSources) return keyboard;
  keyboard.row();
  keyboard.text(
    ctx.tr(lang, view === "passages" ? "answer-button-back" : "answer-button-passages"),
    `ans:${view === "passages" ? "a" : "p"}:${questionId}`,
  );
  keyboard.text(
    ctx.tr(lang, view === "sources" ? "answer-button-back" : "answer-button-sources"),
    `ans:${view === "sources" ? "a" : "s"}:${questionId}`,
  );
  return keyboard;
}

/**
 * Any text that is not a command is a question. The reply is one short screen — the answer, one source line —
 * with 👍/👎 and buttons for the passages and the sources. A short follow-up ("Còn chi bộ thì sao?") within a
 * few minutes is read with the chat's previous question.
 */
export function askFeature(deps: AskDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const text = composer.on("message:text").filter((ctx) => !ctx.message.text.startsWith("/"));

  text.use(rateLimitQuestions({ limit: deps.questions.perMinute, windowMs: 60_000 }));

  text.on("message:text", async (ctx) => {
    const question = ctx.message.text.trim();
    if (question.length > deps.questions.maxChars) {
      await ctx.reply(
        escapeHtml(ctx.t("question-too-long", { length: question.length, max: deps.questions.maxChars })),
        {
          parse_mode: "HTML",
        },
      );
      return;
    }
    // Answer in the language the question was written in, when that can be told — else, for a short follow-up,
    // in the language of the question it follows.
    const previous = await lastQuestion(deps.pool, ctx.chat.id);
    const lang = detectLanguage(question) ?? previous?.language ?? ctx.lang;
    const answer = await withTyping(ctx, () => deps.answerer.answer(question, { lang, previous }));
    const questionId = await recordQuestion(deps.pool, {
      telegramId: ctx.from.id,
      chatId: ctx.chat.id,
      updateId: ctx.update.update_id,
      channel: deps.channel,
      question,
      answer,
    });
    ctx.log.info(
      { question_id: questionId, mode: answer.mode, refusal: answer.refusal, latency_ms: answer.latencyMs },
      "question answered",
    );
    const messages = splitMessage(renderAnswer(answer, ctx.tr));
    const keyboard = answerKeyboard(ctx, lang, questionId, "answer", answer.sources.length > 0);
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
    const saved = await recordFeedback(deps.pool, questionId!, ctx.from.id, value === "1");
    await ctx.answerCallbackQuery({ text: ctx.t(saved ? "feedback-thanks" : "feedback-not-yours") });
  });

  // The passages / the sources / the short answer again, in place of the message. The answer is reloaded from
  // the question's row — only in the chat it was given in.
  composer.callbackQuery(/^ans:([aps]):(\d{1,18})$/, async (ctx) => {
    const [, code, questionId] = ctx.match;
    const chatId = ctx.chat?.id;
    const answer = chatId === undefined ? undefined : await loadShownAnswer(deps.pool, questionId!, chatId);
    if (!answer) {
      await ctx.answerCallbackQuery({ text: ctx.t("answer-gone") });
      return;
    }
    const view = VIEW_CODES[code!]!;
    const keyboard = answerKeyboard(ctx, answer.language, questionId!, view, answer.sources.length > 0);
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
