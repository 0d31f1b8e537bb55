import type { Lang } from "../config.ts";
import { contentTokens, foldText, tokenize } from "./normalize.ts";
import { splitPassage } from "./passage.ts";

/**
 * What a question asks for, read from its wording: a duration ("bao lâu", "jak długo", "how long"), a count, a
 * date or deadline, a body or person ("ai", "kto", "who"), a rule ("có được… không", "czy można", "may we"), or a
 * list. The words that only say so ("bao lâu", "how long") are not what the answer is about: they leave the
 * search words and become a preference for passages that hold a duration, a date, a number…
 */
export type QuestionType = "duration" | "count" | "date" | "who" | "rule" | "list";

// Cues, matched on folded text padded with spaces.
const CUES: Record<QuestionType, RegExp> = {
  duration:
    / (bao lau|may ngay|bao nhieu ngay|keo dai|nua ngay|ca ngay|jak dlugo|ile trwa|ile dni|najdluzej|czas trwania|trwac|trwa|how long|how many days|maximum length|length of|last|lasts) /,
  count:
    / (bao nhieu|may (nguoi|noi dung|yeu cau|phu luc|thang|nam|phan tram|uy vien|pho bi thu|buoc|chuong|dieu|diem|chi tieu|dai bieu)|ty le|phan tram|ile|ilu|ilosc|liczb|procent|odsetek|how many|how much|what share|percentage|number of|minimum share) /,
  date: / (ngay nao|khi nao|bao gio|thoi diem nao|thang nao|nam nao|thoi han|han chot|cham nhat|tu ngay|den ngay|truoc ngay|hieu luc tu|kiedy|do kiedy|od kiedy|termin|dnia|which date|what date|when|by when|until when|deadline|since when) /,
  who: / (ai|co quan nao|cap nao|don vi nao|do ai|kto|kogo|ktory organ|jaki organ|who|whom|which body|which office) /,
  rule: / (co duoc|duoc khong|co phai|phai khong|co can|bat buoc|co the|co bau|co tinh|czy mozna|czy musi|czy trzeba|czy wolno|czy moze|czy|may we|must we|can we|can a|may a|must a|is it allowed|do we have to|does it|is there|are there|should) /,
  list: / (gom nhung|nhung gi|nhung noi dung|nhung viec|nhung don vi|nhung van ban|nhung cap|ke giup|la gi|jakie|jakich|czego|what are|which|what does|what did|list) /,
};

export function questionTypes(question: string): QuestionType[] {
  const folded = ` ${tokenize(question).join(" ")} `;
  return (Object.keys(CUES) as QuestionType[]).filter((t) => CUES[t].test(folded));
}

// Words that only frame the question (folded phrases): dropped from the search words. "bao" alone is also báo
// (report), so it goes only inside "bao lâu", "bao nhiêu", "bao giờ".
const FRAME: Record<Lang, string[]> = {
  vi: [
    "bao lau",
    "bao nhieu",
    "bao gio",
    "khi nao",
    "luc nao",
    "the nao",
    "ra sao",
    "la gi",
    "nhung gi",
    "cho em hoi",
    "cho hoi",
    "xin hoi",
    "em hoi",
    "ke giup",
    "giup toi",
    "giup em",
    "giup minh",
    "dong chi oi",
    "dc oi",
    "ad oi",
    "ad",
    "thi sao",
    "thi the nao",
  ],
  pl: ["jak dlugo", "najdluzej", "do kiedy", "od kiedy", "prosze", "powiedz", "czy to"],
  en: [
    "how long",
    "how many",
    "how much",
    "by when",
    "what s",
    "whats",
    "length",
    "maximum",
    "minimum",
    "tell me",
    "please",
  ],
};

// A follow-up's opening ("Còn…", "Thế còn…", "What about…", "A co z…"): not what it asks about.
const FOLLOW_UP_OPENING = /^ (con|the con|vay con|con ve|what about|how about|and|a co z|a jak z|a|i) /;

/** Content words of a question for searching: stopwords and framing words left out, order kept. */
export function searchTokens(question: string, lang: Lang): string[] {
  let folded = ` ${tokenize(question).join(" ")} `.replace(FOLLOW_UP_OPENING, " ");
  for (const phrase of FRAME[lang]) folded = folded.replaceAll(` ${phrase} `, "  ").replaceAll(` ${phrase} `, "  ");
  return contentTokens(folded, lang);
}

