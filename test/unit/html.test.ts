import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToPlainText, splitMessage, TELEGRAM_MESSAGE_LIMIT, type Block } from "../../src/bot/html.ts";

const OUR_TAGS = ["b", "i", "blockquote", "code"];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fails unless `html` is Telegram HTML made only of our tags, balanced and properly nested, and valid entities. */
function expectValidTelegramHtml(html: string): void {
  const stack: string[] = [];
  const tagPattern = new RegExp(`<(/?)(${OUR_TAGS.join("|")})>`, "g");
  for (const m of html.matchAll(tagPattern)) {
    if (m[1]) expect(stack.pop(), `closing </${m[2]}> matches the open tag`).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack, "every tag is closed").toEqual([]);
  const text = html.replace(tagPattern, "");
  expect(text, "no raw < or > outside our tags").not.toMatch(/[<>]/);
  expect(text, "every & starts an entity").not.toMatch(/&(?!amp;|lt;|gt;)/);
}

function unescape(html: string): string {
  return html
    .replace(new RegExp(`</?(${OUR_TAGS.join("|")})>`, "g"), "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const nonWhitespace = (s: string) => s.replace(/\s+/g, "");

function expectSafeSplit(blocks: Block[], messages: string[], limit = TELEGRAM_MESSAGE_LIMIT): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message.length).toBeLessThanOrEqual(limit);
    expect(message.trim().length).toBeGreaterThan(0);
    expectValidTelegramHtml(message);
    expect(message, "no surrogate pair split").not.toMatch(LONE_SURROGATE);
  }
  expect(nonWhitespace(messages.map(unescape).join(""))).toBe(nonWhitespace(blocks.map((b) => b.text).join("")));
}

describe("escapeHtml", () => {
  it("escapes &, < and > (and & first, so nothing is escaped twice)", () => {
    expect(escapeHtml(`a & b < c > d`)).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
    expect(escapeHtml("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("leaves Vietnamese, quotes and emoji alone", () => {
    const text = `Đại hội "chi bộ" 'ok' 👍🏽 🇻🇳`;
    expect(escapeHtml(text)).toBe(text);
  });
});

describe("htmlToPlainText", () => {
  it.each([
    "a & b < c > d",
    "&lt; already looks escaped &amp; &gt; &quot;",
    "<b>not a tag</b> <script>alert(1)</script>",
    "Đại hội chi bộ 👍🏽 🇻🇳\nhai dòng",
  ])("round-trips escapeHtml(%j)", (text) => {
    expect(htmlToPlainText(escapeHtml(text))).toBe(text);
  });

  it("drops our formatting tags and keeps their text", () => {
    const html = `<b>${escapeHtml("Nguồn")}</b>\n<blockquote>${escapeHtml("a < b")}</blockquote><br><i>x</i>`;
    expect(htmlToPlainText(html)).toBe("Nguồn\na < b\nx");
  });
});

describe("splitMessage", () => {
  const modelOutput =
    "Theo [1], đại hội chi bộ <script>alert(1)</script> kéo dài nửa ngày; a & b < c > d. " +
    "<b>bold không đóng, </i> đóng thừa, &amp; đã mã hoá, &#60; và &nbsp;.";

  it("keeps short blocks in one message, escaped, with only our tags", () => {
    const blocks: Block[] = [{ text: "Trả lời", tag: "b" }, { text: modelOutput }, { text: "[1] Điều 2", tag: "i" }];
    const messages = splitMessage(blocks);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(messages[0]).toContain("a &amp; b &lt; c &gt; d");
    expect(messages[0]).toContain("&amp;amp; đã mã hoá");
    expectSafeSplit(blocks, messages);
  });

  it("splits 9,000 characters of model output with markup, entities and emoji into valid messages", () => {
    const unit = `${modelOutput} Đảng viên 👍🏽 dự đại hội 🇻🇳 đầy đủ.\n`;
    let long = "";
    while (long.length < 9000) long += unit;
    const blocks: Block[] = [
      { text: "Câu trả lời", tag: "b" },
      { text: long },
      { text: long, tag: "blockquote" },
      { text: "Nguồn: [1] Chỉ thị 35-CT/TW", tag: "i" },
    ];
    const messages = splitMessage(blocks);
    expect(messages.length).toBeGreaterThanOrEqual(5); // 2 × 9,000 chars with entities cannot fit in fewer
    expectSafeSplit(blocks, messages);
    // A piece of a blockquote stays a blockquote.
    expect(messages.filter((m) => m.includes("<blockquote>")).length).toBeGreaterThanOrEqual(3);
  });

  it("never splits a surrogate pair, even in a long run of emoji without spaces", () => {
    const text = "👍🏽🇻🇳😀".repeat(2000); // 12,000 UTF-16 code units, no break opportunity
    const blocks: Block[] = [{ text }, { text, tag: "code" }];
    expectSafeSplit(blocks, splitMessage(blocks));
  });

  it("splits text that grows when escaped (every character is & or <)", () => {
    const blocks: Block[] = [{ text: "&<>".repeat(3000) }, { text: "&&&&&&&&&&".repeat(500), tag: "b" }];
    expectSafeSplit(blocks, splitMessage(blocks));
  });

  it.each([40, 57, 100, 333])("holds with a small limit (%i) and mixed content", (limit) => {
    const alphabet = ["Đại", "hội", " ", " ", "\n", "&", "<", ">", "👍🏽", "🇻🇳", "chi bộ.", "x", "ơ"];
    let seed = limit;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const text = Array.from({ length: 600 }, () => alphabet[next() % alphabet.length]).join("");
    const blocks: Block[] = [{ text }, { text, tag: "i" }];
    expectSafeSplit(blocks, splitMessage(blocks, limit), limit);
  });
});
