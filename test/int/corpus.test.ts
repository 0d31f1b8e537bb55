import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../src/paths.ts";
import type { Database } from "../../src/db/pool.ts";
import { LocalHashEmbeddings } from "../../src/rag/embeddings.ts";
import { ingestDirectory } from "../../src/rag/ingest.ts";
import { loadDocument } from "../../src/rag/loaders.ts";
import { makeAnswerer } from "../helpers/app-fixture.ts";
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

  describe("answering from it offline", () => {
    let db: Database;
    beforeAll(async () => {
      db = await openTestDatabase("pglite");
      await ingestDirectory({ pool: db.pool, embeddings: new LocalHashEmbeddings() }, CORPUS_DIR);
    });
    afterAll(async () => {
      await db.close();
    });

    it("quotes the section on the four contents of a congress for the question typed without diacritics", async () => {
      const answer = await makeAnswerer(db).answer("dai hoi dang bo co so phai thuc hien may noi dung", { lang: "vi" });
      expect(answer.mode).toBe("extractive");
      expect(answer.sources[0]).toMatchObject({ number: "35-CT/TW", heading: "Bốn nội dung của đại hội" });
      expect(answer.answer).toContain("Bầu đoàn đại biểu đi dự đại hội cấp trên");
    });

    it("answers a Polish question from the Polish edition", async () => {
      const answer = await makeAnswerer(db).answer("Jakie są cztery punkty zjazdu partyjnego?", { lang: "pl" });
      expect(answer.sources[0]?.language).toBe("pl");
      expect(answer.answer).toContain("Dosłowne cytaty");
    });

    it("refuses a question the corpus has nothing about", async () => {
      const answer = await makeAnswerer(db).answer("What will the weather be like tomorrow?", { lang: "en" });
      expect(answer.mode).toBe("none");
    });
  });
});
