import type { Lang } from "../config.ts";
import { foldText, tokenize } from "./normalize.ts";

/**
 * Questions the bot declines before looking anything up:
 * - "personnel": who will be elected, appointed or promoted, a named person's prospects. The documents say how
 *   personnel work is done, never who; a guess here would be a rumour with the bot's name on it.
 * - "off-topic": weather, sport, prices… — also when the question names Thanh Hóa or a party word, which share
 *   letters with the corpus and used to slip past the relevance check.
 * Pure and deterministic, so it is tested word for word and works the same with or without a language model.
 */
export type Refusal = "personnel" | "off-topic";

export type Classification = { refusal?: Refusal; rule?: string };

// Everything below is matched against folded text (lowercase, no diacritics, đ → d), padded with spaces, so
// " ai se la " also finds "Ai sẽ là…". Each rule is named so a test (and a log line) can say which one fired.

/** Offices and seats a personnel question asks about (folded). */
const OFFICE_VI =
  "(bi thu|pho bi thu|chu tich|pho chu tich|uy vien|cap uy vien|chi uy vien|thuong vu|truong ban|pho ban|giam doc|chu nhiem|tong bi thu|thu tuong)";
const OUTCOME_VI = "(bau|trung cu|tai cu|bo nhiem|de bat|chi dinh|co cau|quy hoach|thang chuc|len chuc|luan chuyen)";
const OFFICE_EN = "(secretary|deputy secretary|chair|chairman|chairwoman|leader|head|member of)";
const OUTCOME_EN = "((re )?elected|appointed|promoted|chosen|picked|nominated)";
const OFFICE_PL = "(sekretarz|zastepc|przewodniczac|czlonki?e?m komitetu|szef)";

/**
 * Each rule names a person-shaped outcome, not a procedure: "ai sẽ là bí thư" (who will be secretary) is refused,
 * "ai chủ trì đại hội" (who chairs the congress) and "ai bầu bí thư" (who elects the secretary) are not.
 */
const PERSONNEL_RULES: Record<Lang, [string, RegExp][]> = {
  vi: [
    ["vi-who-will-be", new RegExp(` ai se (la|lam|tro thanh|len|vao) .{0,12}${OFFICE_VI} `)],
    ["vi-who-will-get", new RegExp(` ai (se|sap) (duoc|trung) ${OUTCOME_VI} `)],
    ["vi-who-will-take", new RegExp(` ai se (thay|ke nhiem|giu|ngoi|nam|dam nhiem) `)],
    [
      "vi-who-new-term",
      new RegExp(` ai (la|lam|giu) ${OFFICE_VI} .{0,40}(khoa|nhiem ky) (toi|moi|sap toi|tiep theo|sau) `),
    ],
    ["vi-office-who", new RegExp(` ${OFFICE_VI} .{0,40}(khoa|nhiem ky) (toi|sap toi|tiep theo|moi) (la|se la) ai `)],
    [
      "vi-prospects",
      / (kha nang|trien vong|co cua|du doan|doan xem|co hy vong|co hi vong) .{0,40}(bau|trung cu|tai cu|bo nhiem|de bat|len|lam) /,
    ],
    ["vi-list", / (danh sach|ten) (nhan su|ung vien|nguoi) (du kien|cu the|da chot|duoc chot|se duoc) /],
    // "Đồng chí Lê Văn A có được tái cử không?" — an outcome and a person's name (checked on the original text).
    ["vi-named-prospect", new RegExp(` (co|lieu|se) (duoc )?(${OUTCOME_VI}|lam ${OFFICE_VI}|len ${OFFICE_VI}) `)],
  ],
  pl: [
    [
      "pl-who-will-be",
      new RegExp(` kto (zostanie|bedzie) (nowym |kolejnym |nastepnym )?(${OFFICE_PL}|wybran|mianowan|awansowan)`),
    ],
    ["pl-who-will-take", / kto (obejmie|wygra wybory|zastapi|przejmie) /],
    ["pl-whom", / kogo (wybiora|mianuja|powolaja|awansuja|wybierze) /],
    ["pl-prospects", / (szanse|szansa|prognoz|przewidujesz) .{0,40}(wybor|wybran|mianow|awans|stanowisk|sekretarz)/],
    ["pl-named-prospect", / czy .{1,40} (zostanie|bedzie) (ponownie )?(wybran|mianowan|awansowan|sekretarz)/],
  ],
  en: [
    [
      "en-who-will-be",
      new RegExp(
        ` who (will|is going to|s going to|ll|would) (be|become|get) (the )?(next |new )?(city |provincial |ward |commune |cell )?(party )?(${OFFICE_EN}|${OUTCOME_EN}) `,
      ),
    ],
    ["en-who-will-take", / who (will|is going to|s going to|ll|would) (win|replace|succeed|take over) /],
    [
      "en-who-is-next",
      new RegExp(` who (is|s) (the )?next (city |provincial |ward |commune |cell )?(party )?${OFFICE_EN} `),
    ],
    ["en-prospects", new RegExp(` (chances|prospects|odds|likely) .{0,40}(${OUTCOME_EN}|win|secretary) `)],
    ["en-named-prospect", new RegExp(` (will|would|could|is) .{1,40} (be|get|going to be) ${OUTCOME_EN} `)],
  ],
};

