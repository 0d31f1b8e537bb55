import type { Lang } from "../config.ts";

/**
 * Text folding for search: NFC → lowercase → strip combining marks (NFD) → đ→d, ł→l (letters that are not
 * "base + mark" in Unicode). "Đại hội đảng bộ" and "dai hoi dang bo" fold to the same string, so a question
 * typed without diacritics finds the accented text.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/đ/g, "d")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .normalize("NFC");
}

/** Folded word tokens (letters and digits; "35-CT/TW" → "35", "ct", "tw"). */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Function words that carry no topic, per language, in folded form. Kept short on purpose: folding makes many
// Vietnamese syllables ambiguous ("dang" is both đang "currently" and đảng "party"; "co" is có and cơ in cơ sở),
// so only syllables that are function words in every reading are listed.
const STOPWORDS: Record<Lang, Set<string>> = {
  vi: new Set(
    "la cua va cac nhung ma voi khong duoc nay gi nao vay nhe hay xin nhieu sao em anh phai khi den theo nhu mot may o a oi".split(
      " ",
    ),
  ),
  en: new Set(
    "the a an of to in on for and or is are was be by with what which who how when does do did can may must should i we our my it its at as from that this there much many please tell me about have has will under according per into s".split(
      " ",
    ),
  ),
  pl: new Set(
    "i w z na do o sie nie jak czy jest sa to co ile dla od po przez ze jaki jaka jakie kiedy ktory ktora ktore moze musi trzeba prosze mi a lub albo tak byc jego jej ich go wedlug nasz nasza nasze czego czym".split(
      " ",
    ),
  ),
};

export function isStopword(token: string, lang: Lang): boolean {
  return STOPWORDS[lang].has(token);
}

/** Content tokens of a query in `lang`: folded, stopwords dropped, duplicates removed, order kept. */
export function contentTokens(text: string, lang: Lang): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (isStopword(token, lang) || seen.has(token)) continue;
    seen.add(token);
    out.push(token);
  }
  return out;
}

/**
 * A crude stem for matching inflected words: Polish words cut to their first 5 letters (zjazd, zjazdu, zjazdy →
 * "zjazd"; wzorcowe, wzorcowy → "wzorc"), an infinitive's -ć dropped first (trwać → "trwa", as in trwa, trwania),
 * English plural and -ed/-ing endings dropped. Vietnamese words do not inflect: unchanged.
 */
export function stem(token: string, lang: Lang): string {
  if (lang === "pl") {
    const base = token.length > 4 ? token.replace(/([aeiouy])c$/, "$1") : token;
    return base.length > 5 ? base.slice(0, 5) : base;
  }
  if (lang === "en" && token.length > 4) return token.replace(/(ies|es|s|ed|ing)$/, "");
  return token;
}
