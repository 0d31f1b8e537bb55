import type { Lang } from "../config.ts";
import { tokenize } from "./normalize.ts";

// Vietnamese letters, less "ó", which Polish has too (a text whose only mark is ó goes to word counting).
const VI_MARKS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
const PL_MARKS = /[ąćęłńśźż]/iu;

// Frequent words that tell the languages apart when the text has no diacritics (folded forms).
const WORDS: Record<Lang, Set<string>> = {
  vi: new Set(
    "dai hoi chi bo dang uy cap la cua va cac nhung khong co duoc bao nhieu may ngay thang nam nao gi the nao bi thu phai trong khi sau truoc thoi gian ke hoach noi dung bau nhiem ky ban chap hanh uy vien thuong vu van kien nhan su huong dan toi da keo dai lau".split(
      " ",
    ),
  ),
  pl: new Set(
    "jak czy jest sa sie nie ile kiedy ktory ktora ktore dla przez moze musi trzeba zjazd zjazdu komorki komorka partii partyjnej sekretarz sekretarza wybory dni termin do na w z o co jaki jaka jakie jakim dlugo najdluzej trwac trwa".split(
      " ",
    ),
  ),
  en: new Set(
    "the how what when which who is are does do can may must should of to for a an congress party cell committee secretary long last days deadline election elect term with by".split(
      " ",
    ),
  ),
};

/**
 * Guesses the language of a question: diacritics first (a Vietnamese or Polish letter settles it), then the
 * share of frequent words. Returns undefined when it cannot tell; the caller then uses the chat's language.
 */
export function detectLanguage(input: string): Lang | undefined {
  // Keyboards that type combining marks (Unikey "Unicode tổ hợp", macOS) send NFD: compose first.
  const text = input.normalize("NFC");
  // Polish letters first: Polish shares "ó" with Vietnamese, but ą ć ę ł ń ś ź ż are Polish only.
  if (PL_MARKS.test(text)) return "pl";
  if (VI_MARKS.test(text)) return "vi";
  const tokens = tokenize(text);
  if (tokens.length === 0) return undefined;
  const scores = (Object.keys(WORDS) as Lang[]).map((lang) => ({
    lang,
    score: tokens.filter((t) => WORDS[lang].has(t)).length,
  }));
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score === 0) return undefined;
  if (second && best.score === second.score) return undefined;
  return best.lang;
}