/**
 * Topics that are not congress procedure. Multi-word and unambiguous once folded ("thoi tiet", not "mua", which is
 * mưa "rain", mua "buy" and mùa "season"); single Vietnamese words are listed with their diacritics and matched on
 * the unfolded text.
 */
const OFF_TOPIC_FOLDED: Record<Lang, string[]> = {
  vi: [
    "thoi tiet",
    "du bao thoi tiet",
    "nhiet do",
    "troi mua",
    "co mua",
    "mua bao",
    "mua rao",
    "nang nong",
    "gio mua",
    "bong da",
    "tran dau",
    "ty so",
    "ti so",
    "doi tuyen",
    "world cup",
    "sea games",
    "gia vang",
    "gia xang",
    "gia ca",
    "chung khoan",
    "co phieu",
    "xo so",
    "ket qua xo so",
    "lich chieu",
    "bo phim",
    "xem phim",
    "bai hat",
    "ca si",
    "nau an",
    "mon an",
    "cong thuc nau",
    "tu vi",
    "phong thuy",
    "hop tuoi",
    "ket xe",
    "tac duong",
    "dat ve",
    "ve may bay",
    "khach san",
    "nha hang",
    "mua nha",
    "gia dat",
    "lai suat",
    "ty gia",
  ],
  pl: [
    "pogoda",
    "pogody",
    "pogode",
    "prognoza pogody",
    "deszcz",
    "temperatur",
    "mecz",
    "meczu",
    "pilka nozna",
    "pilki noznej",
    "wynik meczu",
    "kurs walut",
    "cena zlota",
    "ceny paliw",
    "gielda",
    "akcje spolki",
    "loteri",
    "lotto",
    "horoskop",
    "przepis na",
    "film",
    "kino",
    "restaurac",
    "hotel",
    "korki",
  ],
  en: [
    "weather",
    "forecast",
    "rain",
    "raining",
    "temperature",
    "football",
    "soccer",
    "world cup",
    "score of",
    "gold price",
    "price of gold",
    "fuel price",
    "stock market",
    "shares of",
    "lottery",
    "horoscope",
    "recipe",
    "movie",
    "film",
    "song",
    "singer",
    "restaurant",
    "hotel",
    "traffic jam",
    "flight",
    "exchange rate",
    "football match",
  ],
};
const OFF_TOPIC_ACCENTED = ["mưa", "nắng", "bão", "lũ lụt", "trận đấu", "giá vàng", "thời tiết"];

export function classifyQuestion(question: string, lang: Lang): Classification {
  const folded = ` ${tokenize(question).join(" ")} `;
  // Every language's rules: a question's language cannot always be told, and the patterns do not overlap.
  const rules = [lang, ...(["vi", "pl", "en"] as const).filter((x) => x !== lang)].flatMap((l) => PERSONNEL_RULES[l]);
  for (const [rule, pattern] of rules) {
    if (!pattern.test(folded)) continue;
    // A named-person rule needs a name: two or more capitalised words after a title or inside the sentence.
    if (rule.endsWith("named-prospect") && !namesSomeone(question)) continue;
    return { refusal: "personnel", rule };
  }
  const original = ` ${question.normalize("NFC").toLocaleLowerCase("vi")} `;
  for (const word of OFF_TOPIC_ACCENTED) {
    if (new RegExp(`[^\\p{L}]${word}[^\\p{L}]`, "u").test(original)) return { refusal: "off-topic", rule: word };
  }
  // The other languages' lists too: a Polish question may quote an English word, a Vietnamese one "world cup".
  for (const l of [lang, ...(["vi", "pl", "en"] as const).filter((x) => x !== lang)]) {
    for (const phrase of OFF_TOPIC_FOLDED[l]) {
      if (l !== lang && phrase.length < 6) continue;
      if (folded.includes(` ${foldText(phrase)}`)) return { refusal: "off-topic", rule: phrase };
    }
  }
  return {};
}

// Capitalised words that are not names: places, bodies and documents the corpus itself names.
const NOT_NAMES = new Set(
  tokenize(
    "Thanh Hóa Đông Sơn Thiệu Dương Đông Thịnh Đông Quang Đông Hải Hạc Thành Nghệ An Hải Dương Hà Nội Việt Nam " +
      "Ban Tổ chức Thành ủy Tỉnh ủy Trung ương Bộ Chính trị Ban Bí thư Chỉ thị Kết luận Quy định Kế hoạch " +
      "Directive Conclusion Regulation Plan Party Committee City Province Dyrektywa Konkluzja Plan Komitet Partia Miasto",
  ),
);

/** True when the text has a person's name: two or more capitalised words in a row that are not places or bodies. */
export function namesSomeone(text: string): boolean {
  const words = text
    .normalize("NFC")
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  let run = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const capital = /^\p{Lu}\p{Ll}+$/u.test(word) && !NOT_NAMES.has(foldText(word));
    run = capital ? run + 1 : 0;
    if (run >= 2) return true;
  }
  return false;
}
