import { dateInZone, localTime } from "../dates.ts";
import { withTransaction, type Pool } from "../db/pool.ts";
import { namesOf, reachableBoard } from "../db/telegram-store.ts";
import { UserError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { recordIntents } from "../outbox/delivery-store.ts";
import type { NewDelivery, OpenQuestionsDigest } from "../outbox/messages.ts";
import {
  boardAnswerOf,
  curatedIdOf,
  editBoardAnswer,
  publishBoardAnswer,
  setSupersedes,
  type BoardAnswer,
} from "../rag/board-answers-store.ts";
import {
  answerBoardQuestion,
  askedQuestion,
  countAskedSince,
  getBoardQuestion,
  insertBoardQuestion,
  openWithText,
  listOpenQuestions,
  questionOfMessage,
  setFeedbackReason,
  weeklyStats,
  withdrawBoardQuestion,
  type BoardQuestion,
  type FeedbackReason,
  type WeekStats,
} from "../rag/board-questions-store.ts";
import { publishCuratedAnswer, withdrawCuratedAnswer } from "../rag/curated-store.ts";
import type { IndexedEmbeddings } from "../rag/embeddings.ts";
import { cleanText, displayName } from "../text.ts";
import { getMembership, getPerson } from "../units/member-store.ts";
import { getUnit } from "../units/unit-store.ts";
import { isQuiet, minutesOf } from "../reminders/schedule.ts";

export type { BoardQuestion, BoardAnswer, FeedbackReason, WeekStats };

/** How many questions one person may send the Board in a day (local calendar day). */
export const BOARD_QUESTIONS_PER_DAY = 5;
/** The Board's answer: what one Telegram message holds with its heading, and more than any answer needs. */
export const BOARD_ANSWER_MAX_CHARS = 3000;
export const BOARD_ANSWER_MIN_CHARS = 2;
/** Open questions a /questions page lists. */
export const QUESTIONS_PAGE_SIZE = 5;
/** Open questions the morning digest names (the rest are counted). */
const DIGEST_ITEMS = 5;

/**
 * The Board's working hours (local time): new questions are sent to Board members at once within them, and
 * gathered into the next morning's digest outside them. Monday to Friday, 07:30–17:00.
 */
export const WORKING_HOURS = { days: [1, 2, 3, 4, 5], from: 7 * 60 + 30, to: 17 * 60 } as const;

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 0 };

/** True within the Board's working hours at `now` in `timeZone`. Pure. */
export function isWorkingTime(now: Date, timeZone: string): boolean {
  const day = WEEKDAYS[new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(now)] ?? 0;
  const { minutes } = localTime(now, timeZone);
  return (
    (WORKING_HOURS.days as readonly number[]).includes(day) &&
    minutes >= WORKING_HOURS.from &&
    minutes < WORKING_HOURS.to
  );
}

/** The start of the local calendar day of `now`, as an instant. */
function startOfLocalDay(now: Date, timeZone: string): Date {
  const { minutes } = localTime(now, timeZone);
  const start = new Date(now.getTime() - minutes * 60_000);
  start.setUTCSeconds(0, 0);
  return start;
}

export type EscalateResult =
  | { type: "sent"; id: string }
  | { type: "duplicate"; id: string }
  | { type: "limit"; limit: number }
  | { type: "not-found" };

export type AnswerResult =
  | { type: "answered"; question: BoardQuestion }
  | { type: "taken"; id: string; by: string; at: Date }
  | { type: "withdrawn"; id: string }
  | { type: "not-found"; id: string };

export type PublishResult =
  | { type: "published"; answer: BoardAnswer }
  | { type: "already"; answer: BoardAnswer }
  | { type: "not-answered" }
  | { type: "not-found" };

export type KnowledgeStats = {
  weeks: WeekStats[];
  /** The open queue now: how many, and the oldest one's age in days (0 when none). */
  open: number;
  oldestOpenDays: number;
};

/**
 * The knowledge loop (issue 13): a question the documents do not answer goes to the Board's queue; a Board member
 * answers it once (the asker gets the answer through the outbox); the Board publishes it as a curated answer that
 * answers the next asker first. Every Board use case checks the Board role here too, not only in the bot.
 */
