import { SUPPORTED_LANGS, type Lang } from "../config.ts";
import type { Translate } from "../translate.ts";

/** The messages the page's script shows, in every language (the page switches without a reload). */
export const PAGE_KEYS = [
  "dash-title",
  "dash-loading",
  "dash-login-needed",
  "dash-login-failed",
  "dash-forbidden",
  "dash-error",
  "dash-as-of",
  "dash-held",
  "dash-model-held",
  "dash-secretaries",
  "dash-steps",
  "dash-chart-time",
  "dash-chart-steps",
  "dash-units",
  "dash-filter-step",
  "dash-filter-state",
  "dash-filter-type",
  "dash-filter-model",
  "dash-any",
  "dash-search",
  "dash-sort",
  "dash-sort-code",
  "dash-sort-late",
  "dash-shown",
  "dash-col-code",
  "dash-col-name",
  "dash-col-type",
  "dash-col-state",
  "dash-col-late",
  "dash-days-late",
  "dash-back",
  "dash-unit-steps",
  "dash-unit-members",
  "dash-unit-history",
  "dash-unit-correction",
  "dash-none",
  "dash-gaps",
  "dash-gaps-week",
  "dash-gaps-unanswered",
  "dash-gaps-disliked",
  "dash-gaps-latest",
  "dash-kq",
  "dash-kq-asked",
  "dash-kq-documents",
  "dash-kq-curated",
  "dash-kq-not-covered",
  "dash-kq-disliked",
  "dash-kq-board",
  "dash-kq-open",
  "dash-export",
  "dash-logout",
  "dash-language",
  "state-done",
  "state-late",
  "state-due",
  "state-open",
  "state-unknown",
  "state-skipped",
  "state-unplanned",
] as const;

export function pageStrings(t: Translate): Record<Lang, Record<string, string>> {
  const all = {} as Record<Lang, Record<string, string>>;
  for (const lang of SUPPORTED_LANGS) {
    // Placeholders stay for the script to fill ({ $shown } → {shown}).
    all[lang] = Object.fromEntries(
      PAGE_KEYS.map((key) => [
        key,
        t(lang, key, { shown: "{shown}", total: "{total}", days: "{days}", date: "{date}", open: "{open}" }),
      ]),
    );
  }
  return all;
}

/** JSON inside a <script> element: nothing in it may close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/**
 * The dashboard's one page: a shell without data (the API gives it, to a Board member). Script and style are
 * served by this server; no font, script or style from elsewhere.
 */
export function dashboardPage(input: {
  strings: Record<Lang, Record<string, string>>;
  script: string;
  style: string;
}): string {
  const vi = input.strings.vi;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeText(vi["dash-title"] ?? "")}</title>
<link rel="stylesheet" href="${input.style}">
<script src="${input.script}" defer></script>
</head>
<body>
<script type="application/json" id="dash-strings">${scriptJson(input.strings)}</script>
<header class="bar">
  <h1 id="title">${escapeText(vi["dash-title"] ?? "")}</h1>
  <div class="tools">
    <select id="lang" aria-label="${escapeText(vi["dash-language"] ?? "")}">
      <option value="vi">Tiếng Việt</option><option value="pl">Polski</option><option value="en">English</option>
    </select>
    <button id="export" type="button" hidden></button>
    <button id="logout" type="button" hidden></button>
  </div>
</header>
<main id="main"><p class="status" id="status">${escapeText(vi["dash-loading"] ?? "")}</p></main>
</body>
</html>
`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
