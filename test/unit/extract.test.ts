import { describe, expect, it } from "vitest";
import { extractAnswer, shorten, splitUnits, SUMMARY_MAX_CHARS } from "../../src/rag/extract.ts";
import { splitPassage, statesGap } from "../../src/rag/passage.ts";

const weights = () => 1;

const duration = {
  key: "1",
  heading: "Thời gian đại hội",
  score: 1,
  body:
    "Theo Chỉ thị 45, đại hội đảng bộ cơ sở tổ chức không quá 2 ngày và phải hoàn thành trước 30/6/2025.\n\n" +
    "Phiên trù bị được tính vào thời gian đại hội.",
};
const glossary = {
  key: "2",
  heading: "Đảng ủy bộ phận",
  score: 0.9,
  body: "Đảng ủy bộ phận là cấp trung gian giữa đảng ủy cơ sở và các chi bộ. Đại hội đảng bộ bộ phận tối đa 1 ngày.",
};

describe("extractAnswer", () => {
  it("opens with the sentence that answers, from the best passage", () => {
    const result = extractAnswer(
      "Đại hội đảng bộ cơ sở được tổ chức tối đa mấy ngày?",
      "vi",
      [duration, glossary],
      weights,
    );
    expect(result.sentences[0]?.text).toContain("không quá 2 ngày");
    expect(result.sentences.map((s) => s.text).join(" ").length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
  });

  it("answers both parts of a two-part question from one sentence, or names the part it cannot", () => {
    const both = extractAnswer(
      "Đại hội đảng bộ cơ sở được tổ chức tối đa mấy ngày và phải xong trước ngày nào?",
      "vi",
      [duration, glossary],
      weights,
    );
    expect(both.parts).toHaveLength(2);
    expect(both.uncovered).toEqual([]);
    expect(both.sentences[0]?.text).toContain("30/6/2025");
    const half = extractAnswer(
      "Đại hội đảng bộ cơ sở tối đa mấy ngày, và hồ sơ nhân sự gồm những giấy tờ gì?",
      "vi",
      [duration, glossary],
      weights,
    );
    expect(half.uncovered).toEqual(["hồ sơ nhân sự gồm những giấy tờ gì"]);
    expect(half.sentences[0]?.text).toContain("2 ngày");
  });

  it("reads a follow-up with the question before it", () => {
    const cell = {
      key: "3",
      heading: "Ví dụ lịch đại hội",
      score: 0.8,
      body: "Ví dụ theo Chỉ thị 35:\n- Chi bộ trực thuộc đảng ủy cơ sở: đại hội trong nửa ngày.\n- Đảng bộ cơ sở: đại hội tối đa 2 ngày.",
    };
    const result = extractAnswer("Còn chi bộ thì sao?", "vi", [duration, glossary, cell], weights, {
      context: "Đại hội đảng bộ cơ sở kéo dài tối đa bao lâu?",
    });
    expect(result.sentences[0]?.text).toContain("nửa ngày");
  });

  it("matches Polish and English words by their stems, as the search does", () => {
    const en = {
      key: "1",
      heading: "Provincial congresses",
      score: 1,
      body: "Congresses of Party committees at provincial level last at most 4 days. They must be finished before 31 October 2025.",
    };
    const result = extractAnswer("How long can a provincial congress last?", "en", [en], weights);
    expect(result.sentences[0]?.text).toContain("4 days");
  });

  it("says when a shown passage tells the documents lack what is asked", () => {
    const gap = {
      key: "1",
      heading: "Hướng dẫn 27",
      score: 1,
      body: "Hướng dẫn 27-HD/BTCTW ban hành ngày 26/8/2024. Nội dung chi tiết của Hướng dẫn 27 không có trong tài liệu hiện có.",
    };
    const result = extractAnswer("Hướng dẫn 27 quy định những gì về đại hội chi bộ?", "vi", [gap], weights);
    expect(result.gap).toContain("không có trong tài liệu");
  });
});

describe("splitUnits", () => {
  it("keeps a short list with its introduction, and gives each item its introduction too", () => {
    const units = splitUnits("Chỉ thị 35 có bốn phụ lục:\n- Tiêu chuẩn;\n- Độ tuổi;\n- Số lượng;\n- Quy trình, hồ sơ.");
    expect(units[0]).toBe("Chỉ thị 35 có bốn phụ lục: Tiêu chuẩn; Độ tuổi; Số lượng; Quy trình, hồ sơ.");
    expect(units).toContain("Chỉ thị 35 có bốn phụ lục: Độ tuổi.");
  });

  it("names what a sentence starting with 'this' refers to", () => {
    expect(splitUnits("Đây là nơi nên hỏi khi tài liệu không có câu trả lời.", "Ban Tổ chức Thành ủy")).toEqual([
      "Ban Tổ chức Thành ủy: Đây là nơi nên hỏi khi tài liệu không có câu trả lời.",
    ]);
  });
});

describe("shorten", () => {
  it("cuts at a clause within the limit and marks the cut", () => {
    const text = "Bỏ phiếu kín khi bầu cấp ủy, ban thường vụ, bí thư, phó bí thư, ủy ban kiểm tra và đại biểu.";
    const short = shorten(text, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short.endsWith(" …")).toBe(true);
  });
});

describe("splitPassage", () => {
  it("takes the line of sources apart: links, sources without an address, confidence", () => {
    const passage = splitPassage(
      "Đại hội có bốn nội dung.\n\nNguồn: https://a.vn/x ; https://b.vn/y ; bài báo Báo Thanh Hóa (chưa có đường dẫn) ; Độ tin cậy: cao đối với Kết luận 163; trung bình với phần còn lại",
    );
    expect(passage).toEqual({
      body: "Đại hội có bốn nội dung.",
      links: ["https://a.vn/x", "https://b.vn/y"],
      citations: ["bài báo Báo Thanh Hóa (chưa có đường dẫn)"],
      confidence: "cao đối với Kết luận 163; trung bình với phần còn lại",
    });
    expect(splitPassage("Điều 5. Văn bản chính thức.")).toMatchObject({ links: [], confidence: undefined });
  });

  it("recognises the corpus saying it lacks something, in the three languages", () => {
    expect(statesGap("Tài liệu hiện có không nêu thời hạn thẩm định văn kiện.")).toBe(true);
    expect(statesGap("Dostępne dokumenty nie podają terminu.")).toBe(true);
    expect(statesGap("The available documents do not say whether …")).toBe(true);
    expect(statesGap("Đại hội có bốn nội dung.")).toBe(false);
  });
});
