import type { Lang } from "../config.ts";
import { formatDmy, localTime } from "../dates.ts";
import type { OpenQuestionsDigest, OutboxMessage } from "../outbox/messages.ts";
import type { BoardQuestion, KnowledgeStats } from "../services/knowledge.ts";
import { displayName } from "../text.ts";
import type { Translate } from "../translate.ts";
import type { Block } from "./html.ts";
import type { Buttons } from "./render-outbox.ts";

/**
 * The knowledge loop's messages (issue 13) as blocks of plain text — escaped when rendered — and buttons with ids
 * only. What the Board and the askers wrote is shown as text, clipped, never as markup.
 */

const QUESTION_SHOWN_CHARS = 800;
const BOT_ANSWER_SHOWN_CHARS = 500;
const LIST_QUESTION_CHARS = 120;

type T = { lang: Lang; t: Translate; timeZone: string };

export function clip(text: string, max: number): string {
  const clean = displayName(text)
    .replace(/[ \t]+/g, " ")
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** "02/12/2026 09:15" in the campaign's zone. */
export function localStamp(at: Date | string, timeZone: string): string {
  const { date, minutes } = localTime(new Date(at), timeZone);
  return `${formatDmy(date)} ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

type CardInput = Pick<Extract<OutboxMessage, { type: "kq-question" }>, "id" | "asker" | "question" | "botAnswer"> & {
  unit: string | null;
  askedAt: Date | string;
};

/** A question to the Board as a Board member sees it: #ID, unit, asker, time, the question, the bot's answer. */
export function renderQuestionCard(q: CardInput, c: T, state?: BoardQuestion): Block[] {
  const { lang, t } = c;
  const blocks: Block[] = [
    {
      text: t(lang, "kq-new-question", {
        id: q.id,
        unit: q.unit ?? t(lang, "kq-no-unit"),
        asker: clip(q.asker, 80),
        time: localStamp(q.askedAt, c.timeZone),
      }),
      tag: "b",
    },
    { text: t(lang, "kq-card-question") },
    { text: clip(q.question, QUESTION_SHOWN_CHARS), tag: "blockquote" },
    { text: t(lang, "kq-card-bot-answer") },
    { text: clip(q.botAnswer, BOT_ANSWER_SHOWN_CHARS), tag: "blockquote" },
  ];
  if (state?.status === "answered") {
    blocks.push({
      text: t(lang, "kq-card-answered", {
        name: clip(state.answeredByName ?? "", 80),
        time: localStamp(state.answeredAt!, c.timeZone),
      }),
      tag: "i",
    });
    blocks.push({ text: clip(state.answer ?? "", QUESTION_SHOWN_CHARS), tag: "blockquote" });
  } else if (state?.status === "withdrawn") {
    blocks.push({ text: t(lang, "kq-card-withdrawn"), tag: "i" });
  } else {
    blocks.push({ text: t(lang, "kq-card-reply-hint", { id: q.id }), tag: "i" });
  }
  return blocks;
}

export function cardOf(q: BoardQuestion): CardInput {
  return {
    id: q.id,
    unit: q.unitCode,
    asker: q.askerName,
    question: q.question,
    botAnswer: q.botAnswer,
    askedAt: q.createdAt,
  };
}

/** The Board's answer as the asker receives it. */
export function renderBoardAnswer(m: Extract<OutboxMessage, { type: "kq-answer" }>, c: T): Block[] {
  const { lang, t } = c;
  return [
    { text: t(lang, "kq-answer-heading", { date: formatDmy(m.answeredOn) }), tag: "b" },
    { text: t(lang, "kq-answer-your-question", { id: m.id }) },
    { text: clip(m.question, QUESTION_SHOWN_CHARS), tag: "blockquote" },
    { text: m.answer },
  ];
}

/** The open questions, for the morning digest. */
export function renderOpenQuestions(d: OpenQuestionsDigest, c: Omit<T, "timeZone">): Block[] {
  const { lang, t } = c;
  const blocks: Block[] = [{ text: t(lang, "kq-digest-title", { open: d.open, days: d.oldestDays }), tag: "b" }];
  blocks.push({
    text: d.items
      .map((q) =>
        t(lang, "kq-list-item", {
          id: q.id,
          unit: q.unit ?? t(lang, "kq-no-unit"),
          question: clip(q.question, LIST_QUESTION_CHARS),
        }),
      )
      .join("\n"),
  });
  if (d.open > d.items.length) blocks.push({ text: t(lang, "kq-digest-more", { count: d.open - d.items.length }) });
  return blocks;
}

/** Buttons under the digest's questions: each opens its card. */
export function openQuestionButtons(items: { id: string }[]): Buttons {
  const row = items.map((q) => ({ text: `#${q.id}`, data: `kq:op:${q.id}` }));
  return row.length ? [row] : [];
}

/** A page of /questions: the open ones, oldest first, each a button to its card, ◀ ▶ to page. */
export function renderQuestionList(
  list: { items: BoardQuestion[]; total: number; page: number; pages: number; oldestDays: number },
  c: T,
): { text: string; buttons: Buttons } {
  const { lang, t } = c;
  if (list.total === 0) return { text: t(lang, "kq-list-empty"), buttons: [] };
  const lines = [
    t(lang, "kq-list-title", { total: list.total, days: list.oldestDays, page: list.page, pages: list.pages }),
    "",
    ...list.items.map((q) =>
      t(lang, "kq-list-item", {
        id: q.id,
        unit: q.unitCode ?? t(lang, "kq-no-unit"),
        question: clip(q.question, LIST_QUESTION_CHARS),
      }),
    ),
  ];
  const buttons: Buttons = [openQuestionButtons(list.items)[0] ?? []];
  const nav = [];
  if (list.page > 1) nav.push({ text: "◀", data: `kq:pg:${list.page - 1}` });
  if (list.page < list.pages) nav.push({ text: "▶", data: `kq:pg:${list.page + 1}` });
  if (nav.length) buttons.push(nav);
  return { text: lines.join("\n"), buttons };
}

/** /questions stats: a line per week, then the open queue. */
export function renderStats(stats: KnowledgeStats, c: Omit<T, "timeZone">): string {
  const { lang, t } = c;
  const lines = [t(lang, "kq-stats-title")];
  if (stats.weeks.length === 0) lines.push(t(lang, "kq-stats-empty"));
  for (const w of stats.weeks) {
    lines.push(
      t(lang, "kq-stats-week", {
        week: formatDmy(w.week),
        asked: w.asked,
        documents: w.fromDocuments,
        curated: w.curated,
        notCovered: w.notCovered,
        share: w.rated ? `${Math.round((100 * w.notHelpful) / w.rated)}% (${w.notHelpful}/${w.rated})` : "—",
        toBoard: w.toBoard,
        answered: w.answeredByBoard,
      }),
    );
  }
  lines.push(t(lang, "kq-stats-queue", { open: stats.open, days: stats.oldestOpenDays }));
  return lines.join("\n");
}
