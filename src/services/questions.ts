import type { Lang } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Answer, Answerer } from "../rag/answer.ts";
import { detectLanguage } from "../rag/language.ts";
import type { Logger } from "../logger.ts";
import {
  lastQuestion,
  loadShownAnswer,
  markReplied,
  questionOfUpdate,
  recordFeedback,
  recordQuestion,
} from "../rag/qa-store.ts";
import { cleanText } from "../text.ts";

export type Channel = "telegram" | "console" | "cli";

/** Questions to the documents: answered, kept with their answer and sources, rated 👍/👎 by the asker. */
export function createQuestionsService(deps: {
  pool: Pool;
  answerer: Answerer;
  clock: () => Date;
  logger?: Logger | undefined;
}) {
  const { pool, answerer } = deps;
  return {
    /**
     * Answers a question in the language it was written in (when that can be told, else `fallbackLang`) and keeps
     * it with its answer. Returns the answer and the stored question's id (undefined if it could not be stored:
     * the asker still gets the answer). An update handled again (after a restart) gets the answer computed the
     * first time, and `replied` says whether it reached the asker already.
     */
    async ask(input: {
      question: string;
      channel: Channel;
      lang?: Lang | undefined;
      fallbackLang?: Lang | undefined;
      telegramId?: number | undefined;
      chatId?: number | undefined;
      updateId?: number | undefined;
    }): Promise<{ answer: Answer; questionId: string | undefined; replied: boolean }> {
      if (input.updateId !== undefined) {
        const earlier = await questionOfUpdate(pool, input.updateId);
        if (earlier) return { answer: earlier.answer, questionId: earlier.id, replied: earlier.replied };
      }
      const question = cleanText(input.question);
      // A short follow-up ("Còn chi bộ thì sao?") within a few minutes is read with the chat's previous question;
      // its language also answers one that cannot be told from its own words.
      const previous = input.chatId !== undefined ? await lastQuestion(pool, input.chatId) : undefined;
      const lang = input.lang ?? detectLanguage(question) ?? previous?.language ?? input.fallbackLang ?? "vi";
      const answer = await answerer.answer(question, { lang, previous });
      let questionId: string | undefined;
      try {
        questionId = await recordQuestion(pool, {
          telegramId: input.telegramId,
          chatId: input.chatId,
          updateId: input.updateId,
          channel: input.channel,
          question,
          answer,
        });
      } catch (error) {
        // The log is ours, the answer is theirs: a full disk must not cost the asker the answer.
        deps.logger?.error({ err: error }, "could not keep the question; answering anyway");
      }
      return { answer, questionId, replied: false };
    },
    /** An answer as it was shown, for the buttons under it; only in the chat it was given in. */
    shown(questionId: string, chatId: number): Promise<Answer | undefined> {
      return loadShownAnswer(pool, questionId, chatId);
    },
    /** The answer reached the asker (a restart does not send it again). */
    async replied(questionId: string): Promise<void> {
      await markReplied(pool, questionId, deps.clock());
    },
    /** 👍/👎 — only the person who asked may rate; false when the question is not theirs. */
    feedback(input: { questionId: string; telegramId: number; helpful: boolean }): Promise<boolean> {
      return recordFeedback(pool, input.questionId, input.telegramId, input.helpful);
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;
