import type { Lang } from "../config.ts";
import { foldText, stem, tokenize } from "./normalize.ts";
import {
  ANSWER_CUES,
  documentReferences,
  questionParts,
  questionTypes,
  searchTokens,
  type QuestionType,
} from "./question.ts";
import { statesGap } from "./passage.ts";
import { namesSomeone } from "./refusal.ts";

/**
 * The offline answer: the one or two sentences of the best passages that answer the question. A sentence is scored
 * on the question's words (IDF-weighted, so "nửa ngày" counts more than "đại hội"), on pairs of them side by side,
 * on whether it holds what the question asks for (a duration for "bao lâu", a date for "khi nào", a quantity for
 * "bao nhiêu", a body or a name for "ai"), and on how well its passage was ranked. A question with two parts
 * ("… mấy ngày và phải xong trước ngày nào?") gets a sentence per part, or is told which part has none.
 */

export type ExtractPassage = {
  key: string;
  body: string;
  heading: string;
  /** The passage's retrieval score (any scale; only its ratio to the best passage counts). */
  score: number;
};

export type Picked = { passage: string; text: string; part: number };

export type Extraction = {
  /** The sentences, in the order they are shown. */
  sentences: Picked[];
  /** Parts of the question no sentence answers (their text, as the asker wrote it). */
  uncovered: string[];
  /** The question's parts (one for most questions). */
  parts: string[];
  /**
   * A sentence of the shown passages saying the documents lack something this question asks ("Nội dung chi tiết
   * của Hướng dẫn 27 không có trong tài liệu hiện có."): the answer is then partial, and says so.
   */
  gap?: string | undefined;
};

/** About what fits on a phone screen above the source line. */
export const SUMMARY_MAX_CHARS = 400;

type WeightedTerm = { term: string; weight: number };

/** How a question term is found among a sentence's words: exactly (Vietnamese), or as a prefix (stems). */
type Matcher = (tokens: string[], term: string) => boolean;

type Unit = {
  passage: string;
  /** Rank of its passage (0 = best). */
  index: number;
  /** Its passage's score relative to the best passage (0–1). */
  prior: number;
  /** Position in reading order, over all passages. */
  order: number;
  text: string;
  /** Its words, folded, in order. */
  tokens: string[];
  /** The words of the sentence before it in the same passage ("They must be finished…" refers back to it). */
  previous: string[];
};

/** Sentences and list blocks of a passage body ("Intro:\n- a\n- b" stays one unit when it is short). */
export function splitUnits(body: string, heading = ""): string[] {
  const units: string[] = [];
  const lines = body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/:$/.test(line) && i + 1 < lines.length && isListItem(lines[i + 1]!)) {
      const items: string[] = [];
      let j = i + 1;
      while (j < lines.length && isListItem(lines[j]!)) items.push(stripBullet(lines[j++]!));
      const block = `${line} ${items.join("; ")}`.replace(/;\s*;/g, ";").replace(/[;,]\s*$/, "");
      if (block.length <= SUMMARY_MAX_CHARS) units.push(endSentence(block));
      // Each item with its introduction, which says what the item is about.
      for (const item of items) units.push(endSentence(`${line} ${item}`));
      i = j - 1;
      continue;
    }
    const text = isListItem(line) ? stripBullet(line) : line;
    units.push(...splitSentences(text));
  }
  return units.filter((u) => tokenize(u).length >= 3).map((u) => withReferent(u, heading));
}

// "Đây là nơi nên hỏi…", "This is…", "To jest…" mean the section's heading: it is said.
const DEMONSTRATIVE =
  /^(Đây là|Đó là|Đây|This is|These are|It is|It has|They are|They have|To jest|Jest to|Są to|Ma on|Zawiera)\b/u;

function withReferent(unit: string, heading: string): string {
  return heading && DEMONSTRATIVE.test(unit) ? `${heading}: ${unit}` : unit;
}

function isListItem(line: string): boolean {
  return /^([-*•]|\d{1,2}[.)]|[a-zđ]\))\s+/u.test(line);
}

function stripBullet(line: string): string {
  return line.replace(/^([-*•]|\d{1,2}[.)]|[a-zđ]\))\s+/u, "").replace(/[;.]$/, "");
}

function endSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** Sentence ends: ". " before a capital, a digit or an opening mark; not inside "TP. Thanh Hóa" or "tr. 5". */
function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[^A-ZĐ\s][.!?])\s+(?=[\p{Lu}\d"“(])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function extractAnswer(
  question: string,
  lang: Lang,
  passages: ExtractPassage[],
  weights: (token: string) => number,
  options: { maxChars?: number; context?: string | undefined } = {},
): Extraction {
  const maxChars = options.maxChars ?? SUMMARY_MAX_CHARS;
  const parts = questionParts(question);
  const norm = (t: string) => stem(t, lang);
  // Polish and English terms are stems ("congres", "zjazd"): a word matches when it starts with one, as in search.
  const has: Matcher =
    lang === "vi" ? (tokens, term) => tokens.includes(term) : (tokens, term) => tokens.some((t) => t.startsWith(term));
  // Side by side matters most in Vietnamese, whose words are mostly two syllables ("chi bộ" is not "chỉ thị… bộ").
  const pairWeight = lang === "vi" ? 0.5 : 0.2;
  // "Chỉ thị 45" in the question says where to look (the retriever used it), not what the sentence is about.
  const reference = documentReferences(question).tokens;
  const weigh = (text: string, factor = 1, discountReferences = true): WeightedTerm[] => {
    const seen = new Map<string, number>();
    for (const t of searchTokens(text, lang)) {
      const w = weights(t) * factor * (discountReferences && reference.has(t) ? 0.2 : 1);
      seen.set(norm(t), Math.max(seen.get(norm(t)) ?? 0, w));
    }
    return [...seen].map(([term, weight]) => ({ term, weight }));
  };
  const questionTerms = weigh(question);
  // A follow-up's earlier question: its words count a little, its type counts ("bao lâu" → a duration).
  const contextTerms = options.context ? weigh(options.context, 0.5) : [];
  const contextTypes = options.context ? questionTypes(options.context) : [];
  const best = Math.max(1e-9, ...passages.map((p) => p.score));
  const units: Unit[] = [];
  let order = 0;
  passages.forEach((p, index) => {
    let previous: string[] = [];
    for (const text of splitUnits(p.body, p.heading)) {
      const tokens = tokenize(text);
      const prior = Math.max(0, p.score) / best;
      units.push({ passage: p.key, index, prior, order: order++, text, tokens, previous });
      previous = tokens;
    }
  });
  if (units.length === 0) return { sentences: [], uncovered: parts.length > 1 ? parts : [], parts };

  const picked: (Unit & { part: number; score: number })[] = [];
  const uncovered: string[] = [];
  // The best sentences for the (first part of the) question: a gap statement must be among them to count.
  let leading: Unit[] = [];
  parts.forEach((part, partIndex) => {
    // A short part ("và phải xong trước ngày nào") is about the same subject as the question: its words join.
    const own = parts.length > 1 ? weigh(part) : questionTerms;
    const partTerms = parts.length > 1 ? merge(own, questionTerms, 0.5) : questionTerms;
    const types = [...new Set([...questionTypes(part), ...contextTypes])];
    const ranked = units
      .map((u) => ({ ...u, score: scoreUnit(u, partTerms, questionTerms, contextTerms, types, has, pairWeight) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    const top = ranked[0]!;
    if (partIndex === 0) leading = ranked.slice(0, 4);
    const ownCoverage = coverage(top, own, has);
    const holdsAnswer = types.some((t) => answers(top.text, t));
    // A part is answered when its best sentence has most of its own words, or what it asks for and some of them.
    const answered = parts.length === 1 || ownCoverage >= 0.5 || (holdsAnswer && ownCoverage >= 0.2);
    if (!answered) {
      uncovered.push(part);
      return;
    }
    if (!picked.some((p) => p.order === top.order)) picked.push({ ...top, part: partIndex });
    if (parts.length > 1) return;
    // One part: a second sentence when it completes the first — the next one in the passage, or one that has
    // what the question asks for, or question words, that the first lacks — and both fit.
    const second = ranked
      .slice(1, 8)
      .find(
        (u) =>
          u.passage === top.passage &&
          Math.abs(u.order - top.order) === 1 &&
          u.score >= top.score * 0.55 &&
          (types.some((t) => answers(u.text, t) && !answers(top.text, t)) || addsTerms(u, top, questionTerms, has)) &&
          top.text.length + u.text.length + 1 <= maxChars,
      );
    if (second) picked.push({ ...second, part: 0 });
  });
  // Shown in reading order when they come from one passage, otherwise by part.
  picked.sort((a, b) => (a.passage === b.passage ? a.order - b.order : a.part - b.part));
  const sentences: Picked[] = [];
  let used = 0;
  for (const p of picked) {
    const room = maxChars - used - (sentences.length ? 1 : 0);
    if (room < 60) break;
    const text = p.text.length <= room ? p.text : shorten(p.text, room);
    sentences.push({ passage: p.passage, text, part: p.part });
    used += text.length + (sentences.length > 1 ? 1 : 0);
  }
  // The documents' own "not in the documents" about this question: one of the best sentences for it. Here a
  // document the question names counts fully: "Nội dung Hướng dẫn 27 không có…" is about Hướng dẫn 27.
  const allTerms = weigh(question, 1, false);
  const gapUnit = units
    .filter((u) => leading.some((l) => l.order === u.order) && statesGap(u.text))
    .filter((u) => coverage(u, allTerms, has) >= 0.25)
    .sort((a, b) => coverage(b, allTerms, has) - coverage(a, allTerms, has) || a.order - b.order)[0];
  if (gapUnit && !sentences.some((s) => s.text === gapUnit.text) && used + gapUnit.text.length + 1 <= maxChars) {
    sentences.push({ passage: gapUnit.passage, text: gapUnit.text, part: 0 });
  }
  return { sentences, uncovered, parts, gap: gapUnit?.text };
}

function merge(primary: WeightedTerm[], secondary: WeightedTerm[], factor: number): WeightedTerm[] {
  const out = new Map(primary.map((t) => [t.term, t.weight]));
  for (const t of secondary) if (!out.has(t.term)) out.set(t.term, t.weight * factor);
  return [...out].map(([term, weight]) => ({ term, weight }));
}

/** Whether a sentence holds what a question of this type asks for. */
function answers(text: string, type: QuestionType): boolean {
  if (type === "who" && namesSomeone(text)) return true;
  return ANSWER_CUES[type].test(foldText(text));
}

/** Share of the terms' weight the unit has; half credit for what only the sentence before it has. */
function coverage(unit: Pick<Unit, "tokens" | "previous">, terms: WeightedTerm[], has: Matcher): number {
  const total = terms.reduce((s, t) => s + t.weight, 0);
  if (total === 0) return 0;
  let got = 0;
  for (const t of terms) {
    if (has(unit.tokens, t.term)) got += t.weight;
    else if (has(unit.previous, t.term)) got += 0.5 * t.weight;
  }
  return got / total;
}

/** Share of the weight of adjacent question terms found side by side ("chi bộ", not "chỉ thị … bộ"). */
function pairCoverage(unit: Pick<Unit, "tokens">, terms: WeightedTerm[], has: Matcher): number {
  let total = 0;
  let got = 0;
  for (let i = 0; i + 1 < terms.length; i++) {
    const [a, b] = [terms[i]!, terms[i + 1]!];
    total += a.weight + b.weight;
    for (let j = 0; j + 1 < unit.tokens.length; j++) {
      if (has([unit.tokens[j]!], a.term) && has([unit.tokens[j + 1]!], b.term)) {
        got += a.weight + b.weight;
        break;
      }
    }
  }
  return total > 0 ? got / total : 0;
}

function scoreUnit(
  unit: Unit,
  partTerms: WeightedTerm[],
  questionTerms: WeightedTerm[],
  contextTerms: WeightedTerm[],
  types: QuestionType[],
  has: Matcher,
  pairWeight: number,
): number {
  let score =
    coverage(unit, partTerms, has) + 0.3 * coverage(unit, questionTerms, has) + 0.2 * coverage(unit, contextTerms, has);
  // Adjacent question words side by side in the sentence ("chi bộ", "nửa ngày"), by their weight.
  score += pairWeight * pairCoverage(unit, partTerms, has);
  let cues = 0;
  for (const type of types) if (answers(unit.text, type)) cues++;
  score += Math.min(0.4, 0.25 * cues);
  // How well its passage was ranked: the best passage's sentences first, others must be clearly better.
  score += 0.35 * unit.prior - 0.15 * unit.index;
  // An introduction that only announces a list, very short fragments and very long paragraphs read badly.
  if (/:$/.test(unit.text.trim())) score -= 0.2;
  if (unit.text.length < 40) score -= 0.15;
  // Of two sentences with the same question words, the one with fewer other words is the more direct answer.
  score -= 0.003 * Math.max(0, unit.tokens.length - 15);
  if (unit.text.length > SUMMARY_MAX_CHARS) score -= 0.2;
  return score;
}

function addsTerms(candidate: Pick<Unit, "tokens">, best: Pick<Unit, "tokens">, terms: WeightedTerm[], has: Matcher) {
  return terms.some((t) => t.weight > 0 && has(candidate.tokens, t.term) && !has(best.tokens, t.term));
}

/** Cuts a sentence at a clause or word boundary within `maxChars`, marking the cut. */
export function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 2);
  const clause = Math.max(cut.lastIndexOf("; "), cut.lastIndexOf(", "));
  const end = clause > maxChars * 0.5 ? clause : cut.lastIndexOf(" ");
  return `${cut.slice(0, end > 0 ? end : cut.length).trim()} …`;
}
