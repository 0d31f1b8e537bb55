/** Escapes a dynamic value for Telegram HTML parse mode (only &, <, > are special there). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
