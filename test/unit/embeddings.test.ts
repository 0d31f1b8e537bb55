import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { INDEX_DIMENSIONS, LOCAL_DIMENSIONS, LocalHashEmbeddings, padVector } from "../../src/rag/embeddings.ts";

const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

describe("LocalHashEmbeddings", () => {
  const embeddings = new LocalHashEmbeddings();

  it("is deterministic: the same text always gives the same vector", async () => {
    const text = "Đại hội chi bộ trực thuộc được tổ chức trong nửa ngày.";
    const a = await embeddings.embedQuery(text);
    const b = await new LocalHashEmbeddings().embedQuery(text);
    const [c] = await embeddings.embedDocuments([text]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("gives 384-dimensional unit vectors, stored in the local column, also for empty text", async () => {
    const vectors = await embeddings.embedDocuments(["Đại hội chi bộ", "bầu cử", "", "?!"]);
    expect(embeddings.dimensions).toBe(384);
    expect(embeddings.storedDimensions).toBe(LOCAL_DIMENSIONS);
    expect(embeddings.modelId).toBe("local:hash-ngram-v2");
    for (const v of vectors) {
      expect(v).toHaveLength(LOCAL_DIMENSIONS);
      expect(norm(v)).toBeCloseTo(1, 9);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it("matches a question typed without diacritics to the accented text", async () => {
    const [query, same, other] = await Promise.all(
      ["dai hoi chi bo", "Đại hội chi bộ", "bầu cử ban chấp hành"].map((t) => embeddings.embedQuery(t)),
    );
    // Folding makes the first two identical; the third shares no word with the question.
    expect(cosine(query!, same!)).toBeCloseTo(1, 9);
    expect(cosine(query!, other!)).toBeLessThan(0.2);
  });

  it("ranks the passage that answers the question first", async () => {
    const passages = [
      "Bầu cử ban chấp hành đảng bộ bằng phiếu kín.",
      "Đại hội chi bộ trực thuộc được tổ chức trong nửa ngày.",
      "Zjazd komórki partyjnej trwa jeden dzień.",
    ];
    const vectors = await embeddings.embedDocuments(passages);
    const rank = async (question: string) => {
      const q = await embeddings.embedQuery(question);
      return vectors.map((v, i) => ({ i, s: cosine(q, v) })).sort((a, b) => b.s - a.s)[0]!.i;
    };
    expect(await rank("dai hoi chi bo keo dai bao lau")).toBe(1);
    expect(await rank("bau ban chap hanh nhu the nao")).toBe(0);
  });
});

describe("padVector", () => {
  it("pads a shorter vector with zeros to the index size", () => {
    const padded = padVector([0.6, 0.8]);
    expect(padded).toHaveLength(INDEX_DIMENSIONS);
    expect(padded.slice(0, 2)).toEqual([0.6, 0.8]);
    expect(padded.slice(2).every((v) => v === 0)).toBe(true);
    expect(padVector([1, 2, 3], 5)).toEqual([1, 2, 3, 0, 0]);
  });

  it("leaves a vector of the right size unchanged", () => {
    const v = Array.from({ length: INDEX_DIMENSIONS }, (_, i) => i);
    expect(padVector(v)).toEqual(v);
  });

  it("refuses a longer vector with an AppError that gives both sizes", () => {
    const long = new Array<number>(3072).fill(0.1);
    expect(() => padVector(long)).toThrow(AppError);
    expect(() => padVector(long)).toThrow(/3072.*1536/);
  });
});