export function createKnowledgeService(deps: {
  pool: Pool;
  embeddings: IndexedEmbeddings;
  adminIds: readonly number[];
  timeZone: string;
  clock: () => Date;
  logger?: Logger | undefined;
  onQueued?: (() => void) | undefined;
  perDay?: number;
}) {
  const { pool, clock, timeZone } = deps;
  const perDay = deps.perDay ?? BOARD_QUESTIONS_PER_DAY;

  async function requireBoard(actor: number): Promise<string> {
    const person = await getPerson(pool, actor, deps.adminIds);
    if (!person.board) throw new UserError("access-board-only");
    return (await namesOf(pool, [actor])).get(actor) ?? String(actor);
  }

  async function found(id: string): Promise<BoardQuestion> {
    const q = /^\d{1,18}$/.test(id) ? await getBoardQuestion(pool, id) : undefined;
    if (!q) throw new UserError("kq-answer-not-found", { id });
    return q;
  }

  async function openDigest(before?: Date): Promise<OpenQuestionsDigest | undefined> {
    const open = await listOpenQuestions(pool, { offset: 0, limit: DIGEST_ITEMS, before });
    if (open.total === 0) return undefined;
    return {
      open: open.total,
      oldestDays: ageDays(open.oldest, clock()),
      items: open.items.map((q) => ({ id: q.id, unit: q.unitCode, question: clip(q.question, 200) })),
    };
  }

  return {
    /**
     * Sends the question an answer was given to (`questionId`, the asker's own) to the Board. One open question
     * per person per identical text; at most `perDay` a day. Within working hours each Board member is told at
     * once; outside them the morning digest carries it.
     */
    async escalate(input: { questionId: string; telegramId: number }): Promise<EscalateResult> {
      const asked = /^\d{1,18}$/.test(input.questionId)
        ? await askedQuestion(pool, input.questionId, input.telegramId)
        : undefined;
      if (!asked) return { type: "not-found" };
      const now = clock();
      const membership = await getMembership(pool, input.telegramId);
      const name = membership?.name ?? (await namesOf(pool, [input.telegramId])).get(input.telegramId);
      const unit = membership ? await getUnit(pool, membership.unitCode) : undefined;
      let notified = false;
      const result = await withTransaction(pool, async (tx): Promise<EscalateResult> => {
        // Serialises one person's presses (two at once cannot both pass the daily count).
        await tx.query("SELECT pg_advisory_xact_lock(1300, hashtext($1::text))", [String(input.telegramId)]);
        const open = await openWithText(tx, input.telegramId, asked.question);
        if (open) return { type: "duplicate", id: open };
        if ((await countAskedSince(tx, input.telegramId, startOfLocalDay(now, timeZone))) >= perDay) {
          return { type: "limit", limit: perDay };
        }
        const { question, created } = await insertBoardQuestion(
          tx,
          {
            questionId: input.questionId,
            telegramId: input.telegramId,
            unitCode: membership?.unitCode ?? null,
            askerName: displayName(name ?? String(input.telegramId)),
            language: asked.language,
            question: asked.question,
            botAnswer: asked.answer,
            botSources: asked.sources.map((s) => ({ n: s.n, title: s.title, section: s.section })),
          },
          now,
        );
        if (!created) return { type: "duplicate", id: question.id };
        if (isWorkingTime(now, timeZone)) {
          const board = await reachableBoard(tx, deps.adminIds);
          const intents: NewDelivery[] = board.map((b) => ({
            key: `kq:new:${question.id}:${b.telegramId}`,
            kind: "notice",
            telegramId: b.telegramId,
            message: {
              type: "kq-question",
              id: question.id,
              unit: unit ? { code: unit.code, name: unit.name } : null,
              asker: question.askerName,
              question: question.question,
              botAnswer: question.botAnswer,
              askedAt: question.createdAt.toISOString(),
            },
          }));
          notified = (await recordIntents(tx, intents, now)) > 0;
        }
        return { type: "sent", id: question.id };
      });
      // After the commit: the sender must find the notifications it is woken for.
      if (notified) deps.onQueued?.();
      return result;
    },

    /** The asker withdraws an open question of theirs; false when it is not theirs or no longer open. */
    withdraw(input: { id: string; telegramId: number }): Promise<boolean> {
      if (!/^\d{1,18}$/.test(input.id)) return Promise.resolve(false);
      return withdrawBoardQuestion(pool, input.id, input.telegramId, clock());
    },

    /** Open questions, oldest first, a page (1-based) at a time. Board only. */
    async listOpen(input: { actor: number; page: number }) {
      await requireBoard(input.actor);
      const first = await listOpenQuestions(pool, { offset: 0, limit: 0 });
      const pages = Math.max(1, Math.ceil(first.total / QUESTIONS_PAGE_SIZE));
      const page = Math.min(Math.max(1, Math.floor(input.page) || 1), pages);
      const result = await listOpenQuestions(pool, {
        offset: (page - 1) * QUESTIONS_PAGE_SIZE,
        limit: QUESTIONS_PAGE_SIZE,
      });
      return { ...result, page, pages, oldestDays: ageDays(result.oldest, clock()) };
    },

    /** One question, with who answered it and when. Board only. */
    async get(input: { actor: number; id: string }): Promise<BoardQuestion> {
      await requireBoard(input.actor);
      return found(input.id);
    },

    /** The question a Board member's notification message (by its Telegram message id) was about. */
    async questionOfMessage(input: { actor: number; messageId: number }): Promise<string | undefined> {
      return questionOfMessage(pool, input.actor, input.messageId);
    },

    /**
     * Answers an open question: the first Board member to answer wins (a conditional UPDATE), the other is told
     * who answered. The answer to the asker is recorded in the outbox in the same transaction — so it goes exactly
     * once, also if the process stops right after — and waits out the quiet hours.
     */
    async answer(input: { actor: number; id: string; text: string }): Promise<AnswerResult> {
      const byName = await requireBoard(input.actor);
      const text = cleanText(input.text).trim();
      if (text.length < BOARD_ANSWER_MIN_CHARS) throw new UserError("kq-answer-too-short");
      if (text.length > BOARD_ANSWER_MAX_CHARS)
        throw new UserError("kq-answer-too-long", { length: text.length, max: BOARD_ANSWER_MAX_CHARS });
      await found(input.id);
      const now = clock();
      const result = await withTransaction(pool, async (tx): Promise<AnswerResult> => {
        const answered = await answerBoardQuestion(
          tx,
          { id: input.id, by: input.actor, byName: displayName(byName), answer: text },
          now,
        );
        if (!answered) {
          const current = (await getBoardQuestion(tx, input.id))!;
          if (current.status === "withdrawn") return { type: "withdrawn", id: input.id };
          return {
            type: "taken",
            id: input.id,
            by: current.answeredByName ?? String(current.answeredBy),
            at: current.answeredAt!,
          };
        }
        await recordIntents(
          tx,
          [
            {
              key: `kq:answer:${answered.id}`,
              kind: "notice",
              telegramId: answered.telegramId,
              message: {
                type: "kq-answer",
                id: answered.id,
                question: answered.question,
                answer: text,
                answeredOn: dateInZone(now, timeZone),
              },
            },
          ],
          now,
        );
        return { type: "answered", question: answered };
      });
      if (result.type === "answered") deps.onQueued?.();
      return result;
    },

    /**
     * Publishes an answered question and its answer to everyone: a curated answer, indexed, that answers matching
     * questions first; publishing a withdrawn one again restores it. Board only.
     */
    async publish(input: { actor: number; id: string }): Promise<PublishResult> {
      await requireBoard(input.actor);
      const q = await found(input.id);
      if (q.status !== "answered" || !q.answer || !q.answeredAt) return { type: "not-answered" };
      if (q.curatedId && q.curatedStatus === "published") {
        return { type: "already", answer: (await boardAnswerOf(pool, q.id))! };
      }
      const { answer } = await publishBoardAnswer(
        pool,
        deps.embeddings,
        {
          boardQuestionId: q.id,
          language: q.language,
          question: q.question,
          text: q.answer,
          answeredOn: dateInZone(q.answeredAt, timeZone),
        },
        `telegram:${input.actor}`,
      );
      return { type: "published", answer };
    },

    /** Withdraws a published answer (it answers no one any more; it and its history stay). Board only. */
    async unpublish(input: { actor: number; id: string }): Promise<boolean> {
      await requireBoard(input.actor);
      const q = await found(input.id);
      const curatedId = await curatedIdOf(pool, q.id);
      if (!curatedId || q.curatedStatus !== "published") return false;
      await withdrawCuratedAnswer(pool, curatedId, `telegram:${input.actor}`);
      return true;
    },

    /** Publishes a withdrawn answer again. Board only. */
    async republish(input: { actor: number; id: string }): Promise<boolean> {
      await requireBoard(input.actor);
      const curatedId = await curatedIdOf(pool, (await found(input.id)).id);
      if (!curatedId) return false;
      await publishCuratedAnswer(pool, curatedId, `telegram:${input.actor}`);
      return true;
    },

    /** Corrects a published answer's text (the old text kept in history, the index rewritten). Board only. */
    async amend(input: { actor: number; id: string; text: string }): Promise<BoardAnswer | undefined> {
      await requireBoard(input.actor);
      const text = cleanText(input.text).trim();
      if (text.length < BOARD_ANSWER_MIN_CHARS) throw new UserError("kq-answer-too-short");
      if (text.length > BOARD_ANSWER_MAX_CHARS)
        throw new UserError("kq-answer-too-long", { length: text.length, max: BOARD_ANSWER_MAX_CHARS });
      const q = await found(input.id);
      if (!q.curatedId) return undefined;
      return editBoardAnswer(pool, deps.embeddings, q.id, text, `telegram:${input.actor}`);
    },

    /**
     * Marks a published answer as superseding a corpus passage (document id and section path, "II › 2"): a
     * question whose best passage is that one gets the Board's answer instead. Board only.
     */
    async supersede(input: { actor: number; id: string; doc: string; section: string }) {
      await requireBoard(input.actor);
      const q = await found(input.id);
      if (!q.curatedId) return undefined;
      return setSupersedes(
        pool,
        q.id,
        { doc: cleanText(input.doc).trim(), section: cleanText(input.section).trim() },
        `telegram:${input.actor}`,
      );
    },

    /** What was wrong with an answer the asker rated 👎 (only their own rating). */
    feedbackReason(input: { questionId: string; telegramId: number; reason: FeedbackReason }): Promise<boolean> {
      return setFeedbackReason(pool, input.questionId, input.telegramId, input.reason);
    },

    /**
     * The weekly figures (questions asked, answered from the documents, by a curated answer, not covered, 👎 share,
     * sent to and answered by the Board) and the open queue's age. For /questions stats and the dashboard: pass
     * `actor` from a front end that must check the Board role (the dashboard checks its own login).
     */
    async stats(input: { actor?: number; weeks?: number } = {}): Promise<KnowledgeStats> {
      if (input.actor !== undefined) await requireBoard(input.actor);
      const now = clock();
      const since = new Date(now.getTime() - (input.weeks ?? 8) * 7 * 86_400_000);
      const [weeks, open] = await Promise.all([
        weeklyStats(pool, since, timeZone),
        listOpenQuestions(pool, { offset: 0, limit: 0 }),
      ]);
      return { weeks, open: open.total, oldestOpenDays: ageDays(open.oldest, now) };
    },

    /**
     * The morning digest gathers the open questions (those that came outside working hours were not sent at once):
     * added to each Board member's campaign digest planned at `at`, or — on a day without one — as a message of
     * their own, from the digest hour on and outside quiet hours, once a day (its key).
     */
    async gatherIntoDigest(
      planned: NewDelivery[],
      board: { telegramId: number }[],
      at: Date,
      settings: { digestAt: string; quietHours: { from: string; to: string } },
    ): Promise<NewDelivery[]> {
      const { date: today, minutes } = localTime(at, timeZone);
      if (minutes < minutesOf(settings.digestAt) || isQuiet(minutes, settings.quietHours)) return planned;
      // The questions open at the digest hour: those asked later in the day were sent at once (working hours) or
      // wait for the next morning — so a question at 20:00 does not make an evening "morning digest".
      const digestTime = new Date(startOfLocalDay(at, timeZone).getTime() + minutesOf(settings.digestAt) * 60_000);
      const questions = await openDigest(digestTime);
      if (!questions) return planned;
      const withDigest = new Set<number>();
      const out = planned.map((d) => {
        if (d.message.type !== "digest") return d;
        withDigest.add(d.telegramId);
        return { ...d, message: { ...d.message, questions } };
      });
      for (const b of board) {
        if (withDigest.has(b.telegramId)) continue;
        out.push({
          key: `kq-digest:${b.telegramId}:${today}`,
          kind: "digest",
          telegramId: b.telegramId,
          message: { type: "kq-digest", date: today, questions },
        });
      }
      return out;
    },

    /** The open questions (asked before `before`, if given) for the morning digest; undefined when none. */
    digest: openDigest,
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function ageDays(oldest: Date | null, now: Date): number {
  return oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 86_400_000)) : 0;
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
