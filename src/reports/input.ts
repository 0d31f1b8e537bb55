import { addDays, daysBetween, parseDmy } from "../dates.ts";
import { foldText } from "../rag/normalize.ts";

/**
 * What secretaries type when the bot asks for a date, a number or yes/no — in Vietnamese (with or without
 * diacritics), Polish or English — read into values. Pure: `today` is the campaign's local date.
 */

const RELATIVE_DAYS: [RegExp, number][] = [
  [/\b(hom nay|today|dzisiaj|dzis|bua nay)\b/, 0],
  [/\b(hom kia|przedwczoraj|the day before yesterday)\b/, -2],
  [/\b(hom qua|yesterday|wczoraj)\b/, -1],
  [/\b(ngay mai|tomorrow|jutro)\b/, 1],
];

/** Words that may surround an answer without making it something else ("ngày 15/4", "27 đồng chí", "on 15.04"). */
const FILLER = new Set([
  "ngay",
  "vao",
  "hop",
  "to",
  "chuc",
  "da",
  "roi",
  "la",
  "dong",
  "chi",
  "nguoi",
  "uy",
  "vien",
  "thanh",
  "dnia",
  "w",
  "osob",
  "osoby",
  "czlonkow",
  "czlonkowie",
  "on",
  "the",
  "at",
  "members",
  "people",
  "persons",
  "it",
  "was",
  "we",
  "had",
  "held",
  "odbyl",
  "sie",
  "r",
  "roku",
  "nam",
]);

const DATE_TOKEN = /(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d/.-]*\d)/;
const VI_MONTH = /(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/;

function fold(text: string): string {
  return foldText(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/** A day and month without a year: the year that puts it nearest to today (15/4 typed in May means last April). */
function nearestYear(day: number, month: number, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const candidates = [year - 1, year, year + 1]
    .map((y) => parseDmy(`${day}/${month}/${y}`))
    .filter((d): d is string => d !== undefined);
  candidates.sort((a, b) => Math.abs(daysBetween(today, a)) - Math.abs(daysBetween(today, b)));
  return candidates[0];
}

function dateOf(m: RegExpExecArray, today: string): string | undefined {
  const day = Number(m[1]);
  const month = Number(m[2]);
  if (m[3] === undefined) return nearestYear(day, month, today);
  const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return parseDmy(`${day}/${month}/${year}`);
}

/** A date somewhere in `text`, with what is left of the text around it; undefined when there is none. */
export function findDate(text: string, today: string): { date: string; rest: string } | undefined {
  const folded = fold(text);
  for (const [pattern, offset] of RELATIVE_DAYS) {
    const m = pattern.exec(folded);
    if (m) return { date: addDays(today, offset), rest: folded.replace(m[0], " ") };
  }
  for (const pattern of [DATE_TOKEN, VI_MONTH]) {
    const m = pattern.exec(folded);
    if (!m) continue;
    const date = dateOf(m, today);
    return date ? { date, rest: folded.replace(m[0], " ") } : undefined;
  }
  return undefined;
}

/** The words of `rest` that are not filler. */
function otherWords(rest: string): string[] {
  return rest
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .filter((w) => !FILLER.has(w));
}

/**
 * A date typed as the answer to "which day?": `15/4` (the nearest such day), `15-4-2025`, `15.04`, `15 tháng 4`,
 * `hôm nay`, `hôm qua`, `dzisiaj`, `wczoraj`, `today`, `yesterday`, with a few words around it at most.
 */
export function parseDateAnswer(text: string, today: string): string | undefined {
  if (text.length > 60) return undefined;
  const found = findDate(text, today);
  if (!found || otherWords(found.rest).length > 2) return undefined;
  return found.date;
}

/** A whole number typed as an answer, words around it allowed: `27`, `27 đồng chí`, `27 osób`. */
export function parseCountAnswer(text: string): number | undefined {
  if (text.length > 40) return undefined;
  const folded = fold(text);
  const numbers = folded.match(/\d+/g) ?? [];
  if (numbers.length !== 1 || numbers[0]!.length > 4) return undefined;
  if (otherWords(folded.replace(numbers[0]!, " ")).length > 2) return undefined;
  return Number(numbers[0]);
}

const YES_WORDS = new Set(["yes", "y", "yeah", "yep", "ok", "co", "roi", "dung", "duoc", "tak", "t", "1", "da"]);
const NO_WORDS = new Set(["no", "n", "nope", "khong", "ko", "k", "chua", "nie", "0"]);

/** Yes or no in the three languages (`có`, `không`, `chưa`, `rồi`, `tak`, `nie`, `yes`, `no`…). */
export function parseYesNo(text: string): boolean | undefined {
  if (text.length > 30) return undefined;
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0 || words.length > 4) return undefined;
  if (words.some((w) => NO_WORDS.has(w))) return false;
  if (words.some((w) => YES_WORDS.has(w))) return true;
  return undefined;
}

const QUESTION_START =
  /^(ai|bao nhieu|bao lau|bao gio|khi nao|luc nao|tai sao|vi sao|the nao|nhu the nao|lam sao|lam the nao|o dau|cai gi|gi|co phai|co duoc|co can|co bat buoc|kto|co|kiedy|jak|ile|czy|gdzie|dlaczego|jaki|jaka|jakie|ktory|ktora|who|what|when|where|why|how|which|can|may|must|is|are|do|does|should|could|will)\b/;

/** A real question (it ends with "?" or starts with a question word): it goes to the question answerer. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  return t.endsWith("?") || QUESTION_START.test(fold(t));
}

const NOT_YET =
  /\b(chua|not yet|jeszcze nie|nie jeszcze|du kien|se|expected|planned|will|bedzie|planujemy|planowane)\b/;
const DONE =
  /\b(xong|hoan thanh|da lam|da nop|da gui|da ky|da to chuc|roi|zrobione|gotowe|zrobilismy|zrobilem|zrobilam|wyslane|podpisane|zlozone|zakonczone|done|finished|completed|sent|filed|signed|submitted)\b/;

/**
 * A free-text answer to a reminder: done (on a date) or not yet (expected on a date). Undefined unless the text
 * says which and gives a date: "Zrobione, podpisane wczoraj", "đã xong hôm qua", "chưa, dự kiến 20/4".
 */
export function parseReminderReply(
  text: string,
  today: string,
): { kind: "done" | "expected"; date: string } | undefined {
  if (text.length > 120) return undefined;
  const folded = fold(text);
  const found = findDate(text, today);
  if (!found) return undefined;
  if (NOT_YET.test(folded)) return { kind: "expected", date: found.date };
  if (DONE.test(folded)) return { kind: "done", date: found.date };
  return undefined;
}
