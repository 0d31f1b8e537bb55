start-welcome =
    Hello { $name }! I am the Congress Assistant of the Thanh Hoa City Party Committee.
    Ask me about the procedures of Party cell and Party committee congresses for the 2025–2030 term, for example:
    • How long may a party cell congress last?
    • What are the contents of a grassroots party congress?
    I answer from the indexed documents (Directive 35-CT/TW, Directive 45-CT/TW, Plan 268-KH/TU…) and always name my sources.
help =
    How to use the Congress Assistant:
    • Send a question in Vietnamese (with or without diacritics), Polish or English — I answer in the language of the question, citing sources as [1], [2].
    • If the documents do not cover it, I say so and suggest asking the City Organization Board.
    • Press 👍 or 👎 under an answer to tell us whether it helped.
    Commands:
    /start — start
    /help — this help
    /lang — choose the language (vi, pl, en)
    For secretaries and deputies (in a private chat):
    /report — report a step of your unit's congress, guided with buttons
    /plan DD/MM/YYYY — planned congress date
    /drafts, /dossiers, /filed, /action DD/MM/YYYY — the other steps
    /held DD/MM/YYYY [members elected] [secretary elected yes|no] [delegates elected yes|no]
    /status — your unit's steps, done and due
    /deadlines — your unit's coming deadlines
    /whoami — your unit and role
    For the City Organization Board:
    /progress, /overdue, /broadcast, /unit CODE, /export, /invite CODE [secretary|deputy], /members [CODE], /remove ID, /grant ID
lang-choose = Choose the interface language:
lang-set = English selected.
lang-unknown = The language “{ $value }” is not supported. Choose vi, pl or en (for example: /lang en).
answer-not-covered =
    The documents I have do not cover this, so I cannot give a reliable answer.
    Please ask the City Party Committee's Organization Board directly.
answer-sources-title = Sources:
question-too-long = Your question is too long ({ $length } characters). Please keep it within { $max } characters.
question-empty = Please send your question as text.
rate-limited = You are asking a little fast — please wait a minute and ask again.
error-generic = Sorry, something went wrong while handling your request. Please try again in a few minutes.
error-db-unavailable = The system cannot reach its data right now. Please try again in a few minutes.
feedback-thanks = Thank you for your feedback!
feedback-not-yours = Only the person who asked can rate this answer.
feedback-invalid = This button is no longer valid.
feedback-helpful = 👍 Helpful
feedback-not-helpful = 👎 Not right
unsupported-message = I can only read text messages. Please type your question.
unknown-command = I don't know that command. Send /help to see the commands.
cmd-start = Start
cmd-help = How to use the bot
cmd-lang = Choose the language
role-secretary = secretary
role-deputy = deputy secretary
whoami-id = Your Telegram id: { $id }
whoami-board = You are a member of the City Organization Board.
whoami-member = Unit: { $unit } ({ $code }), role: { $role }.
whoami-nobody = You are not registered to any unit yet. Ask the City Organization Board for an invite code, then send /start CODE.
invite-usage = Write: /invite UNIT_CODE [secretary|deputy], for example /invite P-DONGSON secretary
unit-unknown = There is no unit with the code { $code }.
invite-created =
    Invite code for { $role } of { $unit } ({ $code }): { $invite }
    Link: { $link }
    Valid once, until { $expires }. Give it only to that person.
