// Control characters other than tab and line breaks (NUL among them: Postgres rejects it in text).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// Bidirectional controls: they can make a name read backwards or hide what follows it.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

/** Text as it may be stored: NFC, without control characters. */
export function cleanText(text: string): string {
  return text.normalize("NFC").replace(CONTROL, "");
}

/** A name someone typed, made safe to show to someone else: no control or bidirectional characters. */
export function displayName(text: string): string {
  return cleanText(text).replace(BIDI, "");
}
