import type { Lang } from "../config.ts";
import { daysBetween, formatDmy, localTime } from "../dates.ts";
import type { NewDelivery, OutboxMessage } from "../outbox/messages.ts";
import { milestoneName, type Campaign } from "../reports/campaign.ts";
import type { Translate } from "../translate.ts";
import { displayName } from "../text.ts";
import { InlineKeyboard } from "grammy";
import type { Answer } from "../rag/answer.ts";
import { escapeHtml, htmlToPlainText, splitMessage, TELEGRAM_MESSAGE_LIMIT } from "./html.ts";
import type { CampaignSummary } from "../reports/views.ts";
import { renderHeadline } from "./render-board.ts";
import { openQuestionButtons, renderBoardAnswer, renderOpenQuestions, renderQuestionCard } from "./render-knowledge.ts";
import { renderAnswer, type AnswerView } from "./render.ts";

export type Buttons = { text: string; data: string }[][];
/** What one delivery puts in the chat: usually one message; a long answer in parts, the buttons under the last. */
export type RenderedMessage = { parts: string[]; buttons?: Buttons | undefined };

/**
 * Renders what the outbox stored as Telegram HTML, in `lang`, at the moment `now` of sending — so "N days left"
 * is counted from the day it is actually sent. Every value is escaped here.
 */
export function renderOutboxMessage(
  message: OutboxMessage,
  context: { lang: Lang; now: Date; campaign: Campaign; translate: Translate },
): RenderedMessage {
  const { lang, now, campaign, translate: t } = context;
  const today = localTime(now, campaign.timeZone).date;
  const milestone = (key: string) => {
    const m = campaign.milestones.find((x) => x.key === key);
    return m ? milestoneName(m, lang) : key;
  };
  if (message.type === "digest") {
    const view = renderHeadline(message.summary as unknown as CampaignSummary, "digest", { lang, t, campaign });
    if (!message.questions) return { parts: [escapeHtml(view.text)], buttons: view.buttons };
    // The questions to the Board still open, under the headline (issue 13).
    return {
      parts: splitMessage([{ text: view.text }, ...renderOpenQuestions(message.questions, { lang, t })]),
      buttons: [...view.buttons, ...openQuestionButtons(message.questions.items)],
    };
  }
  if (message.type === "morning") return renderMorning(message, context);
  if (message.type === "answer") {
    const answer = message.answer as unknown as Answer;
    return {
      parts: splitMessage(renderAnswer(answer, t)),
      buttons: message.questionId
        ? answerButtons(
            message.questionId,
            answer.language,
            t,
            "answer",
            answer.sources.length > 0,
            offersBoard(answer),
          )
        : undefined,
    };
  }
  const knowledge = { lang, t, timeZone: campaign.timeZone };
  if (message.type === "kq-question") {
    return {
      parts: splitMessage(renderQuestionCard({ ...message, unit: message.unit ? message.unit.code : null }, knowledge)),
    };
  }
  if (message.type === "kq-answer") return { parts: splitMessage(renderBoardAnswer(message, knowledge)) };
  if (message.type === "kq-digest") {
    return {
      parts: splitMessage(renderOpenQuestions(message.questions, knowledge)),
      buttons: openQuestionButtons(message.questions.items),
    };
  }
  const html = ((): string => {
    switch (message.type) {
      case "reminder":
      case "nudge": {
        const days = daysBetween(today, message.deadline);
        const m = campaign.milestones.find((x) => x.key === message.milestone);
        const vars = {
          unit: displayName(message.unit.name),
          milestone: milestone(message.milestone),
          deadline: formatDmy(message.deadline),
          days: Math.abs(days),
          command: `/${m?.command ?? "report"} ${t(lang, "report-form-date")}`,
        };
        const key =
          message.type === "nudge" || days < 0 ? "nudge-text" : days === 0 ? "reminder-text-today" : "reminder-text";
        return escapeHtml(t(lang, key, vars));
      }
      case "text":
        return escapeHtml(message.text);
      case "notice": {
        // Names others typed are shown without control characters; a step is named in the reader's language.
        const vars = Object.fromEntries(
          Object.entries(message.vars).map(([k, v]) => [
            k,
            k === "milestone" && typeof v === "string" ? milestone(v) : typeof v === "string" ? displayName(v) : v,
          ]),
        );
        return escapeHtml(t(lang, message.key, vars));
      }
      case "html":
        return message.html;
    }
  })();
  // One delivery is one message here: the planner keeps parts short; this only guards Telegram's limit.
  return {
    parts: [html.length > TELEGRAM_MESSAGE_LIMIT ? safeCut(html, TELEGRAM_MESSAGE_LIMIT) : html],
    buttons: message.type === "text" ? message.buttons : undefined,
  };
}

/**
 * The morning message: everything due to one person, grouped by unit, numbered; under it one row of buttons per
 * item — done today, done on another day (a date picker), not yet (an expected date). callback_data holds the
 * unit's code and the step's index only: `rm:t|o|e:<unit>:<step>`; the server checks both when pressed.
 */
