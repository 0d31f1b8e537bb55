import { existsSync } from "node:fs";
import { config as loadDotenv } from "dotenv";
import { runCli } from "./cli.ts";
import { ConfigError, createConfig } from "./config.ts";
import { AppError } from "./errors.ts";
import { createLogger, secretsOf } from "./logger.ts";

/** The only module that touches `process`: environment in, exit code out, signals to a graceful stop. */
async function main(): Promise<number> {
  if (existsSync(".env")) loadDotenv({ path: ".env", quiet: true });
  let config;
  try {
    config = createConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const argv = process.argv.slice(2);
  const command = argv[0] ?? "start";
  // Quiet by default where a person reads stdout (terminal chat, ask); informative for the Telegram server.
  const serving = command === "start" && Boolean(config.telegram.token);
  const logger = createLogger({ level: config.logLevel ?? (serving ? "info" : "warn"), secrets: secretsOf(config) });

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "stopping");
    controller.abort();
    // A second signal, or a stop that takes too long, ends the process at once.
    setTimeout(() => process.exit(130), 25_000).unref();
    process.once(signal, () => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    return await runCli(argv, config, logger, {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      signal: controller.signal,
      processInfo: { pid: process.pid, isAlive },
    });
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`Error: ${error.message}\n`);
      logger.debug({ err: error }, "details");
      return 1;
    }
    logger.fatal({ err: error }, "fatal error");
    process.stderr.write(`Fatal error: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

/** True while process `pid` exists (signal 0 checks without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const code = await main();
// Timers of plugins (rate limiter) must not keep a finished command alive.
process.exit(code);
