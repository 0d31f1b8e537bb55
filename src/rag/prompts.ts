import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PromptTemplate } from "@langchain/core/prompts";
import { AppError } from "../errors.ts";
import { PROMPTS_DIR } from "../paths.ts";

/** The prompt files and the variables each must declare: checked once, at start-up. */
const PROMPT_FILES = {
  answerSystem: { file: "answer-system.txt", variables: ["language_name"] },
  answerUser: { file: "answer-user.txt", variables: ["documents", "question", "language_name"] },
} as const;

export type Prompts = { [K in keyof typeof PROMPT_FILES]: PromptTemplate };

export function loadPrompts(dir = PROMPTS_DIR): Prompts {
  const out: Partial<Record<keyof Prompts, PromptTemplate>> = {};
  for (const [name, spec] of Object.entries(PROMPT_FILES) as [keyof Prompts, (typeof PROMPT_FILES)[keyof Prompts]][]) {
    const path = join(dir, spec.file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new AppError(`Prompt file ${path} is missing.`, { cause: error });
    }
    const template = PromptTemplate.fromTemplate(text);
    const declared = [...template.inputVariables].sort();
    const expected = [...spec.variables].sort();
    if (declared.join(",") !== expected.join(",")) {
      throw new AppError(
        `Prompt ${spec.file} uses variables {${declared.join("}, {")}} but must use exactly {${expected.join("}, {")}}.`,
      );
    }
    out[name] = template;
  }
  return out as Prompts;
}

/** Escapes text placed inside the <document> delimiters so a document cannot close or forge them. */
export function escapeForDelimiters(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export type PromptDocument = { n: number; title: string; section: string; text: string };

/** Formats passages as <document id="n" …>…</document>, best first, within a character budget. */
export function formatDocuments(docs: PromptDocument[], budgetChars = 12_000): string {
  const parts: string[] = [];
  let used = 0;
  for (const doc of docs) {
    const text = doc.text.length > 3000 ? `${doc.text.slice(0, 3000)}…` : doc.text;
    const part =
      `<document id="${doc.n}" title="${escapeForDelimiters(doc.title)}" section="${escapeForDelimiters(doc.section)}">\n` +
      `${escapeForDelimiters(text)}\n</document>`;
    if (used + part.length > budgetChars && parts.length > 0) break;
    parts.push(part);
    used += part.length;
  }
  return parts.join("\n");
}
