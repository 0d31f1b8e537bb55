import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, RRF_K } from "../../src/rag/fusion.ts";

function ranking(scores: Map<string, number>): string[] {
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

describe("reciprocalRankFusion", () => {
  it("ranks an id found well by both searches above ids that top only one", () => {
    const vector = ["only-vector", "both", "v3", "v4"];
    const text = ["only-text", "both", "t3", "t4"];
    const fused = ranking(reciprocalRankFusion([vector, text]));
    expect(fused[0]).toBe("both");
    expect(fused.slice(1, 3).sort()).toEqual(["only-text", "only-vector"]);
  });

  it("scores each id with the sum of 1/(k + rank), rank starting at 1", () => {
    const scores = reciprocalRankFusion([
      ["a", "b", "c"],
      ["c", "a"],
    ]);
    expect(scores.get("a")).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2), 12);
    expect(scores.get("b")).toBeCloseTo(1 / (RRF_K + 2), 12);
    expect(scores.get("c")).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1), 12);
    expect(scores.size).toBe(3);
  });

  it("uses k = 60 by default and honours another k", () => {
    expect(RRF_K).toBe(60);
    expect(reciprocalRankFusion([["a"]]).get("a")).toBeCloseTo(1 / 61, 12);
    expect(reciprocalRankFusion([["a", "b"]], 0).get("b")).toBeCloseTo(1 / 2, 12);
  });

  it("weights each list's contribution", () => {
    const lists = [
      ["vector-top", "shared"],
      ["text-top", "shared"],
    ];
    const scores = reciprocalRankFusion(lists, 60, [2, 0.5]);
    expect(scores.get("vector-top")).toBeCloseTo(2 / 61, 12);
    expect(scores.get("text-top")).toBeCloseTo(0.5 / 61, 12);
    expect(scores.get("shared")).toBeCloseTo(2 / 62 + 0.5 / 62, 12);
    // With the vector list weighted up, its top hit wins over the text list's top hit.
    expect(ranking(scores).indexOf("vector-top")).toBeLessThan(ranking(scores).indexOf("text-top"));
  });

  it("treats a missing weight as 1", () => {
    const scores = reciprocalRankFusion([["a"], ["b"]], 60, [3]);
    expect(scores.get("a")).toBeCloseTo(3 / 61, 12);
    expect(scores.get("b")).toBeCloseTo(1 / 61, 12);
  });

  it("returns nothing for no lists or empty lists", () => {
    expect(reciprocalRankFusion([]).size).toBe(0);
    expect(reciprocalRankFusion([[], []]).size).toBe(0);
  });
});
