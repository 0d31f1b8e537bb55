import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { createConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/pool.ts";
import { EVAL_SET_PATH } from "../../src/paths.ts";
import { BEHAVIOURS, evaluate, FIRST_SCREEN_MAX_CHARS, loadEvalSet, type EvalReport } from "../../src/rag/eval.ts";
import { silentLogger } from "../helpers/app-fixture.ts";

/**
 * Floors for the offline evaluation (local embedding + full-text search, extractive answers, the shipped curated
 * short answers). Issue 10 set them: the right passage first (hit@1) for at least 85% of the questions in every
 * language and style, in the top 5 for at least 95%; every refusal and partial-answer case done as expected; the
 * first screen of an answer within one phone screen. Before issue 10: hit@1 vi 0.867, vi without diacritics 0.900,
 * pl 0.750, en 0.750. A change that drops any of these fails here.
 */
const HIT_AT_1_FLOOR = 0.85;
const HIT_AT_5_FLOOR = 0.95;
const MRR_FLOOR = 0.85;
// The share of answers whose first screen holds the expected fact (0.81 when the floor was set).
const FACT_SHARE_FLOOR = 0.75;

describe("offline evaluation (eval/questions.json)", () => {
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
  }, 180_000);
  afterAll(async () => {
    await app.close();
  });

  it("has at least 30 questions in every style, refusal cases of every kind, follow-ups and two-part questions", () => {
    const questions = loadEvalSet(EVAL_SET_PATH);
    expect(questions.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(report.groups).sort()).toEqual(["en", "pl", "vi", "vi (no diacritics)"]);
    for (const group of Object.values(report.groups)) expect(group.n).toBeGreaterThanOrEqual(30);
    for (const behaviour of BEHAVIOURS) expect(report.behaviours[behaviour].n).toBeGreaterThanOrEqual(4);
    expect(questions.filter((q) => q.previous).length).toBeGreaterThanOrEqual(4);
    expect(questions.filter((q) => q.answerable && q.facts?.length).length).toBe(report.overall.n);
  });

  it.each(["vi", "vi (no diacritics)", "pl", "en"])("puts the right passage first for %s questions", (group) => {
    const metrics = report.groups[group]!;
    const misses = report.questions
      .filter((q) => q.group === group && q.answerable && q.rank === null)
      .map((q) => q.id);
    expect({
      group,
      hitAt1: metrics.hitAt1 >= HIT_AT_1_FLOOR,
      hitAt5: metrics.hitAt5 >= HIT_AT_5_FLOOR,
      misses,
    }).toEqual({ group, hitAt1: true, hitAt5: true, misses: expect.any(Array) });
    expect(metrics.mrr).toBeGreaterThanOrEqual(MRR_FLOOR);
  });

  it("refuses every off-topic and personnel question, and says so when the documents cover one only partly", () => {
    for (const behaviour of BEHAVIOURS) {
      expect({ behaviour, failed: report.behaviours[behaviour].failed }).toEqual({ behaviour, failed: [] });
    }
  });

  it("keeps the first screen of every answer within one phone screen, the expected fact on it", () => {
    expect(report.firstScreen.over700).toBe(0);
    expect(report.firstScreen.max).toBeLessThanOrEqual(FIRST_SCREEN_MAX_CHARS);
    expect(report.firstScreen.median).toBeLessThan(450);
    expect(report.overall.factShare).toBeGreaterThanOrEqual(FACT_SHARE_FLOOR);
  });
});
