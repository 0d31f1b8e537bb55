start-welcome =
    Dzień dobry, { $name }! Jestem Asystentem Zjazdu Komitetu Miejskiego Partii w Thanh Hoa.
    Proszę pytać o procedury zjazdów komórek i komitetów partyjnych kadencji 2025–2030, na przykład:
    • Jak długo może trwać zjazd komórki partyjnej?
    • Jakie punkty ma zjazd organizacji podstawowej?
    Odpowiadam na podstawie zaindeksowanych dokumentów (Dyrektywa 35-CT/TW, Dyrektywa 45-CT/TW, Plan 268-KH/TU…) i zawsze podaję źródła.
help =
    Jak korzystać z Asystenta Zjazdu:
    • Proszę wysłać pytanie po wietnamsku (ze znakami diakrytycznymi lub bez), po polsku lub po angielsku — odpowiem w języku pytania, ze źródłami [1], [2].
    • Jeśli dokumenty tego nie obejmują, powiem to wprost i zaproponuję kontakt z Wydziałem Organizacyjnym Komitetu Miejskiego.
    • Przyciski 👍 i 👎 pod odpowiedzią pozwalają ją ocenić.
    Polecenia:
    /start — początek
    /help — ta pomoc
    /lang — wybór języka (vi, pl, en)
    Dla sekretarzy i ich zastępców (w prywatnym czacie z botem):
    /report — zgłoszenie etapu zjazdu jednostki, krok po kroku z przyciskami
    /plan DD/MM/RRRR — planowana data zjazdu
    /drafts, /dossiers, /filed, /action DD/MM/RRRR — pozostałe etapy
    /held DD/MM/RRRR [liczba wybranych członków komitetu] [sekretarz wybrany na zjeździe tak|nie] [delegaci wybrani tak|nie]
    /status — etapy jednostki: wykonane i nadchodzące
    /deadlines — nadchodzące terminy jednostki
    /whoami — twoja jednostka i rola
    Dla Wydziału Organizacyjnego Komitetu Miejskiego:
    /progress, /overdue, /broadcast, /unit KOD, /export, /invite KOD [secretary|deputy], /members [KOD], /remove ID, /grant ID
lang-choose = Wybierz język interfejsu:
lang-set = Wybrano język polski.
lang-unknown = Język „{ $value }” nie jest obsługiwany. Wybierz vi, pl lub en (na przykład: /lang pl).
answer-not-covered =
    Dostępne dokumenty nie obejmują tej kwestii, więc nie mogę udzielić pewnej odpowiedzi.
    Proszę zapytać bezpośrednio Wydział Organizacyjny Komitetu Miejskiego Partii.
answer-sources-title = Źródła:
question-too-long = Pytanie jest za długie ({ $length } znaków). Proszę zmieścić się w { $max } znakach.
question-empty = Proszę wysłać pytanie jako tekst.
rate-limited = Pytania przychodzą trochę za szybko — proszę odczekać minutę i zapytać ponownie.
error-generic = Przepraszam, podczas obsługi prośby wystąpił błąd. Proszę spróbować ponownie za kilka minut.
error-db-unavailable = System chwilowo nie ma dostępu do danych. Proszę spróbować ponownie za kilka minut.
feedback-thanks = Dziękuję za ocenę!
feedback-not-yours = Tylko osoba, która zadała pytanie, może ocenić tę odpowiedź.
feedback-invalid = Ten przycisk jest już nieaktualny.
feedback-helpful = 👍 Pomocne
feedback-not-helpful = 👎 Niedokładne
unsupported-message = Czytam tylko wiadomości tekstowe. Proszę wpisać pytanie.
unknown-command = Nie znam tego polecenia. Wyślij /help, aby zobaczyć polecenia.
cmd-start = Początek
cmd-help = Jak korzystać z bota
cmd-lang = Wybór języka
role-secretary = sekretarz
role-deputy = zastępca sekretarza
whoami-id = Twój identyfikator Telegram: { $id }
whoami-board = Jesteś członkiem Wydziału Organizacyjnego Komitetu Miejskiego.
whoami-member = Jednostka: { $unit } ({ $code }), rola: { $role }.
whoami-nobody = Nie jesteś jeszcze przypisany do żadnej jednostki. Poproś Wydział Organizacyjny o kod zaproszenia i wyślij /start KOD.
invite-usage = Napisz: /invite KOD_JEDNOSTKI [secretary|deputy], na przykład /invite P-DONGSON secretary
unit-unknown = Nie ma jednostki o kodzie { $code }.
invite-created =
    Kod zaproszenia dla: { $role }, { $unit } ({ $code }): { $invite }
    Link: { $link }
    Jednorazowy, ważny do { $expires }. Przekaż go tylko tej osobie.
