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
    Dành cho bí thư, phó bí thư (trong chat riêng với bot):
    /report — báo cáo một bước của đại hội đơn vị, có nút bấm hướng dẫn
    /plan DD/MM/YYYY — ngày dự kiến tổ chức đại hội
    /drafts, /dossiers, /filed, /action DD/MM/YYYY — các bước khác
    /held DD/MM/YYYY [số cấp ủy viên được bầu] [bầu bí thư tại đại hội có|không] [bầu đoàn đại biểu có|không]
    /status — các bước của đơn vị: đã xong và sắp đến hạn
    /deadlines — các hạn sắp tới của đơn vị
    /whoami — đơn vị và vai trò của đồng chí
    Dành cho Ban Tổ chức Thành ủy:
    /progress, /overdue, /broadcast, /unit MÃ, /export, /invite MÃ [secretary|deputy], /members [MÃ], /remove ID, /grant ID
lang-choose = Chọn ngôn ngữ giao diện:
lang-set = Đã chọn tiếng Việt.
lang-unknown = Ngôn ngữ “{ $value }” không được hỗ trợ. Hãy chọn: vi, pl hoặc en (ví dụ: /lang vi).
answer-not-covered =
    Các tài liệu hiện có không đề cập nội dung này, nên tôi không thể trả lời chắc chắn.
    Đề nghị đồng chí hỏi trực tiếp Ban Tổ chức Thành ủy.
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
role-secretary = bí thư
role-deputy = phó bí thư
whoami-id = Mã Telegram của đồng chí: { $id }
whoami-board = Đồng chí là thành viên Ban Tổ chức Thành ủy.
whoami-member = Đơn vị: { $unit } ({ $code }), vai trò: { $role }.
whoami-nobody = Đồng chí chưa được đăng ký vào đơn vị nào. Xin đề nghị Ban Tổ chức Thành ủy cấp mã mời, rồi gửi /start MÃ.
invite-usage = Cách viết: /invite MÃ_ĐƠN_VỊ [secretary|deputy], ví dụ /invite P-DONGSON secretary
unit-unknown = Không có đơn vị nào mang mã { $code }.
invite-created =
    Mã mời cho { $role } của { $unit } ({ $code }): { $invite }
    Đường dẫn: { $link }
    Dùng một lần, hiệu lực đến { $expires }. Chỉ trao cho đúng người đó.
