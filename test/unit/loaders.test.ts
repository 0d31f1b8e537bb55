import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { isSupportedFile, loadDocument, type LoadedDocument } from "../../src/rag/loaders.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const SENTENCE = "Đại hội chi bộ trực thuộc được tổ chức trong nửa ngày.";

describe.each(["quy-dinh-mau.pdf", "quy-dinh-mau.docx"])("loadDocument(%s)", (file) => {
  let loaded: LoadedDocument;
  beforeAll(async () => {
    loaded = await loadDocument(join(FIXTURES, file), `van-ban/${file}`);
  });

  it("keeps the Vietnamese text intact, in NFC", () => {
    const { chunks } = loaded;
    const withSentence = chunks.filter((c) => c.content.includes(SENTENCE));
    expect(withSentence).toHaveLength(1);
    for (const chunk of chunks) expect(chunk.content).toBe(chunk.content.normalize("NFC"));
    // No replacement characters or private-use glyph codes from a font without a Unicode map.
    expect(chunks.map((c) => c.content).join("\n")).not.toMatch(/[\uFFFD\uE000-\uF8FF]/u);
  });

  it("places the text under its chapter and article", () => {
    const { chunks } = loaded;
    const article = chunks.find((c) => c.content.includes(SENTENCE));
    expect(article?.path.slice(1)).toEqual(["Chương I", "Điều 1"]);
    expect(article?.heading).toBe("Phạm vi");
    const paths = chunks.map((c) => c.path.slice(1).join(" › "));
    expect(paths).toContain("Chương I › Điều 2 › 1");
    expect(paths).toContain("Chương I › Điều 2 › 2");
    expect(paths).toContain("Phụ lục 1");
  });

  it("takes the title from the first line, the id from the file name and detects Vietnamese", () => {
    const { meta, chunks } = loaded;
    expect(meta.title).toBe("QUY ĐỊNH MẪU VỀ ĐẠI HỘI CHI BỘ");
    expect(meta.docId).toBe("quy-dinh-mau");
    expect(meta.language).toBe("vi");
    for (const chunk of chunks) expect(chunk.path[0]).toBe(meta.shortTitle);
  });
});

describe("loadDocument (Markdown)", () => {
  const dir = mkdtempSync(join(tmpdir(), "daihoi-loaders-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it("reads the front matter into the document's metadata", async () => {
    const path = write(
      "chi-thi-35.md",
      [
        "---",
        "id: ct35",
        'title: "Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp"',
        "short: Chỉ thị 35",
        "number: 35-CT/TW",
        "issuer: Bộ Chính trị",
        "date: 2024-06-14",
        "replaced_by: 45-CT/TW",
        "until: 2025-04-14",
        "language: vi",
        "source:",
        "  - https://tulieuvankien.dangcongsan.vn/ct35",
        "  - https://example.org/ct35.pdf",
        "---",
        "# Chỉ thị số 35-CT/TW",
        "",
        "## I. Mục đích",
        "",
        "Tổ chức tốt đại hội.",
        "",
      ].join("\n"),
    );
    const { meta, chunks } = await loadDocument(path, "chi-thi-35.md");
    expect(meta).toEqual({
      docId: "ct35",
      title: "Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp",
      shortTitle: "Chỉ thị 35",
      number: "35-CT/TW",
      issuer: "Bộ Chính trị",
      issuedOn: "2024-06-14",
      language: "vi",
      sources: ["https://tulieuvankien.dangcongsan.vn/ct35", "https://example.org/ct35.pdf"],
      kind: "document",
      // Which rule applied when: the source line of an answer says so.
      validity: { replacedBy: "45-CT/TW", until: "2025-04-14" },
    });
    expect(chunks.map((c) => c.path)).toEqual([["Chỉ thị 35", "I"]]);
    expect(chunks[0]?.content).toBe("Tổ chức tốt đại hội.");
  });

  it("reads a gaps document and a directive that replaces another", async () => {
    const path = write(
      "ct45.md",
      "---\nid: ct45\nkind: gaps\nreplaces: 35-CT/TW\nfrom: 2025-04-14\n---\n# Chỉ thị 45\n\nNội dung.\n",
    );
    const { meta } = await loadDocument(path, "ct45.md");
    expect(meta).toMatchObject({ kind: "gaps", validity: { replaces: "35-CT/TW", from: "2025-04-14" } });
    const plain = write("plain.md", "---\nid: x\n---\n# X\n\nA.\n");
    expect((await loadDocument(plain, "plain.md")).meta).toMatchObject({ kind: "document", validity: undefined });
  });

  it("falls back to the first heading, the file name and a single source string", async () => {
    const path = write("huong-dan.vi.md", "---\nsource: https://example.org/hd\n---\n# Hướng dẫn 21\n\nNội dung.\n");
    const { meta } = await loadDocument(path, "docs/huong-dan.vi.md");
    expect(meta.docId).toBe("huong-dan");
    expect(meta.title).toBe("Hướng dẫn 21");
    expect(meta.shortTitle).toBe("Hướng dẫn 21");
    expect(meta.language).toBe("vi");
    expect(meta.sources).toEqual(["https://example.org/hd"]);
  });

  it("normalises decomposed (NFD) Markdown to NFC", async () => {
    const path = write("nfd.md", `# Tiêu đề\n\n${SENTENCE.normalize("NFD")}\n`);
    const { chunks } = await loadDocument(path, "nfd.md");
    expect(chunks[0]?.content).toBe(SENTENCE);
  });

  it("rejects bad front matter with an AppError naming the file and the field", async () => {
    const path = write("bad.md", "---\ntitle: Dokument\nlanguage: de\n---\nText.\n");
    const error = await loadDocument(path, "corpus/bad.md").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toContain("corpus/bad.md");
    expect((error as Error).message).toContain("language");
  });

  it("takes the language from a .pl.md name when the front matter has none", async () => {
    // Polish text without diacritics and mostly Vietnamese-looking words: the name must decide.
    const path = write("zjazd.pl.md", "---\ntitle: Zjazd\n---\n# Zjazd\n\nDai hoi chi bo.\n");
    const { meta } = await loadDocument(path, "zjazd.pl.md");
    expect(meta.language).toBe("pl");
    expect(meta.docId).toBe("zjazd");
  });
});

describe("isSupportedFile", () => {
  it("accepts the corpus formats whatever the case of the extension", () => {
    for (const name of ["a.md", "b.markdown", "c.txt", "d.PDF", "e.docx"]) expect(isSupportedFile(name)).toBe(true);
    for (const name of ["f.doc", "g.odt", "h", "i.md.bak"]) expect(isSupportedFile(name)).toBe(false);
  });
});
