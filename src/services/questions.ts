import type { Lang } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Answer, Answerer } from "../rag/answer.ts";
import { detectLanguage } from "../rag/language.ts";
import { recordFeedback, recordQuestion } from "../rag/qa-store.ts";

export type Channel = "telegram" | "console" | "cli";

/** Questions to the documents: answered, kept with their answer and sources, rated 👍/👎 by the asker. */
export function createQuestionsService(deps: { pool: Pool; answerer: Answerer }) {
  const { pool, answerer } = deps;
  return {
    /**
     * Answers a question in the language it was written in (when that can be told, else `fallbackLang`) and keeps
     * it with its answer. Returns the answer and the stored question's id.
     */
    async ask(input: {
      question: string;
      channel: Channel;
      lang?: Lang | undefined;
      fallbackLang?: Lang | undefined;
      telegramId?: number | undefined;
      chatId?: number | undefined;
      updateId?: number | undefined;
    }): Promise<{ answer: Answer; questionId: string }> {
      const lang = input.lang ?? detectLanguage(input.question) ?? input.fallbackLang ?? "vi";
      const answer = await answerer.answer(input.question, { lang });
      const questionId = await recordQuestion(pool, {
        telegramId: input.telegramId,
        chatId: input.chatId,
        updateId: input.updateId,
        channel: input.channel,
        question: input.question,
        answer,
      });
      return { answer, questionId };
    },
    /** 👍/👎 — only the person who asked may rate; false when the question is not theirs. */
    feedback(input: { questionId: string; telegramId: number; helpful: boolean }): Promise<boolean> {
      return recordFeedback(pool, input.questionId, input.telegramId, input.helpful);
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;