invite-joined = Chào mừng đồng chí! Đồng chí đã được đăng ký là { $role } của { $unit } ({ $code }). Gửi /report để báo cáo đại hội, /status để xem các bước.
invite-unknown = Mã mời không hợp lệ. Xin kiểm tra lại hoặc đề nghị Ban Tổ chức Thành ủy cấp mã mới.
invite-expired = Mã mời đã hết hạn. Xin đề nghị Ban Tổ chức Thành ủy cấp mã mới.
invite-used = Mã mời này đã được sử dụng. Xin đề nghị Ban Tổ chức Thành ủy cấp mã mới.
invite-already-member = Đồng chí đã được đăng ký vào một đơn vị (xem /whoami). Muốn chuyển đơn vị, xin đề nghị Ban Tổ chức gỡ đăng ký cũ trước.
remove-usage = Cách viết: /remove MÃ_TELEGRAM (số hiện trong /whoami).
remove-not-member = { $id } không thuộc đơn vị nào.
remove-done = Đã gỡ { $id } khỏi đơn vị { $code }.
grant-usage = Cách viết: /grant MÃ_TELEGRAM
grant-done = { $id } đã trở thành thành viên Ban Tổ chức Thành ủy trên bot.
members-none = Chưa có ai tham gia.
members-title = Thành viên các đơn vị (đơn vị · vai trò · tên · ngày tham gia):
access-denied = Đồng chí không có quyền thực hiện việc này.
access-board-only = Lệnh này chỉ dành cho Ban Tổ chức Thành ủy.
access-private-only = Báo cáo chỉ thực hiện trong chat riêng với bot.
access-not-member = Đồng chí chưa được đăng ký vào đơn vị nào. Xin đề nghị Ban Tổ chức Thành ủy cấp mã mời, rồi gửi /start MÃ.
report-form-date = DD/MM/YYYY
report-form-held = DD/MM/YYYY [số cấp ủy viên được bầu] [bầu bí thư tại đại hội có|không] [bầu đoàn đại biểu có|không]
report-recorded = Đã ghi nhận: { $milestone } — { $date }.
report-corrected = Đã sửa: { $milestone } — { $date } (báo cáo trước vẫn được lưu trong lịch sử).
report-usage = Cách viết: { $form }
report-error-date = “{ $value }” không phải là ngày hợp lệ. Xin viết ngày theo dạng DD/MM/YYYY, ví dụ 21/02/2025.
report-error-number = “{ $value }” không phải là số cấp ủy viên. Xin viết một số nguyên, ví dụ 27.
report-error-yesno = “{ $value }” không phải là “có” hoặc “không”.
report-error-future = Ngày { $date } chưa đến (hôm nay là { $today }). Xin báo cáo bước này sau khi đã thực hiện.
report-error-order = Ngày { $date } sớm hơn bước “{ $earlier }” đã báo cáo ngày { $earlierDate }. Xin kiểm tra lại ngày; chưa có gì được ghi nhận.
report-error-order-later = Ngày { $date } muộn hơn bước “{ $later }” đã báo cáo ngày { $laterDate }. Xin kiểm tra lại ngày; chưa có gì được ghi nhận.
report-error-members-cell = Chi bộ bầu từ { $min } đến { $max } chi ủy viên; { $value } nằm ngoài khoảng này. Chưa có gì được ghi nhận.
report-error-members-committee = Đảng bộ bầu từ { $min } đến { $max } cấp ủy viên; { $value } nằm ngoài khoảng này. Chưa có gì được ghi nhận.
report-error-milestone = Bước không hợp lệ.
status-title = { $unit } ({ $code }): các bước của đại hội
status-late = chậm { $days } ngày
status-days-left = còn { $days } ngày
status-due = hạn { $date }
status-not-reported = chưa báo cáo
report-choose = Đồng chí muốn báo cáo bước nào?
report-forms-title = Hoặc viết trên một dòng:
report-flow-expired = Nút này không còn hiệu lực. Gửi /report để bắt đầu lại.
report-skip = Bỏ qua (bổ sung sau)
report-ask-date = Vào ngày nào? Xin viết DD/MM/YYYY hoặc bấm nút.
report-today = Hôm nay
report-yesterday = Hôm qua
report-ask-members = Đại hội bầu bao nhiêu cấp ủy viên? Xin viết một số.
report-ask-secretary = Đại hội có bầu bí thư trực tiếp tại đại hội không?
report-ask-delegates = Đại hội đã bầu đoàn đại biểu dự đại hội cấp trên chưa?
report-yes = có
report-no = không
report-confirm = Xin kiểm tra: { $milestone } — { $date }.
report-save = ✔ Lưu
report-cancel = ✖ Hủy
report-cancelled = Đã hủy; chưa có gì được ghi nhận.
report-detail-members = Số cấp ủy viên được bầu: { $count }
report-detail-secretary-yes = Bầu bí thư tại đại hội: có
report-detail-secretary-no = Bầu bí thư tại đại hội: không
report-detail-delegates-yes = Bầu đoàn đại biểu dự đại hội cấp trên: có
report-detail-delegates-no = Bầu đoàn đại biểu dự đại hội cấp trên: không
progress-title = Tiến độ đại hội đến ngày { $date }
progress-held = Đã tổ chức đại hội: { $held }/{ $total }
progress-model = Đơn vị điểm: { $held }/{ $total }
progress-others = Các đơn vị khác: { $held }/{ $total }
progress-milestones = Theo từng bước:
progress-changes = Mới trong 24 giờ qua:
progress-no-changes = Không có gì mới trong 24 giờ qua.
overdue-none = Không có đơn vị nào chậm tiến độ.
overdue-title = Đơn vị chậm tiến độ: { $count }
overdue-no-secretary = chưa có bí thư đăng ký
overdue-days = chậm { $days } ngày (hạn { $date })
overdue-secretary = bí thư: { $name }
unit-usage = Cách viết: /unit MÃ hoặc một phần tên đơn vị, ví dụ /unit P-DONGSON hoặc /unit dong son
unit-kind = { $kind }, { $type }, { $model }
unit-kind-committee = đảng bộ
unit-kind-cell = chi bộ
unit-model-yes = đại hội điểm
unit-model-no = không phải đơn vị điểm
unit-members = Thành viên: { $names }
unit-history = Lịch sử báo cáo:
unit-no-history = Chưa có báo cáo nào.
unit-correction = (báo cáo sửa)
unit-reported = báo cáo ngày { $at } bởi { $by }
export-caption = Tiến độ đại hội, mỗi đơn vị một dòng, kèm tổng hợp theo bước và nhật ký (tệp Excel).
cmd-report = Báo cáo một bước của đại hội
cmd-status = Các bước của đơn vị tôi
cmd-whoami = Đơn vị và vai trò của tôi
reminder-text = ⏰ { $unit }: hạn “{ $milestone }” là ngày { $deadline } — còn { $days } ngày. Khi hoàn thành, xin báo cáo: { $command } (hoặc /report).
reminder-text-today = ⏰ { $unit }: hôm nay { $deadline } là hạn “{ $milestone }”. Khi hoàn thành, xin báo cáo: { $command } (hoặc /report).
nudge-text = ❗ { $unit }: “{ $milestone }” đã quá hạn ngày { $deadline } — chậm { $days } ngày. Nếu đã xong, xin báo cáo: { $command } (hoặc /report); nếu chưa, xin báo Ban Tổ chức Thành ủy thời gian dự kiến.
digest-title = Tổng hợp buổi sáng, ngày { $date }
digest-overdue = Chậm tiến độ (quá hạn, chưa báo cáo):
digest-days-late = chậm { $days } ngày
digest-upcoming = Đến hạn trong { $days } ngày tới:
digest-days-left = còn { $days } ngày
alert-blocked = ⚠️ { $name } (mã { $id }, đơn vị { $unit }) đã chặn bot hoặc rời Telegram: sẽ không nhận được nhắc việc cho đến khi mở lại bot.
alert-failed = ⚠️ Không gửi được tin nhắn tới { $id } sau { $attempts } lần thử ({ $error }).
deadlines-title = Các hạn sắp tới của { $unit } ({ $code }):
deadlines-none = Không có hạn nào sắp tới: các bước có hạn đã được báo cáo, hoặc chưa xác định được hạn (hãy báo ngày dự kiến đại hội bằng /plan).
deadlines-line = { $milestone }: { $date } ({ $when })
deadlines-today = hôm nay
broadcast-usage = Cách viết: /broadcast NỘI_DUNG — gửi tới mọi bí thư, phó bí thư đã đăng ký.
broadcast-preview =
    Tin nhắn này sẽ được gửi tới { $count } người:
    { $text }