// Where a question may have a second part: a second question mark, a semicolon, "và / and / i / oraz" (after a
// comma or not), or a comma before a question word.
const PART_BOUNDARY =
  /\?\s+|;\s+|,?\s+(?:và|hay là|and|or|oraz|i)\s+|,\s+(?=(?:mấy|bao nhiêu|khi nào|ai|gồm|thay mặt|when|how|which|what|who|kiedy|ile|ilu|czy|kto|jakie|jaki)\s)/iu;

// A clause that opens with a question word asks something of its own.
const QUESTION_START =
  /^(what|which|when|how|who|whom|where|why|does|do|is|are|can|may|must|czy|co|jak|kiedy|ile|ilu|kto|jaki|jaka|jakie|gdzie|ai|bao|mấy|khi nào|ở đâu|tại sao|có phải)\b/iu;

/**
 * Splits "A, và B?" into its parts when B asks something of its own (it has a question cue: "bao nhiêu", "gồm
 * những gì", "when", "jakie"…); otherwise B stays with A ("bầu cấp ủy và bầu đại biểu" is one question). Most
 * questions are one part.
 */
export function questionParts(question: string): string[] {
  const clauses = question
    .split(PART_BOUNDARY)
    .map((p) => p.trim().replace(/[?？.]+$/, ""))
    .filter(Boolean);
  // A clause that asks nothing joins the question next to it: a lead-in ("Our ward held its congress in March.")
  // the one after it, anything else the one before it.
  const parts: string[] = [];
  let leadIn = "";
  for (const clause of clauses) {
    const ownWords = Math.min(...(["vi", "pl", "en"] as const).map((l) => searchTokens(clause, l).length));
    const asks = (questionTypes(clause).length > 0 || QUESTION_START.test(clause)) && ownWords >= 2;
    if (asks) {
      parts.push(leadIn ? `${leadIn} ${clause}` : clause);
      leadIn = "";
    } else if (parts.length) parts[parts.length - 1] += ` ${clause}`;
    else leadIn = leadIn ? `${leadIn} ${clause}` : clause;
  }
  // "Kể giúp tôi với." or a lone "không?" is not a second question.
  return parts.length > 1 ? parts.slice(0, 3) : [question.trim()];
}

// What an answer of each type contains (matched on folded text).
export const ANSWER_CUES: Record<QuestionType, RegExp> = {
  duration:
    /(\d+(,\d+)? ?(ngay|thang|nam|gio|dni|dzien|miesiec\w*|lat|days?|months?|years?|hours?)\b|nua ngay|pol dnia|half a day|toi da \d|khong qua \d|najwyzej \d|at most \d)/,
  // A quantity with its unit or bound — not any digit ("Điều 14", "35-CT/TW" are names, not answers).
  count:
    /(\d+(,\d+)?\s?(%|phan tram|nguoi|uy vien|dang vien|thang|ngay|nam|dai bieu|chi tieu|noi dung|yeu cau|phu luc|chuong|dieu\b|buoc|don vi|diem cau|members?|months?|days?|delegates?|percent|contents?|requirements?|appendices|chapters|articles|steps|units|czlonk\w*|miesi\w*|dni|osob\w*|procent\w*|punkt\w*|rozdzia\w*|artyku\w*|krok\w*|jednost\w*)|(toi da|khong qua|it nhat|tu \d+ den|tren \d|at most|at least|no more than|more than \d|up to \d|najwyzej|co najmniej|nie wiecej|ponad \d) ?\d|\b(bon|bay|ba|hai|nam|sau) (noi dung|yeu cau|phu luc|don vi|buoc)|\b(four|seven|three|two|five|six) (contents|requirements|appendices|units|steps|parts)|\b(cztery|siedem|trzy|dwa|piec) (punkt|wymag|zalacz|jednost|krok))/,
  // A day or a month of a year, or a bound on one ("trước 30/6", "by 31 October") — a bare year is everywhere.
  date: /(\d{1,2}\/\d{1,2}(\/\d{4})?|\bthang \d{1,2}(\/\d{4})?\b|\b\d{1,2} (january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|stycz\w*|lut\w*|marc\w*|kwie\w*|maj\w*|czerw\w*|lip\w*|sierp\w*|wrzes\w*|pazdz\w*|listop\w*|grud\w*) \d{4}|\b(before|by|until|truoc|cham nhat|przed|do) \d)/,
  who: /\b(cap uy|ban |bo chinh tri|ban bi thu|thanh uy|tinh uy|dang uy|chi uy|trung uong|committee|politburo|secretariat|board|komitet|biuro|sekretariat|wydzial)/,
  rule: /\b(duoc|phai|khong duoc|co the|must|may|can|cannot|only|musi|moze|nie moze|trzeba|tylko|wolno)\b/,
  list: /(:\s*\n|\n\s*[-*]|;)/,
};

