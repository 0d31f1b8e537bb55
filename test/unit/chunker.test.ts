import { describe, expect, it } from "vitest";
import { chunkMarkdown, chunkPlainText, parseMarker, splitLong, type Chunk } from "../../src/rag/chunker.ts";

const ROOT = "Chỉ thị 35-CT/TW";

const MARKDOWN = `# Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp

Bộ Chính trị yêu cầu các cấp ủy tổ chức tốt đại hội.
<!-- facts: F000 -->

## I. Mục đích, yêu cầu

Đại hội là sinh hoạt chính trị sâu rộng.

### 1. Đánh giá đúng tình hình

Đánh giá kết quả thực hiện nghị quyết nhiệm kỳ qua. <!-- facts: F001 -->

### 2. Chuẩn bị nhân sự

<!--
  facts: F002, F003
  note: multi-line comment
-->
Làm tốt công tác nhân sự cấp ủy.

## II. Nội dung đại hội

### 1. Bốn nội dung của đại hội

Thảo luận văn kiện, bầu cấp ủy, bầu đại biểu, kiểm điểm.

## Tổ chức thực hiện

Các cấp ủy triển khai thực hiện Chỉ thị này.
`;

function byPath(chunks: Chunk[], path: string[]): Chunk[] {
  return chunks.filter((c) => c.path.join("|") === path.join("|"));
}