invite-joined = Witamy! Jesteś teraz zarejestrowany jako { $role } jednostki { $unit } ({ $code }). Wyślij /report, aby zgłosić etap zjazdu, /status, aby zobaczyć etapy.
invite-unknown = Ten kod zaproszenia jest nieprawidłowy. Sprawdź go lub poproś Wydział Organizacyjny o nowy.
invite-expired = Ten kod zaproszenia wygasł. Poproś Wydział Organizacyjny o nowy.
invite-used = Ten kod zaproszenia został już użyty. Poproś Wydział Organizacyjny o nowy.
invite-already-member = Jesteś już przypisany do jednostki (zobacz /whoami). Aby zmienić jednostkę, poproś Wydział o usunięcie obecnego przypisania.
remove-usage = Napisz: /remove ID_TELEGRAM (liczba pokazywana przez /whoami).
remove-not-member = { $id } nie należy do żadnej jednostki.
remove-done = Usunięto { $id } z jednostki { $code }.
grant-usage = Napisz: /grant ID_TELEGRAM
grant-done = { $id } jest teraz członkiem Wydziału Organizacyjnego w bocie.
members-none = Nikt jeszcze nie dołączył.
members-title = Członkowie jednostek (jednostka · rola · imię · data dołączenia):
access-denied = Nie masz uprawnień do tej czynności.
access-board-only = To polecenie jest tylko dla Wydziału Organizacyjnego Komitetu Miejskiego.
access-private-only = Zgłoszenia składa się tylko w prywatnym czacie z botem.
access-not-member = Nie jesteś przypisany do jednostki. Poproś Wydział Organizacyjny o kod zaproszenia i wyślij /start KOD.
report-form-date = DD/MM/RRRR
report-form-held = DD/MM/RRRR [liczba wybranych członków komitetu] [sekretarz wybrany na zjeździe tak|nie] [delegaci wybrani tak|nie]
report-recorded = Zapisano: { $milestone } — { $date }.
report-corrected = Poprawiono: { $milestone } — { $date } (wcześniejsze zgłoszenie zostaje w historii).
report-usage = Napisz: { $form }
report-error-date = „{ $value }” nie jest datą. Napisz dzień w postaci DD/MM/RRRR, na przykład 21/02/2025.
report-error-number = „{ $value }” nie jest liczbą członków komitetu. Napisz liczbę całkowitą, na przykład 27.
report-error-yesno = „{ $value }” to nie „tak” ani „nie”.
report-error-future = { $date } to data z przyszłości (dziś jest { $today }). Zgłoś ten etap, gdy już się odbędzie.
report-error-order = { $date } jest wcześniej niż etap „{ $earlier }” zgłoszony na { $earlierDate }. Sprawdź datę; nic nie zapisano.
report-error-order-later = { $date } jest później niż etap „{ $later }” zgłoszony na { $laterDate }. Sprawdź datę; nic nie zapisano.
report-error-members-cell = Komórka partyjna wybiera od { $min } do { $max } członków komitetu; { $value } jest poza tym zakresem. Nic nie zapisano.
report-error-members-committee = Komitet partyjny wybiera tu od { $min } do { $max } członków; { $value } jest poza tym zakresem. Nic nie zapisano.
report-error-milestone = Nieznany etap.
status-title = { $unit } ({ $code }): etapy zjazdu
status-late = { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } opóźnienia
status-days-left = zostało { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    }
status-due = termin { $date }
status-not-reported = nie zgłoszono
report-choose = Który etap chcesz zgłosić?
report-forms-title = Albo w jednej linii:
report-flow-expired = Ten przycisk jest już nieaktualny. Wyślij /report, aby zacząć od nowa.
report-skip = Pomiń (uzupełnię później)
report-ask-date = Którego dnia? Napisz DD/MM/RRRR albo naciśnij przycisk.
report-today = Dziś
report-yesterday = Wczoraj
report-ask-members = Ilu członków komitetu wybrano? Napisz liczbę.
report-ask-secretary = Czy sekretarz został wybrany na zjeździe?
report-ask-delegates = Czy wybrano delegatów na zjazd wyższego szczebla?
report-yes = tak
report-no = nie
report-confirm = Sprawdź: { $milestone } — { $date }.
report-save = ✔ Zapisz
report-cancel = ✖ Anuluj
report-cancelled = Anulowano; nic nie zapisano.
report-detail-members = Wybrani członkowie komitetu: { $count }
report-detail-secretary-yes = Sekretarz wybrany na zjeździe: tak
report-detail-secretary-no = Sekretarz wybrany na zjeździe: nie
report-detail-delegates-yes = Delegaci na zjazd wyższego szczebla wybrani: tak
report-detail-delegates-no = Delegaci na zjazd wyższego szczebla wybrani: nie
progress-title = Kampania zjazdowa na dzień { $date }
progress-held = Zjazdy odbyte: { $held }/{ $total }
progress-model = Jednostki wzorcowe: { $held }/{ $total }
progress-others = Pozostałe jednostki: { $held }/{ $total }
progress-milestones = Według etapów:
progress-changes = Nowe w ostatnich 24 godzinach:
progress-no-changes = Nic nowego w ostatnich 24 godzinach.
overdue-none = Żadna jednostka nie jest spóźniona.
overdue-title = Spóźnione jednostki: { $count }
overdue-no-secretary = brak zarejestrowanego sekretarza
overdue-days = { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } opóźnienia (termin { $date })
overdue-secretary = sekretarz: { $name }
unit-usage = Napisz: /unit KOD albo część nazwy jednostki, np. /unit P-DONGSON albo /unit dong son
unit-kind = { $kind }, { $type }, { $model }
unit-kind-committee = komitet partyjny
unit-kind-cell = komórka partyjna
unit-model-yes = zjazd wzorcowy
unit-model-no = nie jest jednostką wzorcową
unit-members = Członkowie: { $names }
unit-history = Historia:
unit-no-history = Nic jeszcze nie zgłoszono.
unit-correction = (poprawka)
unit-reported = zgłoszono { $at } przez { $by }
export-caption = Postęp zjazdów, jeden wiersz na jednostkę, z podsumowaniem etapów i dziennikiem (skoroszyt Excela).
cmd-report = Zgłoś etap zjazdu
cmd-status = Etapy mojej jednostki
cmd-whoami = Moja jednostka i rola
reminder-text = ⏰ { $unit }: termin etapu „{ $milestone }” to { $deadline } — zostało { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    }. Gdy będzie wykonany, zgłoś go: { $command } (albo /report).
reminder-text-today = ⏰ { $unit }: dziś, { $deadline }, mija termin etapu „{ $milestone }”. Gdy będzie wykonany, zgłoś go: { $command } (albo /report).
nudge-text = ❗ { $unit }: termin etapu „{ $milestone }” minął { $deadline } — { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } opóźnienia. Jeśli etap jest wykonany, zgłoś go: { $command } (albo /report); jeśli nie, poinformuj Wydział Organizacyjny, kiedy będzie.
digest-title = Poranne podsumowanie, { $date }
digest-overdue = Spóźnione (termin minął, brak zgłoszenia):
digest-days-late = { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } opóźnienia
digest-upcoming = Terminy w najbliższych { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    }ach:
digest-days-left = zostało { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    }
alert-blocked = ⚠️ { $name } (id { $id }, jednostka { $unit }) zablokował bota lub opuścił Telegram: nie dostanie przypomnień, dopóki nie uruchomi bota ponownie.
alert-failed = ⚠️ Nie udało się dostarczyć wiadomości do { $id } po { $attempts } próbach ({ $error }).
deadlines-title = Nadchodzące terminy: { $unit } ({ $code }):
deadlines-none = Brak nadchodzących terminów: etapy z terminem są zgłoszone albo termin nie jest jeszcze znany (zgłoś planowaną datę zjazdu przez /plan).
deadlines-line = { $milestone }: { $date } ({ $when })
deadlines-today = dziś
broadcast-usage = Napisz: /broadcast TEKST — trafi do wszystkich zarejestrowanych sekretarzy i zastępców.
broadcast-preview =
    Ta wiadomość trafi do { $count } osób:
    { $text }
