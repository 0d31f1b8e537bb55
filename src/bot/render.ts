import type { Lang } from "../config.ts";
import { sourceLine, type Answer } from "../rag/answer.ts";
import type { Translate } from "../translate.ts";
import type { Block } from "./html.ts";

/** An answer as message blocks: every value goes through escaping when the blocks are rendered. */
export function renderAnswer(answer: Answer, t: Translate): Block[] {
  const lang: Lang = answer.language;
  if (answer.mode === "none") return [{ text: answer.answer }];
  if (answer.mode === "llm") {
    return [
      { text: answer.llmText ?? answer.answer },
      { text: t(lang, "answer-sources-title"), tag: "b" },
      { text: answer.sources.map(sourceLine).join("\n") },
    ];
  }
  const label = t(
    lang,
    answer.fallbackReason === "no-llm" ? "answer-extractive-label" : "answer-extractive-fallback-label",
  );
  const blocks: Block[] = [{ text: label, tag: "i" }];
  for (const s of answer.sources) {
    blocks.push({ text: sourceLine(s), tag: "b" });
    blocks.push({ text: s.text, tag: "blockquote" });
  }
  return blocks;
}
