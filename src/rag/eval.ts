import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Lang } from "../config.ts";
import { AppError } from "../errors.ts";
import type { Answer, Answerer } from "./answer.ts";
import { detectLanguage } from "./language.ts";
import { foldText } from "./normalize.ts";
import type { CorpusRetriever, RetrievedChunk } from "./retriever.ts";

const expectationSchema = z.object({ doc: z.string().min(1), section: z.string().min(1) });

/** What the bot must do with a question it cannot (fully) answer. */
export const BEHAVIOURS = ["off-topic", "personnel", "not-covered", "partial"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

const questionSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(["vi", "pl", "en"]),
  style: z.enum(["accented", "unaccented", "pl", "en"]),
  question: z.string().min(3),
  answerable: z.boolean().default(true),
  gap: z.string().optional(),
  expect: z.array(expectationSchema).optional(),
  phrases: z.array(z.string()).optional(),
  /** What the first screen of the answer must contain: each entry, one of its "|" alternatives (folded). */
  facts: z.array(z.string().min(1)).optional(),
  /** Unanswerable questions and questions with a part the documents lack: what the bot must do. */
  behaviour: z.enum(BEHAVIOURS).optional(),
  /** A follow-up: the question asked just before it in the same chat. */
  previous: z.string().min(3).optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

export function loadEvalSet(path: string): EvalQuestion[] {
  const parsed = z.array(questionSchema).safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new AppError(`${path}: ${problems.join("; ")}`);
  }
  const ids = new Set<string>();
  for (const q of parsed.data) {
    if (ids.has(q.id)) throw new AppError(`${path}: the id ${q.id} is used twice`);
    ids.add(q.id);
    if (q.answerable && !q.expect?.length && !q.phrases?.length) {
      throw new AppError(`${path}: question ${q.id} is answerable but says nothing about what must be found`);
    }
  }
  return parsed.data;
}

/** The behaviour expected of a question: given, or from its gap (none: off-topic), or "answer". */
export function expectedBehaviour(q: EvalQuestion): Behaviour | "answer" {
  if (q.behaviour) return q.behaviour;
  if (q.answerable) return "answer";
  return q.gap === "none" ? "off-topic" : "not-covered";
}

/** The group a question is reported under: its language, Vietnamese split by whether diacritics were typed. */
export function groupOf(q: EvalQuestion): string {
  if (q.lang === "vi") return q.style === "unaccented" ? "vi (no diacritics)" : "vi";
  return q.lang;
}

/** True when a retrieved chunk is one of the expected sections (in any language edition) or holds every phrase. */
export function isHit(q: EvalQuestion, chunk: Pick<RetrievedChunk, "docId" | "section" | "text">): boolean {
  const path = chunk.section.split(" › ").slice(1).join(" › ");
  const phrasesOk = !q.phrases?.length || q.phrases.every((p) => foldText(chunk.text).includes(foldText(p)));
  if (q.expect?.length) return phrasesOk && q.expect.some((e) => e.doc === chunk.docId && e.section === path);
  return Boolean(q.phrases?.length) && phrasesOk;
}

/** True when the text holds every fact (one of each fact's "|" alternatives), compared folded. */
export function hasFacts(text: string, facts: string[]): boolean {
  const folded = foldText(text);
  return facts.every((fact) => fact.split("|").some((alt) => folded.includes(foldText(alt.trim()))));
}

/** Whether an answer did what was expected of an unanswerable or partly answerable question. */
export function behaved(answer: Answer, behaviour: Behaviour): boolean {
  if (behaviour === "off-topic" || behaviour === "personnel") {
    return answer.mode === "none" && answer.refusal === behaviour;
  }
  const saysSo = Boolean(answer.partial || answer.uncovered?.length);
  if (behaviour === "not-covered") return (answer.mode === "none" && answer.refusal === "not-covered") || saysSo;
  // partial: the covered part answered, the other named (or the answer says it is only partly covered).
  return answer.mode !== "none" && saysSo;
}

