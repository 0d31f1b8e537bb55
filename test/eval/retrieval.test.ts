import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { createConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/pool.ts";
import { EVAL_SET_PATH } from "../../src/paths.ts";
import { evaluate, loadEvalSet, type EvalReport } from "../../src/rag/eval.ts";
import { silentLogger } from "../helpers/app-fixture.ts";

/**
 * Floors for the offline evaluation (local embedding + full-text search). The first honest measurement, before
 * any tuning on this set, was hit@5: vi 1.000, vi without diacritics 1.000, pl 0.900, en 1.000. A change that
 * drops any language below 0.9 (the product's target) fails here.
 */
const HIT_AT_5_FLOOR = 0.9;
const MRR_FLOOR = 0.8;

describe("offline retrieval evaluation (eval/questions.json)", () => {
  let app: App;
  let report: EvalReport;

  beforeAll(async () => {
    const config = createConfig({});
    app = await createApp(config, silentLogger, { database: await openDatabase({ dataDir: "memory://" }) });
    await app.ensureIndex();
    report = await evaluate({
      retriever: app.retriever,
      answerer: app.answerer,
      questions: loadEvalSet(EVAL_SET_PATH),
      embeddings: app.embeddings.modelId,
      answeredBy: "offline",
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  it("has at least 80 questions in every style, and at least 10 the corpus cannot answer", () => {
    const questions = loadEvalSet(EVAL_SET_PATH);
    expect(questions.length).toBeGreaterThanOrEqual(80);
    expect(questions.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(report.groups).sort()).toEqual(["en", "pl", "vi", "vi (no diacritics)"]);
  });

  it.each(["vi", "vi (no diacritics)", "pl", "en"])(
    "finds the right passage in the top 5 for %s questions",
    (group) => {
      const metrics = report.groups[group]!;
      const misses = report.questions
        .filter((q) => q.group === group && q.answerable && q.rank === null)
        .map((q) => q.id);
      expect({ group, hitAt5: metrics.hitAt5 >= HIT_AT_5_FLOOR, misses }).toEqual({ group, hitAt5: true, misses });
      expect(metrics.mrr).toBeGreaterThanOrEqual(MRR_FLOOR);
    },
  );

  it("refuses the off-topic questions even offline", () => {
    const offTopic = loadEvalSet(EVAL_SET_PATH).filter((q) => !q.answerable && q.gap === "none");
    expect(offTopic.length).toBeGreaterThanOrEqual(2);
    for (const q of offTopic) expect(report.questions.find((r) => r.id === q.id)?.mode).toBe("none");
  });
});