function renderMorning(
  message: Extract<OutboxMessage, { type: "morning" }>,
  context: { lang: Lang; now: Date; campaign: Campaign; translate: Translate },
): RenderedMessage {
  const { lang, now, campaign, translate: t } = context;
  const today = localTime(now, campaign.timeZone).date;
  const lines = [escapeHtml(t(lang, "morning-title", { date: formatDmy(today) }))];
  const buttons: Buttons = [];
  let unit: string | undefined;
  const numbered = message.items.length > 1;
  for (const [i, item] of message.items.entries()) {
    const m = campaign.milestones.find((x) => x.key === item.milestone);
    if (!m) continue;
    if (item.unit.code !== unit) {
      unit = item.unit.code;
      lines.push("", `🏛 <b>${escapeHtml(displayName(item.unit.name))}</b>`);
    }
    const days = daysBetween(today, item.deadline);
    const key = days < 0 ? "morning-nudge" : days === 0 ? "morning-reminder-today" : "morning-reminder";
    const n = numbered ? `${i + 1}. ` : "";
    lines.push(
      escapeHtml(
        `${n}${t(lang, key, { milestone: milestoneName(m, lang), deadline: formatDmy(item.deadline), days: Math.abs(days) })}`,
      ),
    );
    const index = campaign.milestones.indexOf(m);
    const prefix = numbered ? `${i + 1} ` : "";
    buttons.push([
      { text: `${prefix}${t(lang, "morning-button-today")}`, data: `rm:t:${item.unit.code}:${index}` },
      { text: `${prefix}${t(lang, "morning-button-other")}`, data: `rm:o:${item.unit.code}:${index}` },
      { text: `${prefix}${t(lang, "morning-button-expected")}`, data: `rm:e:${item.unit.code}:${index}` },
    ]);
  }
  lines.push("", escapeHtml(t(lang, "morning-footer")));
  let html = lines.join("\n");
  // Guarded for a person with very many items (several units): cut at a line, the buttons kept to Telegram's 100.
  if (html.length > TELEGRAM_MESSAGE_LIMIT) {
    html = html.slice(0, html.lastIndexOf("\n", TELEGRAM_MESSAGE_LIMIT - 2)) + "\n…";
  }
  return { parts: [html], buttons: buttons.slice(0, 33) };
}

/**
 * The buttons under an answer: 👍/👎, then the passages and the sources in place of the short answer (and back).
 * callback_data holds ids only: `fb:<questionId>:1|0`, `ans:p|s|a:<questionId>`.
 */
export function answerButtons(
  questionId: string,
  lang: Lang,
  t: Translate,
  view: AnswerView = "answer",
  hasSources = true,
  askBoard = false,
): Buttons {
  const rows: Buttons = [
    [
      { text: t(lang, "feedback-helpful"), data: `fb:${questionId}:1` },
      { text: t(lang, "feedback-not-helpful"), data: `fb:${questionId}:0` },
    ],
  ];
  // "Not in the documents": the question can go to the Board (issue 13), `kq:ask:<questionId>`, on the last row.
  const board = askBoard ? [[{ text: t(lang, "kq-ask-button"), data: `kq:ask:${questionId}` }]] : [];
  if (!hasSources) return [...rows, ...board];
  rows.push([
    {
      text: t(lang, view === "passages" ? "answer-button-back" : "answer-button-passages"),
      data: `ans:${view === "passages" ? "a" : "p"}:${questionId}`,
    },
    {
      text: t(lang, view === "sources" ? "answer-button-back" : "answer-button-sources"),
      data: `ans:${view === "sources" ? "a" : "s"}:${questionId}`,
    },
  ]);
  return [...rows, ...board];
}

/** An answer that says the documents do not (fully) cover the question: the asker is offered the Board. */
export function offersBoard(answer: Pick<Answer, "refusal" | "partial" | "board">): boolean {
  return !answer.board && (answer.refusal === "not-covered" || answer.partial === true);
}

export function toInlineKeyboard(buttons: Buttons): InlineKeyboard {
  return InlineKeyboard.from(buttons.map((row) => row.map((b) => InlineKeyboard.text(b.text, b.data))));
}

export function fromInlineKeyboard(keyboard: InlineKeyboard): Buttons {
  return keyboard.inline_keyboard.map((row) =>
    row.map((b) => ({ text: b.text, data: "callback_data" in b ? (b.callback_data ?? "") : "" })),
  );
}

/** Cuts HTML made of escaped text (no tags) without breaking an escape sequence. */
function safeCut(html: string, limit: number): string {
  let cut = html.slice(0, limit - 1);
  const amp = cut.lastIndexOf("&");
  if (amp > cut.length - 6 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** What the outbox would send, as `daihoi reminders preview` prints it: rendered exactly as it would go, as text. */
export function renderPreview(
  items: (NewDelivery & { lang: Lang })[],
  context: { at: Date; campaign: Campaign; translate: Translate },
) {
  return items.map((d) => ({
    unit: d.unitCode ?? null,
    telegram_id: d.telegramId,
    milestone: d.milestone ?? null,
    deadline: d.deadline ?? null,
    lead_days: d.leadDays ?? null,
    kind: d.kind,
    // A morning message: what it holds, item by item.
    ...(d.message.type === "morning"
      ? {
          items: d.message.items.map((i) => ({
            unit: i.unit.code,
            milestone: i.milestone,
            deadline: i.deadline,
            kind: i.kind,
          })),
        }
      : {}),
    text: renderOutboxMessage(d.message, {
      lang: d.lang,
      now: context.at,
      campaign: context.campaign,
      translate: context.translate,
    })
      .parts.map(htmlToPlainText)
      .join("\n\n"),
  }));
}
