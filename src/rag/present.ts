import type { Lang } from "../config.ts";
import { formatDmy } from "../dates.ts";
import type { Translate } from "../translate.ts";
import type { Answer, AnswerSource } from "./answer.ts";

/**
 * An answer as a secretary reads it, in plain text and in parts: the first screen (what the understood follow-up
 * was, the answer, what the documents lack, one source line), the passages and the links. The bot renders these
 * parts as escaped Telegram HTML (bot/render.ts); `daihoi ask` and the evaluation use the plain text. Nothing here
 * writes HTML.
 */
export type ScreenPart = { kind: "understood" | "summary" | "note" | "source"; text: string };

/** "III › 1" → "III.1"; labels that are not numbers or numerals ("Chuẩn y", "Điều 5") keep their words. */
export function sectionNumber(section: string): string {
  const labels = section.split(" › ").slice(1);
  if (labels.length === 0) return "";
  return labels.every((l) => /^([IVXLC]+|\d{1,3}|[a-zđ])$/u.test(l)) ? labels.join(".") : labels.join(", ");
}

/** "2025-04-14" → "14/4/2025" (the way the documents write dates in all three editions). */
export function displayDate(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : "";
}

/** "Chỉ thị 45-CT/TW, mục III.1 (14/4/2025)" in the answer's language. */
export function sourceReference(s: AnswerSource, t: Translate, lang: Lang): string {
  const number = sectionNumber(s.section);
  const doc = number ? t(lang, "answer-source-section", { doc: s.shortTitle, section: number }) : s.shortTitle;
  const date = displayDate(s.issuedOn);
  return date ? `${doc} (${date})` : doc;
}

/** Which rule applied when, for a directive replaced by another or replacing one; "" otherwise. */
export function validityNote(s: AnswerSource, t: Translate, lang: Lang): string {
  const v = s.validity;
  if (v?.replacedBy && v.until) return t(lang, "answer-source-until", { date: displayDate(v.until), by: v.replacedBy });
  if (v?.replaces && v.from) return t(lang, "answer-source-from", { date: displayDate(v.from), replaces: v.replaces });
  return "";
}

/** The one source line under the answer. */
export function sourceLineText(answer: Answer, t: Translate): string {
  const lang = answer.language;
  if (answer.board) {
    const line = t(lang, "kq-answer-source", { date: formatDmy(answer.board.answeredOn) });
    return answer.board.supersedes
      ? `${line} · ${t(lang, "kq-answer-supersedes", { section: answer.board.supersedes })}`
      : line;
  }
  const primary = answer.sources.find((s) => s.n === answer.primary) ?? answer.sources[0];
  if (!primary) return "";
  if (answer.mode === "curated" && answer.curated) {
    const refs = answer.sources
      .slice(0, 2)
      .map((s) => sourceReference(s, t, lang))
      .join("; ");
    return t(lang, "answer-source-curated", {
      sources: refs,
      confidence: t(lang, `answer-confidence-${answer.curated.confidence}`),
    });
  }
  const note = validityNote(primary, t, lang);
  const reference = sourceReference(primary, t, lang);
  const key =
    answer.mode === "llm"
      ? "answer-source-llm"
      : answer.fallbackReason && answer.fallbackReason !== "no-llm"
        ? "answer-source-excerpt-fallback"
        : "answer-source-excerpt";
  const line = t(lang, key, { source: answer.mode === "llm" ? `[${primary.n}] ${reference}` : reference });
  return note ? `${line} · ${note}` : line;
}

/** The first screen, part by part. */
export function firstScreen(answer: Answer, t: Translate): ScreenPart[] {
  const lang = answer.language;
  const parts: ScreenPart[] = [];
  if (answer.followUp) {
    parts.push({
      kind: "understood",
      text: t(lang, "answer-follow-up", { previous: clip(answer.followUp.previous, 120) }),
    });
  }
  parts.push({ kind: "summary", text: answer.summary });
  if (answer.uncovered?.length) {
    parts.push({
      kind: "note",
      text: t(lang, "answer-uncovered", { part: answer.uncovered.map((p) => clip(p, 100)).join("; ") }),
    });
  } else if (answer.partial && answer.mode !== "curated") {
    // A curated answer that rests on a gap says so in its own words, with whom to ask.
    parts.push({ kind: "note", text: t(lang, "answer-partial") });
  }
  const source = answer.mode === "none" ? "" : sourceLineText(answer, t);
  if (source) parts.push({ kind: "source", text: source });
  return parts;
}

/** The first screen as plain text: what `daihoi ask` prints and what the evaluation measures. */
export function firstScreenText(answer: Answer, t: Translate): string {
  return firstScreen(answer, t)
    .map((p) => p.text)
    .join("\n\n");
}

/** A passage's heading line in the passages and sources views: "[1] Chỉ thị 45-CT/TW, mục III.1 · heading". */
export function passageTitle(s: AnswerSource, t: Translate, lang: Lang): string {
  return `[${s.n}] ${sourceReference(s, t, lang)}${s.heading ? ` · ${s.heading}` : ""}`;
}

/** What the "Sources" view lists for a passage: its links, sources without an address, confidence, reference. */
export function sourceDetails(s: AnswerSource, t: Translate, lang: Lang): string[] {
  const lines: string[] = [];
  if (s.referenceSection) lines.push(t(lang, "answer-source-reference", { section: s.referenceSection }));
  lines.push(...s.links, ...s.citations);
  if (s.confidence) lines.push(t(lang, "answer-source-confidence", { level: s.confidence }));
  const note = validityNote(s, t, lang);
  if (note) lines.push(note);
  return lines;
}

function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}
