import { foldText } from "./normalize.ts";

/**
 * A corpus section as written in corpus/*.md ends with one line of sources:
 *   "Nguồn: https://a ; https://b ; bài báo … (chưa có đường dẫn) ; Độ tin cậy: trung bình (tin báo chí)"
 * (Polish "Źródło: … ; Wiarygodność: …", English "Source: … ; Confidence: …"). What a secretary reads first is the
 * body; the links and the confidence go behind the "Sources" button. Official PDF/DOCX texts have no such line:
 * their body is the whole text.
 */
export type Passage = {
  /** The section's text without its line of sources. */
  body: string;
  /** Web addresses from the line of sources, in order. */
  links: string[];
  /** Sources named without an address ("bài báo Báo Thanh Hóa … (chưa có đường dẫn)"). */
  citations: string[];
  /** The confidence note as written ("trung bình (tin báo chí)"), if any. */
  confidence: string | undefined;
};

const SOURCE_LINE = /^(Nguồn|Źródło|Źródła|Source|Sources)\s*:\s*(.*)$/imu;
const CONFIDENCE = /^(Độ tin cậy|Wiarygodność|Confidence)\s*:\s*(.*)$/iu;
const URL = /https?:\/\/[^\s<>()"';]+/g;

export function splitPassage(content: string): Passage {
  const lines = content.split("\n");
  const index = lines.findIndex((line) => SOURCE_LINE.test(line.trim()));
  if (index < 0) return { body: content.trim(), links: [], citations: [], confidence: undefined };
  const line = lines[index]!.trim();
  const body = [...lines.slice(0, index), ...lines.slice(index + 1)].join("\n").trim();
  const items = SOURCE_LINE.exec(line)![2]!.split(/\s;\s|;\s(?=\p{Lu})/u);
  const links: string[] = [];
  const citations: string[] = [];
  let confidence: string | undefined;
  for (const raw of items) {
    const item = raw.trim().replace(/[;.]+$/, "");
    if (!item) continue;
    const conf = CONFIDENCE.exec(item);
    if (conf) {
      confidence = conf[2]!.trim();
      continue;
    }
    const urls = item.match(URL);
    if (urls) links.push(...urls.map((u) => u.replace(/[.,]+$/, "")));
    else citations.push(item);
  }
  return { body, links: [...new Set(links)], citations, confidence };
}

// How the corpus says it lacks something (folded): "Tài liệu hiện có không nêu…", "Dostępne dokumenty nie
// podają…", "The available documents do not give…".
const GAP_STATEMENT =
  /\b(tai lieu hien co khong|khong co trong tai lieu|chua co toan van|khong tra loi duoc|khong co nguon nao|dostepne dokumenty nie|nie ma w dokumentach|nie ma pelnego tekstu|nie ma w dostepnych dokumentach|nie moze wiec odpowiedziec|brak zrodla|the available documents do not|not in the available documents|not in the document set|not in the documents|does not have the full text|cannot answer|no source in the index|the documents only have)\b/;

/** True when a sentence says the documents do not cover something. */
export function statesGap(text: string): boolean {
  return GAP_STATEMENT.test(foldText(text));
}
