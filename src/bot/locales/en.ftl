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
lang-choose = Choose the interface language:
lang-set = English selected.
lang-unknown = The language “{ $value }” is not supported. Choose vi, pl or en (for example: /lang en).
answer-not-covered =
    The documents I have do not cover this, so I cannot give a reliable answer.
    Please ask the City Party Committee's Organization Board directly.
answer-extractive-label = Quoted word for word from the best-matching passages of the documents (no language model is configured to summarise them):
answer-extractive-fallback-label = The language model is not responding right now — here are the best-matching passages of the documents, quoted word for word:
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
