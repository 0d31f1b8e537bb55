import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import { parseUnitsCsv } from "../../src/units/registry-csv.ts";
import { importUnits } from "../../src/units/unit-store.ts";
import { callbackUpdate, makeSender, textUpdate } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";

const BOARD = 900;

describe.each(dbKinds())("/deadlines, /broadcast and blocking, on %s", (kind) => {
  let db: Database;
  let api: FakeBotApi;
  const now = new Date("2025-03-10T03:00:00Z"); // 10:00 in Hanoi
  const clock = () => now;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });
  beforeEach(async () => {
    api.reset();
    await db.pool.query(
      "TRUNCATE deliveries, broadcasts, report_events, unit_members, board_members, telegram_users, units CASCADE",
    );
    await importUnits(
      db.pool,
      parseUnitsCsv(
        "code,name,kind,type,model,planned_congress_date\nX-TWO,Đảng bộ xã Hai,committee,commune,no,20/03/2025\nC-THREE,Chi bộ Ba,cell,school,no,\n",
      ),
    );
    for (const [id, unit] of [
      [201, "X-TWO"],
      [202, "X-TWO"],
      [301, "C-THREE"],
    ] as const) {
      await db.pool.query(
        "INSERT INTO telegram_users (telegram_id, first_name, language_code) VALUES ($1, 'P', 'en')",
        [id],
      );
      await db.pool.query("INSERT INTO unit_members (telegram_id, unit_code, role) VALUES ($1, $2, 'secretary')", [
        id,
        unit,
      ]);
    }
  });

  // One bot process per test: the bot and its outbox sender.
  let current: ReturnType<typeof makeSender> | undefined;
  beforeEach(() => {
    current = makeSender(db, api.apiRoot, { adminIds: [BOARD], clock });
  });
  const telegram = () => current!;
  const bot = () => telegram().bot;
  const say = async (text: string, userId: number) => {
    await bot().handleUpdate(textUpdate(text, { userId, languageCode: "en" }));
    return String(api.callsOf("sendMessage").at(-1)?.payload.text ?? "");
  };

  it("/deadlines lists my unit's coming deadlines with days left", async () => {
    expect(await say("/deadlines", 201)).toBe(
      "Coming deadlines of Đảng bộ xã Hai (X-TWO):\n• Congress held: 20/03/2025 (10 days left)",
    );
    expect(await say("/deadlines", 301)).toBe(
      "Coming deadlines of Chi bộ Ba (C-THREE):\n• Congress held: 30/06/2025 (112 days left)",
    );
    expect(await say("/deadlines", 999)).toContain("You are not registered to a unit");
  });

  it("/broadcast previews the count, sends once on confirm, and refuses non-Board users", async () => {
    expect(await say("/broadcast Họp giao ban <b>8h</b> & mang sổ", 201)).toBe(
      "This command is for the City Organization Board only.",
    );
    const preview = await say("/broadcast Họp giao ban <b>8h</b> & mang sổ", BOARD);
    expect(preview).toBe("This message will go to 3 people:\nHọp giao ban &lt;b&gt;8h&lt;/b&gt; &amp; mang sổ");
    const keyboard = api.callsOf("sendMessage").at(-1)!.payload.reply_markup as {
      inline_keyboard: { callback_data: string }[][];
    };
    const confirm = keyboard.inline_keyboard[0]![0]!.callback_data;
    await bot().handleUpdate(callbackUpdate(confirm, { userId: 201, languageCode: "en" })); // forged by a member
    expect((await db.pool.query("SELECT count(*)::int AS n FROM deliveries")).rows[0].n).toBe(0);
    await bot().handleUpdate(callbackUpdate(confirm, { userId: BOARD, languageCode: "en" }));
    await bot().handleUpdate(callbackUpdate(confirm, { userId: BOARD, languageCode: "en" })); // pressed twice
    // The bot sends in the background after confirming; wait until every delivery is settled.
    await current!.settled();
    const { rows } = await db.pool.query("SELECT status, count(*)::int AS n FROM deliveries GROUP BY status");
    expect(rows).toEqual([{ status: "sent", n: 3 }]);
    const received = api.callsOf("sendMessage").filter((c) => String(c.payload.text).startsWith("Họp giao ban"));
    expect(received.map((c) => Number(c.payload.chat_id)).sort()).toEqual([201, 202, 301]);
    expect(received[0]!.payload.text).toBe("Họp giao ban &lt;b&gt;8h&lt;/b&gt; &amp; mang sổ");
  });

  it("someone who blocks the bot gets nothing; after unblocking, they do again", async () => {
    const member = (status: "kicked" | "member", updateId: number) => ({
      update_id: updateId,
      my_chat_member: {
        chat: { id: 202, type: "private" as const, first_name: "P" },
        from: { id: 202, is_bot: false, first_name: "P" },
        date: 0,
        old_chat_member: { status: "member" as const, user: { id: 42, is_bot: true, first_name: "B" } },
        new_chat_member:
          status === "kicked"
            ? { status: "kicked" as const, until_date: 0, user: { id: 42, is_bot: true, first_name: "B" } }
            : { status: "member" as const, user: { id: 42, is_bot: true, first_name: "B" } },
      },
    });
    await bot().handleUpdate(member("kicked", 700_001));
    const recipients = async () =>
      [
        ...new Set(
          (await telegram().services.outbox.preview(new Date("2025-03-13T01:00:00Z")))
            .filter((p) => p.kind !== "digest")
            .map((p) => p.telegramId),
        ),
      ].sort();
    expect(await recipients()).toEqual([201]);
    await bot().handleUpdate(member("member", 700_002));
    expect(await recipients()).toEqual([201, 202]);
  });
});
