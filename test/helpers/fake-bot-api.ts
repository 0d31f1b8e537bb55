import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readJson } from "./read-json.ts";

export type ApiCall = { method: string; payload: Record<string, unknown>; result?: unknown };
type Reply = { status: number; body: unknown } | "hang";

/**
 * A local stand-in for the Telegram Bot API (grammY talks to it through `apiRoot`): records every call and
 * answers each method with a result of the right shape. `failNext(method, reply)` scripts failures.
 */
export async function startFakeBotApi() {
  const calls: ApiCall[] = [];
  const scripted = new Map<string, Reply[]>();
  let messageId = 100;
  const pendingUpdates: { update_id: number }[] = [];
  let rule: ((method: string, payload: Record<string, unknown>) => Reply | undefined) | undefined;
  /** When each call arrived, by the clock the test gives (a fake clock in scheduler tests). */
  let clock: () => number = Date.now;
  const times: number[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      const payload = await readJson(req);
      const call: ApiCall = { method, payload };
      calls.push(call);
      times.push(clock());
      if (method === "getUpdates" && !scripted.get(method)?.length) {
        // Long polling: hand out updates from `offset` on; with none, wait a little and answer [].
        const offset = Number(payload.offset ?? 0);
        let ready = pendingUpdates.filter((u) => u.update_id >= offset);
        if (ready.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          ready = pendingUpdates.filter((u) => u.update_id >= offset);
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, result: ready }));
        return;
      }
      const reply = rule?.(method, payload) ?? scripted.get(method)?.shift();
      if (reply === "hang") return; // never answers
      const { status, body } = reply ?? { status: 200, body: { ok: true, result: defaultResult(method, payload) } };
      call.result = (body as { result?: unknown }).result;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  function defaultResult(method: string, payload: Record<string, unknown>): unknown {
    const chat = { id: Number(payload.chat_id ?? 0), type: "private", first_name: "User" };
    switch (method) {
      case "getMe":
        return {
          id: 42,
          is_bot: true,
          first_name: "Daihoi Test",
          username: "daihoi_test_bot",
          can_join_groups: false,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        };
      case "sendMessage":
        return { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat, text: payload.text };
      case "editMessageText":
        return {
          message_id: Number(payload.message_id ?? ++messageId),
          date: Math.floor(Date.now() / 1000),
          chat,
          text: payload.text,
        };
      default:
        return true;
    }
  }

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    /**
     * The bot's messages a chat shows now: sent, minus deleted, each with its text and buttons as last edited.
     */
    visible(chatId: number) {
      const shown = new Map<number, { text: string; markup: unknown }>();
      for (const c of calls) {
        if (Number(c.payload.chat_id) !== chatId) continue;
        const id = Number(c.payload.message_id ?? (c.result as { message_id?: number } | undefined)?.message_id);
        if (c.method === "sendMessage" && c.result)
          shown.set(id, { text: String(c.payload.text), markup: c.payload.reply_markup });
        else if (c.method === "editMessageText" && shown.has(id))
          shown.set(id, { text: String(c.payload.text), markup: c.payload.reply_markup });
        else if (c.method === "editMessageReplyMarkup" && shown.has(id))
          shown.set(id, { ...shown.get(id)!, markup: c.payload.reply_markup });
        else if (c.method === "deleteMessage") shown.delete(id);
      }
      return [...shown.entries()].map(([id, m]) => ({ id, ...m }));
    },
    times,
    /** A standing answer for some calls, e.g. 403 for one chat; undefined lets the call through. */
    setRule(next: typeof rule) {
      rule = next;
    },
    useClock(next: () => number) {
      clock = next;
    },
    /** Makes `update` available to getUpdates (long polling). */
    queueUpdate(update: { update_id: number }) {
      pendingUpdates.push(update);
    },
    failNext(method: string, ...replies: Reply[]) {
      scripted.set(method, [...(scripted.get(method) ?? []), ...replies]);
    },
    reset() {
      calls.length = 0;
      times.length = 0;
      rule = undefined;
      scripted.clear();
      pendingUpdates.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;