invite-joined = Welcome! You are now registered as { $role } of { $unit } ({ $code }). Send /report to report your congress, /status to see its steps.
invite-unknown = This invite code is not valid. Check it, or ask the City Organization Board for a new one.
invite-expired = This invite code has expired. Ask the City Organization Board for a new one.
invite-used = This invite code has already been used. Ask the City Organization Board for a new one.
invite-already-member = You are already registered to a unit (see /whoami). To move to another unit, ask the Board to remove you first.
remove-usage = Write: /remove TELEGRAM_ID (the number /whoami shows).
remove-not-member = { $id } is not a member of any unit.
remove-done = { $id } has been removed from { $code }.
grant-usage = Write: /grant TELEGRAM_ID
grant-done = { $id } is now a member of the City Organization Board.
members-none = No one has joined yet.
members-title = Unit members (unit · role · name · joined):
access-denied = You are not allowed to do this.
access-board-only = This command is for the City Organization Board only.
access-private-only = Reports are made only in a private chat with the bot.
access-not-member = You are not registered to a unit. Ask the City Organization Board for an invite code, then send /start CODE.
report-form-date = DD/MM/YYYY
report-form-held = DD/MM/YYYY [members elected] [secretary elected yes|no] [delegates elected yes|no]
report-recorded = Recorded: { $milestone } — { $date }.
report-corrected = Corrected: { $milestone } — { $date } (the earlier report is kept in the history).
report-usage = Write: { $form }
report-error-date = “{ $value }” is not a date. Write the day as DD/MM/YYYY, for example 21/02/2025.
report-error-number = “{ $value }” is not a number of committee members. Write a whole number, for example 27.
report-error-yesno = “{ $value }” is not yes or no.
report-error-future = { $date } is in the future (today is { $today }). Report this step once it has happened.
report-error-order = { $date } is earlier than “{ $earlier }”, reported for { $earlierDate }. Check the date; nothing was recorded.
report-error-order-later = { $date } is later than “{ $later }”, reported for { $laterDate }. Check the date; nothing was recorded.
report-error-members-cell = A party cell elects { $min } to { $max } committee members; { $value } is outside that. Nothing was recorded.
report-error-members-committee = A party committee elects { $min } to { $max } members here; { $value } is outside that. Nothing was recorded.
report-error-milestone = Unknown step.
status-title = { $unit } ({ $code }): congress steps
status-late = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late
status-days-left = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left
status-due = due { $date }
status-not-reported = not reported
report-choose = Which step do you want to report?
report-forms-title = Or in one line:
report-flow-expired = This button is no longer valid. Send /report to start again.
report-skip = Skip (add later)
report-ask-date = On what date? Write DD/MM/YYYY, or press a button.
report-today = Today
report-yesterday = Yesterday
report-ask-members = How many committee members were elected? Write a number.
report-ask-secretary = Was the secretary elected at the congress?
report-ask-delegates = Were the delegates to the higher-level congress elected?
report-yes = yes
report-no = no
report-confirm = Please check: { $milestone } — { $date }.
report-save = ✔ Save
report-cancel = ✖ Cancel
report-cancelled = Cancelled; nothing was recorded.
report-detail-members = Committee members elected: { $count }
report-detail-secretary-yes = Secretary elected at the congress: yes
report-detail-secretary-no = Secretary elected at the congress: no
report-detail-delegates-yes = Delegates to the higher congress elected: yes
report-detail-delegates-no = Delegates to the higher congress elected: no
progress-title = Congress campaign on { $date }
progress-held = Congresses held: { $held }/{ $total }
progress-model = Model units: { $held }/{ $total }
progress-others = Other units: { $held }/{ $total }
progress-milestones = By step:
progress-changes = New in the last 24 hours:
progress-no-changes = Nothing new in the last 24 hours.
overdue-none = No unit is late.
overdue-title = Late units: { $count }
overdue-no-secretary = no secretary registered
overdue-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late (due { $date })
overdue-secretary = secretary: { $name }
unit-usage = Write: /unit CODE or a part of the unit's name, for example /unit P-DONGSON or /unit dong son
unit-kind = { $kind }, { $type }, { $model }
unit-kind-committee = party committee
unit-kind-cell = party cell
unit-model-yes = model congress
unit-model-no = not a model unit
unit-members = Members: { $names }
unit-history = History:
unit-no-history = Nothing reported yet.
unit-correction = (correction)
unit-reported = reported { $at } by { $by }
export-caption = Congress progress, one row per unit, with the summary by step and the audit (Excel workbook).
cmd-report = Report a congress step
cmd-status = My unit's steps
cmd-whoami = My unit and role
reminder-text = ⏰ { $unit }: “{ $milestone }” is due on { $deadline } — { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left. When it is done, report it: { $command } (or /report).
reminder-text-today = ⏰ { $unit }: “{ $milestone }” is due today, { $deadline }. When it is done, report it: { $command } (or /report).
nudge-text = ❗ { $unit }: “{ $milestone }” was due on { $deadline } — { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late. If it is done, report it: { $command } (or /report); if not, please tell the City Organization Board when it will be.
digest-title = Morning digest, { $date }
digest-overdue = Late (deadline passed, not reported):
digest-days-late = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late
digest-upcoming = Due in the next { $days ->
        [one] { $days } day
       *[other] { $days } days
    }:
digest-days-left = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left
alert-blocked = ⚠️ { $name } (id { $id }, unit { $unit }) has blocked the bot or left Telegram: they will get no reminders until they start the bot again.
alert-failed = ⚠️ A message to { $id } could not be delivered after { $attempts } attempts ({ $error }).
deadlines-title = Coming deadlines of { $unit } ({ $code }):
deadlines-none = No coming deadlines: every step with a deadline is reported, or its deadline is not known yet (report the planned date with /plan).
deadlines-line = { $milestone }: { $date } ({ $when })
deadlines-today = today
broadcast-usage = Write: /broadcast TEXT — it goes to every registered secretary and deputy.
broadcast-preview =
    This message will go to { $count } people:
    { $text }
broadcast-send = ✔ Send
broadcast-queued = Sending to { $count } people.
broadcast-cancelled = Cancelled; nothing was sent.
cmd-deadlines = My unit's coming deadlines
broadcast-too-long = The message is too long ({ $length } characters); keep it within { $max }.
alert-unknown = ⚠️ A message to { $id } may or may not have arrived (the connection to Telegram broke: { $error }). It will not be sent again; please check with the person.
cli-already-running = daihoi is already running on the data folder { $dir } (process { $pid }). Stop it first (Ctrl+C, or `kill { $pid }`), or set DATA_DIR to another folder.
cli-locked-no-socket = The data folder { $dir } is in use by daihoi process { $pid }, which cannot be reached. Nothing was changed. Try again in a moment, or stop that process and run the command again.
cli-through-running = (daihoi is running on this data folder as process { $pid }: the command runs through it.)
cli-control-unavailable = The running daihoi process could not do it ({ $reason }). Nothing was changed; try again, or stop it and run the command again.
report-error-window = { $date } is outside this congress campaign (reports are for dates from { $from } to { $to }). Check the year; nothing was recorded.
access-group = Please write to me in a private chat for this: in a group I show no unit or member data.
grant-invalid = That is not the Telegram id of a person. Write: /grant TELEGRAM_ID (the number /whoami shows them).
grant-unknown = { $id } has never written to the bot, so Board rights cannot be given yet. Ask them to send /start to the bot first, then try again.
invite-throttled = Too many wrong invite codes. Please wait { $minutes } minutes and try again, or ask the City Organization Board for help.
alert-invite-burst = ⚠️ { $name } (id { $id }) typed { $count } wrong invite codes within a few minutes; their further tries wait for a while.
alert-stuck = ⚠️ A message to { $id } was being sent when the bot stopped; it may or may not have arrived and will not be sent again.

## the Board at 128 units (issue 11)
headline-title-progress = 📊 Congress campaign on { $date }
headline-title-overdue = ❗ Late steps on { $date }
headline-title-digest = ☀️ Morning digest, { $date }
headline-held = Congresses held: { $held }/{ $total } ({ $pct }%) · model units { $modelHeld }/{ $modelTotal }
headline-secretaries = Units with a registered secretary: { $n }/{ $total } · joined today: { $today }
headline-steps = By step — done · due within { $days } days · late:
headline-plan-line = { $name }: { $done } set · { $unplanned } not yet
headline-step-line = { $name }: ✅ { $done } · ⏳ { $due } · ❗ { $late }
headline-no-secretary-button = No secretary
headline-tap = Tap a button for the list of units.
headline-nothing = Nothing is late or due soon.
roster-title-nosec = 👤 Units without a registered secretary: { $total }
roster-title-late = ❗ Late — { $step }: { $total } units
roster-title-due = ⏳ Due soon — { $step }: { $total } units
roster-title-open = { $step } — not yet due: { $total } units
roster-title-done = ✅ Done — { $step }: { $total } units
roster-title-unknown = { $step } — deadline not known yet: { $total } units
roster-title-skipped = { $step } — skipped: { $total } units
roster-title-unplanned = 📅 Congress date not set yet: { $total } units
roster-page = page { $page }/{ $pages }
roster-late = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late (due { $date })
roster-due = due { $date } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    } left)
roster-empty = No units in this list.
roster-nudge = Nudge
roster-nudge-page = Nudge everyone on this page
roster-home = Overview
nudge-sent = Nudged: { $count } { $count ->
        [one] person
       *[other] people
    }.
