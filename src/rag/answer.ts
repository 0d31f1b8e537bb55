import { APIConnectionTimeoutError, APIUserAbortError, type OpenAI } from "openai";
import { AppError } from "../errors.ts";
import { filterModelOutput } from "./output-filter.ts";
import type { Lang } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Translate } from "../translate.ts";
import { CLOSE_MATCH } from "./curated.ts";
import type { BoardAnswer, BoardAnswerMatcher, BoardHit } from "./board-answers-store.ts";
import type { CuratedHit, CuratedMatcher } from "./curated-store.ts";
import { extractAnswer, SUMMARY_MAX_CHARS } from "./extract.ts";
import type { Validity } from "./loaders.ts";
import { splitPassage, statesGap } from "./passage.ts";
import { formatDocuments, type Prompts } from "./prompts.ts";
import { questionParts, searchTokens } from "./question.ts";
import { classifyQuestion } from "./refusal.ts";
import type { CorpusRetriever, RetrievedChunk } from "./retriever.ts";
import { firstScreenText } from "./present.ts";

export type AnswerMode = "llm" | "extractive" | "curated" | "none";

/** Why nothing was answered: not procedure, a personnel question, or the documents lack it. */
export type RefusalKind = "off-topic" | "personnel" | "not-covered";

export type AnswerSource = {
  n: number;
  docId: string;
  title: string;
  /** The edition's short title with its number ("Chỉ thị 45-CT/TW"), the root of `section`. */
  shortTitle: string;
  number: string;
  /** ISO date of the document ("2025-04-14"), or "". */
  issuedOn: string;
  kind: "document" | "gaps";
  /** Which rule applied when (Directive 35 until 14/4/2025, Directive 45 from then). */
  validity?: Validity | undefined;
  section: string;
  heading: string;
  /** The passage without its line of sources. */
  text: string;
  score: number;
  language: Lang;
  /** The section's web sources (its line of sources), else the document's. */
  links: string[];
  /** Sources named without an address. */
  citations: string[];
  /** The section's confidence note, as written in the corpus. */
  confidence?: string | undefined;
  /** For a Polish or English edition: the Vietnamese reference section it mirrors. */
  referenceSection?: string | undefined;
};

export type Answer = {
  mode: AnswerMode;
  language: Lang;
  refusal?: RefusalKind;
  /** The answer a secretary reads first: one or two sentences, the curated text, or the model's text. */
  summary: string;
  /** The source (its n) the summary rests on first; the source line names it. */
  primary?: number;
  /** The answer as plain text: the first screen (what `daihoi ask` prints). */
  answer: string;
  /** LLM mode: the model's text, citations checked (the same as `summary`). */
  llmText?: string;
  /** Extractive mode: why no model wrote it ("no-llm", "timeout", "error"). */
  fallbackReason?: "no-llm" | "timeout" | "error";
  /** Answered by a curated short answer. */
  curated?: { id: string; key: string; confidence: "high" | "medium" | "low"; score: number };
  /** Answered by the Board: its published answer to question #questionId, of `answeredOn` (ISO date). */
  board?: { questionId: string; answeredOn: string; supersedes?: string | undefined };
  /** Parts of a question with several parts that the documents do not answer. */
  uncovered?: string[];
  /** The answer is the corpus saying it lacks this (the documents cover it only partly, if at all). */
  partial?: boolean;
  /** A follow-up read with the earlier question of the same chat. */
  followUp?: { previous: string };
  /** Passages, best first. */
  sources: AnswerSource[];
  model: string;
  latencyMs: number;
};

export type ChatDeps = { client: OpenAI; model: string; timeoutMs: number };

export type AnswererDeps = {
  retriever: CorpusRetriever;
  translate: Translate;
  prompts: Prompts;
  chat?: ChatDeps | undefined;
  /** Curated short answers; none when absent. */
  curated?: CuratedMatcher | undefined;
  /** The Board's published answers, matched before anything else; none when absent. */
  board?: BoardAnswerMatcher | undefined;
  logger?: Logger;
  /** The embedding model is semantic: its similarity can vouch for relevance on its own. */
  semanticEmbeddings?: boolean;
  clock?: () => Date;
};

/** The chat's previous question, for follow-ups ("Còn chi bộ thì sao?"). */
export type PreviousQuestion = { question: string; askedAt: Date; answer?: string | undefined };

export type AnswerOptions = { lang: Lang; previous?: PreviousQuestion | undefined };

/**
 * A passage must contain at least this share of the question's words (IDF-weighted) to be shown or given to the
 * model… Low on purpose: synonyms ("phê duyệt" for "chuẩn y") share no words. It filters out questions about
 * things the corpus never mentions; the model (NO_ANSWER) judges the rest.
 */