broadcast-send = ✔ Wyślij
broadcast-queued = Wysyłanie do { $count } osób.
broadcast-cancelled = Anulowano; nic nie wysłano.
cmd-deadlines = Nadchodzące terminy mojej jednostki
broadcast-too-long = Wiadomość jest za długa ({ $length } znaków); zmieść ją w { $max } znakach.
alert-unknown = ⚠️ Wiadomość do { $id } mogła dotrzeć albo nie (połączenie z Telegramem zerwało się: { $error }). Nie zostanie wysłana ponownie; proszę sprawdzić u adresata.
cli-already-running = daihoi już działa na folderze danych { $dir } (proces { $pid }). Najpierw go zatrzymaj (Ctrl+C albo `kill { $pid }`) lub ustaw DATA_DIR na inny folder.
cli-locked-no-socket = Folder danych { $dir } jest używany przez proces daihoi { $pid }, z którym nie ma połączenia. Nic nie zostało zmienione. Spróbuj za chwilę albo zatrzymaj ten proces i uruchom polecenie ponownie.
cli-through-running = (daihoi działa na tym folderze danych jako proces { $pid }: polecenie wykonuje się przez niego.)
cli-control-unavailable = Działający proces daihoi nie mógł tego wykonać ({ $reason }). Nic nie zostało zmienione; spróbuj ponownie albo zatrzymaj go i uruchom polecenie jeszcze raz.
report-error-window = { $date } jest poza tą kampanią zjazdową (zgłasza się daty od { $from } do { $to }). Sprawdź rok; nic nie zostało zapisane.
access-group = Napisz do mnie w prywatnej rozmowie: w grupie nie pokazuję danych jednostek ani członków.
grant-invalid = To nie jest identyfikator Telegrama osoby. Napisz: /grant TELEGRAM_ID (liczbę, którą pokazuje jej /whoami).
grant-unknown = { $id } nigdy nie pisał(a) do bota, więc nie można jeszcze nadać uprawnień Wydziału. Poproś tę osobę, by najpierw wysłała botowi /start, i spróbuj ponownie.
invite-throttled = Zbyt wiele błędnych kodów zaproszenia. Poczekaj { $minutes } minut i spróbuj ponownie albo poproś o pomoc Wydział Organizacyjny.
alert-invite-burst = ⚠️ { $name } (id { $id }) wpisał(a) { $count } błędnych kodów zaproszenia w ciągu kilku minut; kolejne próby muszą poczekać.
alert-stuck = ⚠️ Wiadomość do { $id } była wysyłana, gdy bot się zatrzymał; mogła dotrzeć albo nie i nie zostanie wysłana ponownie.

