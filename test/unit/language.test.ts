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

  it("recognises Polish containing ó (a letter Vietnamese also uses) as Polish", () => {
    expect(detectLanguage("Jak długo może trwać zjazd komórki partyjnej?")).toBe("pl");
  });

  // "ó" is shared by Polish and Vietnamese: when it is a Polish question's only diacritic (który, wybór,
  // komórki…), the question must still be answered in Polish.
  it("recognises a Polish question whose only diacritic is ó as Polish", () => {
    expect(detectLanguage("Kto wybiera sekretarza komórki?")).toBe("pl");
  });

  // Vietnamese typed with a combining-marks keyboard (Unikey "Unicode tổ hợp") or pasted from
  // macOS arrives in NFD and must be recognised as well.
  it("gives the same language for NFD input as for NFC", () => {
    const question = "Ai chủ trì?";
    expect(detectLanguage(question.normalize("NFC"))).toBe("vi");
    expect(detectLanguage(question.normalize("NFD"))).toBe("vi");
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
