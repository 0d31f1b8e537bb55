import type { Lang } from "./config.ts";

/** Looks up a user-facing message by key in one of the three languages (implemented by the bot's i18n). */
export type Translate = (lang: Lang, key: string, variables?: Record<string, string | number>) => string;