describe("chunkMarkdown", () => {
  const chunks = chunkMarkdown(MARKDOWN, ROOT);

  // "## II." has no text of its own before "### 1.": it makes no chunk, only a level of the path.
  it("labels sections by their number, nested under the document's root label", () => {
    expect(chunks.map((c) => c.path)).toEqual([
      [ROOT],
      [ROOT, "I"],
      [ROOT, "I", "1"],
      [ROOT, "I", "2"],
      [ROOT, "II", "1"],
      [ROOT, "Tổ chức thực hiện"],
    ]);
  });

  it("keeps the heading text without its number; an unnumbered heading is its own label", () => {
    expect(chunks.map((c) => c.heading)).toEqual([
      "",
      "Mục đích, yêu cầu",
      "Đánh giá đúng tình hình",
      "Chuẩn bị nhân sự",
      "Bốn nội dung của đại hội",
      "Tổ chức thực hiện",
    ]);
  });

  it("keeps the text before the first section as a preamble chunk, without the title", () => {
    const [preamble] = byPath(chunks, [ROOT]);
    expect(preamble?.content).toBe("Bộ Chính trị yêu cầu các cấp ủy tổ chức tốt đại hội.");
    expect(chunks.some((c) => c.content.includes("# Chỉ thị"))).toBe(false);
  });

  it("puts each section's text in its own chunk", () => {
    expect(byPath(chunks, [ROOT, "II", "1"])[0]?.content).toBe(
      "Thảo luận văn kiện, bầu cấp ủy, bầu đại biểu, kiểm điểm.",
    );
    expect(byPath(chunks, [ROOT, "I", "2"])[0]?.content).toBe("Làm tốt công tác nhân sự cấp ủy.");
  });

  it("strips HTML comments, single- and multi-line, from the content", () => {
    for (const chunk of chunks) {
      expect(chunk.content).not.toMatch(/<!--|-->|facts:|F00\d|multi-line/);
    }
    expect(byPath(chunks, [ROOT, "I", "1"])[0]?.content).toBe("Đánh giá kết quả thực hiện nghị quyết nhiệm kỳ qua.");
  });

  it("numbers chunks in document order", () => {
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it("does not treat # lines inside a code fence as headings", () => {
    const md = "## I. Mẫu\n\n```\n# không phải tiêu đề\n```\n";
    const result = chunkMarkdown(md, ROOT);
    expect(result.map((c) => c.path)).toEqual([[ROOT, "I"]]);
    expect(result[0]?.content).toContain("# không phải tiêu đề");
  });

  it("splits a long section under maxChunkChars, every piece keeping the section's path and heading", () => {
    const sentence = "Cấp ủy chuẩn bị chu đáo văn kiện và nhân sự trình đại hội. ";
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Đoạn ${i + 1}. ${sentence.repeat(3)}`.trim());
    const md = `# Tiêu đề\n\n## III. Tổ chức đại hội\n\n${paragraphs.join("\n\n")}\n\n## IV. Khác\n\nNgắn.\n`;
    const result = chunkMarkdown(md, ROOT, { maxChunkChars: 400 });
    const long = byPath(result, [ROOT, "III"]);
    expect(long.length).toBeGreaterThan(1);
    for (const piece of long) {
      expect(piece.content.length).toBeLessThanOrEqual(400);
      expect(piece.heading).toBe("Tổ chức đại hội");
    }
    // Nothing lost: every paragraph's opening words are in some piece.
    const joined = long.map((c) => c.content).join(" ");
    for (let i = 1; i <= 12; i++) expect(joined).toContain(`Đoạn ${i}.`);
    expect(byPath(result, [ROOT, "IV"])[0]?.content).toBe("Ngắn.");
  });
});

// Text as pdf.js / mammoth give it for a Vietnamese regulation: one paragraph (or PDF line) per line.
const REGULATION = [
  "QUY ĐỊNH VỀ ĐẠI HỘI ĐẢNG BỘ CÁC CẤP",
  "Ban hành kèm theo Quyết định của Ban Chấp hành Trung ương",
  "Chương I",
  "NHỮNG QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi điều chỉnh",
  "Quy định này quy định việc tổ chức đại hội.",
  "Điều 2. Nhiệm kỳ đại hội",
  "1. Đại hội chi bộ được tổ chức 5 năm một lần.",
  "2. Đại hội có thể được tổ chức sớm hoặc muộn hơn trong các trường hợp sau:",
  "a) Cấp ủy cấp trên trực tiếp đồng ý;",
  "b) Không quá 12 tháng.",
  "3. Thời gian đại hội do cấp ủy quyết định.",
  "Chương II",
  "BẦU CỬ",
  "Điều 3. Nguyên tắc bầu cử",
  "Bầu cử bằng phiếu kín.",
  "Phụ lục 1",
  "I. Mẫu biên bản",
  "Nội dung biên bản.",
  "II. Mẫu phiếu bầu",
  "Nội dung phiếu bầu.",
].join("\n");

describe("chunkPlainText", () => {
  const chunks = chunkPlainText(REGULATION, "X");

  it("nests chapters, articles, clauses and points", () => {
    const paths = chunks.map((c) => c.path.join(" › "));
    expect(paths).toEqual([
      "X",
      "X › Chương I",
      "X › Chương I › Điều 1",
      "X › Chương I › Điều 2 › 1",
      "X › Chương I › Điều 2 › 2",
      "X › Chương I › Điều 2 › 2 › a",
      "X › Chương I › Điều 2 › 2 › b",
      "X › Chương I › Điều 2 › 3",
      "X › Chương II",
      "X › Chương II › Điều 3",
      // "Phụ lục 1" has no text of its own before "I.", so it only appears as the parent of I and II.
      "X › Phụ lục 1 › I",
      "X › Phụ lục 1 › II",
    ]);
  });

  it("keeps article headings without their number and the text under them", () => {
    const article1 = chunks.find((c) => c.path.at(-1) === "Điều 1");
    expect(article1?.heading).toBe("Phạm vi điều chỉnh");
    expect(article1?.content).toBe("Quy định này quy định việc tổ chức đại hội.");
  });

  it("keeps a clause's own text when it is on the marker line", () => {
    const point = chunks.find((c) => c.path.join("|") === "X|Chương I|Điều 2|2|a");
    expect(point?.content).toContain("Cấp ủy cấp trên trực tiếp đồng ý;");
    const clause = chunks.find((c) => c.path.join("|") === "X|Chương I|Điều 2|1");
    expect(clause?.content).toContain("Đại hội chi bộ được tổ chức 5 năm một lần.");
  });

  it("keeps the lines before the first structural line in a preamble chunk", () => {
    expect(chunks[0]?.path).toEqual(["X"]);
    expect(chunks[0]?.content).toContain("Ban hành kèm theo Quyết định");
  });

  it("does not take years, counts or dates at the start of a line for clause numbers", () => {
    const text = "Điều 4. Thời hạn\nĐại hội nhiệm kỳ\n2025 – 2030.\n15 ngày trước đại hội.\n";
    const result = chunkPlainText(text, "X");
    expect(result.map((c) => c.path.join("|"))).toEqual(["X|Điều 4"]);
    expect(result[0]?.content).toContain("2025 – 2030.");
    expect(result[0]?.content).toContain("15 ngày trước đại hội.");
  });

  // A numbered clause that wraps onto a second line (usual in PDFs) keeps its first line in `content` — the text
  // the LLM sees and the quote users get.
  it("keeps every word of a numbered clause that wraps onto the next line", () => {
    const text = "Điều 2. Nhiệm kỳ\n1. Nhiệm kỳ của chi bộ là năm năm,\ntính từ ngày khai mạc đại hội.\n";
    const clause = chunkPlainText(text, "X").find((c) => c.path.join("|") === "X|Điều 2|1");
    expect(clause?.content).toContain("Nhiệm kỳ của chi bộ là năm năm,");
    expect(clause?.content).toContain("tính từ ngày khai mạc đại hội.");
  });
});

describe("parseMarker", () => {
  it.each([
    ["Chương I", 1, "Chương I", ""],
    ["CHƯƠNG II. NHỮNG QUY ĐỊNH CHUNG", 1, "Chương II", "NHỮNG QUY ĐỊNH CHUNG"],
    ["Phần 2 - Tổ chức", 1, "Phần 2", "Tổ chức"],
    ["Phụ lục 1", 1, "Phụ lục 1", ""],
    ["PHỤ LỤC 3: Mẫu biểu", 1, "Phụ lục 3", "Mẫu biểu"],
    ["Điều 12. Bầu cử", 2, "Điều 12", "Bầu cử"],
    ["Điều 5a. Bổ sung", 2, "Điều 5a", "Bổ sung"],
    ["Mục 3. Nhân sự", 2, "Mục 3", "Nhân sự"],
    ["II. Nội dung", 2, "II", "Nội dung"],
    ["IV) Khác", 2, "IV", "Khác"],
    ["1. Đánh giá", 3, "1", "Đánh giá"],
    ["3) Bầu cử", 3, "3", "Bầu cử"],
    ["1.2. Chi tiết", 3, "1.2", "Chi tiết"],
    ["a) Điểm a", 4, "a", "Điểm a"],
    ["đ) Điểm đ", 4, "đ", "Điểm đ"],
    ["Rozdział 2 Wybory", 1, "Rozdział 2", "Wybory"],
    ["Article 7. Term", 2, "Article 7", "Term"],
  ])("%s → rank %i, label %s", (line, rank, label, title) => {
    expect(parseMarker(line)).toEqual({ rank, label, title });
  });

  it.each([
    "2025 – 2030.",
    "15 ngày trước đại hội",
    "1 Không có dấu chấm",
    "IIV. không phải số La Mã",
    "Đại hội chi bộ",
    "",
    "Điều lệ Đảng quy định",
  ])("%j is not a marker", (line) => {
    expect(parseMarker(line)).toBeUndefined();
  });
});

describe("splitLong", () => {
  // A deterministic pseudo-random text of Vietnamese words, sentences and paragraphs.
  function sampleText(seed: number, words: number): string {
    const vocab = ["đại", "hội", "chi", "bộ", "đảng", "viên", "bầu", "cử", "nhiệm", "kỳ", "cấp", "ủy", "văn", "kiện"];
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
    const out: string[] = [];
    for (let i = 0; i < words; i++) {
      let w = vocab[next() % vocab.length]!;
      const r = next() % 20;
      if (r === 0) w += ".\n\n";
      else if (r < 3) w += ".";
      else if (r === 3) w += ";";
      out.push(w);
    }
    return out.join(" ").replace(/\n\n /g, "\n\n");
  }

  const words = (s: string) => s.split(/\s+/).filter(Boolean);

  it("returns short text unchanged", () => {
    expect(splitLong("Ngắn.", 100)).toEqual(["Ngắn."]);
  });

  it.each([
    [1, 60],
    [2, 120],
    [3, 300],
    [4, 1400],
  ])("seed %i, max %i: no piece exceeds the max and no word is lost or reordered", (seed, max) => {
    const text = sampleText(seed, 800);
    const pieces = splitLong(text, max);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(max);
      expect(piece.trim()).toBe(piece);
      expect(piece.length).toBeGreaterThan(0);
    }
    expect(words(pieces.join(" "))).toEqual(words(text));
  });

  it("prefers sentence boundaries when sentences fit", () => {
    const text = "Câu thứ nhất khá dài một chút. Câu thứ hai cũng dài. Câu thứ ba kết thúc.";
    const pieces = splitLong(text, 40);
    for (const piece of pieces) expect(piece).toMatch(/\.$/);
    expect(pieces.join(" ")).toBe(text);
  });

  it("hard-cuts a single word longer than the max without losing characters", () => {
    const text = `${"x".repeat(250)} tail`;
    const pieces = splitLong(text, 100);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(100);
    expect(pieces.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });
});
