/** Telegram's limit on one message's text. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Escapes a dynamic value for Telegram HTML parse mode (only &, <, > are special there). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Turns our own simple HTML back into plain text (for the terminal chat). */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?(b|i|u|s|code|pre|blockquote|a)(\s[^>]*)?>/gi, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** A piece of a message: plain text, escaped when rendered, optionally wrapped in one formatting tag. */
export type Block = { text: string; tag?: "b" | "i" | "blockquote" | "code" };

function render(block: Block): string {
  const body = escapeHtml(block.text);
  return block.tag ? `<${block.tag}>${body}</${block.tag}>` : body;
}

/**
 * Packs blocks into as few messages as fit within `limit` characters of HTML (the rendered HTML is never
 * shorter than the text Telegram counts, so this is safe). A block too long for one message is cut at a line,
 * then a space, never inside an escape sequence, a tag or a UTF-16 surrogate pair; each piece keeps its tag.
 */
export function splitMessage(blocks: Block[], limit = TELEGRAM_MESSAGE_LIMIT, separator = "\n\n"): string[] {
  const messages: string[] = [];
  let current = "";
  const push = (html: string) => {
    if (!current) current = html;
    else if (current.length + separator.length + html.length <= limit) current += separator + html;
    else {
      messages.push(current);
      current = html;
    }
  };
  for (const block of blocks) {
    const html = render(block);
    if (html.length <= limit) {
      push(html);
      continue;
    }
    const overhead = block.tag ? block.tag.length * 2 + 5 : 0;
    for (const piece of cutText(block.text, limit - overhead)) push(render({ ...block, text: piece }));
  }
  if (current) messages.push(current);
  return messages;
}

/** Cuts plain text so that each piece's escaped form fits in `maxHtmlChars`. */
function cutText(text: string, maxHtmlChars: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    if (escapeHtml(rest).length <= maxHtmlChars) {
      pieces.push(rest);
      break;
    }
    // Find the longest prefix whose escaped length fits.
    let end = 0;
    let size = 0;
    while (end < rest.length) {
      const ch = rest[end]!;
      const add = ch === "&" ? 5 : ch === "<" || ch === ">" ? 4 : 1;
      if (size + add > maxHtmlChars) break;
      size += add;
      end++;
    }
    // Never split a surrogate pair (emoji and other astral characters).
    if (end > 0 && end < rest.length && isHighSurrogate(rest.charCodeAt(end - 1))) end--;
    const window = rest.slice(0, end);
    const newline = window.lastIndexOf("\n");
    const space = window.lastIndexOf(" ");
    let cut = newline > end * 0.5 ? newline + 1 : space > end * 0.5 ? space + 1 : end;
    if (cut <= 0) cut = Math.max(1, end);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return pieces.filter((p) => p.length > 0);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
