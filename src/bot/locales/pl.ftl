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
lang-choose = Wybierz język interfejsu:
lang-set = Wybrano język polski.
lang-unknown = Język „{ $value }” nie jest obsługiwany. Wybierz vi, pl lub en (na przykład: /lang pl).
answer-not-covered =
    Dostępne dokumenty nie obejmują tej kwestii, więc nie mogę udzielić pewnej odpowiedzi.
    Proszę zapytać bezpośrednio Wydział Organizacyjny Komitetu Miejskiego Partii.
answer-extractive-label = Dosłowne cytaty z najlepiej pasujących fragmentów dokumentów (nie skonfigurowano modelu językowego, który by je streścił):
answer-extractive-fallback-label = Model językowy chwilowo nie odpowiada — oto dosłowne cytaty z najlepiej pasujących fragmentów dokumentów:
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
