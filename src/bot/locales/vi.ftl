start-welcome =
    Xin chào { $name }! Tôi là Trợ lý Đại hội của Thành ủy Thanh Hóa.
    Hãy hỏi tôi về thủ tục đại hội đảng bộ, chi bộ nhiệm kỳ 2025–2030 (gõ có dấu hay không dấu đều được), ví dụ:
    • Đại hội chi bộ kéo dài tối đa bao lâu?
    • Đại hội đảng bộ cơ sở có mấy nội dung?
    Tôi trả lời dựa trên các văn bản đã nạp (Chỉ thị 35-CT/TW, Chỉ thị 45-CT/TW, Kế hoạch 268-KH/TU…) và luôn ghi rõ nguồn.
help =
    Cách dùng Trợ lý Đại hội:
    • Gửi câu hỏi bằng tiếng Việt (có dấu hoặc không dấu), tiếng Ba Lan hoặc tiếng Anh — tôi trả lời bằng ngôn ngữ của câu hỏi, kèm nguồn [1], [2].
    • Nếu tài liệu không đề cập, tôi sẽ nói rõ và đề nghị hỏi Ban Tổ chức Thành ủy.
    • Bấm 👍 hoặc 👎 dưới câu trả lời để góp ý.
    Lệnh:
    /start — bắt đầu
    /help — hướng dẫn này
    /lang — chọn ngôn ngữ (vi, pl, en)
lang-choose = Chọn ngôn ngữ giao diện:
lang-set = Đã chọn tiếng Việt.
lang-unknown = Ngôn ngữ “{ $value }” không được hỗ trợ. Hãy chọn: vi, pl hoặc en (ví dụ: /lang vi).
answer-not-covered =
    Các tài liệu hiện có không đề cập nội dung này, nên tôi không thể trả lời chắc chắn.
    Đề nghị đồng chí hỏi trực tiếp Ban Tổ chức Thành ủy.
answer-extractive-label = Trích nguyên văn các đoạn phù hợp nhất trong tài liệu (chưa có mô hình ngôn ngữ để tóm tắt):
answer-extractive-fallback-label = Mô hình ngôn ngữ tạm thời không phản hồi — dưới đây là trích nguyên văn các đoạn phù hợp nhất trong tài liệu:
answer-sources-title = Nguồn:
question-too-long = Câu hỏi dài quá ({ $length } ký tự). Xin viết gọn trong { $max } ký tự.
question-empty = Xin gửi câu hỏi bằng chữ.
rate-limited = Đồng chí hỏi hơi nhanh — xin chờ một phút rồi hỏi tiếp.
error-generic = Xin lỗi, đã có lỗi khi xử lý yêu cầu. Xin thử lại sau ít phút.
error-db-unavailable = Hệ thống tạm thời không truy cập được dữ liệu. Xin thử lại sau ít phút.
feedback-thanks = Cảm ơn đồng chí đã góp ý!
feedback-not-yours = Chỉ người hỏi mới đánh giá được câu trả lời này.
feedback-invalid = Nút này không còn hiệu lực.
feedback-helpful = 👍 Hữu ích
feedback-not-helpful = 👎 Chưa đúng
unsupported-message = Tôi chỉ đọc được tin nhắn chữ. Xin gõ câu hỏi của đồng chí.
unknown-command = Tôi không biết lệnh này. Gõ /help để xem các lệnh.
cmd-start = Bắt đầu
cmd-help = Hướng dẫn sử dụng
cmd-lang = Chọn ngôn ngữ
