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
unit-usage = Napisz: /unit KOD_JEDNOSTKI
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
export-caption = Postęp zjazdów, jeden wiersz na jednostkę (CSV UTF-8, otwiera się w Excelu).
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