broadcast-send = ✔ Gửi
broadcast-queued = Đang gửi tới { $count } người.
broadcast-cancelled = Đã hủy; chưa gửi gì.
cmd-deadlines = Các hạn sắp tới của đơn vị tôi
broadcast-too-long = Tin nhắn quá dài ({ $length } ký tự); xin viết gọn trong { $max } ký tự.
alert-unknown = ⚠️ Tin nhắn gửi { $id } có thể đã đến hoặc chưa (kết nối tới Telegram bị ngắt: { $error }). Tin sẽ không gửi lại; xin kiểm tra với người nhận.
cli-already-running = daihoi đang chạy trên thư mục dữ liệu { $dir } (tiến trình { $pid }). Hãy dừng nó trước (Ctrl+C, hoặc `kill { $pid }`), hoặc đặt DATA_DIR sang thư mục khác.
cli-locked-no-socket = Thư mục dữ liệu { $dir } đang được tiến trình daihoi { $pid } sử dụng và không liên lạc được. Chưa có gì thay đổi. Hãy thử lại sau giây lát, hoặc dừng tiến trình đó rồi chạy lại lệnh.
cli-through-running = (daihoi đang chạy trên thư mục dữ liệu này, tiến trình { $pid }: lệnh được thực hiện qua tiến trình đó.)
cli-control-unavailable = Tiến trình daihoi đang chạy không thực hiện được ({ $reason }). Chưa có gì thay đổi; hãy thử lại, hoặc dừng nó rồi chạy lại lệnh.
report-error-window = Ngày { $date } nằm ngoài đợt đại hội này (chỉ báo cáo các ngày từ { $from } đến { $to }). Xin kiểm tra lại năm; chưa có gì được ghi nhận.
access-group = Xin nhắn riêng cho tôi để làm việc này: trong nhóm, tôi không hiển thị dữ liệu của đơn vị hay thành viên.
grant-invalid = Đây không phải mã Telegram của một người. Cách viết: /grant TELEGRAM_ID (số mà lệnh /whoami hiển thị cho người đó).
grant-unknown = { $id } chưa từng nhắn cho bot nên chưa thể cấp quyền Ban Tổ chức. Xin đề nghị người đó gửi /start cho bot trước, rồi thử lại.
invite-throttled = Đồng chí đã nhập sai mã mời quá nhiều lần. Xin chờ { $minutes } phút rồi thử lại, hoặc liên hệ Ban Tổ chức Thành ủy.
alert-invite-burst = ⚠️ { $name } (mã { $id }) đã nhập sai mã mời { $count } lần trong vài phút; các lần thử tiếp theo phải chờ một thời gian.
alert-stuck = ⚠️ Tin nhắn gửi { $id } đang được gửi thì bot dừng; tin có thể đã đến hoặc chưa và sẽ không gửi lại.

