/**
 * Splits a document along its own structure and keeps each chunk's section path.
 *
 * Markdown: headings (#, ##, ###…) open sections; a level-1 heading at the top is the title, not a section.
 * Plain text (from PDF, DOCX, .txt): structural lines open sections — "Phần/Chương/Phụ lục …" (rank 1),
 * "Điều N" / "Mục N" / Roman "II." (rank 2), "1." (rank 3), "a)" (rank 4).
 * A heading's number becomes its path label ("Chỉ thị 35-CT/TW › III › 2"); a heading without a number is
 * labelled by its text. Long sections are split on paragraph boundaries, keeping the same path.
 */

export type Chunk = {
  ordinal: number;
  /** Labels from the document root down: ["Chỉ thị 35-CT/TW", "III", "2"]. */
  path: string[];
  /** The section's own heading text without its number ("Bốn nội dung của đại hội"); "" for the preamble. */
  heading: string;
  content: string;
};

export type ChunkOptions = { maxChunkChars?: number; minChunkChars?: number };

const DEFAULT_MAX_CHUNK_CHARS = 1400;

type Marker = { rank: number; label: string; title: string };

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** Recognises a numbered heading marker at the start of a line or heading text. */
export function parseMarker(line: string): Marker | undefined {
  const text = line.trim();
  let m =
    /^(Phần|Chương|Phụ lục|PHẦN|CHƯƠNG|PHỤ LỤC|Part|Chapter|Appendix|Annex|Część|Rozdział|Załącznik)\s+([IVXLC\d]+)\b[.:\s-]*(.*)$/u.exec(
      text,
    );
  if (m) return { rank: 1, label: `${capitalise(m[1]!)} ${m[2]}`, title: m[3]!.trim() };
  m = /^(Điều|Mục|Article|Artykuł|Art\.)\s+(\d+[a-z]?)\b[.:\s-]*(.*)$/u.exec(text);
  if (m) return { rank: 2, label: `${m[1]} ${m[2]}`, title: m[3]!.trim() };
  m = /^([IVXLC]+)[.)]\s+(.*)$/.exec(text);
  if (m && ROMAN.test(m[1]!)) return { rank: 2, label: m[1]!, title: m[2]!.trim() };
  m = /^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(\S.*)$/.exec(text);
  if (m && (/[.)]/.test(text.slice(m[1]!.length, m[1]!.length + 1)) || m[1]!.includes("."))) {
    return { rank: 3, label: m[1]!, title: m[2]!.trim() };
  }
  m = /^([a-zđ])\)\s+(.*)$/u.exec(text);
  if (m) return { rank: 4, label: m[1]!, title: m[2]!.trim() };
  return undefined;
}

function capitalise(word: string): string {
  const lower = word.toLocaleLowerCase("vi");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
}

type Section = { path: string[]; heading: string; lines: string[] };

export function chunkMarkdown(body: string, rootLabel: string, options: ChunkOptions = {}): Chunk[] {
  const lines = stripComments(body).split(/\r?\n/);
  const sections: Section[] = [];
  // stack[i] = label at heading level i+1 (index 0 is the title level)
  const stack: (string | undefined)[] = [];
  let current: Section = { path: [rootLabel], heading: "", lines: [] };
  let inFence = false;
  let seenContent = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!h) {
      if (line.trim()) seenContent = true;
      current.lines.push(line);
      continue;
    }
    const level = h[1]!.length;
    const text = h[2]!.trim();
    if (level === 1 && !seenContent && stack.length === 0) {
      // The document's title: not a section of its own.
      stack[0] = undefined;
      continue;
    }
    sections.push(current);
    const marker = parseMarker(text);
    stack.length = level - 1;
    stack[level - 1] = marker ? marker.label : text;
    const labels = stack.filter((label): label is string => Boolean(label));
    current = { path: [rootLabel, ...labels], heading: marker && marker.title ? marker.title : text, lines: [] };
  }
  sections.push(current);
  return toChunks(sections, options);
}

/** Plain text (PDF, DOCX, .txt): sections opened by structural lines. */
export function chunkPlainText(text: string, rootLabel: string, options: ChunkOptions = {}): Chunk[] {
  const lines = text.split(/\r?\n/);
  const sections: Section[] = [];
  const stack: { rank: number; label: string }[] = [];
  let current: Section = { path: [rootLabel], heading: "", lines: [] };
  for (const raw of lines) {
    const line = raw.trim();
    const marker = line.length <= 200 ? parseMarker(line) : undefined;
    if (!marker) {
      current.lines.push(raw);
      continue;
    }
    sections.push(current);
    while (stack.length && stack[stack.length - 1]!.rank >= marker.rank) stack.pop();
    stack.push({ rank: marker.rank, label: marker.label });
    current = { path: [rootLabel, ...stack.map((s) => s.label)], heading: marker.title, lines: [] };
    // A numbered clause ("1. …", "a) …") is text, not a heading: its first line is content too. Long
    // "Điều"/Roman lines are also paragraphs rather than headings.
    if (marker.rank >= 3 || marker.title.length > 80) current.lines.push(marker.title);
  }
  sections.push(current);
  return toChunks(sections, options);
}

function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, "");
}

function toChunks(sections: Section[], options: ChunkOptions): Chunk[] {
  const maxChars = options.maxChunkChars ?? DEFAULT_MAX_CHUNK_CHARS;
  const chunks: Chunk[] = [];
  for (const section of sections) {
    const content = section.lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    // A heading with no text of its own (a part heading over its sections) is not worth a chunk.
    if (!content) continue;
    for (const piece of splitLong(content, maxChars)) {
      chunks.push({ ordinal: chunks.length, path: section.path, heading: section.heading, content: piece });
    }
  }
  return chunks;
}

/** Splits text longer than maxChars on paragraph, then sentence, then word boundaries. */
export function splitLong(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const parts: string[] = [];
  let buffer = "";
  const units = text.split(/(?<=\n\n)|(?<=[.!?;])\s+/);
  for (const unit of units) {
    if (unit.length > maxChars) {
      if (buffer.trim()) parts.push(buffer.trim());
      buffer = "";
      for (let i = 0; i < unit.length;) {
        let end = Math.min(unit.length, i + maxChars);
        const space = unit.lastIndexOf(" ", end);
        if (end < unit.length && space > i) end = space;
        parts.push(unit.slice(i, end).trim());
        i = end;
      }
      continue;
    }
    if ((buffer + " " + unit).length > maxChars && buffer.trim()) {
      parts.push(buffer.trim());
      buffer = "";
    }
    buffer = buffer ? `${buffer}${buffer.endsWith("\n") ? "" : " "}${unit}` : unit;
  }
  if (buffer.trim()) parts.push(buffer.trim());
  return parts.filter(Boolean);
}
