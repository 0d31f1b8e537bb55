import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { CORPUS_DIR } from "../../src/paths.ts";
import { CLOSE_MATCH, createMatcher, loadCuratedSeeds, WEAK_MATCH } from "../../src/rag/curated.ts";

const cell = {
  id: "1",
  variants: {
    vi: ["Đại hội chi bộ kéo dài tối đa bao lâu?", "Thời lượng đại hội chi bộ là bao lâu?"],
    pl: ["Jak długo trwa zjazd komórki partyjnej?"],
    en: ["How long may a party cell congress last?"],
  },
};
const grassroots = {
  id: "2",
  variants: {
    vi: ["Đại hội đảng bộ cơ sở kéo dài tối đa mấy ngày?"],
    pl: ["Ile dni trwa zjazd organizacji podstawowej?"],
    en: ["What is the maximum duration of a grassroots-level congress?"],
  },
};

describe("the curated answer matcher", () => {
  const match = createMatcher([cell, grassroots]);

  it("matches a variant typed with or without diacritics, or phrased a little differently", () => {
    for (const q of [
      "Đại hội chi bộ kéo dài tối đa bao lâu?",
      "dai hoi chi bo keo dai toi da bao lau",
      "Đại hội chi bộ kéo dài bao lâu ạ?",
    ]) {
      const hit = match(q, "vi");
      expect({ q, id: hit?.answer.id, close: (hit?.score ?? 0) >= CLOSE_MATCH }).toEqual({ q, id: "1", close: true });
    }
    expect(match("jak dlugo trwa zjazd komorki partyjnej", "vi")?.answer.id).toBe("1");
  });

  it("does not answer the question about another body with the first one's answer", () => {
    const hit = match("Đại hội đảng bộ cơ sở kéo dài tối đa bao lâu?", "vi");
    expect(hit?.answer.id).toBe("2");
    const wrong = createMatcher([cell])("Đại hội đảng bộ cơ sở kéo dài tối đa bao lâu?", "vi");
    expect((wrong?.score ?? 0) < CLOSE_MATCH).toBe(true);
  });

  it("finds nothing for an unrelated question", () => {
    expect(match("Ai chuẩn y kết quả bầu cử?", "vi")).toBeUndefined();
    expect(WEAK_MATCH).toBeLessThan(CLOSE_MATCH);
  });
});

describe("loadCuratedSeeds", () => {
  it("reads the shipped seed file: every answer in the three languages, within one screen, with sources", async () => {
    const seeds = await loadCuratedSeeds(join(CORPUS_DIR, "short-answers.json"));
    expect(seeds.length).toBeGreaterThanOrEqual(36);
    for (const s of seeds) {
      for (const lang of ["vi", "pl", "en"] as const) {
        expect(s.texts[lang].length).toBeLessThanOrEqual(450);
        expect(s.variants[lang].length).toBeGreaterThan(0);
      }
      expect(s.sources.length).toBeGreaterThan(0);
    }
  });

  it("refuses a file with a missing language or a key used twice, naming the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "daihoi-seeds-"));
    const entry = {
      key: "a-key",
      variants: { vi: ["Câu hỏi?"], pl: ["Pytanie?"], en: ["Question?"] },
      texts: { vi: "Câu trả lời đủ dài.", pl: "Odpowiedź dość długa.", en: "A long enough answer." },
      sources: [{ doc: "d", section: "I › 1" }],
      confidence: "high",
    };
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify([{ ...entry, texts: { vi: "Câu trả lời đủ dài." } }]));
    await expect(loadCuratedSeeds(bad)).rejects.toThrow(/texts\.pl/);
    const twice = join(dir, "twice.json");
    writeFileSync(twice, JSON.stringify([entry, entry]));
    await expect(loadCuratedSeeds(twice)).rejects.toThrow(AppError);
    await expect(loadCuratedSeeds(twice)).rejects.toThrow(/a-key is used twice/);
  });
});
