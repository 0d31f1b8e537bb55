import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import type { Lang } from "../config.ts";
import { AppError } from "../errors.ts";
import { chunkMarkdown, chunkPlainText, type Chunk } from "./chunker.ts";
import { detectLanguage } from "./language.ts";

export const SUPPORTED_EXTENSIONS = [".md", ".markdown", ".txt", ".pdf", ".docx"] as const;

/** A problem with one corpus file (bad front matter, unknown type): that file is skipped, the others indexed. */
export class DocumentError extends AppError {
  override name = "DocumentError";
}

export type DocumentMeta = {
  docId: string;
  title: string;
  shortTitle: string;
  number: string;
  issuer: string;
  issuedOn: string;
  language: Lang;
  sources: string[];
  /** "gaps": the corpus's own list of what it does not cover (its passages say so instead of answering). */
  kind: "document" | "gaps";
  /** For a directive replaced by another, or replacing one: which rule applied when (front matter). */
  validity: Validity | undefined;
};

/** `replaced_by` + `until`: applied until that day; `replaces` + `from`: applies from that day on. */
export type Validity = { replacedBy?: string; until?: string; replaces?: string; from?: string };

export type LoadedDocument = { meta: DocumentMeta; chunks: Chunk[] };

const frontMatterSchema = z.object({
  id: z.string().trim().min(1).optional(),
  title: z.string().trim().min(1).optional(),
  short: z.string().trim().min(1).optional(),
  number: z.coerce.string().optional(),
  issuer: z.string().optional(),
  date: z.union([z.string(), z.date()]).optional(),
  language: z.enum(["vi", "pl", "en"]).optional(),
  source: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .nullable(),
  kind: z.enum(["document", "gaps"]).optional(),
  replaced_by: z.string().trim().min(1).optional(),
  replaces: z.string().trim().min(1).optional(),
  until: z.union([z.string(), z.date()]).optional(),
  from: z.union([z.string(), z.date()]).optional(),
});

function isoDate(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

export function isSupportedFile(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** Reads one corpus file into metadata and structural chunks. Text is NFC-normalised (Vietnamese stays intact). */
export async function loadDocument(absolutePath: string, relativePath: string): Promise<LoadedDocument> {
  const ext = extname(absolutePath).toLowerCase();
  const fallbackId = basename(relativePath, ext).replace(/\.(vi|pl|en)$/, "");
  if (ext === ".md" || ext === ".markdown") {
    const raw = (await readFile(absolutePath, "utf8")).normalize("NFC");
    const parsed = matter(raw);
    const fm = frontMatterSchema.safeParse(parsed.data);
    if (!fm.success) {
      const problems = fm.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new DocumentError(`${relativePath}: bad front matter (${problems})`);
    }
    const data = fm.data;
    const title = data.title ?? firstHeading(parsed.content) ?? fallbackId;
    const meta: DocumentMeta = {
      docId: data.id ?? fallbackId,
      title,
      shortTitle: data.short ?? data.number ?? title,
      number: data.number ?? "",
      issuer: data.issuer ?? "",
      issuedOn: data.date instanceof Date ? data.date.toISOString().slice(0, 10) : (data.date ?? ""),
      language: data.language ?? languageFromName(relativePath) ?? detectLanguage(parsed.content) ?? "vi",
      sources: data.source == null ? [] : Array.isArray(data.source) ? data.source : [data.source],
      kind: data.kind ?? "document",
      validity:
        data.replaced_by || data.replaces
          ? {
              ...(data.replaced_by ? { replacedBy: data.replaced_by, until: isoDate(data.until) } : {}),
              ...(data.replaces ? { replaces: data.replaces, from: isoDate(data.from) } : {}),
            }
          : undefined,
    };
    return { meta, chunks: chunkMarkdown(parsed.content, meta.shortTitle) };
  }
  let text: string;
  if (ext === ".txt") text = await readFile(absolutePath, "utf8");
  else if (ext === ".pdf") text = await extractPdfText(await readFile(absolutePath));
  else if (ext === ".docx") text = await extractDocxText(await readFile(absolutePath));
  else throw new DocumentError(`${relativePath}: unsupported file type ${ext}`);
  text = text.normalize("NFC");
  const title = firstLine(text) ?? fallbackId;
  const meta: DocumentMeta = {
    docId: fallbackId,
    title,
    shortTitle: title.length > 60 ? `${title.slice(0, 57)}…` : title,
    number: /\b(\d+-[A-ZĐ]+(?:\/[A-ZĐ]+)+)\b/u.exec(text.slice(0, 2000))?.[1] ?? "",
    issuer: "",
    issuedOn: "",
    language: languageFromName(relativePath) ?? detectLanguage(text.slice(0, 4000)) ?? "vi",
    sources: [],
    kind: "document",
    validity: undefined,
  };
  return { meta, chunks: chunkPlainText(text, meta.shortTitle) };
}

function languageFromName(path: string): Lang | undefined {
  const m = /\.(vi|pl|en)\.[a-z]+$/i.exec(path);
  return m ? (m[1]!.toLowerCase() as Lang) : undefined;
}

function firstHeading(markdown: string): string | undefined {
  return /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim();
}

function firstLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
}

/** PDF text through pdf.js (Mozilla's parser), line breaks rebuilt from the text items' end-of-line flags. */
export async function extractPdfText(data: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      pages.push(text);
      page.cleanup();
    }
    return pages.join("\n");
  } finally {
    await doc.destroy();
  }
}

/** DOCX text through mammoth, one paragraph per line. */
export async function extractDocxText(data: Buffer): Promise<string> {
  const mammoth = await import("mammoth");
  const result = await mammoth.extractRawText({ buffer: data });
  return result.value;
}
