import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { SUPPORTED_LANGS, type Lang } from "../config.ts";
import { dateInZone, formatDmy } from "../dates.ts";
import { UserError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { milestoneName } from "../reports/campaign.ts";
import { unitType } from "../reports/xlsx.ts";
import type { Services } from "../services/index.ts";
import { displayName } from "../text.ts";
import type { Translate } from "../translate.ts";
import { createChartCache } from "./charts.ts";
import { dashboardPage, pageStrings } from "./page.ts";
import { validateInitData } from "./telegram-auth.ts";

export const SESSION_COOKIE = "daihoi_session";
/** The header a Mini App sends its initData in, on every API call (no cookie inside Telegram). */
export const INIT_DATA_HEADER = "x-telegram-init-data";
const STALE_INBOX_MS = 5 * 60_000;

/** What /healthz asks the process: the scheduler's state (active instance, standby) and its last pass. */
export type SchedulerHealth = () => { state: "starting" | "active" | "standby"; lastPassAt?: Date | undefined };

export type HttpDeps = {
  services: Services;
  translate: Translate;
  logger: Logger;
  clock: () => Date;
  /** The bot token: the key of Mini Apps' initData. Without it only login links and sessions work. */
  botToken?: string | undefined;
  /** Where people reach this server; an https URL makes the session cookie Secure. */
  publicUrl?: string | undefined;
  scheduler?: SchedulerHealth;
  /** How long a scheduler pass may be overdue before /healthz fails (3 planner intervals). */
  schedulerStaleMs?: number;
};

const ASSETS_DIR = fileURLToPath(new URL("./assets/", import.meta.url));
const langSchema = z.enum(SUPPORTED_LANGS as [Lang, ...Lang[]]);
const loginBody = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict();
const langBody = z.object({ lang: langSchema.default("vi") }).strict();
const unitBody = z.object({ lang: langSchema.default("vi"), code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) }).strict();

type Asset = { body: Buffer; type: string; etag: string };
function loadAsset(file: string, type: string): Asset {
  const body = readFileSync(`${ASSETS_DIR}${file}`);
  return { body, type, etag: createHash("sha256").update(body).digest("hex").slice(0, 16) };
}

/**
 * The HTTP front end: the Board's dashboard (one page, its script and style, a JSON API), /healthz. Every API call
 * checks on the server who asks — a session cookie from a one-time login link, or a Mini App's signed initData —
 * and that they are on the Board now; anything else gets 401/403 and no data. Unit codes travel in POST bodies,
 * never in a URL (logs, referrers). Calls services only.
 */
