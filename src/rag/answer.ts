import type OpenAI from "openai";
import type { Lang } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Translate } from "../translate.ts";
import { formatDocuments, type Prompts } from "./prompts.ts";
import type { CorpusRetriever, RetrievedChunk } from "./retriever.ts";

export type AnswerMode = "llm" | "extractive" | "none";

export type AnswerSource = {
  n: number;
  docId: string;
  title: string;
  number: string;
  section: string;
  heading: string;
  text: string;
  score: number;
  language: Lang;
  links: string[];
  /** For a Polish or English edition: the Vietnamese reference section it mirrors. */
  referenceSection?: string | undefined;
};

export type Answer = {
  mode: AnswerMode;
  language: Lang;
  /** The answer as plain text (what `daihoi ask` prints; the bot renders its own HTML from the parts). */
  answer: string;
  /** LLM mode: the model's text, citations checked. */
  llmText?: string;
  /** Extractive mode: why the LLM was not used ("no-llm", "timeout", "error"). */
  fallbackReason?: "no-llm" | "timeout" | "error";
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
  logger?: Logger;
  /** The embedding model is semantic: its similarity can vouch for relevance on its own. */
  semanticEmbeddings?: boolean;
};

/**
 * A passage must contain at least this share of the question's words (IDF-weighted) to be shown or given to the
 * model… Low on purpose: synonyms ("phê duyệt" for "chuẩn y") share no words. It filters out questions about
 * things the corpus never mentions; the model (NO_ANSWER) judges the rest.
 */
export const MIN_COVERAGE = 0.3;
/** …or, with semantic embeddings, be at least this similar. */
export const MIN_SIMILARITY = 0.5;
const PASSAGES_FOR_LLM = 5;
const PASSAGES_QUOTED = 3;
const QUOTE_MAX_CHARS = 900;
const NO_ANSWER = "NO_ANSWER";

const LANGUAGE_NAMES: Record<Lang, string> = { vi: "Vietnamese", pl: "Polish", en: "English" };

export function createAnswerer(deps: AnswererDeps) {
  const { retriever, translate, prompts, chat, logger } = deps;

  function isRelevant(chunk: RetrievedChunk): boolean {
    if (chunk.coverage >= MIN_COVERAGE) return true;
    return Boolean(deps.semanticEmbeddings && chunk.similarity !== undefined && chunk.similarity >= MIN_SIMILARITY);
  }

  async function answer(question: string, options: { lang: Lang }): Promise<Answer> {
    const started = performance.now();
    const lang = options.lang;
    const retrieved = await retriever.retrieve(question, { lang, limit: PASSAGES_FOR_LLM });
    const relevant = retrieved.filter(isRelevant);
    const elapsed = () => Math.round(performance.now() - started);
    if (relevant.length === 0) {
      return {
        mode: "none",
        language: lang,
        answer: translate(lang, "answer-not-covered"),
        sources: [],
        model: "none",
        latencyMs: elapsed(),
      };
    }
    const sources: AnswerSource[] = relevant.map((c, i) => ({
      n: i + 1,
      docId: c.docId,
      title: c.title,
      number: c.number,
      section: c.section,
      heading: c.heading,
      text: c.text,
      score: Math.round(c.score * 1e6) / 1e6,
      language: c.language,
      links: c.sources,
      referenceSection: c.referenceSection,
    }));

    let fallbackReason: Answer["fallbackReason"] = "no-llm";
    if (chat) {
      try {
        const text = await askModel(chat, question, lang, sources);
        if (text.trim() === NO_ANSWER || text.trim().length === 0 || text.includes(NO_ANSWER)) {
          return {
            mode: "none",
            language: lang,
            answer: translate(lang, "answer-not-covered"),
            sources: [],
            model: chat.model,
            latencyMs: elapsed(),
          };
        }
        const checked = checkCitations(text, sources);
        const cited = citedNumbers(checked);
        const shown = cited.size ? sources.filter((s) => cited.has(s.n)) : sources;
        return {
          mode: "llm",
          language: lang,
          llmText: checked,
          answer: `${checked}\n\n${formatSourceList(translate, lang, shown)}`,
          sources: shown,
          model: chat.model,
          latencyMs: elapsed(),
        };
      } catch (error) {
        fallbackReason = isTimeout(error) ? "timeout" : "error";
        logger?.warn({ err: error, reason: fallbackReason }, "LLM answer failed; answering with quotes");
      }
    }
    const quoted = sources.slice(0, PASSAGES_QUOTED).map((s) => ({ ...s, text: excerpt(s.text, QUOTE_MAX_CHARS) }));
    const label = translate(
      lang,
      fallbackReason === "no-llm" ? "answer-extractive-label" : "answer-extractive-fallback-label",
    );
    const body = quoted.map((s) => `${sourceLine(s)}\n“${s.text}”`).join("\n\n");
    return {
      mode: "extractive",
      language: lang,
      fallbackReason,
      answer: `${label}\n\n${body}`,
      sources: quoted,
      model: "extractive",
      latencyMs: elapsed(),
    };
  }

  async function askModel(chatDeps: ChatDeps, question: string, lang: Lang, sources: AnswerSource[]): Promise<string> {
    const languageName = LANGUAGE_NAMES[lang];
    const documents = formatDocuments(
      sources.map((s) => ({ n: s.n, title: s.title, section: s.section, text: s.text })),
    );
    const [system, user] = await Promise.all([
      prompts.answerSystem.format({ language_name: languageName }),
      prompts.answerUser.format({
        documents,
        question: question.replace(/<\/?question>/gi, ""),
        language_name: languageName,
      }),
    ]);
    const response = await chatDeps.client.chat.completions.create(
      {
        model: chatDeps.model,
        temperature: 0.1,
        max_tokens: 900,
        messages: [
          { role: "system", content: system },
          { role: "user", content: user },
        ],
      },
      // Interactive path: one attempt, bounded; on failure the asker gets quotes instead of a wait.
      { timeout: chatDeps.timeoutMs, maxRetries: 0, signal: AbortSignal.timeout(chatDeps.timeoutMs + 1000) },
    );
    return response.choices[0]?.message?.content ?? "";
  }

  return { answer };
}

export type Answerer = ReturnType<typeof createAnswerer>;

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; constructor?: { name?: string } };
  return /Timeout|Abort/i.test(`${e.name ?? ""} ${e.constructor?.name ?? ""}`);
}

/** Keeps only citations [n] that point at a passage the model was given; drops links not from the corpus. */
export function checkCitations(text: string, sources: AnswerSource[]): string {
  const valid = new Set(sources.map((s) => s.n));
  const allowedLinks = new Set(sources.flatMap((s) => s.links));
  return text
    .replace(/\[(\d{1,3})\]/g, (match, n: string) => (valid.has(Number(n)) ? match : ""))
    .replace(/https?:\/\/[^\s<>()"']+/g, (url) => {
      const bare = url.replace(/[.,;:!?]+$/, "");
      return allowedLinks.has(bare) ? url : "";
    })
    .replace(/[ \t]{2,}/g, " ")
    .trim();
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

function formatSourceList(translate: Translate, lang: Lang, sources: AnswerSource[]): string {
  return [translate(lang, "answer-sources-title"), ...sources.map(sourceLine)].join("\n");
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