export type QuestionResult = {
  id: string;
  group: string;
  question: string;
  answerable: boolean;
  behaviour: Behaviour | "answer";
  /** 1-based rank of the first hit within k, or null (answerable questions). */
  rank: number | null;
  retrieved: string[];
  /** What the bot answered: mode, refusal, the first screen and its length. */
  mode: string;
  refusal?: string | undefined;
  firstScreen: string;
  firstScreenChars: number;
  /** Facts expected: whether the first screen has them (undefined: none given). */
  factFound?: boolean | undefined;
  /** Unanswerable or partly answerable: whether the bot did what it must. */
  behavedOk?: boolean | undefined;
};

export type GroupMetrics = {
  n: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  /** Median length of the first screen of the answers, in characters. */
  firstScreenMedian: number;
  /** Share of the answers with expected facts whose first screen holds them. */
  factShare: number;
  factN: number;
};

export type BehaviourMetrics = { n: number; ok: number; failed: string[] };

export type EvalReport = {
  k: number;
  embeddings: string;
  answeredBy: string;
  groups: Record<string, GroupMetrics>;
  overall: GroupMetrics;
  /** Refusals and partial answers by kind. */
  behaviours: Record<Behaviour, BehaviourMetrics>;
  /** The first screen of every answer that is not a refusal. */
  firstScreen: { median: number; max: number; over700: number; n: number };
  /** How many answers came from curated short answers. */
  curated: number;
  /** Kept for earlier readers of the JSON: the unanswerable questions refused or said so. */
  unanswerable: { n: number; refused: number; share: number; answeredBy: string };
  questions: QuestionResult[];
};

/** The first screen must fit one phone screen. */
export const FIRST_SCREEN_MAX_CHARS = 700;

export async function evaluate(deps: {
  retriever: CorpusRetriever;
  answerer: Answerer;
  questions: EvalQuestion[];
  embeddings: string;
  answeredBy: string;
  k?: number;
}): Promise<EvalReport> {
  const k = deps.k ?? 5;
  const results: QuestionResult[] = [];
  for (const q of deps.questions) {
    // As the bot does: the language of the question, when it can be told.
    const lang: Lang = detectLanguage(q.question) ?? (q.previous ? detectLanguage(q.previous) : undefined) ?? "vi";
    const behaviour = expectedBehaviour(q);
    const previous = q.previous ? { question: q.previous, askedAt: new Date() } : undefined;
    const answer = await deps.answerer.answer(q.question, { lang, previous });
    let rank: number | null = null;
    let retrieved = answer.sources.map(describe);
    if (q.answerable) {
      // Retrieval is measured on the retriever alone: curated answers do not count towards hit@k.
      const chunks = await deps.retriever.retrieve(q.question, { lang, limit: k, context: q.previous });
      const index = chunks.findIndex((c) => isHit(q, c));
      rank = index >= 0 ? index + 1 : null;
      retrieved = chunks.map(describe);
    }
    results.push({
      id: q.id,
      group: groupOf(q),
      question: q.question,
      answerable: q.answerable,
      behaviour,
      rank,
      retrieved,
      mode: answer.mode,
      refusal: answer.refusal,
      firstScreen: answer.answer,
      firstScreenChars: answer.answer.length,
      factFound: q.facts?.length ? hasFacts(answer.answer, q.facts) : undefined,
      behavedOk: behaviour === "answer" ? undefined : behaved(answer, behaviour),
    });
  }
  const answerable = results.filter((r) => r.answerable);
  const groups: Record<string, GroupMetrics> = {};
  for (const group of [...new Set(answerable.map((r) => r.group))].sort()) {
    groups[group] = metrics(answerable.filter((r) => r.group === group));
  }
  const behaviours = Object.fromEntries(
    BEHAVIOURS.map((b) => {
      const rows = results.filter((r) => r.behaviour === b);
      return [
        b,
        {
          n: rows.length,
          ok: rows.filter((r) => r.behavedOk).length,
          failed: rows.filter((r) => !r.behavedOk).map((r) => r.id),
        },
      ];
    }),
  ) as Record<Behaviour, BehaviourMetrics>;
  const shown = results.filter((r) => r.mode !== "none").map((r) => r.firstScreenChars);
  const unanswerable = results.filter((r) => !r.answerable);
  const refused = unanswerable.filter((r) => r.behavedOk).length;
  return {
    k,
    embeddings: deps.embeddings,
    answeredBy: deps.answeredBy,
    groups,
    overall: metrics(answerable),
    behaviours,
    firstScreen: {
      median: median(shown),
      max: Math.max(0, ...shown),
      over700: shown.filter((n) => n > FIRST_SCREEN_MAX_CHARS).length,
      n: shown.length,
    },
    curated: results.filter((r) => r.mode === "curated").length,
    unanswerable: {
      n: unanswerable.length,
      refused,
      share: unanswerable.length ? round(refused / unanswerable.length) : 0,
      answeredBy: deps.answeredBy,
    },
    questions: results,
  };
}