export const MIN_COVERAGE = 0.3;
/** …or, with semantic embeddings, be at least this similar. */
export const MIN_SIMILARITY = 0.5;
/** A follow-up is read with the previous question of the chat if that came at most this long before. */
export const FOLLOW_UP_WINDOW_MS = 5 * 60_000;
const PASSAGES_FOR_LLM = 5;
const PASSAGES_SHOWN = 3;
const PASSAGE_MAX_CHARS = 900;
const NO_ANSWER = "NO_ANSWER";

const LANGUAGE_NAMES: Record<Lang, string> = { vi: "Vietnamese", pl: "Polish", en: "English" };

// A follow-up opens with "còn…", "thế còn…", "what about…", "a co z…" or is a few words with "thì sao".
const FOLLOW_UP_CUE =
  /^\s*(còn|thế còn|vậy còn|con|the con|vay con|what about|how about|and (for|the|if|in)|and what|a (co|co z|jak|jesli|gdy|dla|w przypadku)|a co z)\b|(thì sao|thi sao|thì thế nào|thi the nao|thì như thế nào|thì sao ạ)\s*\??\s*$/iu;

/** True when `question` reads as a follow-up of the previous one: a cue word, or too few words of its own. */
export function isFollowUp(question: string, lang: Lang): boolean {
  const own = searchTokens(question, lang).length;
  if (own > 6) return false;
  return FOLLOW_UP_CUE.test(question.normalize("NFC")) || own <= 2;
}