## the Board at 128 units (issue 11)
headline-title-progress = 📊 Tiến độ đại hội đến ngày { $date }
headline-title-overdue = ❗ Các bước chậm tiến độ, ngày { $date }
headline-title-digest = ☀️ Tổng hợp buổi sáng, ngày { $date }
headline-held = Đã tổ chức đại hội: { $held }/{ $total } ({ $pct }%) · đơn vị điểm { $modelHeld }/{ $modelTotal }
headline-secretaries = Đơn vị có bí thư đăng ký: { $n }/{ $total } · hôm nay tham gia: { $today }
headline-steps = Theo bước — xong · đến hạn trong { $days } ngày · chậm:
headline-plan-line = { $name }: { $done } đã định · { $unplanned } chưa định
headline-step-line = { $name }: ✅ { $done } · ⏳ { $due } · ❗ { $late }
headline-no-secretary-button = Chưa có bí thư
headline-tap = Bấm một nút để xem danh sách đơn vị.
headline-nothing = Không có bước nào chậm hoặc sắp đến hạn.
roster-title-nosec = 👤 Đơn vị chưa có bí thư đăng ký: { $total }
roster-title-late = ❗ Chậm — { $step }: { $total } đơn vị
roster-title-due = ⏳ Sắp đến hạn — { $step }: { $total } đơn vị
roster-title-open = { $step } — chưa đến hạn: { $total } đơn vị
roster-title-done = ✅ Đã xong — { $step }: { $total } đơn vị
roster-title-unknown = { $step } — chưa xác định được hạn: { $total } đơn vị
roster-title-skipped = { $step } — bỏ qua: { $total } đơn vị
roster-title-unplanned = 📅 Chưa định ngày đại hội: { $total } đơn vị
roster-page = trang { $page }/{ $pages }
roster-late = chậm { $days } ngày (hạn { $date })
roster-due = hạn { $date } (còn { $days } ngày)
roster-empty = Không có đơn vị nào trong danh sách này.
roster-nudge = Nhắc
roster-nudge-page = Nhắc tất cả đơn vị trong trang
roster-home = Tổng quan
nudge-sent = Đã nhắc { $count } người.
nudge-none = Không có ai để nhắc: đã nhắc hôm nay, hoặc đơn vị chưa có người đăng ký.
nudge-no-deadline = ❗ { $unit }: đề nghị báo cáo “{ $milestone }” (/report) ngay khi có thông tin.
unit-reported-by = { $by } báo cáo ngày { $at }
unit-from-registry = theo danh sách đơn vị
unit-step-late = hạn { $date }, chậm { $days } ngày
unit-step-due = hạn { $date } (còn { $days } ngày)
unit-none-found = Không có đơn vị nào khớp với “{ $query }”. Hãy viết mã (/unit P-DONGSON) hoặc một phần tên (/unit dong son).
unit-several = Có { $count } đơn vị khớp với “{ $query }”:
state-done = đã xong
state-late = chậm
state-due = sắp đến hạn
state-open = chưa đến hạn
state-unknown = chưa rõ hạn
state-skipped = bỏ qua
state-unplanned = chưa định
chart-caption = Số đơn vị theo bước và tình trạng; số đại hội đã tổ chức so với kế hoạch, theo từng ngày.
chart-title = Tiến độ đại hội đến ngày { $date }
chart-steps = Số đơn vị theo bước
chart-burnup = Đại hội đã tổ chức so với kế hoạch (cộng dồn)
chart-other = chưa đến hạn
chart-held = đã tổ chức
chart-planned = theo kế hoạch
export-caption-csv = Tiến độ đại hội, mỗi đơn vị một dòng (CSV, UTF-8 có BOM).
xlsx-sheet-progress = Tiến độ
xlsx-sheet-summary = Tổng hợp theo bước
xlsx-sheet-audit = Nhật ký
xlsx-sheet-invites = Mã mời
xlsx-code = Mã
xlsx-name = Đơn vị
xlsx-kind = Loại
xlsx-type = Loại hình
xlsx-model = Đơn vị điểm
xlsx-secretary = Bí thư
xlsx-deputy = Phó bí thư
xlsx-date = ngày
xlsx-deadline = hạn
xlsx-status = tình trạng
xlsx-days-late = số ngày chậm
xlsx-members-elected = Số cấp ủy viên được bầu
xlsx-secretary-elected = Bầu bí thư tại đại hội
xlsx-delegates-elected = Đã bầu đại biểu
xlsx-step = Bước
xlsx-total = Số đơn vị
xlsx-at = Thời điểm
xlsx-actor = Người thực hiện (mã Telegram)
xlsx-action = Việc
xlsx-subject = Đối tượng
xlsx-details = Chi tiết
xlsx-role = Vai trò
xlsx-invite-code = Mã mời
xlsx-link = Đường dẫn
xlsx-expires = Hiệu lực đến
unit-type-ward = phường
unit-type-commune = xã
unit-type-town = thị trấn
unit-type-school = trường học
unit-type-agency = cơ quan
unit-type-enterprise = doanh nghiệp
unit-type-placeholder = dòng tạm
unit-type-to-confirm = cần xác nhận
audit-board-grant = cấp quyền Ban Tổ chức
audit-board-revoke = thu hồi quyền Ban Tổ chức
audit-invite-create = tạo mã mời
audit-invite-revoke = thu hồi mã mời
audit-member-remove = xóa thành viên
audit-broadcast-send = gửi thông báo chung
audit-report-replace = thay báo cáo
audit-title = Nhật ký (mới nhất trước) · trang { $page }/{ $pages }
audit-none = Chưa có gì được ghi.
invite-all-none = Mọi đơn vị đều đã có { $role } đăng ký: không tạo mã nào.
invite-all-caption = { $count } mã mời cho { $role } của các đơn vị chưa có (các mã cũ chưa dùng của các đơn vị này đã bị thu hồi). Mỗi mã chỉ trao cho đúng người.
invite-revoked = Mã mời này đã được thay bằng mã mới. Xin liên hệ Ban Tổ chức Thành ủy để nhận mã hiện hành.
invite-revoke-none = Mã đó đã được dùng hoặc đã thu hồi.
invite-revoked-done = Đã thu hồi mã của { $code }.
invites-title = Mã mời còn hiệu lực: { $count } · trang { $page }/{ $pages }
invites-until = hiệu lực đến { $date }
invites-none = Không có mã nào còn hiệu lực.
grant-confirm = Cấp quyền Ban Tổ chức Thành ủy cho { $name } (mã { $id })? Người này sẽ xem được dữ liệu mọi đơn vị và gửi được thông báo chung.
grant-yes = ✔ Cấp quyền
grant-cancelled = Đã hủy; không cấp quyền nào.
grant-already = { $name } (mã { $id }) đã là thành viên Ban Tổ chức Thành ủy.
revoke-usage = Cách viết: /revoke TELEGRAM_ID
revoke-done = { $id } không còn quyền Ban Tổ chức Thành ủy.
revoke-configured = { $id } là thành viên Ban Tổ chức theo cấu hình của bot (ADMIN_TELEGRAM_IDS): xin thay đổi ở đó.
revoke-not-board = { $id } không phải thành viên Ban Tổ chức Thành ủy.
revoke-last = Không thể thu hồi quyền của thành viên Ban Tổ chức cuối cùng.
start-how-to-join = Để báo cáo đại hội của đơn vị, xin đề nghị Ban Tổ chức Thành ủy cấp mã mời, rồi gửi /start MÃ (hoặc mở đường dẫn đã được gửi).
cmd-progress = Tổng quan đợt đại hội
cmd-overdue = Các bước chậm
cmd-unit = Thông tin một đơn vị
cmd-export = Tệp Excel
cmd-invite = Mã mời (/invite all)
cmd-invites = Mã mời còn hiệu lực
cmd-members = Thành viên đã đăng ký
cmd-broadcast = Thông báo tới mọi bí thư
cmd-audit = Nhật ký thao tác
cmd-grant = Cấp quyền Ban Tổ chức
cmd-revoke = Thu hồi quyền Ban Tổ chức
bot-description = Trợ lý Đại hội của Thành ủy Thanh Hóa: trả lời về thủ tục đại hội nhiệm kỳ 2025–2030 theo Chỉ thị 35, Chỉ thị 45 và Kế hoạch 268; nhắc hạn và nhận báo cáo tiến độ của các chi bộ, đảng bộ cơ sở.
bot-short-description = Thủ tục, thời hạn và báo cáo đại hội của các chi bộ, đảng bộ cơ sở thành phố Thanh Hóa.
cli-invites-written = Đã ghi { $count } mã mời vào { $file }.
cli-invites-no-link = (Không có đường dẫn: chưa biết tên bot. Dùng --bot TÊN_BOT, đặt TELEGRAM_BOT_USERNAME, hoặc chạy lệnh khi bot đang chạy.)
cli-export-written = Đã ghi vào { $file }.
cli-board-granted = { $id } ({ $name }) đã trở thành thành viên Ban Tổ chức Thành ủy.
cli-board-revoked = { $id } không còn quyền Ban Tổ chức Thành ủy.
report-replace-ask = “{ $milestone }” đã được { $name } báo cáo ngày { $at }, là ngày { $date }. Thay bằng { $new }? (Báo cáo cũ vẫn lưu trong lịch sử, và { $name } sẽ được báo.)
report-replace-yes = ✔ Thay
report-replace-no = ✖ Giữ nguyên
report-replaced-notice = ℹ️ { $by } đã thay báo cáo “{ $milestone }” của đồng chí: { $old } → { $date }.