export async function createHttpServer(deps: HttpDeps) {
  const { services, translate: t, clock } = deps;
  const log = deps.logger.child({ component: "http" });
  const secure = Boolean(deps.publicUrl?.startsWith("https://"));
  const assets: Record<string, Asset> = {
    "app.js": loadAsset("dashboard.js", "text/javascript; charset=utf-8"),
    "app.css": loadAsset("dashboard.css", "text/css; charset=utf-8"),
  };
  const html = Buffer.from(
    dashboardPage({
      strings: pageStrings(t),
      script: `/dashboard/app.js?v=${assets["app.js"]!.etag}`,
      style: `/dashboard/app.css?v=${assets["app.css"]!.etag}`,
    }),
  );

  // Fastify's own request log would write URLs and headers; ours writes the route, status and time only.
  const app = Fastify({ logger: false, bodyLimit: 16_384 });
  await app.register(fastifyCookie);
  // The page's data is mostly repeated keys and SVG: gzip makes 2,000 units' 530 KB about 25 KB. (Brotli at its
  // default quality costs more time than it saves bytes here.)
  await app.register(fastifyCompress, { global: true, threshold: 2048, encodings: ["gzip"] });

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "SAMEORIGIN");
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
  app.addHook("onResponse", async (request, reply) => {
    log.debug(
      { method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: reply.elapsedTime },
      "http request",
    );
  });
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof UserError) return reply.code(404).send({ error: error.key });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: "bad-request" });
    log.error({ err: error, route: request.routeOptions.url }, "http handler failed");
    return reply.code(500).send({ error: "internal" });
  });

  /** Who asks, checked for every API call: a Board member's id, or the refusal already sent. */
  async function boardMember(request: FastifyRequest, reply: FastifyReply): Promise<number | undefined> {
    let refusal = "login-required";
    const session = request.cookies[SESSION_COOKIE];
    if (session) {
      const owner = await services.dashboard.sessionOwner(session);
      if (owner !== undefined) return owner;
      // Expired, logged out, or the person's rights revoked: the cookie goes; a Mini App's initData may still count.
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      refusal = "session-ended";
    }
    const initData = request.headers[INIT_DATA_HEADER];
    if (typeof initData === "string" && initData && deps.botToken) {
      const result = validateInitData(initData, deps.botToken, clock().getTime());
      if (!result.ok) {
        await reply.code(401).send({ error: `init-data-${result.reason}` });
        return undefined;
      }
      if (await services.dashboard.isBoard(result.telegramId)) return result.telegramId;
      await reply.code(403).send({ error: "board-only" });
      return undefined;
    }
    await reply.code(401).send({ error: refusal });
    return undefined;
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
    const parsed = schema.safeParse(body ?? {});
    if (parsed.success) return parsed.data;
    void reply.code(400).send({ error: "bad-request" });
    return undefined;
  }

  app.get("/", async (_request, reply) => reply.redirect("/dashboard", 302));
  app.get("/favicon.ico", async (_request, reply) => reply.code(204).send());
  app.get("/dashboard", async (_request, reply) => {
    // No data here: the page asks the API, which checks who asks.
    reply.header(
      "content-security-policy",
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self' https://web.telegram.org",
    );
    return reply.type("text/html; charset=utf-8").send(html);
  });
  app.get("/dashboard/:file", async (request, reply) => {
    const asset = assets[(request.params as { file: string }).file];
    if (!asset) return reply.code(404).send({ error: "not-found" });
    reply.header("cache-control", "public, max-age=31536000, immutable");
    reply.header("etag", `"${asset.etag}"`);
    return reply.type(asset.type).send(asset.body);
  });

  app.get("/healthz", async (_request, reply) => {
    const reasons: string[] = [];
    let inbox: Awaited<ReturnType<typeof services.dashboard.health>> | undefined;
    try {
      inbox = await services.dashboard.health();
    } catch (error) {
      log.warn({ err: error }, "health check: database unreachable");
      reasons.push("database unreachable");
    }
    const now = clock().getTime();
    const scheduler = deps.scheduler?.() ?? { state: "starting" as const };
    const staleMs = deps.schedulerStaleMs ?? 180_000;
    if (scheduler.state === "active" && (!scheduler.lastPassAt || now - scheduler.lastPassAt.getTime() > staleMs))
      reasons.push("scheduler has not run");
    if (inbox?.oldestWaitingAt && now - inbox.oldestWaitingAt.getTime() > STALE_INBOX_MS)
      reasons.push("Telegram updates waiting unhandled");
    return reply.code(reasons.length ? 503 : 200).send({
      status: reasons.length ? "fail" : "ok",
      reasons,
      database: inbox ? "ok" : "unreachable",
      scheduler: { state: scheduler.state, lastPassAt: scheduler.lastPassAt?.toISOString() ?? null },
      lastUpdateHandledAt: inbox?.lastDoneAt?.toISOString() ?? null,
      // Sends that timed out in the last 7 days (the Board was told of each; never sent again). Not a failure.
      unknownDeliveries: inbox?.unknownDeliveries ?? null,
    });
  });

  app.post("/api/login", async (request, reply) => {
    const body = parse(loginBody, request.body, reply);
    if (!body) return reply;
    const session = await services.dashboard.startSession(body.token);
    if (!session) return reply.code(401).send({ error: "link-invalid" });
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure,
      // Relative, so that a browser whose clock differs from ours keeps it as long as we do.
      maxAge: Math.floor((session.expiresAt.getTime() - clock().getTime()) / 1000),
    });
    return reply.code(204).send();
  });

  app.post("/api/logout", async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE];
    if (session) await services.dashboard.endSession(session);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send();
  });

  app.post("/api/overview", async (request, reply) => {
    if ((await boardMember(request, reply)) === undefined) return reply;
    const body = parse(langBody, request.body, reply);
    if (!body) return reply;
    return reply.send(await overview(body.lang));
  });

  app.post("/api/unit", async (request, reply) => {
    if ((await boardMember(request, reply)) === undefined) return reply;
    const body = parse(unitBody, request.body, reply);
    if (!body) return reply;
    return reply.send(await unitCard(body.code, body.lang));
  });

  app.post("/api/export", async (request, reply) => {
    if ((await boardMember(request, reply)) === undefined) return reply;
    const body = parse(langBody, request.body, reply);
    if (!body) return reply;
    const xlsx = await services.board.exportXlsx(body.lang);
    reply.header("content-disposition", `attachment; filename="daihoi-progress-${services.board.today()}.xlsx"`);
    return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(xlsx);
  });

  const campaign = services.campaign;
  const charts = createChartCache();

  async function overview(lang: Lang) {
    const o = await services.dashboard.overview();
    const pictures = await charts({ campaign, summary: o.summary, burnUp: o.burnUp, lang, t });
    const types = [...new Set(o.units.map((u) => u.type))].sort();
    return {
      lang,
      date: o.summary.date,
      dateText: formatDmy(o.summary.date),
      summary: o.summary,
      steps: campaign.milestones.map((m) => ({ key: m.key, name: milestoneName(m, lang), short: m.short[lang] })),
      types: types.map((type) => ({ key: type, name: unitType(type, lang, t) })),
      charts: pictures,
      // Compact rows (2,000 units stay small): s = per step [state, days, date].
      units: o.units.map((u) => ({
        c: u.code,
        n: displayName(u.name),
        ty: u.type,
        m: u.model,
        sec: u.secretary,
        late: u.maxDaysLate,
        s: u.steps.map((s) => [s.state, s.days ?? null, s.date ? formatDmy(s.date) : null]),
      })),
      gaps: {
        weeks: o.gaps.weeks.map((w) => ({ ...w, weekText: formatDmy(w.week) })),
        latest: o.gaps.latest.map((g) => ({
          kind: g.kind,
          question: displayName(g.question).slice(0, 300),
          at: formatDmy(dateInZone(g.at, campaign.timeZone)),
        })),
      },
      // The knowledge loop's weekly figures, the same as /questions stats.
      ...(o.knowledge ? { knowledge: o.knowledge } : {}),
    };
  }

  async function unitCard(code: string, lang: Lang) {
    const card = await services.board.unitCard(code);
    const by = (id: number | null) => (id === null ? "CLI" : displayName(card.reporterNames.get(id) ?? String(id)));
    const at = (d: Date) => formatDmy(dateInZone(d, campaign.timeZone));
    const { unit } = card;
    return {
      code: unit.code,
      name: displayName(unit.name),
      kind: t(lang, "unit-kind", {
        kind: t(lang, `unit-kind-${unit.kind}`),
        type: unitType(unit.type, lang, t),
        model: t(lang, unit.model ? "unit-model-yes" : "unit-model-no"),
      }),
      members: card.members.map((m) => ({ name: displayName(m.name), role: t(lang, `role-${m.role}`) })),
      steps: card.steps.map((s) => {
        const d = s.event?.details ?? {};
        const figures = [
          ...(d.members_elected !== undefined ? [t(lang, "report-detail-members", { count: d.members_elected })] : []),
          ...(d.secretary_elected !== undefined
            ? [t(lang, `report-detail-secretary-${d.secretary_elected ? "yes" : "no"}`)]
            : []),
          ...(d.delegates_elected !== undefined
            ? [t(lang, `report-detail-delegates-${d.delegates_elected ? "yes" : "no"}`)]
            : []),
        ];
        return {
          key: s.milestone.key,
          name: milestoneName(s.milestone, lang),
          state: s.state,
          stateText: t(lang, `state-${s.state}`),
          date: s.date ? formatDmy(s.date) : null,
          deadline: s.deadline ? formatDmy(s.deadline) : null,
          detail:
            s.state === "done"
              ? s.event
                ? t(lang, "unit-reported-by", { by: by(s.event.reportedBy), at: at(s.event.reportedAt) })
                : t(lang, "unit-from-registry")
              : s.state === "late"
                ? t(lang, "unit-step-late", { date: formatDmy(s.deadline!), days: s.days ?? 0 })
                : s.state === "due" || s.state === "open"
                  ? t(lang, "unit-step-due", { date: formatDmy(s.deadline!), days: s.days ?? 0 })
                  : "",
          figures,
        };
      }),
      history: card.history.map((e) => {
        const m = campaign.milestones.find((x) => x.key === e.milestone);
        return {
          step: m ? m.short[lang] : e.milestone,
          date: formatDmy(e.date),
          by: by(e.reportedBy),
          at: at(e.reportedAt),
          correction: e.supersedes !== null,
        };
      }),
    };
  }

  return app;
}

export type HttpServer = Awaited<ReturnType<typeof createHttpServer>>;
