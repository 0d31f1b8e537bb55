import { Composer, GrammyError } from "grammy";
import type { AnswerResult, FeedbackReason } from "../../services/knowledge.ts";
import { personOf, requireBoard, type AccessDeps } from "../access.ts";
import type { BotContext } from "../context.ts";
import { splitMessage } from "../html.ts";
import { cardOf, localStamp, renderQuestionCard, renderQuestionList, renderStats } from "../render-knowledge.ts";
import { toInlineKeyboard, type Buttons } from "../render-outbox.ts";
import { replyText } from "../reply.ts";
import { sendParts } from "../say.ts";

const REASONS: Record<string, FeedbackReason> = { n: "not-my-question", w: "wrong", o: "outdated", l: "too-long" };

/** The buttons after a 👎: what was wrong (optional), and the question to the Board. */
export function notHelpfulButtons(questionId: string, t: (key: string) => string): Buttons {
  return [
    [
      { text: t("kq-why-not-my-question"), data: `kq:why:${questionId}:n` },
      { text: t("kq-why-wrong"), data: `kq:why:${questionId}:w` },
    ],
    [
      { text: t("kq-why-outdated"), data: `kq:why:${questionId}:o` },
      { text: t("kq-why-too-long"), data: `kq:why:${questionId}:l` },
    ],
    [{ text: t("kq-ask-button"), data: `kq:ask:${questionId}` }],
  ];
}

/**
 * The knowledge loop (issue 13) in the chat. Askers: "Hỏi Ban Tổ chức" under an answer the documents could not
 * give (and after a 👎) sends the question to the Board; they can withdraw it. The Board: /questions (paged,
 * oldest first), /questions stats, an answer by replying to a question's message or with /answer ID text,
 * /publish, /unpublish, /amend, /supersede. Deliveries to other people go through the outbox (services).
 */
