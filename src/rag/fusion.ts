/** The usual constant of reciprocal rank fusion (Cormack et al., 2009): damps the weight of the very top ranks. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) for every id it ranks (rank starting at 1).
 * Scores of different kinds (cosine, ts_rank) cannot be added; ranks can.
 */
export function reciprocalRankFusion(lists: string[][], k = RRF_K, weights?: number[]): Map<string, number> {
  const scores = new Map<string, number>();
  lists.forEach((list, listIndex) => {
    const weight = weights?.[listIndex] ?? 1;
    list.forEach((id, index) => {
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1));
    });
  });
  return scores;
}
