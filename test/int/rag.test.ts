import { cp, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { countChunks, getIndexModel } from "../../src/rag/chunk-store.ts";
import { LocalHashEmbeddings, OpenAIEmbeddings } from "../../src/rag/embeddings.ts";
import { ingestDirectory } from "../../src/rag/ingest.ts";
import { CorpusRetriever } from "../../src/rag/retriever.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeOpenAI } from "../helpers/fake-openai.ts";

const MINI_CORPUS = join(import.meta.dirname, "..", "fixtures", "corpus-mini");

describe.each(dbKinds())("ingestion and retrieval on %s", (kind) => {
  let db: Database;
  let dir: string;
  const embeddings = new LocalHashEmbeddings();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.pool.query("DELETE FROM documents");
    dir = await mkdtemp(join(tmpdir(), "daihoi-corpus-"));
    await cp(MINI_CORPUS, dir, { recursive: true });
  });

  const ingest = () => ingestDirectory({ pool: db.pool, embeddings }, dir);
  const retriever = () => new CorpusRetriever({ pool: db.pool, embeddings });

  it("indexes every file, then skips unchanged ones, replaces changed ones and removes deleted ones", async () => {
    const first = await ingest();
    expect(first.added.sort()).toEqual(["bang-thuat-ngu.vi.md", "chi-thi-mau.pl.md", "chi-thi-mau.vi.md"]);
    expect(first.chunks).toBeGreaterThan(5);
    const chunksAfterFirst = await countChunks(db.pool);
    expect(chunksAfterFirst).toBe(first.chunks);

    const second = await ingest();
    expect(second.unchanged).toHaveLength(3);
    expect(second.added.length + second.updated.length + second.chunks).toBe(0);

    // Touched but identical: not re-embedded (checksum matches).
    const future = new Date(Date.now() + 60_000);
    await utimes(join(dir, "bang-thuat-ngu.vi.md"), future, future);
    expect((await ingest()).unchanged).toHaveLength(3);

    // Changed: replaced, and its new text is what search finds.
    await writeFile(
      join(dir, "bang-thuat-ngu.vi.md"),
      "---\nid: thuat-ngu-mau\ntitle: Thuật ngữ\nlanguage: vi\n---\n# Thuật ngữ\n\n## Tổ công tác\n\nTổ công tác của thành phố giúp thẩm định văn kiện.\n",
    );
    await rm(join(dir, "chi-thi-mau.pl.md"));
    const third = await ingest();
    expect(third.updated).toEqual(["bang-thuat-ngu.vi.md"]);
    expect(third.removed).toEqual(["chi-thi-mau.pl.md"]);
    const { rows } = await db.pool.query("SELECT DISTINCT document_path FROM chunks ORDER BY 1");
    expect(rows.map((r) => r.document_path)).toEqual(["bang-thuat-ngu.vi.md", "chi-thi-mau.vi.md"]);
    const found = await retriever().retrieve("to cong tac tham dinh van kien", { lang: "vi" });
    expect(found[0]?.section).toBe("Thuật ngữ › Tổ công tác");
    const gone = await retriever().retrieve("chuan y ket qua bau cu", { lang: "vi" });
    expect(gone.every((c) => c.heading !== "Chuẩn y")).toBe(true);
  });

  it("finds accented text from a question typed without diacritics, with title, number and section", async () => {
    await ingest();
    const results = await retriever().retrieve("dai hoi dang bo co so co may noi dung", { lang: "vi" });
    expect(results[0]).toMatchObject({
      title: "Chỉ thị mẫu 99-CT/TW về đại hội (tài liệu kiểm thử)",
      number: "99-CT/TW",
      section: "Chỉ thị 99-CT/TW › II › 1",
      heading: "Bốn nội dung của đại hội",
      language: "vi",
    });
    expect(results[0]!.text).toContain("bầu đoàn đại biểu");
    expect(results[0]!.score).toBeGreaterThan(0);
    // Scores are best first.
    const scores = results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("prefers the asker's language when both editions match", async () => {
    await ingest();
    const pl = await retriever().retrieve("Zjazd 99-CT/TW cztery punkty", { lang: "pl" });
    expect(pl[0]?.language).toBe("pl");
    expect(pl[0]?.section).toBe("Dyrektywa 99-CT/TW › II › 1");
    const vi = await retriever().retrieve("99-CT/TW bon noi dung", { lang: "vi" });
    expect(vi[0]?.language).toBe("vi");
  });

  it("works as a LangChain retriever returning Documents", async () => {
    await ingest();
    const docs = await retriever().invoke("so du bau cu toi da bao nhieu");
    expect(docs[0]?.pageContent).toContain("30%");
    expect(docs[0]?.metadata.section).toBe("Chỉ thị 99-CT/TW › II › 3");
  });

  it("re-embeds everything when the embedding model changes, never mixing vectors", async () => {
    await ingest();
    expect((await getIndexModel(db.pool))?.model).toBe("local:hash-ngram-v2");
    // Local vectors live in their own 384-d column; the 1536-d one stays empty.
    const local = await db.pool.query<{ n: number; other: number }>(
      "SELECT count(embedding_local)::int AS n, count(embedding)::int AS other FROM chunks",
    );
    expect(local.rows[0]).toEqual({ n: await countChunks(db.pool), other: 0 });
    const fake = await startFakeOpenAI({ dimensions: 256 });
    try {
      const client = new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0, timeout: 5000 });
      const remote = new OpenAIEmbeddings({ client, model: "test-embed" });
      fake.queueModes("429", "500"); // retried by the SDK (its backoff, the server's Retry-After), then succeeds
      const report = await ingestDirectory({ pool: db.pool, embeddings: remote }, dir);
      expect(report.reembedded).toBe(true);
      expect(report.added).toHaveLength(3);
      expect(await getIndexModel(db.pool)).toEqual({ model: "openai:test-embed", dimensions: 256 });
      expect(fake.embeddingRequests.length).toBeGreaterThanOrEqual(3 + 2);
      // Every stored vector came from the new model (zero-padded 256 → 1536), none of the local ones is left.
      const { rows } = await db.pool.query<{ n: string; local: number }>(
        `SELECT count(*) FILTER (WHERE vector_norm(embedding) > 0.99 AND vector_norm(embedding) < 1.01) AS n,
                count(embedding_local)::int AS local FROM chunks`,
      );
      expect(Number(rows[0]!.n)).toBe(await countChunks(db.pool));
      expect(rows[0]!.local).toBe(0);
      const results = await new CorpusRetriever({ pool: db.pool, embeddings: remote }).retrieve(
        "dai hoi chi bo nua ngay",
        {
          lang: "vi",
        },
      );
      expect(results[0]?.heading).toBe("Thời gian đại hội");
    } finally {
      await fake.close();
    }
  });

  it("sees another ingest's changes at once: what it caches is keyed by the index's version, not a count", async () => {
    await ingest();
    const same = retriever();
    expect((await same.retrieve("chuan y ket qua bau cu", { lang: "vi" }))[0]?.heading).toBe("Chuẩn y");
    const before = (await db.pool.query("SELECT version FROM embedding_index")).rows[0].version;
    await writeFile(
      join(dir, "bang-thuat-ngu.vi.md"),
      "---\nid: thuat-ngu-mau\ntitle: Thuật ngữ\nlanguage: vi\n---\n# Thuật ngữ\n\n## Phê chuẩn kết quả\n\nPhê chuẩn kết quả bầu cử do cấp ủy cấp trên làm.\n",
    );
    await ingest();
    expect(Number((await db.pool.query("SELECT version FROM embedding_index")).rows[0].version)).toBeGreaterThan(
      Number(before),
    );
    const after = await same.retrieve("phe chuan ket qua bau cu", { lang: "vi" });
    expect(after[0]?.heading).toBe("Phê chuẩn kết quả");
  });

  it("rebuilds an index of an older search-text format, as it does for another model", async () => {
    await ingest();
    await db.pool.query("UPDATE embedding_index SET format = 1");
    const report = await ingest();
    expect(report.reembedded).toBe(true);
    expect(report.added).toHaveLength(3);
    expect((await db.pool.query("SELECT format FROM embedding_index")).rows[0].format).toBe(2);
  });

  it("searches each part of a two-part question, so both parts' passages are near the top", async () => {
    await ingest();
    const results = await retriever().retrieve("So du bau cu toi da bao nhieu, va chuan y la gi?", {
      lang: "vi",
      limit: 3,
    });
    const headings = results.map((r) => r.heading);
    expect(headings).toContain("Số dư khi bầu cử");
    expect(headings).toContain("Chuẩn y");
  });
});
