import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, ROOT_DIR } from "../../src/paths.ts";
import { readFactIds, uncitedFacts } from "../../src/rag/fact-coverage.ts";

const SHEET = `| ID | Fact | Source(s) | Conf. |
|---|---|---|---|
| F001 | A fact. | https://a | high |
| F002 | Another. | https://b | medium (30/6 deadline: high) |
| F003 | A guess. | inference | low |
`;

describe("fact coverage check", () => {
  it("lists high and medium facts the corpus does not cite, and ignores low ones", async () => {
    expect([...readFactIds(SHEET)]).toEqual([
      ["F001", "high"],
      ["F002", "medium"],
      ["F003", "low"],
    ]);
    const dir = await mkdtemp(join(tmpdir(), "facts-"));
    await writeFile(join(dir, "a.vi.md"), "# A\n\nText. <!-- facts: F002 -->\nF001 in plain text does not count.\n");
    expect(uncitedFacts(SHEET, dir)).toEqual(["F001"]);
    await writeFile(join(dir, "b.vi.md"), "<!-- facts: F001 F003 -->");
    expect(uncitedFacts(SHEET, dir)).toEqual([]);
  });

  const sheet = join(ROOT_DIR, "..", "shared", "facts", "facts.md");
  it.skipIf(!existsSync(sheet))("the shipped corpus cites every high- and medium-confidence fact of the sheet", () => {
    const markdown = readFileSync(sheet, "utf8");
    expect(readFactIds(markdown).size).toBeGreaterThanOrEqual(85);
    expect(uncitedFacts(markdown, CORPUS_DIR)).toEqual([]);
  });
});