## the Board at 128 units (issue 11)
headline-title-progress = 📊 Kampania zjazdowa na dzień { $date }
headline-title-overdue = ❗ Spóźnione etapy, { $date }
headline-title-digest = ☀️ Poranne podsumowanie, { $date }
headline-held = Zjazdy odbyte: { $held }/{ $total } ({ $pct }%) · jednostki wzorcowe { $modelHeld }/{ $modelTotal }
headline-secretaries = Jednostki z zarejestrowanym sekretarzem: { $n }/{ $total } · dołączyło dziś: { $today }
headline-steps = Według etapów — zrobione · termin w ciągu { $days } dni · spóźnione:
headline-plan-line = { $name }: { $done } ustalono · { $unplanned } jeszcze nie
headline-step-line = { $name }: ✅ { $done } · ⏳ { $due } · ❗ { $late }
headline-no-secretary-button = Bez sekretarza
headline-tap = Naciśnij przycisk, by zobaczyć listę jednostek.
headline-nothing = Nic nie jest spóźnione ani bliskie terminu.
roster-title-nosec = 👤 Jednostki bez zarejestrowanego sekretarza: { $total }
roster-title-late = ❗ Spóźnione — { $step }: { $total } jednostek
roster-title-due = ⏳ Bliski termin — { $step }: { $total } jednostek
roster-title-open = { $step } — termin jeszcze nie nadszedł: { $total } jednostek
roster-title-done = ✅ Zrobione — { $step }: { $total } jednostek
roster-title-unknown = { $step } — termin jeszcze nieznany: { $total } jednostek
roster-title-skipped = { $step } — pominięte: { $total } jednostek
roster-title-unplanned = 📅 Data zjazdu jeszcze nieustalona: { $total } jednostek
roster-page = strona { $page }/{ $pages }
roster-late = { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } spóźnienia (termin { $date })
roster-due = termin { $date } (zostało { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    })
roster-empty = Na tej liście nie ma jednostek.
roster-nudge = Przypomnij
roster-nudge-page = Przypomnij wszystkim na tej stronie
roster-home = Przegląd
nudge-sent = Przypomniano: { $count } { $count ->
        [one] osobie
       *[other] osobom
    }.
