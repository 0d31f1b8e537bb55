import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: the nearest folder above this file that holds package.json (works from src/ and dist/). */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
}

export const ROOT_DIR = findRoot(dirname(fileURLToPath(import.meta.url)));
export const PROMPTS_DIR = join(ROOT_DIR, "prompts");
export const CORPUS_DIR = join(ROOT_DIR, "corpus");
export const MIGRATIONS_DIR = join(ROOT_DIR, "src", "db", "migrations");
export const LOCALES_DIR = join(ROOT_DIR, "src", "bot", "locales");
export const EVAL_SET_PATH = join(ROOT_DIR, "eval", "questions.json");

const require = createRequire(import.meta.url);
/** Noto Sans (Vietnamese, Polish and English letters), drawn into chart images by resvg. */
export const CHART_FONT_FILES = [
  require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
];
