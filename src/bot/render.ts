import type { Lang } from "../config.ts";
import type { Answer } from "../rag/answer.ts";
import { firstScreen, passageTitle, sourceDetails, type ScreenPart } from "../rag/present.ts";
import type { Translate } from "../translate.ts";
import type { Block } from "./html.ts";

/** What a reply shows: the answer alone, or with its passages, or with its sources (the buttons switch). */
export type AnswerView = "answer" | "passages" | "sources";

const PART_TAG: Record<ScreenPart["kind"], Block["tag"] | undefined> = {
  understood: "i",
  summary: undefined,
  note: "i",
  source: "i",
};

/** The first screen as message blocks: every value goes through escaping when the blocks are rendered. */
export function renderAnswer(answer: Answer, t: Translate): Block[] {
  return firstScreen(answer, t).map((p) => {
    const tag = PART_TAG[p.kind];
    return tag ? { text: p.text, tag } : { text: p.text };
  });
}

/** Telegram's limit for one message, which an edited message must also keep. */
const EDIT_LIMIT_CHARS = 4000;

/**
 * The first screen followed by the passages (quoted) or by each passage's sources (links, sources without an
 * address, confidence). One edited message holds it all, so passages are shortened to fit.
 */
export function renderAnswerView(
  answer: Answer,
  view: AnswerView,
  t: Translate,
  options: { withAnswer?: boolean } = {},
): Block[] {
  const blocks = options.withAnswer === false ? [] : renderAnswer(answer, t);
  if (view === "answer" || answer.sources.length === 0) return blocks;
  const lang: Lang = answer.language;
  const used = () => blocks.reduce((n, b) => n + b.text.length + 40, 0);
  if (view === "passages") {
    blocks.push({ text: t(lang, "answer-passages-title"), tag: "b" });
    const room = Math.max(300, Math.floor((EDIT_LIMIT_CHARS - used()) / answer.sources.length) - 120);
    for (const s of answer.sources) {
      blocks.push({ text: passageTitle(s, t, lang), tag: "b" });
      blocks.push({
        text: s.text.length > room ? `${s.text.slice(0, room - 2).trimEnd()} …` : s.text,
        tag: "blockquote",
      });
    }
    return blocks;
  }
  blocks.push({ text: t(lang, "answer-sources-title"), tag: "b" });
  for (const s of answer.sources) {
    const lines = [passageTitle(s, t, lang), ...sourceDetails(s, t, lang)].join("\n");
    if (used() + lines.length > EDIT_LIMIT_CHARS) break;
    blocks.push({ text: lines });
  }
  return blocks;
}
