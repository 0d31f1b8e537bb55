-- Issue 10: answers with a short first screen, curated short answers, refusals and follow-up questions.

-- 'curated': answered by a curated short answer (see curated_answers).
ALTER TABLE questions DROP CONSTRAINT questions_mode_check;
ALTER TABLE questions ADD CONSTRAINT questions_mode_check CHECK (mode IN ('llm', 'extractive', 'curated', 'none'));
-- Why nothing was answered: off-topic, personnel (who will be elected…) or not-covered (the documents lack it).
ALTER TABLE questions ADD COLUMN refusal text CHECK (refusal IN ('off-topic', 'personnel', 'not-covered'));
-- The answer as the bot shows it (short answer, source line, passages, links), so the "Trích dẫn" and "Nguồn"
-- buttons can show the passages and links later without answering again.
ALTER TABLE questions ADD COLUMN shown jsonb;
-- A follow-up question ("Còn chi bộ thì sao?") is read with the last question of the same chat.
CREATE INDEX questions_chat_created_idx ON questions (chat_id, created_at DESC);
