import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Fact ids of the facts sheet with their confidence ("high", "medium", "low"), read from its table rows. */
export function readFactIds(factsMarkdown: string): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of factsMarkdown.split("\n")) {
    const m = /^\|\s*(F\d{3})\s*\|.*\|\s*([^|]*?)\s*\|\s*$/.exec(line);
    if (!m) continue;
    const confidence = /^high/i.test(m[2]!) ? "high" : /^medium/i.test(m[2]!) ? "medium" : "low";
    facts.set(m[1]!, confidence);
  }
  return facts;
}

/** Fact ids cited in the corpus's `<!-- facts: F001 F002 -->` comments. */
export function citedFactIds(corpusDir: string): Set<string> {
  const cited = new Set<string>();
  for (const file of readdirSync(corpusDir)) {
    if (!file.endsWith(".md")) continue;
    const text = readFileSync(join(corpusDir, file), "utf8");
    for (const comment of text.matchAll(/<!--\s*facts:([^>]*)-->/g)) {
      for (const id of comment[1]!.match(/F\d{3}/g) ?? []) cited.add(id);
    }
  }
  return cited;
}

/** High- and medium-confidence facts not cited anywhere in the corpus. */
export function uncitedFacts(factsMarkdown: string, corpusDir: string): string[] {
  const cited = citedFactIds(corpusDir);
  return [...readFactIds(factsMarkdown)]
    .filter(([id, confidence]) => confidence !== "low" && !cited.has(id))
    .map(([id]) => id);
}