nudge-none = Nie ma komu przypomnieć: już dziś przypomniano albo brak zarejestrowanych członków.
nudge-no-deadline = ❗ { $unit }: proszę zgłosić „{ $milestone }” (/report), gdy tylko będzie wiadomo.
unit-reported-by = zgłosił(a) { $by }, { $at }
unit-from-registry = z rejestru jednostek
unit-step-late = termin { $date }, { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } spóźnienia
unit-step-due = termin { $date } (zostało { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    })
unit-none-found = Żadna jednostka nie pasuje do „{ $query }”. Wpisz kod (/unit P-DONGSON) albo część nazwy (/unit dong son).
unit-several = Do „{ $query }” pasuje { $count } jednostek:
state-done = zrobione
state-late = spóźnione
state-due = bliski termin
state-open = przed terminem
state-unknown = termin nieznany
state-skipped = pominięte
state-unplanned = nieustalone
chart-caption = Jednostki według etapów i stanu; zjazdy odbyte wobec planowanych, dzień po dniu.
chart-title = Kampania zjazdowa na dzień { $date }
chart-steps = Jednostki według etapów
chart-burnup = Zjazdy odbyte wobec planowanych (narastająco)
chart-other = przed terminem
chart-held = odbyte
chart-planned = planowane
export-caption-csv = Postęp zjazdów, jeden wiersz na jednostkę (CSV, UTF-8 z BOM).
xlsx-sheet-progress = Postęp
xlsx-sheet-summary = Podsumowanie etapów
xlsx-sheet-audit = Dziennik
xlsx-sheet-invites = Kody zaproszeń
xlsx-code = Kod
xlsx-name = Jednostka
xlsx-kind = Rodzaj
xlsx-type = Typ
xlsx-model = Jednostka wzorcowa
xlsx-secretary = Sekretarz
xlsx-deputy = Zastępca sekretarza
xlsx-date = data
xlsx-deadline = termin
xlsx-status = stan
xlsx-days-late = dni spóźnienia
xlsx-members-elected = Wybranych członków komitetu
xlsx-secretary-elected = Sekretarz wybrany na zjeździe
xlsx-delegates-elected = Delegaci wybrani
xlsx-step = Etap
xlsx-total = Jednostki
xlsx-at = Kiedy
xlsx-actor = Kto (id Telegrama)
xlsx-action = Co
xlsx-subject = Czego dotyczy
xlsx-details = Szczegóły
xlsx-role = Rola
xlsx-invite-code = Kod zaproszenia
xlsx-link = Link
xlsx-expires = Ważny do
unit-type-ward = dzielnica
unit-type-commune = gmina
unit-type-town = miasteczko
unit-type-school = szkoła
unit-type-agency = urząd
unit-type-enterprise = przedsiębiorstwo
unit-type-placeholder = wiersz tymczasowy
unit-type-to-confirm = do potwierdzenia
audit-board-grant = nadano uprawnienia Wydziału
audit-board-revoke = odebrano uprawnienia Wydziału
audit-invite-create = utworzono kod zaproszenia
audit-invite-revoke = unieważniono kod zaproszenia
audit-member-remove = usunięto członka
audit-broadcast-send = wysłano komunikat do wszystkich
audit-report-replace = zastąpiono zgłoszenie
audit-title = Dziennik (najnowsze najpierw) · strona { $page }/{ $pages }
audit-none = Nic jeszcze nie zapisano.
invite-all-none = Każda jednostka ma już zarejestrowaną osobę w roli: { $role }. Nie utworzono kodów.
invite-all-caption = { $count } kodów zaproszeń (rola: { $role }) dla jednostek, które jeszcze jej nie mają (wcześniejsze niewykorzystane kody tych jednostek unieważniono). Każdy kod przekaż tylko właściwej osobie.
invite-revoked = Ten kod zaproszenia zastąpiono nowszym. Poproś Wydział Organizacyjny o aktualny kod.
invite-revoke-none = Ten kod został już wykorzystany albo unieważniony.
invite-revoked-done = Kod dla { $code } unieważniony.
invites-title = Ważne kody zaproszeń: { $count } · strona { $page }/{ $pages }
invites-until = ważny do { $date }
invites-none = Brak ważnych kodów.
grant-confirm = Nadać uprawnienia Wydziału Organizacyjnego osobie { $name } (id { $id })? Zobaczy dane wszystkich jednostek i będzie mogła wysyłać komunikaty do wszystkich.
grant-yes = ✔ Nadaj
grant-cancelled = Anulowano; nie nadano uprawnień.
grant-already = { $name } (id { $id }) jest już członkiem Wydziału Organizacyjnego.
revoke-usage = Napisz: /revoke TELEGRAM_ID
revoke-done = { $id } nie ma już uprawnień Wydziału Organizacyjnego.
revoke-configured = { $id } jest członkiem Wydziału z konfiguracji bota (ADMIN_TELEGRAM_IDS): zmień to tam.
revoke-not-board = { $id } nie jest członkiem Wydziału Organizacyjnego.
revoke-last = Nie można odebrać uprawnień ostatniemu członkowi Wydziału.
start-how-to-join = Aby zgłaszać zjazd swojej jednostki, poproś Wydział Organizacyjny o kod zaproszenia, a potem wyślij /start KOD (albo otwórz otrzymany link).
cmd-progress = Przegląd kampanii
cmd-overdue = Spóźnione etapy
cmd-unit = Karta jednostki
cmd-export = Skoroszyt Excela
cmd-invite = Kody zaproszeń (/invite all)
cmd-invites = Ważne kody zaproszeń
cmd-members = Zarejestrowani członkowie
cmd-broadcast = Komunikat do wszystkich sekretarzy
cmd-audit = Kto co zrobił
cmd-grant = Nadaj uprawnienia Wydziału
cmd-revoke = Odbierz uprawnienia Wydziału
bot-description = Asystent Zjazdu Komitetu Partii miasta Thanh Hoa: odpowiada o procedurach zjazdów kadencji 2025–2030 na podstawie dyrektyw 35 i 45 oraz planu 268, przypomina sekretarzom o terminach i przyjmuje ich zgłoszenia.
bot-short-description = Procedury, terminy i zgłoszenia zjazdów komórek i komitetów partyjnych miasta Thanh Hoa.
cli-invites-written = Zapisano { $count } kodów zaproszeń do { $file }.
cli-invites-no-link = (Bez linków: nazwa bota nie jest znana. Podaj --bot NAZWA, ustaw TELEGRAM_BOT_USERNAME albo uruchom polecenie, gdy bot działa.)
cli-export-written = Zapisano do { $file }.
cli-board-granted = { $id } ({ $name }) jest teraz członkiem Wydziału Organizacyjnego.
cli-board-revoked = { $id } nie ma już uprawnień Wydziału Organizacyjnego.
report-replace-ask = „{ $milestone }” zgłosił(a) już { $name } ({ $at }), z datą { $date }. Zastąpić datą { $new }? (Wcześniejsze zgłoszenie zostaje w historii, a { $name } dostanie wiadomość.)
report-replace-yes = ✔ Zastąp
report-replace-no = ✖ Zostaw
report-replaced-notice = ℹ️ { $by } zastąpił(a) Twoje zgłoszenie „{ $milestone }”: { $old } → { $date }.


