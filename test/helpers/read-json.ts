import type { IncomingMessage } from "node:http";

export type UploadedFile = { name: string; bytes: Buffer };

/**
 * The body of a request to a local stand-in server: its JSON ({} when empty); for a file upload (multipart, as
 * grammY sends it: a field "document": "attach://<id>" and the file in a part named <id>) its fields, and its
 * files as `files: { document: { name, bytes } }`; { raw } for anything else.
 */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const boundary = /boundary=(.+)$/.exec(String(req.headers["content-type"] ?? ""))?.[1];
  if (boundary) return readMultipart(body, boundary);
  const text = body.toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text };
  }
}

function readMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, string> = {};
  const parts = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after the delimiter, before the next
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? "";
    const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (filename !== undefined) parts.set(name, { name: filename, bytes: Buffer.from(content) });
    else fields[name] = content.toString("utf8");
    start = next;
  }
  const files: Record<string, UploadedFile> = {};
  for (const [key, value] of Object.entries(fields)) {
    const attached = /^attach:\/\/(.+)$/.exec(value)?.[1];
    if (attached && parts.has(attached)) files[key] = parts.get(attached)!;
  }
  return { ...fields, files };
}
