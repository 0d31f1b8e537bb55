import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/pool.ts";
import type { CuratedSeed } from "../../src/rag/curated.ts";
import {
  addCuratedAnswer,
  createCuratedMatcher,
  curatedHistory,
  editCuratedAnswer,
  getCuratedAnswer,
  listCuratedAnswers,
  publishCuratedAnswer,
  seedCuratedAnswers,
  withdrawCuratedAnswer,
} from "../../src/rag/curated-store.ts";
import { indexMiniCorpus } from "../helpers/app-fixture.ts";
import { dbKinds, openTestDatabase } from "../helpers/db.ts";

const seed = (key: string, vi: string): CuratedSeed => ({
  key,
  variants: {
    vi: ["Đại hội chi bộ trực thuộc họp trong bao lâu?"],
    pl: ["Jak długo trwa zjazd komórki?"],
    en: ["How long is a cell congress?"],
  },
  texts: { vi, pl: "Zjazd komórki trwa pół dnia.", en: "A cell congress takes half a day." },
  sources: [{ doc: "chi-thi-mau", section: "II › 2" }],
  confidence: "high",
  facts: ["F026"],
});

describe.each(dbKinds())("curated short answers on %s", (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await indexMiniCorpus(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it("seeds from the file, idempotently, keyed; the Board's correction wins over a later file", async () => {
    const first = await seedCuratedAnswers(db.pool, [
      seed("cell-length", "Đại hội chi bộ trực thuộc tiến hành trong nửa ngày."),
      { ...seed("nowhere", "Một câu trả lời đủ dài."), sources: [{ doc: "no-such-doc", section: "I › 1" }] },
    ]);
    expect(first).toMatchObject({ added: ["cell-length"], unchanged: [], failed: [{ key: "nowhere" }] });
    expect(first.failed[0]!.error).toContain("no-such-doc I › 1");
    const again = await seedCuratedAnswers(db.pool, [
      seed("cell-length", "Đại hội chi bộ trực thuộc tiến hành trong nửa ngày."),
    ]);
    expect(again).toMatchObject({ added: [], updated: [], unchanged: ["cell-length"] });

    // A changed seed updates the row, the old text going to history.
    const changed = await seedCuratedAnswers(db.pool, [
      seed("cell-length", "Đại hội chi bộ tiến hành trong nửa ngày, theo tài liệu."),
    ]);
    expect(changed.updated).toEqual(["cell-length"]);
    const [row] = await listCuratedAnswers(db.pool);
    const history = await curatedHistory(db.pool, row!.id);
    expect(history.map((h) => [h.action, h.changedBy])).toEqual([
      ["add", "seed"],
      ["edit", "seed"],
    ]);
    expect(history[1]!.previous?.texts.vi).toBe("Đại hội chi bộ trực thuộc tiến hành trong nửa ngày.");

    // The Board corrects it; the file changing again does not overwrite the correction.
    await editCuratedAnswer(
      db.pool,
      row!.id,
      { texts: { ...row!.texts, vi: "Nửa ngày (Ban Tổ chức đã sửa)." } },
      "telegram:42",
    );
    const kept = await seedCuratedAnswers(db.pool, [seed("cell-length", "Một phiên bản khác của tệp.")]);
    expect(kept.keptEdits).toEqual(["cell-length"]);
    expect((await getCuratedAnswer(db.pool, row!.id))!.texts.vi).toBe("Nửa ngày (Ban Tổ chức đã sửa).");
  });

  it("adds, edits, withdraws and publishes again, each change in an append-only history", async () => {
    const added = await addCuratedAnswer(
      db.pool,
      {
        variants: {
          vi: ["Số dư khi bầu cử tối đa bao nhiêu?"],
          pl: ["Jaka jest nadwyżka kandydatów?"],
          en: ["What is the surplus?"],
        },
        texts: {
          vi: "Số dư tối đa 30% số lượng cần bầu.",
          pl: "Nadwyżka najwyżej 30% miejsc.",
          en: "The surplus is at most 30%.",
        },
        sources: [{ doc: "chi-thi-mau", section: "II › 3" }],
        confidence: "medium",
        facts: ["F055"],
      },
      "telegram:42",
    );
    expect(added).toMatchObject({
      origin: "board",
      status: "published",
      createdBy: "telegram:42",
      key: expect.stringMatching(/^board-/),
    });
    await editCuratedAnswer(db.pool, added.id, { confidence: "high" }, "telegram:43", "checked against Regulation 190");
    await withdrawCuratedAnswer(db.pool, added.id, "telegram:42", "wrong figure");
    expect((await listCuratedAnswers(db.pool, { status: "published" })).map((a) => a.id)).not.toContain(added.id);
    await publishCuratedAnswer(db.pool, added.id, "telegram:42");
    const history = await curatedHistory(db.pool, added.id);
    expect(history.map((h) => [h.action, h.changedBy, h.previous?.status ?? null, h.note])).toEqual([
      ["add", "telegram:42", null, null],
      ["edit", "telegram:43", "published", "checked against Regulation 190"],
      ["withdraw", "telegram:42", "published", "wrong figure"],
      ["publish", "telegram:42", "withdrawn", null],
    ]);
    expect(history[1]!.previous?.confidence).toBe("medium");
    // The database itself refuses to rewrite history.
    await expect(db.pool.query("UPDATE curated_answer_history SET changed_by = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("DELETE FROM curated_answer_history")).rejects.toThrow(/append-only/);
    // A text longer than one screen is refused, and nothing is written.
    await expect(
      editCuratedAnswer(db.pool, added.id, { texts: { ...added.texts, vi: "x".repeat(451) } }, "telegram:42"),
    ).rejects.toThrow(/texts\.vi/);
    expect(await curatedHistory(db.pool, added.id)).toHaveLength(4);
  });

  it("matches published answers on folded text with their sources in the asker's language, and follows edits", async () => {
    const matcher = createCuratedMatcher(db.pool);
    const hit = await matcher.match("dai hoi chi bo truc thuoc hop trong bao lau", "vi");
    expect(hit?.answer.key).toBe("cell-length");
    expect(hit?.passages[0]).toMatchObject({ section: "Chỉ thị 99-CT/TW › II › 2", language: "vi" });
    const pl = await matcher.match("Jak długo trwa zjazd komórki?", "pl");
    expect(pl?.passages[0]).toMatchObject({ section: "Dyrektywa 99-CT/TW › II › 2", language: "pl" });
    // Withdrawn: the same matcher stops answering with it at once.
    await withdrawCuratedAnswer(db.pool, hit!.answer.id, "telegram:42");
    expect((await matcher.match("dai hoi chi bo truc thuoc hop trong bao lau", "vi"))?.answer.key).not.toBe(
      "cell-length",
    );
  });
});
