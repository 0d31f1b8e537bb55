import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../src/paths.ts";
import type { Database } from "../../src/db/pool.ts";
import { LocalHashEmbeddings } from "../../src/rag/embeddings.ts";
import { ingestDirectory } from "../../src/rag/ingest.ts";
import { loadDocument } from "../../src/rag/loaders.ts";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import { createAnswerer } from "../../src/rag/answer.ts";
import { loadCuratedSeeds } from "../../src/rag/curated.ts";
import { createCuratedMatcher } from "../../src/rag/curated-store.ts";
import { loadPrompts } from "../../src/rag/prompts.ts";
import { CorpusRetriever } from "../../src/rag/retriever.ts";
import { openTestDatabase } from "../helpers/db.ts";

describe("the shipped corpus", () => {
  it("has a Polish and an English edition of every Vietnamese document, section for section", async () => {
    const files = (await readdir(CORPUS_DIR)).filter((f) => f.endsWith(".md") && f !== "README.md");
    const vi = files.filter((f) => f.endsWith(".vi.md"));
    expect(vi.length).toBeGreaterThanOrEqual(8);
    for (const file of vi) {
      const reference = await loadDocument(join(CORPUS_DIR, file), file);
      const paths = (d: Awaited<ReturnType<typeof loadDocument>>) => d.chunks.map((c) => c.path.slice(1).join("/"));
      for (const lang of ["pl", "en"] as const) {
        const other = file.replace(".vi.md", `.${lang}.md`);
        expect(files).toContain(other);
        const edition = await loadDocument(join(CORPUS_DIR, other), other);
        expect(edition.meta.docId).toBe(reference.meta.docId);
        expect(edition.meta.language).toBe(lang);
        expect(paths(edition)).toEqual(paths(reference));
      }
    }
  });

  describe("answering from it offline, with its curated short answers", () => {
    let db: Database;
    let seeded: Awaited<ReturnType<typeof ingestDirectory>>;
    const answerer = () =>
      createAnswerer({
        retriever: new CorpusRetriever({ pool: db.pool, embeddings: new LocalHashEmbeddings() }),
        translate: translator(createI18n()),
        prompts: loadPrompts(),
        curated: createCuratedMatcher(db.pool),
      });
    beforeAll(async () => {
      db = await openTestDatabase("pglite");
      seeded = await ingestDirectory({ pool: db.pool, embeddings: new LocalHashEmbeddings() }, CORPUS_DIR);
    });
    afterAll(async () => {
      await db.close();
    });

    it("loads every curated short answer: all rest on sections the corpus has; a second ingest changes nothing", async () => {
      const seeds = await loadCuratedSeeds(join(CORPUS_DIR, "short-answers.json"));
      expect(seeds.length).toBeGreaterThanOrEqual(36);
      expect(seeded.failed).toEqual([]);
      expect(seeded.curated?.added).toHaveLength(seeds.length);
      const again = await ingestDirectory({ pool: db.pool, embeddings: new LocalHashEmbeddings() }, CORPUS_DIR);
      expect(again.curated).toMatchObject({ added: [], updated: [], withdrawn: [] });
      expect(again.curated?.unchanged).toHaveLength(seeds.length);
    });

    it("opens with the sentence that answers, then one source line", async () => {
      const answer = await answerer().answer("dai hoi dang bo co so phai thuc hien may noi dung", { lang: "vi" });
      expect(answer.mode).not.toBe("none");
      expect(answer.answer.length).toBeLessThan(700);
      expect(answer.summary).toMatch(/bốn nội dung/i);
      expect(answer.answer).toMatch(/\n\n(📄|📌) [^\n]+$/);
    });

    it.each([
      ["Đại hội chi bộ kéo dài tối đa bao lâu?", "vi", "nửa ngày"],
      ["Chi ủy được bầu tối đa bao nhiêu người?", "vi", "không quá 7"],
      ["Kiedy musi się zakończyć zjazd podstawowej organizacji partyjnej?", "pl", "30/6/2025"],
      ["How long can a grassroots Party congress last, and by when must it finish?", "en", "30 June 2025"],
    ] as const)("%s → the first screen has %s", async (question, lang, fact) => {
      const answer = await answerer().answer(question, { lang });
      expect(answer.answer.split("\n\n📄")[0]!.split("\n\n📌")[0]).toContain(fact);
    });

    it("answers a Polish question from the Polish edition, saying it is an excerpt", async () => {
      const answer = await answerer().answer("Jakie są cztery punkty zjazdu partyjnego w Dyrektywie 35?", {
        lang: "pl",
      });
      expect(answer.sources[0]?.language).toBe("pl");
      expect(answer.answer).toMatch(/Odpowiedź z fragmentu dokumentu|Przygotowana krótka odpowiedź/);
    });

    it("refuses a question the corpus has nothing about, the weather and the personnel question", async () => {
      const none = await answerer().answer("Which bank account pays the delegates' lunch?", { lang: "en" });
      const weather = await answerer().answer("Thời tiết Thanh Hóa ngày mai thế nào?", { lang: "vi" });
      const personnel = await answerer().answer("Ai sẽ là bí thư thành ủy nhiệm kỳ tới?", { lang: "vi" });
      expect([none.refusal, weather.refusal, personnel.refusal]).toEqual(["not-covered", "off-topic", "personnel"]);
      expect(personnel.sources).toEqual([]);
    });

    it("says when the documents cover a question only partly, and which part they do not", async () => {
      const gap = await answerer().answer("don vi phai gui du thao van kien cho to cong tac truoc bao nhieu ngay", {
        lang: "vi",
      });
      expect(gap.partial).toBe(true);
      // Said in the curated answer's own words, or by the note under an excerpt.
      expect(gap.answer).toMatch(/không có trong tài liệu|Tài liệu chỉ có một phần thông tin về việc này/);
      expect(gap.answer).toContain("Ban Tổ chức Thành ủy");
      const twoParts = await answerer().answer(
        "Đại hội đảng bộ cơ sở tối đa mấy ngày, và hồ sơ nhân sự gồm những giấy tờ gì?",
        { lang: "vi" },
      );
      expect(twoParts.summary).toContain("2 ngày");
      expect(twoParts.partial || Boolean(twoParts.uncovered?.length)).toBe(true);
    });
  });
});
