// Lists every high- or medium-confidence fact of ../shared/facts/facts.md that the corpus does not cite.
// Prints nothing when the corpus covers them all. Usage: npm run check:facts [-- FACTS_FILE]
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_DIR, ROOT_DIR } from "../src/paths.ts";
import { readFactIds, uncitedFacts } from "../src/rag/fact-coverage.ts";

const factsPath = process.argv[2] ?? join(ROOT_DIR, "..", "shared", "facts", "facts.md");
if (!existsSync(factsPath)) {
  console.error(`facts sheet not found: ${factsPath}`);
  process.exit(2);
}
const markdown = readFileSync(factsPath, "utf8");
if (readFactIds(markdown).size === 0) {
  console.error(`no fact ids found in ${factsPath}`);
  process.exit(2);
}
const missing = uncitedFacts(markdown, CORPUS_DIR);
for (const id of missing) console.log(id);
process.exitCode = missing.length ? 1 : 0;