export function knowledgeFeature(deps: AccessDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { knowledge, campaign } = deps.services;
  const view = (ctx: BotContext) => ({ lang: ctx.lang, t: ctx.tr, timeZone: campaign.timeZone });

  // --- the asker ---
  composer.callbackQuery(/^kq:ask:(\d{1,18})$/, async (ctx) => {
    const result = await knowledge.escalate({ questionId: ctx.match[1]!, telegramId: ctx.from.id });
    switch (result.type) {
      case "sent":
        await ctx.answerCallbackQuery();
        await replyText(
          ctx,
          ctx.t("kq-sent", { id: result.id }),
          toInlineKeyboard([[{ text: ctx.t("kq-withdraw-button"), data: `kq:wd:${result.id}` }]]),
        );
        return;
      case "duplicate":
        await ctx.answerCallbackQuery({ text: ctx.t("kq-already-open", { id: result.id }), show_alert: true });
        return;
      case "limit":
        await ctx.answerCallbackQuery({ text: ctx.t("kq-daily-limit", { limit: result.limit }), show_alert: true });
        return;
      case "not-found":
        await ctx.answerCallbackQuery({ text: ctx.t("kq-not-yours"), show_alert: true });
        return;
    }
  });

  composer.callbackQuery(/^kq:wd:(\d{1,18})$/, async (ctx) => {
    const id = ctx.match[1]!;
    const done = await knowledge.withdraw({ id, telegramId: ctx.from.id });
    await ctx.answerCallbackQuery({ text: ctx.t(done ? "kq-withdrawn" : "kq-withdraw-failed", { id }) });
    if (done) await replyText(ctx, ctx.t("kq-withdrawn", { id }));
  });

  composer.callbackQuery(/^kq:why:(\d{1,18}):([nwol])$/, async (ctx) => {
    const saved = await knowledge.feedbackReason({
      questionId: ctx.match[1]!,
      telegramId: ctx.from.id,
      reason: REASONS[ctx.match[2]!]!,
    });
    await ctx.answerCallbackQuery({ text: ctx.t(saved ? "kq-why-thanks" : "feedback-not-yours") });
  });

  // --- the Board ---
  async function showList(ctx: BotContext, page: number) {
    const list = await knowledge.listOpen({ actor: ctx.from!.id, page });
    const rendered = renderQuestionList(list, view(ctx));
    const keyboard = toInlineKeyboard(rendered.buttons);
    if (ctx.callbackQuery?.message) {
      const [html] = splitMessage([{ text: rendered.text }]);
      await ctx.editMessageText(html!, { parse_mode: "HTML", reply_markup: keyboard }).catch((error: unknown) => {
        if (!(error instanceof GrammyError && /not modified/i.test(error.description))) throw error;
      });
      return;
    }
    await replyText(ctx, rendered.text, keyboard);
  }

  composer.command("questions", async (ctx) => {
    await requireBoard(ctx, deps);
    const arg = ctx.match.trim().toLowerCase();
    if (arg === "stats") {
      await replyText(ctx, renderStats(await knowledge.stats({ actor: ctx.from!.id }), view(ctx)));
      return;
    }
    await showList(ctx, Number(arg) || 1);
  });

  composer.callbackQuery(/^kq:pg:(\d{1,4})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    await ctx.answerCallbackQuery();
    await showList(ctx, Number(ctx.match[1]));
  });

  /** A question's card as a message of its own: the Board answers by replying to it. */
  async function showCard(ctx: BotContext, id: string) {
    const q = await knowledge.get({ actor: ctx.from!.id, id });
    const buttons: Buttons =
      q.status === "answered" && q.curatedStatus !== "published"
        ? [[{ text: ctx.t("kq-publish-button"), data: `kq:pub:${q.id}` }]]
        : [];
    await sendParts(ctx, deps.services, splitMessage(renderQuestionCard(cardOf(q), view(ctx), q)), {
      keyboard: buttons.length ? toInlineKeyboard(buttons) : undefined,
      later: () => ({ type: "text", text: ctx.t("kq-card-reply-hint", { id: q.id }) }),
    });
  }

  composer.callbackQuery(/^kq:op:(\d{1,18})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    await ctx.answerCallbackQuery();
    await showCard(ctx, ctx.match[1]!);
  });

  async function tellAnswer(ctx: BotContext, result: AnswerResult) {
    switch (result.type) {
      case "answered":
        await replyText(
          ctx,
          ctx.t("kq-answered", { id: result.question.id }),
          toInlineKeyboard([[{ text: ctx.t("kq-publish-button"), data: `kq:pub:${result.question.id}` }]]),
        );
        return;
      case "taken":
        await replyText(
          ctx,
          ctx.t("kq-answer-taken", { id: result.id, name: result.by, time: localStamp(result.at, campaign.timeZone) }),
        );
        return;
      case "withdrawn":
        await replyText(ctx, ctx.t("kq-answer-withdrawn", { id: result.id }));
        return;
      case "not-found":
        await replyText(ctx, ctx.t("kq-answer-not-found", { id: result.id }));
        return;
    }
  }

  composer.command("answer", async (ctx) => {
    await requireBoard(ctx, deps);
    const m = /^#?(\d{1,18})\s+([\s\S]+)$/.exec(ctx.match.trim());
    if (!m) {
      await replyText(ctx, ctx.t("kq-answer-usage"));
      return;
    }
    await tellAnswer(ctx, await knowledge.answer({ actor: ctx.from!.id, id: m[1]!, text: m[2]! }));
  });

  // A Board member's reply to a question's message (its notification, or its card) is the answer.
  composer.on("message:text", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (ctx.chat.type !== "private" || ctx.message.text.startsWith("/") || !replied || replied.from?.id !== ctx.me.id) {
      return next();
    }
    const person = await personOf(ctx, deps);
    if (!person.board) return next();
    const id =
      (await knowledge.questionOfMessage({ actor: ctx.from.id, messageId: replied.message_id })) ??
      /^❓\s*#(\d{1,18})\b/u.exec(replied.text ?? "")?.[1];
    if (!id) return next();
    await tellAnswer(ctx, await knowledge.answer({ actor: ctx.from.id, id, text: ctx.message.text }));
  });

  async function publish(ctx: BotContext, id: string) {
    const result = await knowledge.publish({ actor: ctx.from!.id, id });
    const key =
      result.type === "published"
        ? "kq-published"
        : result.type === "already"
          ? "kq-already-published"
          : result.type === "not-answered"
            ? "kq-publish-not-answered"
            : "kq-answer-not-found";
    await replyText(ctx, ctx.t(key, { id }));
  }

  composer.callbackQuery(/^kq:pub:(\d{1,18})$/, async (ctx) => {
    await requireBoard(ctx, deps);
    await ctx.answerCallbackQuery();
    await publish(ctx, ctx.match[1]!);
  });

  composer.command("publish", async (ctx) => {
    await requireBoard(ctx, deps);
    const id = /^#?(\d{1,18})$/.exec(ctx.match.trim())?.[1];
    if (!id) return replyText(ctx, ctx.t("kq-publish-usage"));
    await publish(ctx, id);
  });

  composer.command("unpublish", async (ctx) => {
    await requireBoard(ctx, deps);
    const id = /^#?(\d{1,18})$/.exec(ctx.match.trim())?.[1];
    if (!id) return replyText(ctx, ctx.t("kq-publish-usage"));
    const done = await knowledge.unpublish({ actor: ctx.from!.id, id });
    await replyText(ctx, ctx.t(done ? "kq-unpublished" : "kq-not-published", { id }));
  });

  composer.command("amend", async (ctx) => {
    await requireBoard(ctx, deps);
    const m = /^#?(\d{1,18})\s+([\s\S]+)$/.exec(ctx.match.trim());
    if (!m) return replyText(ctx, ctx.t("kq-publish-usage"));
    const amended = await knowledge.amend({ actor: ctx.from!.id, id: m[1]!, text: m[2]! });
    await replyText(ctx, ctx.t(amended ? "kq-amended" : "kq-not-published", { id: m[1]! }));
  });

  composer.command("supersede", async (ctx) => {
    await requireBoard(ctx, deps);
    // "/supersede 12 chi-thi-45-2025 III › 1" (or "III.1", "III > 1")
    const m = /^#?(\d{1,18})\s+(\S+)\s+(.+)$/.exec(ctx.match.trim());
    if (!m) return replyText(ctx, ctx.t("kq-publish-usage"));
    const section = m[3]!
      .trim()
      .split(/\s*(?:›|>|\.)\s*/)
      .filter(Boolean)
      .join(" › ");
    const done = await knowledge.supersede({ actor: ctx.from!.id, id: m[1]!, doc: m[2]!, section });
    await replyText(ctx, ctx.t(done ? "kq-superseded" : "kq-not-published", { id: m[1]!, doc: m[2]!, section }));
  });

  return composer;
}