nudge-none = Nobody to nudge: already nudged today, or no registered member.
nudge-no-deadline = ❗ { $unit }: please report “{ $milestone }” (/report) as soon as it is known.
unit-reported-by = reported by { $by } on { $at }
unit-from-registry = from the registry
unit-step-late = due { $date }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late
unit-step-due = due { $date } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    } left)
unit-none-found = No unit matches “{ $query }”. Write a code (/unit P-DONGSON) or a part of the name (/unit dong son).
unit-several = { $count } units match “{ $query }”:
state-done = done
state-late = late
state-due = due soon
state-open = not yet due
state-unknown = deadline not known
state-skipped = skipped
state-unplanned = not set
chart-caption = Units per step and state; congresses held against planned, day by day.
chart-title = Congress campaign on { $date }
chart-steps = Units per step
chart-burnup = Congresses held against planned (cumulative)
chart-other = not yet due
chart-held = held
chart-planned = planned
export-caption-csv = Congress progress, one row per unit (CSV, UTF-8 with BOM).
xlsx-sheet-progress = Progress
xlsx-sheet-summary = Summary by step
xlsx-sheet-audit = Audit
xlsx-sheet-invites = Invite codes
xlsx-code = Code
xlsx-name = Unit
xlsx-kind = Kind
xlsx-type = Type
xlsx-model = Model unit
xlsx-secretary = Secretary
xlsx-deputy = Deputy secretary
xlsx-date = date
xlsx-deadline = deadline
xlsx-status = status
xlsx-days-late = days late
xlsx-members-elected = Committee members elected
xlsx-secretary-elected = Secretary elected at the congress
xlsx-delegates-elected = Delegates elected
xlsx-step = Step
xlsx-total = Units
xlsx-at = When
xlsx-actor = Who (Telegram id)
xlsx-action = What
xlsx-subject = About
xlsx-details = Details
xlsx-role = Role
xlsx-invite-code = Invite code
xlsx-link = Link
xlsx-expires = Valid until
unit-type-ward = ward
unit-type-commune = commune
unit-type-town = town
unit-type-school = school
unit-type-agency = agency
unit-type-enterprise = enterprise
unit-type-placeholder = placeholder row
unit-type-to-confirm = to be confirmed
audit-board-grant = Board rights granted
audit-board-revoke = Board rights revoked
audit-invite-create = invite code made
audit-invite-revoke = invite code revoked
audit-member-remove = member removed
audit-broadcast-send = broadcast sent
audit-report-replace = report replaced
audit-title = Audit (newest first) · page { $page }/{ $pages }
audit-none = Nothing recorded yet.
invite-all-none = Every unit has a registered { $role } already: no codes were made.
invite-all-caption = { $count } invite codes for the { $role } of each unit without one (earlier open codes of those units are revoked). Hand each code only to that person.
invite-revoked = This invite code was replaced by a newer one. Ask the City Organization Board for the current code.
invite-revoke-none = That code was used or revoked already.
invite-revoked-done = The code for { $code } is revoked.
invites-title = Open invite codes: { $count } · page { $page }/{ $pages }
invites-until = valid until { $date }
invites-none = No open codes.
grant-confirm = Give City Organization Board rights to { $name } (id { $id })? They will see every unit's data and can send broadcasts.
grant-yes = ✔ Grant
grant-cancelled = Cancelled; no rights were given.
grant-already = { $name } (id { $id }) is already a member of the City Organization Board.
revoke-usage = Write: /revoke TELEGRAM_ID
revoke-done = { $id } no longer has City Organization Board rights.
revoke-configured = { $id } is a Board member by the bot's configuration (ADMIN_TELEGRAM_IDS): change it there.
revoke-not-board = { $id } is not a member of the City Organization Board.
revoke-last = The last Board member cannot be removed.
start-how-to-join = To report your unit's congress, ask the City Organization Board for your invite code, then send /start CODE (or open the link you were given).
cmd-progress = Campaign overview
cmd-overdue = Late steps
cmd-unit = A unit's card
cmd-export = Excel workbook
cmd-invite = Invite codes (/invite all)
cmd-invites = Open invite codes
cmd-members = Registered members
cmd-broadcast = Message to every secretary
cmd-audit = Who did what
cmd-grant = Give Board rights
cmd-revoke = Take Board rights back
bot-description = The Congress Assistant of the Thanh Hoa City Party Committee: answers on congress procedures for the 2025–2030 term from Directives 35 and 45 and Plan 268, reminds unit secretaries of their deadlines and takes their reports.
bot-short-description = Congress procedures, deadlines and reports for the party cells and committees of Thanh Hoa city.
cli-invites-written = { $count } invite codes written to { $file }.
cli-invites-no-link = (No links: the bot's username is not known. Pass --bot USERNAME, set TELEGRAM_BOT_USERNAME, or run it while the bot runs.)
cli-export-written = Written to { $file }.
cli-board-granted = { $id } ({ $name }) is now a member of the City Organization Board.
cli-board-revoked = { $id } no longer has City Organization Board rights.
report-replace-ask = “{ $milestone }” was already reported by { $name } on { $at }, for { $date }. Replace it with { $new }? (The earlier report stays in the history, and { $name } is told.)
report-replace-yes = ✔ Replace
report-replace-no = ✖ Keep it
report-replaced-notice = ℹ️ { $by } replaced your report of “{ $milestone }”: { $old } → { $date }.


## answers (issue 10)
answer-source-section = { $doc }, section { $section }
answer-source-excerpt = 📄 Answer quoted from { $source }
answer-source-excerpt-fallback = 📄 Answer quoted from { $source } (a summary is not available right now)
answer-source-llm = 📄 Main source: { $source }
answer-source-curated = 📌 Prepared short answer, based on { $sources } · confidence: { $confidence }
answer-confidence-high = high
answer-confidence-medium = medium
answer-confidence-low = low
answer-source-until = applied until { $date }; from then on, { $by }
answer-source-from = applies from { $date }, replacing { $replaces }
answer-source-reference = (Vietnamese edition: { $section })
answer-source-confidence = Confidence: { $level }
answer-follow-up = ↪ A follow-up, read together with your previous question: “{ $previous }”
answer-uncovered = The documents do not answer this part: { $part }. Please ask the City Organization Board.
answer-partial = The documents cover this only in part; for the rest, please ask the City Organization Board.
answer-refusal-off-topic = I only answer questions about the procedures of the 2025–2030 Party congresses in Thanh Hoa city. This question is outside that scope.
answer-refusal-personnel = I answer questions about congress procedure only. I do not say who will be elected, appointed or promoted, nor comment on any person's prospects — that is for the competent Party committee to decide, following the procedure.
answer-button-passages = 📄 Passages
answer-button-sources = 🔗 Sources
answer-button-back = ↩ Answer
answer-passages-title = Passages:
answer-gone = This answer is no longer available.

# --- one morning message, reminder buttons (issue 12) ---
morning-title = ☀️ To report, { $date }:
morning-reminder = ⏰ “{ $milestone }” — due { $deadline }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left
morning-reminder-today = ⏰ “{ $milestone }” — due today, { $deadline }
morning-nudge = ❗ “{ $milestone }” — due { $deadline }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late
morning-footer = When it is done, press a button, or reply to this message (“done yesterday”, “not yet, expected 20/4”).
morning-button-today = ✅ Done today
morning-button-other = 📅 Done on…
morning-button-expected = ⏳ Not yet
report-tomorrow = Tomorrow
report-earlier = ◀ Earlier
report-later = Later ▶
report-back = ↩ Back
report-flow-date = Date: { $date }
report-marks = ✅ reported · ❗ late · ▫️ not yet
report-ask-planned = For which day is the congress planned? Press a day, or type the date (e.g. 15/4).
report-ask-members-cell = How many committee members were elected? Type a number from { $min } to { $max } (party cell).
report-ask-members-committee = How many committee members were elected? Type a number from { $min } to { $max } (party committee).
report-error-members-step-cell = { $value } is outside the range: a party cell elects { $min } to { $max } committee members. Type it again.
report-error-members-step-committee = { $value } is outside the range: a party committee elects { $min } to { $max } members. Type it again.
report-add-figures = You can add the figures with /report or { $command } DATE MEMBERS yes|no yes|no.
report-hint-date = Type the date (e.g. 15/4, “yesterday”) or press a day below.
report-hint-members = Type the number of members elected (e.g. 9), or press “Skip”.
report-hint-yesno = Answer “yes” or “no”, or press a button.
report-hint-confirm = Press “Save” to record it, “Back” to change something, or “Cancel”.
report-hint-step = Choose the step with a button below. Questions (ending in “?”) are still answered.
expected-ask = On which day do you expect it to be done? Press a day, or type the date (e.g. 20/4).
expected-recorded = Noted: “{ $milestone }” expected on { $date }. Overdue reminders wait until then; the City Organization Board sees this date.
expected-error-past = { $date } has passed (today is { $today }). The expected date must be today or later.
reminder-already-done = “{ $milestone }” was already reported for { $date }.
reminder-not-yours = This button is not for your unit.
reminder-recorded-toast = Recorded.
reminder-which-done = Done on { $date } — which step?
reminder-which-expected = Expected on { $date } — which step?
status-expected = expected { $date }
audit-report-expected = expected date
expected-error-done = This step was already reported for { $date }.
# --- dashboard (issue 14) ---
cmd-dashboard = The campaign dashboard
dash-title = Congress campaign dashboard
dash-loading = Loading…
dash-login-needed = Please sign in: send /dashboard to the bot and open the dashboard from there (in Telegram or with the one-time link in a browser).
dash-login-failed = This login link was already used or has expired. Send /dashboard to the bot for a new one.
dash-forbidden = The dashboard is for the City Organization Board only.
dash-error = Something went wrong. Please try again.
dash-as-of = as of { $date }
dash-held = Congresses held
dash-model-held = Model units held
dash-secretaries = Units with a registered secretary
dash-steps = Steps: done, due soon, late
dash-chart-time = The campaign over time
dash-chart-steps = Units per step and state
dash-chart-per-day = held that day
dash-units = All units
dash-filter-step = Step
dash-filter-state = State
dash-filter-type = Unit type
dash-filter-model = model units only
dash-any = all
dash-search = Search by name or code
dash-sort = Order
dash-sort-code = by code
dash-sort-late = most days late first
dash-shown = { $shown } of { $total } units
dash-col-code = Code
dash-col-name = Unit
dash-col-type = Type
dash-col-state = State
dash-col-late = Days late
dash-days-late = { $days } d late
dash-back = ← All units
dash-unit-steps = Steps
dash-unit-members = Members
dash-unit-history = History (corrections too)
dash-unit-correction = (correction)
dash-none = None yet.
dash-gaps = Where the documents fall short
dash-gaps-week = Week of
dash-gaps-unanswered = Not answered
dash-gaps-disliked = Rated 👎
dash-gaps-latest = Latest
dash-export = ⬇ .xlsx
dash-logout = Log out
dash-language = Language
dash-bot-intro = 📊 The campaign dashboard. In Telegram: the button below. In a browser: the one-time link below (for you only, valid 10 minutes, until { $time }).
dash-bot-open = 📊 Open the dashboard
dash-bot-browser = 🖥 Open in a browser (one-time link)
dash-bot-off = The dashboard is not switched on for this bot (the server needs HTTP_PORT and PUBLIC_URL).
dash-menu-button = Dashboard
dash-cli-link = One-time dashboard login link for { $id } (valid until { $time }): { $url }
dash-cli-no-url = PUBLIC_URL is not set: the dashboard's links need the address where the server is reached.
# --- knowledge loop (issue 13) ---
kq-ask-button = ❓ Ask the Organization Board
kq-sent = Question #{ $id } was sent to the City Party Committee's Organization Board. You will get the answer here.
kq-already-open = This question was sent already (#{ $id }) and is waiting for the Board's answer.
kq-daily-limit = You have sent { $limit } questions to the Board today, the most for one day. Please send more tomorrow.
kq-not-yours = This question was not found.
kq-withdraw-button = Withdraw the question
kq-withdrawn = Question #{ $id } was withdrawn.
kq-withdraw-failed = Question #{ $id } is no longer waiting (answered or withdrawn).
kq-feedback-why = What was wrong with the answer? (optional) You can also send the question to the Organization Board.
kq-why-not-my-question = Not my question
kq-why-wrong = Wrong
kq-why-outdated = Out of date
kq-why-too-long = Too long
kq-why-thanks = Thank you, noted.
kq-new-question = ❓ #{ $id } · { $unit } · { $asker } · { $time }
kq-card-question = Question:
kq-card-bot-answer = The assistant answered:
kq-card-reply-hint = Reply to this message to answer the asker, or send /answer { $id } text.
kq-card-answered = Answered by { $name }, { $time }.
kq-card-withdrawn = The asker withdrew the question.
kq-no-unit = (no unit)
kq-answer-heading = The City Party Committee's Organization Board answered on { $date }
kq-answer-your-question = Your question (#{ $id }):
kq-answer-source = The City Party Committee's Organization Board answered on { $date }
kq-answer-supersedes = in place of { $section }
kq-list-empty = No question is waiting for an answer.
kq-list-title = Questions waiting: { $total } (oldest { $days } days) — page { $page }/{ $pages }
kq-list-item = #{ $id } · { $unit } — { $question }
kq-answered = The answer to question #{ $id } was sent to the asker. Publish it so that everyone gets it?
kq-answer-taken = Question #{ $id } was answered by { $name } at { $time }. Your answer was not sent.
kq-answer-withdrawn = The asker withdrew question #{ $id }; it cannot be answered.
kq-answer-not-found = There is no question #{ $id }.
kq-answer-usage = Usage: /answer ID text of the answer (or reply to the question's message).
kq-answer-too-long = The answer is { $length } characters long; at most { $max }.
kq-answer-too-short = The answer is too short.
kq-publish-button = 📢 Publish to everyone
kq-published = Answer #{ $id } is published: from now on a matching question gets it at once.
kq-already-published = Answer #{ $id } is published already.
kq-publish-not-answered = Question #{ $id } has no answer yet, so it cannot be published.
kq-unpublished = Published answer #{ $id } was withdrawn (its history is kept).
kq-not-published = Answer #{ $id } is not published.
kq-amended = Published answer #{ $id } was corrected; the old text is kept in its history.
kq-superseded = Answer #{ $id } now supersedes the passage { $doc } › { $section }.
kq-publish-usage = Usage: /publish ID · /unpublish ID · /amend ID new text · /supersede ID document section
kq-digest-title = Questions waiting for the Board: { $open } (oldest { $days } days)
kq-digest-more = … and { $count } more: /questions
kq-stats-title = Questions per week
kq-stats-week = Week of { $week }: asked { $asked } · answered from the documents { $documents } · by a curated answer { $curated } · not covered { $notCovered } · 👎 { $share } · sent to the Board { $toBoard }, answered { $answered }
kq-stats-queue = Waiting: { $open } questions, the oldest { $days } days.
kq-stats-empty = No questions in the past 8 weeks.
cmd-questions = Questions waiting for the Board
cmd-answer = Answer a question: /answer ID text

# --- the knowledge loop on the dashboard ---
dash-kq = Questions per week
dash-kq-asked = Asked
dash-kq-documents = From the documents
dash-kq-curated = Curated answers
dash-kq-not-covered = Not covered
dash-kq-disliked = 👎
dash-kq-board = Board answered/sent
dash-kq-open = Waiting for the Board: { $open } (oldest { $days } days)