## answers (issue 10)
answer-source-section = { $doc }, mục { $section }
answer-source-excerpt = 📄 Trả lời bằng trích đoạn: { $source }
answer-source-excerpt-fallback = 📄 Trả lời bằng trích đoạn (lúc này chưa tóm tắt được): { $source }
answer-source-llm = 📄 Nguồn chính: { $source }
answer-source-curated = 📌 Câu trả lời ngắn đã biên soạn, dựa trên { $sources } · độ tin cậy: { $confidence }
answer-confidence-high = cao
answer-confidence-medium = trung bình
answer-confidence-low = thấp
answer-source-until = áp dụng đến { $date }; từ đó theo { $by }
answer-source-from = áp dụng từ { $date }, thay { $replaces }
answer-source-reference = (bản tiếng Việt: { $section })
answer-source-confidence = Độ tin cậy: { $level }
answer-follow-up = ↪ Câu hỏi tiếp theo, hiểu cùng câu trước: «{ $previous }»
answer-uncovered = Tài liệu không trả lời phần: { $part }. Đề nghị hỏi Ban Tổ chức Thành ủy.
answer-partial = Tài liệu chỉ có một phần thông tin về việc này; phần còn thiếu xin hỏi Ban Tổ chức Thành ủy.
answer-refusal-off-topic = Tôi chỉ trả lời các câu hỏi về thủ tục đại hội đảng bộ, chi bộ nhiệm kỳ 2025–2030 ở Thành phố Thanh Hóa. Câu hỏi này nằm ngoài phạm vi đó.
answer-refusal-personnel = Tôi chỉ trả lời về thủ tục, quy trình đại hội. Tôi không trả lời ai sẽ được bầu, bổ nhiệm hay đề bạt, và không nhận định triển vọng của cá nhân nào — việc đó do cấp ủy có thẩm quyền quyết định theo đúng quy trình.
answer-button-passages = 📄 Trích dẫn
answer-button-sources = 🔗 Nguồn
answer-button-back = ↩ Câu trả lời
answer-passages-title = Trích dẫn:
answer-gone = Không còn tìm thấy câu trả lời này.

