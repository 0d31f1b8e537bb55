import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/rag/language.ts";

describe("detectLanguage", () => {
  it("recognises accented Vietnamese", () => {
    expect(detectLanguage("Đại hội chi bộ kéo dài tối đa bao lâu?")).toBe("vi");
    expect(detectLanguage("Ai chủ trì đại hội?")).toBe("vi");
  });

  it("recognises Vietnamese typed without diacritics", () => {
    expect(detectLanguage("dai hoi chi bo keo dai toi da bao lau")).toBe("vi");
    expect(detectLanguage("thoi gian to chuc dai hoi dang bo co so")).toBe("vi");
  });

  it("recognises Polish typed without diacritics", () => {
    expect(detectLanguage("ile dni trwa zjazd")).toBe("pl");
    expect(detectLanguage("Jak dlugo moze trwac zjazd komorki partyjnej?")).toBe("pl");
  });

  it("recognises Polish with diacritics that Vietnamese does not use", () => {
    expect(detectLanguage("Ile trwa zjazd partii? Może dwa dni, łącznie z wyborami")).toBe("pl");
  });

  // BUG (src/rag/language.ts): VI_MARKS contains "ó", which is also a common Polish letter (komórki, który,
  // wybór), and is tested before PL_MARKS, so any Polish question with "ó" is classified as Vietnamese.
  it.fails("recognises Polish containing ó (shared with Vietnamese) as Polish", () => {
    expect(detectLanguage("Jak długo może trwać zjazd komórki partyjnej?")).toBe("pl");
  });

  it.fails("recognises a Polish question whose only diacritic is ó as Polish", () => {
    expect(detectLanguage("Kto wybiera sekretarza komórki?")).toBe("pl");
  });

  it("recognises English", () => {
    expect(detectLanguage("How long can a party cell congress last?")).toBe("en");
    expect(detectLanguage("Who can be elected secretary?")).toBe("en");
  });

  it("returns undefined when it cannot tell", () => {
    expect(detectLanguage("ok")).toBeUndefined();
    expect(detectLanguage("123")).toBeUndefined();
    expect(detectLanguage("")).toBeUndefined();
    expect(detectLanguage("?!")).toBeUndefined();
  });
});