## answers (issue 10)
answer-source-section = { $doc }, pkt { $section }
answer-source-excerpt = 📄 Odpowiedź z fragmentu dokumentu: { $source }
answer-source-excerpt-fallback = 📄 Odpowiedź z fragmentu dokumentu (streszczenie chwilowo niedostępne): { $source }
answer-source-llm = 📄 Główne źródło: { $source }
answer-source-curated = 📌 Przygotowana krótka odpowiedź, na podstawie: { $sources } · wiarygodność: { $confidence }
answer-confidence-high = wysoka
answer-confidence-medium = średnia
answer-confidence-low = niska
answer-source-until = obowiązywała do { $date }; od tego dnia: { $by }
answer-source-from = obowiązuje od { $date }, zastąpiła: { $replaces }
answer-source-reference = (wersja wietnamska: { $section })
answer-source-confidence = Wiarygodność: { $level }
answer-follow-up = ↪ Pytanie uzupełniające, rozumiane razem z poprzednim: „{ $previous }”
answer-uncovered = Dokumenty nie odpowiadają na tę część: { $part }. Proszę zapytać Wydział Organizacyjny Komitetu Miejskiego Partii.
answer-partial = Dokumenty zawierają tylko część informacji na ten temat; o resztę proszę zapytać Wydział Organizacyjny Komitetu Miejskiego Partii.
answer-refusal-off-topic = Odpowiadam tylko na pytania o procedury zjazdów partyjnych kadencji 2025–2030 w mieście Thanh Hoa. To pytanie wykracza poza ten zakres.
answer-refusal-personnel = Odpowiadam tylko na pytania o procedury zjazdów. Nie mówię, kto zostanie wybrany, mianowany lub awansowany, i nie oceniam szans konkretnych osób — decyduje o tym właściwy komitet partyjny zgodnie z procedurą.
answer-button-passages = 📄 Cytaty
answer-button-sources = 🔗 Źródła
answer-button-back = ↩ Odpowiedź
answer-passages-title = Cytaty:
answer-gone = Ta odpowiedź nie jest już dostępna.

# --- one morning message, reminder buttons (issue 12) ---
morning-title = ☀️ Do zgłoszenia, { $date }:
morning-reminder = ⏰ „{ $milestone }” — termin { $deadline }, zostało { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    }
morning-reminder-today = ⏰ „{ $milestone }” — termin dziś, { $deadline }
morning-nudge = ❗ „{ $milestone }” — termin { $deadline }, { $days ->
        [one] { $days } dzień
       *[other] { $days } dni
    } opóźnienia
