import type { Pool } from "../db/pool.ts";
import type { Logger } from "../logger.ts";
import type { Answerer } from "../rag/answer.ts";
import type { IndexedEmbeddings } from "../rag/embeddings.ts";
import type { Campaign } from "../reports/campaign.ts";
import type { Translate } from "../translate.ts";
import { createBoardService } from "./board.ts";
import { createBroadcastsService } from "./broadcasts.ts";
import { createCorpusService } from "./corpus.ts";
import { createDashboardService } from "./dashboard.ts";
import { createFlowsService } from "./flows.ts";
import { createMembersService } from "./members.ts";
import { createKnowledgeService } from "./knowledge.ts";
import { createOutboxService } from "./outbox.ts";
import { createPeopleService } from "./people.ts";
import { createQuestionsService } from "./questions.ts";
import { createReportsService } from "./reports.ts";
import { createUnitsService } from "./units.ts";
import { createUpdatesService } from "./updates.ts";

export type ServicesDeps = {
  pool: Pool;
  campaign: Campaign;
  adminIds: readonly number[];
  answerer: Answerer;
  embeddings: IndexedEmbeddings;
  corpusDir: string;
  clock: () => Date;
  /** The messages of the three languages (exports and charts are written in the asker's). */
  translate: Translate;
  logger?: Logger | undefined;
  /** The bot's own Telegram id (it cannot be granted Board rights). */
  botId?: number | undefined;
  /** Called when new deliveries were queued for sending now (a confirmed broadcast): wakes the sender. */
  onQueued?: () => void;
};

/**
 * The use cases: what the front ends (bot features, terminal chat, command line, later the web dashboard) may
 * do. They take plain arguments and read time from `clock`; none of the front ends ever sees `pool`.
 */
export function createServices(deps: ServicesDeps) {
  const { pool, clock, logger } = deps;
  const knowledge = createKnowledgeService({
    pool,
    embeddings: deps.embeddings,
    adminIds: deps.adminIds,
    timeZone: deps.campaign.timeZone,
    clock,
    logger,
    onQueued: deps.onQueued,
  });
  const outbox = createOutboxService({
    pool,
    campaign: deps.campaign,
    adminIds: deps.adminIds,
    clock,
    logger,
    onQueued: deps.onQueued,
    gatherQuestions: knowledge.gatherIntoDigest,
  });
  return {
    campaign: deps.campaign,
    people: createPeopleService({ pool, adminIds: deps.adminIds, clock }),
    units: createUnitsService({ pool }),
    members: createMembersService({
      pool,
      clock,
      timeZone: deps.campaign.timeZone,
      adminIds: deps.adminIds,
      botId: deps.botId,
      alertBoard: outbox.alertBoard,
    }),
    board: createBoardService({
      pool,
      campaign: deps.campaign,
      clock,
      translate: deps.translate,
      onQueued: deps.onQueued,
    }),
    // The Board's dashboard (issue 14): its overview, login links and sessions.
    dashboard: createDashboardService({
      pool,
      campaign: deps.campaign,
      adminIds: deps.adminIds,
      clock,
      knowledgeStats: () => knowledge.stats({ weeks: 8 }),
    }),
    reports: createReportsService({ pool, campaign: deps.campaign, clock, onQueued: deps.onQueued }),
    questions: createQuestionsService({ pool, answerer: deps.answerer, clock, logger }),
    broadcasts: createBroadcastsService({ pool, clock, ...(deps.onQueued ? { onQueued: deps.onQueued } : {}) }),
    outbox,
    knowledge,
    flows: createFlowsService({ pool }),
    updates: createUpdatesService({ pool, clock }),
    corpus: createCorpusService({
      pool,
      embeddings: deps.embeddings,
      corpusDir: deps.corpusDir,
      ...(logger ? { logger } : {}),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