export function createAnswerer(deps: AnswererDeps) {
  const { retriever, translate, prompts, chat, logger } = deps;
  const clock = deps.clock ?? (() => new Date());

  function isRelevant(chunk: RetrievedChunk): boolean {
    if (chunk.coverage >= MIN_COVERAGE) return true;
    return Boolean(deps.semanticEmbeddings && chunk.similarity !== undefined && chunk.similarity >= MIN_SIMILARITY);
  }

  async function answer(question: string, options: AnswerOptions): Promise<Answer> {
    const started = performance.now();
    const lang = options.lang;
    const elapsed = () => Math.round(performance.now() - started);
    const finish = (a: Omit<Answer, "answer" | "latencyMs">): Answer => {
      const full = { ...a, answer: "", latencyMs: elapsed() };
      return { ...full, answer: firstScreenText(full, translate) };
    };
    const refuse = (refusal: RefusalKind, model = "none") =>
      finish({
        mode: "none",
        language: lang,
        refusal,
        summary: translate(lang, refusal === "not-covered" ? "answer-not-covered" : `answer-refusal-${refusal}`),
        sources: [],
        model,
      });

    // The Board's published answer, as the Board wrote it, cited as its answer of that day.
    const boardAnswer = (a: BoardAnswer, score: number, supersedes?: string) =>
      finish({
        mode: "curated",
        language: lang,
        summary: a.text,
        curated: { id: a.id, key: `board-q-${a.boardQuestionId}`, confidence: "high", score },
        board: { questionId: a.boardQuestionId, answeredOn: a.answeredOn, ...(supersedes ? { supersedes } : {}) },
        sources: [],
        model: "board",
      });

    // Personnel and off-topic questions are declined before anything is looked up, with or without a model.
    const classification = classifyQuestion(question, lang);
    if (classification.refusal) {
      logger?.debug({ rule: classification.rule }, "question refused");
      return refuse(classification.refusal);
    }

    const previous = options.previous;
    const followUp =
      previous &&
      clock().getTime() - previous.askedAt.getTime() <= FOLLOW_UP_WINDOW_MS &&
      !classifyQuestion(previous.question, lang).refusal &&
      isFollowUp(question, lang)
        ? { previous: previous.question }
        : undefined;

    // The Board's own published answer to this question comes first, as the Board wrote it (shown escaped, never
    // given to a model as instructions) — not for a follow-up nor a question of several parts.
    const single = !followUp && questionParts(question).length === 1;
    const boardHit = single && deps.board ? await deps.board.match(question, lang) : undefined;
    if (boardHit?.close) return boardAnswer(boardHit.answer, round(Math.max(boardHit.wording, boardHit.similarity)));

    // A close curated match answers with its text (the Board's wording), before any passage is extracted — not
    // for a follow-up (its words alone say little) nor for a question of several parts (it answers one).
    const hit = single && deps.curated ? await deps.curated.match(question, lang) : undefined;
    if (hit && hit.score >= CLOSE_MATCH && hit.passages.length > 0) {
      const sources = await curatedSources(hit);
      const summary = hit.answer.texts[lang];
      return finish({
        mode: "curated",
        language: lang,
        summary,
        primary: sources[0]?.n,
        ...(statesGap(summary) ? { partial: true } : {}),
        curated: { id: hit.answer.id, key: hit.answer.key, confidence: hit.answer.confidence, score: round(hit.score) },
        sources,
        model: "curated",
      });
    }

    const context = followUp?.previous;
    const retrieved = await retriever.retrieve(question, { lang, limit: PASSAGES_FOR_LLM, context });
    const relevant = retrieved.filter(isRelevant);
    if (relevant.length === 0) return refuse("not-covered");
    // The best passage was superseded by a Board answer: that answer, naming the passage it replaces.
    const superseding = deps.board ? (await deps.board.superseding(relevant.slice(0, 1)))[0] : undefined;
    if (superseding) return boardAnswer(superseding, 1, relevant[0]!.section);
    const sources = relevant.map((c, i) => toSource(c, i + 1));

    let fallbackReason: Answer["fallbackReason"] = "no-llm";
    if (chat) {
      try {
        // A loose curated match goes to the model as one more document (data, never instructions), shown as
        // the section it rests on if the model cites it.
        const weak = hit && hit.passages.length > 0 ? hit : undefined;
        const curatedDoc = weak ? (await curatedSources(weak))[0] : undefined;
        const withCurated = curatedDoc ? [...sources, { ...curatedDoc, n: sources.length + 1 }] : sources;
        // A Board answer to a similar question: one more document, data like the passages (never instructions).
        const boardDoc = boardHit && boardHit.similarity >= WEAK_BOARD_SIMILARITY ? boardHit : undefined;
        const given = boardDoc ? [...withCurated, boardSource(boardDoc, withCurated.length + 1, lang)] : withCurated;
        const text = await askModel(
          chat,
          question,
          lang,
          given,
          weak,
          followUp ? previous : undefined,
          curatedDoc ? sources.length + 1 : undefined,
        );
        // An empty completion is a failed answer (quotes follow, labelled), not "the documents do not cover it".
        if (text.trim().length === 0) throw new AppError("the model returned an empty answer");
        if (text.includes(NO_ANSWER)) return refuse("not-covered", chat.model);
        const checked = checkCitations(text, given);
        if (!checked) throw new AppError("nothing grounded was left of the model's answer");
        const cited = citedNumbers(checked);
        const shown = cited.size ? given.filter((s) => cited.has(s.n)) : sources;
        return finish({
          mode: "llm",
          language: lang,
          summary: checked,
          llmText: checked,
          primary: shown[0]?.n,
          ...(followUp ? { followUp } : {}),
          sources: shown,
          model: chat.model,
        });
      } catch (error) {
        fallbackReason = isTimeout(error) ? "timeout" : "error";
        logger?.warn({ err: error, reason: fallbackReason }, "LLM answer failed; answering with excerpts");
      }
    }

    // Offline: the sentences of the best passages that answer the question.
    const shown = sources.slice(0, PASSAGES_SHOWN);
    const terms = await retriever.weighQuery(question, { lang, context });
    const weights = new Map(terms.map((t) => [t.token, t.weight]));
    const extraction = extractAnswer(
      question,
      lang,
      shown.map((s) => ({ key: String(s.n), body: s.text, heading: s.heading, score: s.score })),
      (token) => weights.get(token) ?? 1,
      { maxChars: SUMMARY_MAX_CHARS, context },
    );
    const primary = Number(extraction.sentences[0]?.passage ?? shown[0]!.n);
    const summary = extraction.sentences.length
      ? extraction.sentences.map((s) => s.text).join(" ")
      : excerpt(shown[0]!.text, SUMMARY_MAX_CHARS);
    const primarySource = shown.find((s) => s.n === primary) ?? shown[0]!;
    const partial =
      primarySource.kind === "gaps" || Boolean(extraction.gap) || extraction.sentences.some((s) => statesGap(s.text));
    return finish({
      mode: "extractive",
      language: lang,
      fallbackReason,
      summary,
      primary,
      ...(extraction.uncovered.length ? { uncovered: extraction.uncovered } : {}),
      ...(partial ? { partial } : {}),
      ...(followUp ? { followUp } : {}),
      sources: shown.map((s) => ({ ...s, text: excerpt(s.text, PASSAGE_MAX_CHARS) })),
      model: "extractive",
    });
  }

  async function curatedSources(hit: CuratedHit): Promise<AnswerSource[]> {
    const chunks = await retriever.describe(hit.passages);
    return chunks.map((c, i) => ({
      ...toSource(c, i + 1),
      text: excerpt(splitPassage(c.text).body, PASSAGE_MAX_CHARS),
    }));
  }

  async function askModel(
    chatDeps: ChatDeps,
    question: string,
    lang: Lang,
    sources: AnswerSource[],
    curated: CuratedHit | undefined,
    previous: PreviousQuestion | undefined,
    curatedN?: number,
  ): Promise<string> {
    const languageName = LANGUAGE_NAMES[lang];
    const documents = formatDocuments(
      sources.map((s) =>
        curated && s.n === curatedN
          ? // The curated short answer that matched loosely: its text, as data like any other document.
            {
              n: s.n,
              title: `Curated short answer (${curated.answer.key})`,
              section: s.section,
              text: curated.answer.texts[lang],
            }
          : { n: s.n, title: s.title, section: s.section, text: s.text },
      ),
    );
    const [system, user] = await Promise.all([
      prompts.answerSystem.format({ language_name: languageName }),
      prompts.answerUser.format({
        documents,
        question: question.replace(/<\/?question>/gi, ""),
        language_name: languageName,
      }),
    ]);
    // A follow-up: the earlier exchange as history, so "Còn chi bộ thì sao?" means what it means.
    const history: { role: "user" | "assistant"; content: string }[] = previous
      ? [
          { role: "user", content: `<question>\n${previous.question.replace(/<\/?question>/gi, "")}\n</question>` },
          ...(previous.answer ? [{ role: "assistant" as const, content: previous.answer }] : []),
        ]
      : [];
    const response = await chatDeps.client.chat.completions.create(
      {
        model: chatDeps.model,
        temperature: 0.1,
        max_tokens: 500,
        messages: [{ role: "system", content: system }, ...history, { role: "user", content: user }],
      },
      // Interactive path: one attempt, bounded; on failure the asker gets excerpts instead of a wait.
      { timeout: chatDeps.timeoutMs, maxRetries: 0, signal: AbortSignal.timeout(chatDeps.timeoutMs + 1000) },
    );
    return response.choices[0]?.message?.content ?? "";
  }

  return { answer };
}