/** Passages answering a count, date or duration question hold one; this tips near-ties their way. */
const TYPE_BONUS = 0.2;

export function answerTypeBonus(text: string, types: QuestionType[]): number {
  if (types.length === 0) return 0;
  // The body only: the line of sources has dates and numbers in every passage.
  const folded = foldText(splitPassage(text).body);
  let bonus = 0;
  for (const type of types)
    if (type !== "rule" && type !== "who" && ANSWER_CUES[type].test(folded)) bonus += TYPE_BONUS;
  return Math.min(bonus, 2 * TYPE_BONUS);
}

// Words that name a kind of document, folded: "Chỉ thị 45", "KL 127", "Dyrektywa 35", "Conclusion 185".
const DOCUMENT_WORDS =
  /^(chi|thi|ct|ket|luan|kl|quy|dinh|qd|che|ke|hoach|kh|huong|dan|hd|cong|van|cv|thong|tri|tt|so|dyrektyw\w*|konkluzj\w*|regulacj\w*|regulamin\w*|plan\w*|wytyczn\w*|pism\w*|directive|conclusion|regulation|decision|guidance|letter|plan|circular|nr|no)$/;
const DOCUMENT_CODES = /^(ct|kl|qd|kh|hd|cv|tt|tu|tw|btctw)$/;

/**
 * Documents a question names: designation numbers right after a word for a kind of document ("Chỉ thị 45",
 * "Konkluzja 127") or before its code ("45-CT/TW"), and the words of those references. The retriever prefers the
 * named documents; sentence extraction does not count the reference as what a sentence is about.
 */
export function documentReferences(question: string): { numbers: Set<string>; tokens: Set<string> } {
  const tokens = tokenize(question);
  const numbers = new Set<string>();
  const words = new Set<string>();
  tokens.forEach((t, i) => {
    if (!/^\d{2,4}$/.test(t)) return;
    const before = [tokens[i - 1], tokens[i - 2]].filter((w): w is string => Boolean(w && DOCUMENT_WORDS.test(w)));
    const after = [tokens[i + 1], tokens[i + 2]].filter((w): w is string => Boolean(w && DOCUMENT_CODES.test(w)));
    if (before.length === 0 && after.length === 0) return;
    numbers.add(t);
    for (const w of [t, ...before, ...after]) words.add(w);
  });
  return { numbers, tokens: words };
}

/**
 * A few words of congress procedure that the documents write differently from how secretaries ask (folded): the
 * local embedding knows no synonyms, so the search adds these, at half weight, to the question's own words.
 */
const SYNONYMS: Record<Lang, Record<string, string[]>> = {
  // None for Vietnamese: folded syllables are too ambiguous (ký "sign" and kỳ "term" are both "ky").
  vi: {},
  pl: {
    wydal: ["podpisal"],
    wydano: ["podpisal"],
    wydana: ["podpisal"],
    wdraza: ["realizac", "wykonan"],
    realizuje: ["wykonan", "wdrozen"],
    wstrzymano: ["wstrzyman"],
    polaczenia: ["scalen", "laczen"],
  },
  en: {
    issued: ["signed", "adopted"],
    issue: ["sign", "adopt"],
    implement: ["carrying", "carry", "applies", "apply"],
    implements: ["carrying", "carry", "applies", "apply"],
    chaired: ["chair", "led"],
    led: ["chaired", "chair"],
    halted: ["halt", "pause", "suspend"],
    paused: ["halt", "pause", "suspend"],
    pause: ["halt", "suspend"],
    merged: ["merge", "consolidated"],
    finished: ["finish", "complete"],
  },
};

/** Words the documents may use for a question word (see SYNONYMS). */
export function synonymsOf(token: string, lang: Lang): string[] {
  return SYNONYMS[lang][token] ?? [];
}
