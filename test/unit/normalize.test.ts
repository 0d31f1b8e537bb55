import { describe, expect, it } from "vitest";
import { contentTokens, foldText, tokenize } from "../../src/rag/normalize.ts";

describe("foldText", () => {
  it("folds Vietnamese with tone marks and đ/Đ to plain ASCII", () => {
    expect(foldText("Đại hội đảng bộ cơ sở")).toBe("dai hoi dang bo co so");
  });

  it("folds every Vietnamese vowel with every tone mark", () => {
    const vowels: Record<string, string> = {
      a: "aàáảãạăằắẳẵặâầấẩẫậ",
      e: "eèéẻẽẹêềếểễệ",
      i: "iìíỉĩị",
      o: "oòóỏõọôồốổỗộơờớởỡợ",
      u: "uùúủũụưừứửữự",
      y: "yỳýỷỹỵ",
      d: "dđ",
    };
    for (const [plain, variants] of Object.entries(vowels)) {
      for (const ch of variants) {
        expect(foldText(ch), `lower ${ch}`).toBe(plain);
        expect(foldText(ch.toUpperCase()), `upper ${ch}`).toBe(plain);
      }
    }
  });

  it("folds Polish letters, including ł which has no Unicode decomposition", () => {
    expect(foldText("Łódź, Gdańsk, Śląsk, żółć, gęś, źródło")).toBe("lodz, gdansk, slask, zolc, ges, zrodlo");
    expect(foldText("ZAŻÓŁĆ GĘŚLĄ JAŹŃ")).toBe("zazolc gesla jazn");
  });

  it("gives the same result for NFC and NFD input", () => {
    const text = "Ban chấp hành Đảng bộ tỉnh Thanh Hóa khóa XIX; Zjazd komórki partyjnej";
    const nfc = text.normalize("NFC");
    const nfd = text.normalize("NFD");
    expect(nfc).not.toBe(nfd); // the test is meaningful only if the two forms differ
    expect(foldText(nfd)).toBe(foldText(nfc));
    expect(foldText(nfd)).toBe("ban chap hanh dang bo tinh thanh hoa khoa xix; zjazd komorki partyjnej");
  });

  it("leaves only ASCII for Vietnamese text", () => {
    const folded = foldText("Chỉ thị số 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội XIV");
    expect(folded).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe("tokenize", () => {
  it('splits "35-CT/TW" into number and letters', () => {
    expect(tokenize("35-CT/TW")).toEqual(["35", "ct", "tw"]);
  });

  it("folds tokens and drops punctuation", () => {
    expect(tokenize("Chỉ thị 35-CT/TW, ngày 14/6/2024.")).toEqual([
      "chi",
      "thi",
      "35",
      "ct",
      "tw",
      "ngay",
      "14",
      "6",
      "2024",
    ]);
  });

  it("returns no tokens for punctuation only", () => {
    expect(tokenize(" — ?!... ")).toEqual([]);
  });
});

describe("contentTokens", () => {
  it("drops Vietnamese function words but keeps the syllables of key terms", () => {
    const tokens = contentTokens("Đại hội chi bộ của đảng bộ cơ sở có được bầu ban chấp hành không?", "vi");
    // đảng, hội, cơ (sở), chi (bộ), ban (chấp hành) fold to words that also have function-word readings;
    // they must survive because they carry the topic.
    for (const kept of ["dai", "hoi", "chi", "bo", "dang", "co", "so", "bau", "ban", "chap", "hanh"]) {
      expect(tokens).toContain(kept);
    }
    for (const dropped of ["cua", "duoc", "khong"]) expect(tokens).not.toContain(dropped);
  });

  it("removes duplicates and keeps first-seen order", () => {
    expect(contentTokens("đại hội chi bộ, đại hội đảng bộ", "vi")).toEqual(["dai", "hoi", "chi", "bo", "dang"]);
  });

  it("uses the stopwords of the given language only", () => {
    expect(contentTokens("How long does the party cell congress last?", "en")).toEqual([
      "long",
      "party",
      "cell",
      "congress",
      "last",
    ]);
    expect(contentTokens("Jak długo może trwać zjazd komórki?", "pl")).toEqual(["dlugo", "trwac", "zjazd", "komorki"]);
    // "the" is an English stopword, not a Polish one; "jak" is Polish, not English.
    expect(contentTokens("the jak", "pl")).toEqual(["the"]);
    expect(contentTokens("the jak", "en")).toEqual(["jak"]);
  });
});