morning-footer = Gdy etap jest wykonany, naciśnij przycisk albo odpowiedz na tę wiadomość (np. „zrobione wczoraj”, „jeszcze nie, planowane 20/4”).
morning-button-today = ✅ Dziś
morning-button-other = 📅 Innego dnia
morning-button-expected = ⏳ Jeszcze nie
report-tomorrow = Jutro
report-earlier = ◀ Wcześniej
report-later = Później ▶
report-back = ↩ Wstecz
report-flow-date = Data: { $date }
report-marks = ✅ zgłoszone · ❗ po terminie · ▫️ jeszcze nie
report-ask-planned = Na kiedy zaplanowano zjazd? Wybierz dzień albo wpisz datę (np. 15/4).
report-ask-members-cell = Ilu członków komitetu wybrano? Wpisz liczbę od { $min } do { $max } (komórka partyjna).
report-ask-members-committee = Ilu członków komitetu wybrano? Wpisz liczbę od { $min } do { $max } (komitet partyjny).
report-error-members-step-cell = { $value } — poza zakresem: komórka wybiera od { $min } do { $max } członków komitetu. Wpisz ponownie.
report-error-members-step-committee = { $value } — poza zakresem: komitet wybiera od { $min } do { $max } członków. Wpisz ponownie.
report-add-figures = Liczby można dodać przez /report albo { $command } DATA LICZBA tak|nie tak|nie.
report-hint-date = Wpisz datę (np. 15/4, „wczoraj”) albo wybierz dzień poniżej.
report-hint-members = Wpisz liczbę wybranych członków (np. 9) albo naciśnij „Pomiń”.
report-hint-yesno = Odpowiedz „tak” albo „nie” lub naciśnij przycisk.
report-hint-confirm = Naciśnij „Zapisz”, „Wstecz”, aby poprawić, albo „Anuluj”.
report-hint-step = Wybierz etap przyciskiem poniżej. Pytania (zakończone „?”) nadal dostają odpowiedź.
expected-ask = Kiedy etap będzie wykonany? Wybierz dzień albo wpisz datę (np. 20/4).
expected-recorded = Zapisano: „{ $milestone }” planowane na { $date }. Przypomnienia o opóźnieniu poczekają do tego dnia; Wydział Organizacyjny widzi tę datę.
expected-error-past = { $date } już minął (dziś jest { $today }). Planowana data musi być od dziś.
reminder-already-done = „{ $milestone }” zgłoszono już na { $date }.
reminder-not-yours = Ten przycisk nie dotyczy Twojej jednostki.
reminder-recorded-toast = Zapisano.
reminder-which-done = Wykonane { $date } — który etap?
reminder-which-expected = Planowane na { $date } — który etap?
status-expected = planowane { $date }
audit-report-expected = planowana data
expected-error-done = Ten etap zgłoszono już na { $date }.
# --- dashboard (issue 14) ---
cmd-dashboard = Pulpit kampanii zjazdów
dash-title = Pulpit kampanii zjazdów
dash-loading = Ładowanie…
dash-login-needed = Zaloguj się: wyślij botowi /dashboard i otwórz pulpit stamtąd (w Telegramie lub jednorazowym linkiem w przeglądarce).
dash-login-failed = Ten link logowania został już użyty lub wygasł. Wyślij botowi /dashboard po nowy.
dash-forbidden = Pulpit jest tylko dla Wydziału Organizacyjnego Komitetu Miejskiego.
dash-error = Coś poszło nie tak. Spróbuj ponownie.
dash-as-of = stan na { $date }
dash-held = Odbyte zjazdy
dash-model-held = Jednostki wzorcowe: odbyte
dash-secretaries = Jednostki z zarejestrowanym sekretarzem
dash-steps = Kroki: wykonane, wkrótce termin, po terminie
dash-chart-time = Kampania w czasie
dash-chart-steps = Jednostki według kroku i stanu
dash-chart-per-day = odbyte danego dnia
dash-units = Wszystkie jednostki
dash-filter-step = Krok
dash-filter-state = Stan
dash-filter-type = Rodzaj jednostki
dash-filter-model = tylko wzorcowe
dash-any = wszystkie
dash-search = Szukaj po nazwie lub kodzie
dash-sort = Kolejność
dash-sort-code = według kodu
dash-sort-late = najdłużej po terminie najpierw
dash-shown = { $shown } z { $total } jednostek
dash-col-code = Kod
dash-col-name = Jednostka
dash-col-type = Rodzaj
dash-col-state = Stan
dash-col-late = Dni po terminie
dash-days-late = { $days } dni po terminie
dash-back = ← Wszystkie jednostki
dash-unit-steps = Kroki
dash-unit-members = Członkowie
dash-unit-history = Historia (z korektami)
dash-unit-correction = (korekta)
dash-none = Jeszcze brak.
dash-gaps = Gdzie dokumentom brakuje odpowiedzi
dash-gaps-week = Tydzień od
dash-gaps-unanswered = Bez odpowiedzi
dash-gaps-disliked = Ocenione 👎
dash-gaps-latest = Najnowsze
dash-export = ⬇ .xlsx
dash-logout = Wyloguj
dash-language = Język
dash-bot-intro = 📊 Pulpit kampanii. W Telegramie: przycisk poniżej. W przeglądarce: jednorazowy link poniżej (tylko dla Ciebie, ważny 10 minut, do { $time }).
dash-bot-open = 📊 Otwórz pulpit
dash-bot-browser = 🖥 Otwórz w przeglądarce (link jednorazowy)
dash-bot-off = Pulpit nie jest włączony dla tego bota (serwer potrzebuje HTTP_PORT i PUBLIC_URL).
dash-menu-button = Pulpit
dash-cli-link = Jednorazowy link logowania do pulpitu dla { $id } (ważny do { $time }): { $url }
dash-cli-no-url = PUBLIC_URL nie jest ustawiony: linki pulpitu potrzebują adresu, pod którym serwer jest dostępny.
# --- knowledge loop (issue 13) ---
kq-ask-button = ❓ Zapytaj Wydział Organizacyjny
kq-sent = Pytanie #{ $id } wysłano do Wydziału Organizacyjnego Komitetu Miejskiego. Odpowiedź przyjdzie tutaj.
kq-already-open = To pytanie już wysłano (#{ $id }); czeka na odpowiedź Wydziału.
kq-daily-limit = Wysłano dziś { $limit } pytań do Wydziału — tyle, ile można w ciągu dnia. Prosimy o kolejne jutro.
kq-not-yours = Nie znaleziono tego pytania.
kq-withdraw-button = Wycofaj pytanie
kq-withdrawn = Pytanie #{ $id } wycofano.
kq-withdraw-failed = Pytanie #{ $id } już nie czeka (ma odpowiedź albo zostało wycofane).
kq-feedback-why = Co było nie tak z odpowiedzią? (niewymagane) Można też wysłać pytanie do Wydziału Organizacyjnego.
kq-why-not-my-question = Nie o to pytałem
kq-why-wrong = Błędna
kq-why-outdated = Nieaktualna
kq-why-too-long = Za długa
kq-why-thanks = Dziękujemy, zapisano.
kq-new-question = ❓ #{ $id } · { $unit } · { $asker } · { $time }
kq-card-question = Pytanie:
kq-card-bot-answer = Asystent odpowiedział:
kq-card-reply-hint = Odpowiedz na tę wiadomość, aby odpowiedzieć pytającemu, albo wyślij /answer { $id } treść.
kq-card-answered = Odpowiedź: { $name }, { $time }.
kq-card-withdrawn = Pytający wycofał pytanie.
kq-no-unit = (bez jednostki)
kq-answer-heading = Wydział Organizacyjny Komitetu Miejskiego odpowiedział dnia { $date }
kq-answer-your-question = Twoje pytanie (#{ $id }):
kq-answer-source = Wydział Organizacyjny Komitetu Miejskiego odpowiedział dnia { $date }
kq-answer-supersedes = zamiast { $section }
kq-list-empty = Żadne pytanie nie czeka na odpowiedź.
kq-list-title = Pytania czekające: { $total } (najstarsze { $days } dni) — strona { $page }/{ $pages }
kq-list-item = #{ $id } · { $unit } — { $question }
kq-answered = Odpowiedź na pytanie #{ $id } wysłano pytającemu. Opublikować ją, aby dostał ją każdy?
kq-answer-taken = Na pytanie #{ $id } odpowiedział(a) już { $name } o { $time }. Twojej odpowiedzi nie wysłano.
kq-answer-withdrawn = Pytający wycofał pytanie #{ $id }; nie można na nie odpowiedzieć.
kq-answer-not-found = Nie ma pytania #{ $id }.
kq-answer-usage = Użycie: /answer ID treść odpowiedzi (albo odpowiedz na wiadomość z pytaniem).
kq-answer-too-long = Odpowiedź ma { $length } znaków; najwyżej { $max }.
kq-answer-too-short = Odpowiedź jest za krótka.
kq-publish-button = 📢 Opublikuj dla wszystkich
kq-published = Odpowiedź #{ $id } opublikowano: odtąd podobne pytanie dostanie ją od razu.
kq-already-published = Odpowiedź #{ $id } jest już opublikowana.
kq-publish-not-answered = Pytanie #{ $id } nie ma jeszcze odpowiedzi, więc nie można go opublikować.
kq-unpublished = Opublikowaną odpowiedź #{ $id } wycofano (historia zostaje).
kq-not-published = Odpowiedź #{ $id } nie jest opublikowana.
kq-amended = Poprawiono opublikowaną odpowiedź #{ $id }; dawny tekst zostaje w historii.
kq-superseded = Odpowiedź #{ $id } zastępuje odtąd fragment { $doc } › { $section }.
kq-publish-usage = Użycie: /publish ID · /unpublish ID · /amend ID nowa treść · /supersede ID dokument sekcja
kq-digest-title = Pytania czekające na Wydział: { $open } (najstarsze { $days } dni)
kq-digest-more = … i { $count } innych: /questions
kq-stats-title = Pytania tygodniowo
kq-stats-week = Tydzień od { $week }: pytań { $asked } · z dokumentów { $documents } · gotową odpowiedzią { $curated } · brak w dokumentach { $notCovered } · 👎 { $share } · do Wydziału { $toBoard }, z odpowiedzią { $answered }
kq-stats-queue = Czeka: { $open } pytań, najstarsze { $days } dni.
kq-stats-empty = Brak pytań w ostatnich 8 tygodniach.
cmd-questions = Pytania czekające na Wydział
cmd-answer = Odpowiedz na pytanie: /answer ID treść

# --- the knowledge loop on the dashboard ---
dash-kq = Pytania tygodniowo
dash-kq-asked = Zadane
dash-kq-documents = Z dokumentów
dash-kq-curated = Gotowe odpowiedzi
dash-kq-not-covered = Brak w dokumentach
dash-kq-disliked = 👎
dash-kq-board = Odpowiedzi Wydziału/wysłane
dash-kq-open = Czeka na odpowiedź Wydziału: { $open } (najstarsze { $days } dni)
