import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Lang } from "../config.ts";
import { AppError } from "../errors.ts";
import { searchTokens } from "./question.ts";

/**
 * Curated short answers: a few dozen questions secretaries ask most, answered in our own words from the facts
 * sheet, in the three languages, each resting on corpus sections. A question that closely matches one of an
 * answer's question variants (on folded text: diacritics optional) gets that answer before any passage is
 * extracted. This module is pure: the seed file's format and the matching. SQL is in curated-store.ts.
 */

export const LANGS = ["vi", "pl", "en"] as const;

/** The most a curated text may hold: it is the first screen's answer. */
export const CURATED_MAX_CHARS = 450;

/** At or above: the curated text answers. */
export const CLOSE_MATCH = 0.72;
/** At or above (but not close): with a language model, the curated text is given to it as one more document. */
export const WEAK_MATCH = 0.5;

const perLanguage = <T extends z.ZodType>(schema: T) => z.object({ vi: schema, pl: schema, en: schema });

export const curatedInputSchema = z.object({
  variants: perLanguage(z.array(z.string().trim().min(3)).min(1)),
  texts: perLanguage(z.string().trim().min(10).max(CURATED_MAX_CHARS)),
  sources: z.array(z.object({ doc: z.string().min(1), section: z.string().min(1) })).min(1),
  confidence: z.enum(["high", "medium", "low"]),
  facts: z.array(z.string().regex(/^F\d{3}$/)).default([]),
});

export type CuratedInput = z.infer<typeof curatedInputSchema>;

export const curatedSeedSchema = curatedInputSchema.extend({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,60}$/) });

export type CuratedSeed = z.infer<typeof curatedSeedSchema>;

/** Reads and checks a seed file (corpus/short-answers.json): every entry, every language, unique keys. */
export async function loadCuratedSeeds(path: string): Promise<CuratedSeed[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new AppError(`${path}: not readable as JSON`, { cause: error });
  }
  const parsed = z.array(curatedSeedSchema).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new AppError(`${path}: ${problems.join("; ")}`);
  }
  const keys = new Set<string>();
  for (const seed of parsed.data) {
    if (keys.has(seed.key)) throw new AppError(`${path}: the key ${seed.key} is used twice`);
    keys.add(seed.key);
  }
  return parsed.data;
}

/** What a matcher needs of an answer. */
export type Matchable = { id: string; variants: Record<Lang, string[]> };

export type CuratedMatch<T extends Matchable> = { answer: T; score: number; variant: string };

type Features = Map<string, number>;

/** Content words and adjacent pairs of them, folded: "chi bộ" and "đảng bộ" differ by more than one word. */
function features(text: string, lang: Lang): Features {
  const tokens = searchTokens(text, lang);
  const out: Features = new Map();
  for (const t of tokens) out.set(t, 1);
  for (let i = 0; i + 1 < tokens.length; i++) out.set(`${tokens[i]} ${tokens[i + 1]}`, 1);
  return out;
}

/** Dice coefficient of two feature sets (0–1). */
function dice(a: Features, b: Features): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const key of a.keys()) if (b.has(key)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * Prepares answers for matching once (their variants' features), then matches questions against every variant
 * in every language — a Polish question typed without its letters may be taken for Vietnamese — and returns the
 * best, if any reaches `WEAK_MATCH`.
 */
export function createMatcher<T extends Matchable>(answers: T[]) {
  const prepared = answers.flatMap((answer) =>
    LANGS.flatMap((lang) =>
      (answer.variants[lang] ?? []).map((variant) => ({ answer, variant, lang, features: features(variant, lang) })),
    ),
  );
  return function match(question: string, lang: Lang): CuratedMatch<T> | undefined {
    const byLang = new Map(LANGS.map((l) => [l, features(question, l)]));
    let best: CuratedMatch<T> | undefined;
    for (const p of prepared) {
      // The question read with the variant's language rules (its stopwords); on a tie, the asker's language.
      const score = dice(byLang.get(p.lang)!, p.features);
      if (!best || score > best.score || (score === best.score && p.lang === lang)) {
        best = { answer: p.answer, score, variant: p.variant };
      }
    }
    return best && best.score >= WEAK_MATCH ? best : undefined;
  };
}
