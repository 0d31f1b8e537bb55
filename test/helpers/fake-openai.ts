import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readJson } from "./read-json.ts";
import { hashEmbed } from "../../src/rag/embeddings.ts";

type Mode = "ok" | "429" | "500" | "hang" | "401-echo";
export type ChatRequest = { model: string; messages: { role: string; content: string }[] };

/**
 * A local OpenAI-compatible server (/v1/chat/completions, /v1/embeddings). Chat answers come from
 * `reply(request)`; `mode` or a queue of modes scripts 429, 500 and a hang.
 */
export async function startFakeOpenAI(
  options: { reply?: (request: ChatRequest) => string; dimensions?: number; chatDelayMs?: number } = {},
) {
  const chatRequests: ChatRequest[] = [];
  const embeddingRequests: { model: string; input: string[] }[] = [];
  const queue: Mode[] = [];
  let mode: Mode = "ok";
  let chatDelayMs = options.chatDelayMs ?? 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      const current = queue.shift() ?? mode;
      if (req.url?.endsWith("/chat/completions")) chatRequests.push(body as unknown as ChatRequest);
      if (req.url?.endsWith("/embeddings")) {
        const input = body.input as string[] | string;
        embeddingRequests.push({ model: String(body.model), input: Array.isArray(input) ? input : [input] });
      }
      if (current === "hang") return;
      if (current === "401-echo") {
        // Like some compatible servers: the key repeated in the error (a log must never show it).
        const key = String(req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
        res.writeHead(401, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { message: `Incorrect API key provided: ${key}.`, type: "invalid_request_error" } }),
        );
        return;
      }
      if (chatDelayMs && req.url?.endsWith("/chat/completions")) {
        await new Promise((resolve) => setTimeout(resolve, chatDelayMs));
      }
      if (current === "429" || current === "500") {
        res.writeHead(Number(current), {
          "content-type": "application/json",
          ...(current === "429" ? { "retry-after": "0" } : {}),
        });
        res.end(JSON.stringify({ error: { message: `scripted ${current}`, type: "test" } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      if (req.url?.endsWith("/chat/completions")) {
        const content = options.reply ? options.reply(body as unknown as ChatRequest) : "Answer [1].";
        res.end(
          JSON.stringify({
            id: "chatcmpl-test",
            object: "chat.completion",
            created: 0,
            model: body.model,
            choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
          }),
        );
        return;
      }
      if (req.url?.endsWith("/embeddings")) {
        const input = body.input as string[] | string;
        const texts = Array.isArray(input) ? input : [input];
        const dims = options.dimensions ?? 256;
        res.end(
          JSON.stringify({
            object: "list",
            model: body.model,
            // Like OpenAI: base64 of little-endian float32 when asked (the SDK asks by default).
            data: texts.map((t, index) => {
              const vector = hashEmbed(t, dims);
              const embedding =
                body.encoding_format === "base64"
                  ? Buffer.from(new Float32Array(vector).buffer).toString("base64")
                  : vector;
              return { object: "embedding", index, embedding };
            }),
            usage: { prompt_tokens: 0, total_tokens: 0 },
          }),
        );
        return;
      }
      res.writeHead(404);
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    chatRequests,
    embeddingRequests,
    setMode(next: Mode) {
      mode = next;
    },
    /** How long a chat completion takes (a slow model). */
    setChatDelay(ms: number) {
      chatDelayMs = ms;
    },
    queueModes(...modes: Mode[]) {
      queue.push(...modes);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
