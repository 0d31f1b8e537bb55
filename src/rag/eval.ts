import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Lang } from "../config.ts";
import { AppError } from "../errors.ts";
import type { Answerer } from "./answer.ts";
import { detectLanguage } from "./language.ts";
import { foldText } from "./normalize.ts";
import type { CorpusRetriever, RetrievedChunk } from "./retriever.ts";

const expectationSchema = z.object({ doc: z.string().min(1), section: z.string().min(1) });

const questionSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(["vi", "pl", "en"]),
  style: z.enum(["accented", "unaccented", "pl", "en"]),
  question: z.string().min(3),
  answerable: z.boolean().default(true),
  gap: z.string().optional(),
  expect: z.array(expectationSchema).optional(),
  phrases: z.array(z.string()).optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

export function loadEvalSet(path: string): EvalQuestion[] {
  const parsed = z.array(questionSchema).safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new AppError(`${path}: ${problems.join("; ")}`);
  }
  for (const q of parsed.data) {
    if (q.answerable && !q.expect?.length && !q.phrases?.length) {
      throw new AppError(`${path}: question ${q.id} is answerable but says nothing about what must be found`);
    }
  }
  return parsed.data;
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

export type QuestionResult = {
  id: string;
  group: string;
  question: string;
  answerable: boolean;
  /** 1-based rank of the first hit within k, or null. */
  rank: number | null;
  retrieved: string[];
  /** Unanswerable questions: what the bot answered ("none" is a correct refusal). */
  mode?: string;
};

export type GroupMetrics = { n: number; hitAt1: number; hitAt5: number; mrr: number };

export type EvalReport = {
  k: number;
  embeddings: string;
  groups: Record<string, GroupMetrics>;
  overall: GroupMetrics;
  unanswerable: { n: number; refused: number; share: number; answeredBy: string };
  questions: QuestionResult[];
};

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
    const lang: Lang = detectLanguage(q.question) ?? "vi";
    if (!q.answerable) {
      const answer = await deps.answerer.answer(q.question, { lang });
      results.push({
        id: q.id,
        group: groupOf(q),
        question: q.question,
        answerable: false,
        rank: null,
        retrieved: answer.sources.map(
          (s) => `${s.docId}#${s.section.split(" › ").slice(1).join(" › ")} (${s.language})`,
        ),
        mode: answer.mode,
      });
      continue;
    }
    const chunks = await deps.retriever.retrieve(q.question, { lang, limit: k });
    const index = chunks.findIndex((c) => isHit(q, c));
    results.push({
      id: q.id,
      group: groupOf(q),
      question: q.question,
      answerable: true,
      rank: index >= 0 ? index + 1 : null,
      retrieved: chunks.map((c) => `${c.docId}#${c.section.split(" › ").slice(1).join(" › ")} (${c.language})`),
    });
  }
  const answerable = results.filter((r) => r.answerable);
  const groups: Record<string, GroupMetrics> = {};
  for (const group of [...new Set(answerable.map((r) => r.group))].sort()) {
    groups[group] = metrics(answerable.filter((r) => r.group === group));
  }
  const unanswerable = results.filter((r) => !r.answerable);
  const refused = unanswerable.filter((r) => r.mode === "none").length;
  return {
    k,
    embeddings: deps.embeddings,
    groups,
    overall: metrics(answerable),
    unanswerable: {
      n: unanswerable.length,
      refused,
      share: unanswerable.length ? round(refused / unanswerable.length) : 0,
      answeredBy: deps.answeredBy,
    },
    questions: results,
  };
}

function metrics(rows: QuestionResult[]): GroupMetrics {
  const n = rows.length || 1;
  return {
    n: rows.length,
    hitAt1: round(rows.filter((r) => r.rank === 1).length / n),
    hitAt5: round(rows.filter((r) => r.rank !== null).length / n),
    mrr: round(rows.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / n),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The report as a plain-text table. */
export function formatEvalReport(report: EvalReport): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = [
    `Retrieval (${report.embeddings}), top ${report.k}:`,
    `${pad("group", 22)}${pad("n", 6)}${pad("hit@1", 8)}${pad("hit@5", 8)}MRR`,
  ];
  const row = (name: string, m: GroupMetrics) =>
    `${pad(name, 22)}${pad(String(m.n), 6)}${pad(m.hitAt1.toFixed(3), 8)}${pad(m.hitAt5.toFixed(3), 8)}${m.mrr.toFixed(3)}`;
  for (const [name, m] of Object.entries(report.groups)) lines.push(row(name, m));
  lines.push(row("overall", report.overall));
  const u = report.unanswerable;
  lines.push("", `Unanswerable questions (${u.answeredBy}): ${u.refused}/${u.n} refused (${u.share.toFixed(3)})`);
  for (const q of report.questions.filter((r) => !r.answerable)) {
    const what = q.mode === "none" ? "refused" : `${q.mode}, quotes first ${q.retrieved[0] ?? "-"}`;
    lines.push(`  ${q.id}  ${q.question}\n      → ${what}`);
  }
  const misses = report.questions.filter((r) => r.answerable && r.rank === null);
  if (misses.length) {
    lines.push("", `Misses (${misses.length}):`);
    for (const m of misses) lines.push(`  ${m.id}  ${m.question}\n      got: ${m.retrieved.slice(0, 3).join(", ")}`);
  }
  return lines.join("\n");
}
