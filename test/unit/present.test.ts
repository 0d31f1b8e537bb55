import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../../src/bot/i18n.ts";
import type { Answer, AnswerSource } from "../../src/rag/answer.ts";
import { displayDate, firstScreenText, sectionNumber, sourceDetails } from "../../src/rag/present.ts";

const t = translator(createI18n());

const source: AnswerSource = {
  n: 1,
  docId: "chi-thi-35-2024",
  title: "Chỉ thị 35",
  shortTitle: "Chỉ thị 35-CT/TW",
  number: "35-CT/TW",
  issuedOn: "2024-06-14",
  kind: "document",
  validity: { replacedBy: "Chỉ thị 45-CT/TW", until: "2025-04-14" },
  section: "Chỉ thị 35-CT/TW › V › 2",
  heading: "Tái cử",
  text: "Người tái cử phải còn ít nhất 30 tháng.",
  score: 1,
  language: "vi",
  links: ["https://example.vn/a"],
  citations: ["bài báo (chưa có đường dẫn)"],
  confidence: "trung bình",
};

const answer = (over: Partial<Answer>): Answer => ({
  mode: "extractive",
  language: "vi",
  fallbackReason: "no-llm",
  summary: "Người tái cử phải còn ít nhất 30 tháng.",
  primary: 1,
  answer: "",
  sources: [source],
  model: "extractive",
  latencyMs: 1,
  ...over,
});

describe("the first screen", () => {
  it("is the answer, then one source line: document, section, date, and which rule applied when", () => {
    expect(firstScreenText(answer({}), t)).toBe(
      "Người tái cử phải còn ít nhất 30 tháng.\n\n" +
        "📄 Trả lời bằng trích đoạn: Chỉ thị 35-CT/TW, mục V.2 (14/6/2024) · áp dụng đến 14/4/2025; từ đó theo Chỉ thị 45-CT/TW",
    );
  });

  it("says what a follow-up was read with, what the documents lack, and nothing about the server", () => {
    const text = firstScreenText(
      answer({ followUp: { previous: "Đại hội đảng bộ cơ sở kéo dài bao lâu?" }, uncovered: ["hồ sơ gồm gì"] }),
      t,
    );
    expect(text.startsWith("↪ Câu hỏi tiếp theo, hiểu cùng câu trước: «Đại hội đảng bộ cơ sở kéo dài bao lâu?»")).toBe(
      true,
    );
    expect(text).toContain("Tài liệu không trả lời phần: hồ sơ gồm gì.");
    expect(text).not.toMatch(/mô hình ngôn ngữ|model|cấu hình/i);
  });

  it("names a curated short answer, its sources and the facts' confidence", () => {
    const text = firstScreenText(
      answer({ mode: "curated", curated: { id: "1", key: "k", confidence: "medium", score: 0.9 } }),
      t,
    );
    expect(text).toContain(
      "📌 Câu trả lời ngắn đã biên soạn, dựa trên Chỉ thị 35-CT/TW, mục V.2 (14/6/2024) · độ tin cậy: trung bình",
    );
  });

  it("is the refusal alone for a refused question", () => {
    const text = firstScreenText(answer({ mode: "none", refusal: "personnel", summary: "Từ chối.", sources: [] }), t);
    expect(text).toBe("Từ chối.");
  });
});

describe("helpers", () => {
  it("writes sections and dates the way the documents do", () => {
    expect(sectionNumber("Chỉ thị 35-CT/TW › V › 2")).toBe("V.2");
    expect(sectionNumber("Thuật ngữ › Chuẩn y")).toBe("Chuẩn y");
    expect(sectionNumber("Chỉ thị 35-CT/TW")).toBe("");
    expect(displayDate("2025-04-14")).toBe("14/4/2025");
    expect(displayDate("")).toBe("");
  });

  it("lists a passage's links, its sources without an address and its confidence", () => {
    expect(sourceDetails(source, t, "vi")).toEqual([
      "https://example.vn/a",
      "bài báo (chưa có đường dẫn)",
      "Độ tin cậy: trung bình",
      "áp dụng đến 14/4/2025; từ đó theo Chỉ thị 45-CT/TW",
    ]);
  });
});
