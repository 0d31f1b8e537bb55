import { foldText } from "./normalize.ts";

/** What the model was given, against which its text is checked. */
export type GivenPassage = { n: number; text: string; number: string; title: string; section: string; links: string[] };

/** The longest answer a secretary is shown, whatever the server returns (one that ignores max_tokens, say). */
export const MODEL_ANSWER_MAX_CHARS = 1500;

// Anything that reads as a link: with a scheme, www., a bare domain with a path or a known TLD, t.me, tg://,
// mailto:, and @handles (a Telegram user or bot).
const SCHEME_LINK = /\b(?:https?|tg|ftp|mailto):(?:\/\/)?[^\s<>()"'\]]+/gi;
const WWW_LINK = /\bwww\.[^\s<>()"'\]]+/gi;
const BARE_DOMAIN =
  /\b(?:[a-z0-9-]+\.)+(?:com|net|org|info|io|me|ru|vn|pl|uk|biz|xyz|top|app|site|online|link|click|gov|edu|co)(?:\/[^\s<>()"'\]]*)?(?![\p{L}\p{N}])/giu;
const T_ME = /\b(?:t|telegram)\.(?:me|dog)\/[^\s<>()"'\]]*/gi;
const HANDLE = /(^|[^\p{L}\p{N}_.@])@[A-Za-z][A-Za-z0-9_]{3,31}\b/gu;
// A document number as the corpus writes them: 35-CT/TW, 268-KH/TU, 190-QĐ/TW, 8548-CV/BTCTW.
const DOC_NUMBER = /\b\d{1,5}\s*-\s*[A-ZĐ]{1,6}(?:\s*\/\s*[A-ZĐ]{1,8})+\b/gu;
// An article, chapter or clause by number, in the three languages.
// (\b is ASCII-only even with the u flag: letters such as "Đ" need a lookbehind.)
const ARTICLE =
  /(?<![\p{L}\p{N}])(?:Điều|Dieu|Article|Art\.|Artykuł|Artykul|Chương|Chuong|Chapter|Rozdział|Rozdzial|Khoản|Khoan)\s+(\d{1,3}|[IVXLC]{1,6})(?![\p{L}\p{N}])/giu;

/**
 * Model output, made safe to show as a grounded answer:
 * - citations [n] only to passages it was given; a sentence that cited only passages it was not given is dropped
 *   (its content came from nowhere), the invalid markers of a sentence that also cites a real one removed;
 * - every link-like string (with or without a scheme, www., bare domains, t.me, tg:, @handles) removed unless it
 *   is one of the given passages' sources;
 * - document numbers and article numbers that appear in none of the given passages removed with the words that
 *   introduce them ("Xem Chỉ thị 999-CT/TW Điều 42");
 * - the whole cut at MODEL_ANSWER_MAX_CHARS, at a sentence.
 * Returns "" when nothing grounded is left (the caller then treats it as a failed answer).
 */
export function filterModelOutput(text: string, passages: GivenPassage[]): string {
  const valid = new Set(passages.map((p) => p.n));
  const allowedLinks = new Set(passages.flatMap((p) => p.links.map(normalizeLink)));
  const givenText = foldText(passages.map((p) => `${p.title} ${p.number} ${p.section} ${p.text}`).join("\n"));
  const knownNumbers = new Set(
    [...givenText.matchAll(/\d{1,5}\s*-\s*[a-z]{1,6}(?:\s*\/\s*[a-z]{1,8})+/g)].map((m) => compact(m[0])),
  );

  // Sentence by sentence: invented citations.
  const sentences = splitSentences(text.replace(/\r/g, ""));
  const kept: string[] = [];
  for (const sentence of sentences) {
    const cites = [...sentence.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
    const good = cites.filter((n) => valid.has(n));
    if (cites.length > 0 && good.length === 0) continue;
    kept.push(sentence.replace(/\[(\d{1,3})\]/g, (m, n: string) => (valid.has(Number(n)) ? m : "")));
  }
  let out = kept.join("");

  // Links not from the passages' sources.
  const dropLink = (link: string) => (allowedLinks.has(normalizeLink(link)) ? link : "");
  out = out
    .replace(SCHEME_LINK, dropLink)
    .replace(WWW_LINK, dropLink)
    .replace(T_ME, "")
    .replace(BARE_DOMAIN, dropLink)
    .replace(HANDLE, (_m, before: string) => before);

  // Document and article numbers the passages do not mention, with the words that lead to them.
  out = out.replace(DOC_NUMBER, (m) => (knownNumbers.has(compact(foldText(m))) ? m : "\uE000"));
  out = out.replace(ARTICLE, (m) => (givenText.includes(foldText(m).replace(/\s+/g, " ")) ? m : "\uE000"));
  out = out.replace(
    /(?:(?<![\p{L}\p{N}])(?:xem|theo|căn cứ|tại|see|under|per|according to|zob\.|zobacz|według|zgodnie z)\s+)?(?:(?:chỉ thị|chi thi|kế hoạch|ke hoach|quy định|quy dinh|quyết định|quyet dinh|kết luận|ket luan|hướng dẫn|huong dan|directive|plan|regulation|decision|conclusion|dyrektyw[aąy]|plan|regulamin|decyzj[aą])\s+)?\uE000(?:[\s,]*\uE000)*/giu,
    "",
  );
  out = out.replaceAll("\uE000", "");

  return tidy(capAtSentence(tidy(out), MODEL_ANSWER_MAX_CHARS));
}

function compact(s: string): string {
  return s.replace(/\s+/g, "").toLowerCase();
}

function normalizeLink(link: string): string {
  return link
    .replace(/[.,;:!?)\]]+$/, "")
    .replace(/^https?:\/\//i, "")
    .replace(/^www\./i, "")
    .replace(/\/+$/, "")
    .toLowerCase();
}

/** Sentences with their trailing spaces and line breaks kept, so joining them gives the text back. */
function splitSentences(text: string): string[] {
  return text.match(/[^.!?\n]*(?:[.!?]+|\n+|$)\s*/g)?.filter((s) => s.length > 0) ?? [];
}

/** Removes what filtering leaves behind: doubled conjunctions, spaces before punctuation, empty brackets. */
function tidy(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    out = out
      .replace(/\(\s*[,;]?\s*\)/g, "")
      .replace(/(?<![\p{L}\p{N}])(và|hoặc|and|or|i|oraz|lub)(\s+\1(?![\p{L}\p{N}]))+/giu, "$1")
      .replace(/(?<![\p{L}\p{N}])(và|hoặc|and|or|i|oraz|lub)\s*([,.;:!?])/giu, "$2")
      .replace(/\b(theo|xem|see|according to|zobacz|według)\s*([,.;:!?])/giu, "$2")
      .replace(/[ \t]+([,.;:!?])/g, "$1")
      .replace(/([,;:])\s*([,.;:!?])/g, "$2")
      .replace(/^[\s,;:]+/gm, "")
      .replace(/[ \t]{2,}/g, " ");
  }
  return out.replace(/\n{3,}/g, "\n\n").trim();
}

function capAtSentence(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\n"), cut.lastIndexOf("! "), cut.lastIndexOf("? "));
  return `${(end > maxChars * 0.5 ? cut.slice(0, end + 1) : cut.slice(0, cut.lastIndexOf(" "))).trim()} …`;
}