# --- one morning message, reminder buttons (issue 12) ---
morning-title = ☀️ Việc cần báo cáo, ngày { $date }:
morning-reminder = ⏰ “{ $milestone }” — hạn { $deadline }, còn { $days } ngày
morning-reminder-today = ⏰ “{ $milestone }” — hạn hôm nay, { $deadline }
morning-nudge = ❗ “{ $milestone }” — hạn { $deadline }, đã chậm { $days } ngày
morning-footer = Khi đã xong, bấm nút, hoặc trả lời tin này (ví dụ “xong hôm qua”, “chưa, dự kiến 20/4”).
morning-button-today = ✅ Hôm nay
morning-button-other = 📅 Ngày khác
morning-button-expected = ⏳ Chưa xong
report-tomorrow = Ngày mai
report-earlier = ◀ Trước
report-later = Sau ▶
report-back = ↩ Quay lại
report-flow-date = Ngày: { $date }
report-marks = ✅ đã báo cáo · ❗ quá hạn · ▫️ chưa
report-ask-planned = Đại hội dự kiến tổ chức ngày nào? Bấm một ngày, hoặc gõ ngày (ví dụ 15/4).
report-ask-members-cell = Bầu bao nhiêu chi ủy viên? Gõ một số từ { $min } đến { $max } (chi bộ).
report-ask-members-committee = Bầu bao nhiêu ủy viên ban chấp hành? Gõ một số từ { $min } đến { $max } (đảng bộ).
report-error-members-step-cell = { $value } không hợp lệ: chi bộ bầu từ { $min } đến { $max } chi ủy viên. Xin gõ lại.
report-error-members-step-committee = { $value } không hợp lệ: đảng bộ bầu từ { $min } đến { $max } ủy viên ban chấp hành. Xin gõ lại.
report-add-figures = Có thể bổ sung số liệu bằng /report hoặc { $command } NGÀY SỐ_ỦY_VIÊN có|không có|không.
report-hint-date = Xin gõ ngày (ví dụ 15/4, “hôm qua”) hoặc bấm một ngày bên dưới.
report-hint-members = Xin gõ số ủy viên được bầu (ví dụ 9), hoặc bấm “Bỏ qua”.
report-hint-yesno = Xin trả lời “có” hoặc “không”, hoặc bấm nút.
report-hint-confirm = Bấm “Lưu” để ghi nhận, “Quay lại” để sửa, hoặc “Hủy”.
report-hint-step = Xin chọn bước bằng nút bên dưới. Câu hỏi (kết thúc bằng “?”) vẫn được trả lời như thường.
expected-ask = Dự kiến hoàn thành ngày nào? Bấm một ngày, hoặc gõ ngày (ví dụ 20/4).
expected-recorded = Đã ghi nhận: “{ $milestone }” dự kiến xong ngày { $date }. Nhắc việc quá hạn sẽ chờ đến ngày đó; Ban Tổ chức Thành ủy thấy ngày dự kiến này.
expected-error-past = { $date } đã qua (hôm nay là { $today }). Ngày dự kiến phải từ hôm nay trở đi.
reminder-already-done = “{ $milestone }” đã được báo cáo ngày { $date }.
reminder-not-yours = Nút này không thuộc đơn vị của đồng chí.
reminder-recorded-toast = Đã ghi nhận.
reminder-which-done = Đã xong ngày { $date } — bước nào?
reminder-which-expected = Dự kiến xong ngày { $date } — bước nào?
status-expected = dự kiến { $date }
audit-report-expected = ngày dự kiến
expected-error-done = Bước này đã được báo cáo ngày { $date }.
