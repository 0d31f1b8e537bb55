import { describe, expect, it } from "vitest";
import { filterModelOutput, MODEL_ANSWER_MAX_CHARS, type GivenPassage } from "../../src/rag/output-filter.ts";

const passages: GivenPassage[] = [
  {
    n: 1,
    title: "Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp",
    number: "35-CT/TW",
    section: "Chỉ thị 35-CT/TW › III › 1",
    text: "Đại hội chi bộ tiến hành trong nửa ngày. Theo Điều 12 của Điều lệ, chi bộ bầu không quá 7 chi ủy viên.",
    links: ["https://thanhhoa.dcs.vn/chi-thi-35"],
  },
  {
    n: 2,
    title: "Kế hoạch 268-KH/TU",
    number: "268-KH/TU",
    section: "Kế hoạch 268-KH/TU › II",
    text: "Hoàn thành đại hội cơ sở trước 30/06/2025.",
    links: [],
  },
];
const filter = (text: string) => filterModelOutput(text, passages);
const linkLike = /(https?:|www\.|t\.me|tg:|@\w{4,}|\b[a-z0-9-]+\.(com|net|org|io|me|ru|xyz)\b)/i;

describe("what the model wrote, before anyone reads it", () => {
  it("removes every link-like string not from the passages, with or without a scheme", () => {
    const hostile = [
      "Đăng nhập tại evil.com/login để xác nhận [1].",
      "Xem thêm www.phishing.example.org/x [1].",
      "Liên hệ t.me/fake_board hoặc @some_helper_bot [1].",
      "Mở tg://resolve?domain=scam [1].",
      "Tải về https://bad.example.net/file.pdf [1].",
      "Viết thư tới mailto:x@evil.com [1].",
    ].join(" ");
    const out = filter(hostile);
    expect(out).not.toMatch(linkLike);
    expect(out).toContain("[1]");
    // A source of the passages stays.
    expect(filter("Nguồn: https://thanhhoa.dcs.vn/chi-thi-35 [1].")).toContain("https://thanhhoa.dcs.vn/chi-thi-35");
  });

  it("removes document and article numbers the passages do not mention, and what leads to them", () => {
    const out = filter("Đại hội chi bộ tiến hành trong nửa ngày [1]. Xem Chỉ thị 999-CT/TW Điều 42 để biết thêm [1].");
    expect(out).not.toContain("999");
    expect(out).not.toContain("Điều 42");
    expect(out).toContain("nửa ngày [1]");
    // Numbers the passages do mention stay.
    expect(filter("Theo Chỉ thị 35-CT/TW, Điều 12 [1].")).toBe("Theo Chỉ thị 35-CT/TW, Điều 12 [1].");
    expect(filter("Kế hoạch 268-KH/TU yêu cầu xong trước 30/06/2025 [2].")).toContain("268-KH/TU");
  });

  it("drops a sentence that cites only passages it was not given, and leaves no stray words behind", () => {
    expect(filter("Theo [7] và [8] và [9], chi bộ bầu bí thư. Chi bộ bầu không quá 7 chi ủy viên [1].")).toBe(
      "Chi bộ bầu không quá 7 chi ủy viên [1].",
    );
    expect(filter("Theo [1] và [7], đại hội tiến hành trong nửa ngày.")).toBe(
      "Theo [1], đại hội tiến hành trong nửa ngày.",
    );
    expect(filter("Chỉ có [5] và [6].")).toBe("");
  });

  it("caps a runaway answer at a sentence, whatever the server returns", () => {
    const long = "Đại hội chi bộ tiến hành trong nửa ngày [1]. ".repeat(2500); // ~100 KB
    const out = filter(long);
    expect(out.length).toBeLessThanOrEqual(MODEL_ANSWER_MAX_CHARS + 2);
    expect(out.endsWith("…")).toBe(true);
  });
});