function describe(c: Pick<RetrievedChunk, "docId" | "section" | "language">): string {
  return `${c.docId}#${c.section.split(" › ").slice(1).join(" › ")} (${c.language})`;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function metrics(rows: QuestionResult[]): GroupMetrics {
  const n = rows.length || 1;
  const withFacts = rows.filter((r) => r.factFound !== undefined);
  return {
    n: rows.length,
    hitAt1: round(rows.filter((r) => r.rank === 1).length / n),
    hitAt5: round(rows.filter((r) => r.rank !== null).length / n),
    mrr: round(rows.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / n),
    firstScreenMedian: median(rows.filter((r) => r.mode !== "none").map((r) => r.firstScreenChars)),
    factShare: withFacts.length ? round(withFacts.filter((r) => r.factFound).length / withFacts.length) : 0,
    factN: withFacts.length,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The report as a plain-text table. */
export function formatEvalReport(report: EvalReport): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = [
    `Retrieval (${report.embeddings}), top ${report.k}; answers (${report.answeredBy}):`,
    `${pad("group", 22)}${pad("n", 6)}${pad("hit@1", 8)}${pad("hit@5", 8)}${pad("MRR", 8)}${pad("screen", 8)}facts`,
  ];
  const row = (name: string, m: GroupMetrics) =>
    `${pad(name, 22)}${pad(String(m.n), 6)}${pad(m.hitAt1.toFixed(3), 8)}${pad(m.hitAt5.toFixed(3), 8)}` +
    `${pad(m.mrr.toFixed(3), 8)}${pad(String(m.firstScreenMedian), 8)}${m.factShare.toFixed(3)} (${m.factN})`;
  for (const [name, m] of Object.entries(report.groups)) lines.push(row(name, m));
  lines.push(row("overall", report.overall));
  const f = report.firstScreen;
  lines.push(
    "",
    `First screen of ${f.n} answers: median ${f.median} characters, longest ${f.max}, ${f.over700} over ${FIRST_SCREEN_MAX_CHARS}; ` +
      `${report.curated} answered by a curated short answer.`,
    "",
    "Refusals and partial answers (expected behaviour: done):",
  );
  for (const [behaviour, m] of Object.entries(report.behaviours)) {
    if (m.n === 0) continue;
    lines.push(`  ${pad(behaviour, 14)}${m.ok}/${m.n}${m.failed.length ? `   not done: ${m.failed.join(", ")}` : ""}`);
  }
  for (const q of report.questions.filter((r) => r.behaviour !== "answer")) {
    const what =
      q.mode === "none" ? `refused (${q.refusal})` : `${q.mode}: ${q.firstScreen.split("\n")[0]!.slice(0, 90)}`;
    lines.push(`  ${q.behavedOk ? "✓" : "✗"} ${q.id}  ${q.question}\n      → ${what}`);
  }
  const misses = report.questions.filter((r) => r.answerable && r.rank === null);
  if (misses.length) {
    lines.push("", `Retrieval misses (${misses.length}):`);
    for (const m of misses) lines.push(`  ${m.id}  ${m.question}\n      got: ${m.retrieved.slice(0, 3).join(", ")}`);
  }
  const noFact = report.questions.filter((r) => r.factFound === false);
  if (noFact.length) {
    lines.push("", `First screens without the expected fact (${noFact.length}):`);
    for (const m of noFact)
      lines.push(`  ${m.id}  ${m.question}\n      → ${m.firstScreen.split("\n")[0]!.slice(0, 140)}`);
  }
  return lines.join("\n");
}