export type Answerer = ReturnType<typeof createAnswerer>;

/** A Board answer at least this similar to the question goes to the model as one more document. */
const WEAK_BOARD_SIMILARITY = 0.35;

/** A Board answer as a document given to the model: its text is data inside <documents>, like a passage. */
function boardSource(hit: BoardHit, n: number, lang: Lang): AnswerSource {
  const a = hit.answer;
  return {
    n,
    docId: `board-q-${a.boardQuestionId}`,
    title: `Ban Tổ chức Thành ủy #${a.boardQuestionId}`,
    shortTitle: `Ban Tổ chức Thành ủy #${a.boardQuestionId}`,
    number: "",
    issuedOn: a.answeredOn,
    kind: "document",
    section: `Ban Tổ chức Thành ủy #${a.boardQuestionId}`,
    heading: a.question.slice(0, 200),
    text: a.text,
    score: round(hit.similarity),
    language: lang,
    links: [],
    citations: [],
  };
}

function toSource(c: RetrievedChunk, n: number): AnswerSource {
  const passage = splitPassage(c.text);
  return {
    n,
    docId: c.docId,
    title: c.title,
    shortTitle: c.shortTitle,
    number: c.number,
    issuedOn: c.issuedOn,
    kind: c.kind,
    validity: c.validity,
    section: c.section,
    heading: c.heading,
    text: passage.body,
    score: round(c.score),
    language: c.language,
    links: passage.links.length ? passage.links : c.sources,
    citations: passage.citations,
    confidence: passage.confidence,
    referenceSection: c.referenceSection,
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The SDK's own error classes: its timeout, or our own bound (the AbortSignal) firing. */
function isTimeout(error: unknown): boolean {
  return error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError;
}

/**
 * The model's text as it may be shown: citations only to passages it was given, no link or handle from elsewhere,
 * no document or article number the passages do not mention, at most MODEL_ANSWER_MAX_CHARS (output-filter.ts).
 */
export function checkCitations(text: string, sources: AnswerSource[]): string {
  return filterModelOutput(
    text,
    sources.map((s) => ({
      n: s.n,
      text: s.text,
      number: s.number,
      title: s.title,
      section: s.section,
      links: s.links,
    })),
  );
}

export function citedNumbers(text: string): Set<number> {
  return new Set([...text.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1])));
}

/** "[1] Dyrektywa 35-CT/TW › III › 1 · Cztery punkty zjazdu — title (vi: Chỉ thị 35-CT/TW › III › 1)" */
export function sourceLine(s: AnswerSource): string {
  const heading = s.heading ? ` · ${s.heading}` : "";
  const reference = s.referenceSection ? ` (vi: ${s.referenceSection})` : "";
  return `[${s.n}] ${s.section}${heading} — ${s.title}${reference}`;
}

/** Shortens a passage at a sentence (or word) boundary. */
export function excerpt(text: string, maxChars: number): string {
  const clean = text.replace(/\s+\n/g, "\n").trim();
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars);
  const sentenceEnd = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\n"), cut.lastIndexOf("; "));
  const end = sentenceEnd > maxChars * 0.5 ? sentenceEnd + 1 : cut.lastIndexOf(" ");
  return `${cut.slice(0, end > 0 ? end : maxChars).trim()} …`;
}
