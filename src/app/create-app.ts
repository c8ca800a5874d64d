// The composition root: config -> logger -> store -> strategy -> workflow -> chat -> channels ->
// outbox -> scheduler -> HTTP. `koers serve` and the integration tests both build the app here.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ChannelDeps, ChannelFactory, ChannelModule } from '../application/channel-port.js';
import { channelServices } from '../application/channel-services.js';
import { createChatService } from '../application/chat-service.js';
import { type ComposeDeps, composeNotification } from '../application/compose-notification.js';
import type { Config } from '../config.js';
import { runDirectorySync } from '../directory/run-directory-sync.js';
import { syncReportLines } from '../directory/sync-people.js';
import { syncPeopleFromStrategy } from '../directory/sync-strategy-people.js';
import { intervalMs } from '../domain/strategy/strategy-schema.js';
import { healthRoutes } from '../http/health-routes.js';
import { createHttpServer, listen } from '../http/http-server.js';
import { createMetrics } from '../http/metrics.js';
import { createScheduler, type Scheduler } from '../jobs/scheduler.js';
import { createOutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { openCaseOpenedTimes } from '../store/case-list-reads.js';
import { databaseClock } from '../store/database-clock.js';
import { readDirectorySyncState } from '../store/directory-sync-state.js';
import { holdInstanceLiveness } from '../store/instance-liveness.js';
import { openStore } from '../store/open-store.js';
import { loadStrategyFile } from '../strategy-file/load-strategy-file.js';
import { createStrategyHolder } from '../strategy-file/strategy-holder.js';
import type { ChatPlatform } from '../workflow/notifications.js';
import { createWorkflow } from '../workflow/workflow.js';
import { loadDemoPortfolio } from './demo-data.js';
import { createLoop } from './loops.js';
import { portfolioAnswer } from './portfolio-answer.js';

/** How long the server's SQLite writes wait for another process's lock. */
export const REQUEST_LOCK_WAIT_MS = 1500;

export type { ChannelFactory };

export interface AppOptions {
  config: Config;
  logger: Logger;
  channels: ReadonlyArray<ChannelFactory>;
  /** This machine's clock (tests: a fixed or skewed one). */
  clock?: () => Date;
  /**
   * On PostgreSQL, follow the database's clock (the offset to its now(), measured at start and
   * every ten minutes). Default: when no clock is given (a test with a fixed clock wants that one).
   */
  alignClockToDatabase?: boolean;
  fault?: (point: string) => void;
  /** Load the demo's example portfolio (the local Playground demo). */
  demoData?: boolean;
  /**
   * The local Playground demo: the week so far goes to the alliance team channel on each
   * `portfolio` and when `parts.portfolio.postWeekSoFar()` is called (on start).
   */
  demoDigest?: boolean;
  /** Redirect GET / here (the Playground). */
  playgroundUrl?: string | null;
  outboxIntervalMs?: number;
  schedulerTickMs?: number;
  scheduler?: boolean;
  /** More outbox kinds (the digest, reviews), rendered for any channel. */
  composeExtra?: ComposeDeps['extra'];
}

export interface KoersApp {
  server: Server;
  port: number;
  start(): Promise<number>;
  stop(options?: { drainMs?: number }): Promise<void>;
  /**
   * For an app that was never started (`koers digest --send` sends through its outbox): stops the
   * channels and closes the store, sending nothing else.
   */
  close(): Promise<void>;
  reloadStrategy(): Promise<boolean>;
  /** Internals, for tests and the CLI. */
  parts: Awaited<ReturnType<typeof assemble>>;
}

async function assemble(o: AppOptions) {
  const machineClock = o.clock ?? (() => new Date());
  const { config, logger } = o;
  const initial = loadStrategyFile(config.strategyPath);
  // A request waits at most this long for another process's SQLite write lock (an import beside
  // the server), then answers "nothing recorded, try again": Slack is acknowledged within 3 s.
  const store = await openStore(config.databaseUrl, { lockWaitMs: REQUEST_LOCK_WAIT_MS });
  logger.info({ database: store.describe, migrated: store.migrated }, 'store ready');
  // Due times and leases that instances compare follow one clock: the database's.
  const timeSource = await databaseClock(
    store.handle,
    (o.alignClockToDatabase ?? o.clock === undefined) ? store.backend : 'sqlite',
    machineClock,
    { logger },
  );
  const clock = timeSource.now;
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  // Held for the process's life: another instance that finds it free knows this one is gone.
  const liveness = await holdInstanceLiveness(config.databaseUrl, instanceId, logger);
  await syncPeopleFromStrategy(store.handle, initial, clock());
  if (o.demoData) await loadDemoPortfolio(store.handle, store.backend, initial, clock(), logger);
  const holder = createStrategyHolder(config.strategyPath, logger, initial);
  const metrics = createMetrics();
  const platforms: ChatPlatform[] = [];
  let kick = () => {};
  const workflow = createWorkflow({
    db: store.handle,
    backend: store.backend,
    strategy: holder.current,
    clock,
    platforms: () => platforms,
    ...(o.fault ? { fault: o.fault } : {}),
  });
  const portfolio = portfolioAnswer({
    db: store.handle,
    backend: store.backend,
    strategy: holder.current,
    clock,
    logger,
    platforms: () => platforms,
    demoDigest: o.demoDigest === true,
    kickOutbox: () => kick(),
  });
  const chat = createChatService({
    db: store.handle,
    workflow,
    strategy: holder.current,
    clock,
    logger,
    demo: config.demo,
    portfolioView: (locale) => portfolio.answer(locale),
    onCheck: (verdict) => metrics.checks.inc({ verdict }),
    onDecision: (d) =>
      d.ok
        ? metrics.decisions.inc({ action: d.action ?? '' })
        : metrics.refusals.inc({ refusal: d.refusal ?? '' }),
  });
  const composeDeps: ComposeDeps = {
    db: store.handle,
    strategy: holder.current,
    clock,
    ...(o.composeExtra ? { extra: o.composeExtra } : {}),
  };
  const channelDeps: ChannelDeps = {
    config,
    logger,
    chat,
    ...channelServices({
      db: store.handle,
      strategy: holder.current,
      clock,
      demo: config.demo,
      markUnreachable: (personId, platform, why) => workflow.markUnreachable(personId, platform, why),
    }),
    strategy: holder.current,
    clock,
    compose: (item, platform) => composeNotification(composeDeps, item, platform),
    metrics,
    kickOutbox: () => kick(),
  };
  const channels = o.channels.map((f) => f(channelDeps)).filter((c): c is ChannelModule => c !== null);
  for (const c of channels) platforms.push(c.name);
  const dispatcher = createOutboxDispatcher({
    db: store.handle,
    backend: store.backend,
    senders: channels.map((c) => c.sender),
    clock,
    logger,
    workerId: instanceId,
    liveness,
    ...(o.fault ? { fault: o.fault } : {}),
    onResult: (item, status) => metrics.deliveries.inc({ platform: item.platform, result: status }),
  });
  const outboxLoop = createLoop('outbox', o.outboxIntervalMs ?? 1000, () => dispatcher.runOnce(), logger);
  kick = () => {
    setImmediate(() => void outboxLoop.kick());
  };
  const scheduler: Scheduler | null =
    o.scheduler === false
      ? null
      : createScheduler({
          db: store.handle,
          backend: store.backend,
          strategy: holder.current,
          clock,
          logger,
          workflow,
          instanceId,
          liveness,
          ...(o.schedulerTickMs ? { tickMs: o.schedulerTickMs } : {}),
          ...(o.fault ? { fault: o.fault } : {}),
          directorySync: async () => {
            const report = await runDirectorySync({
              db: store.handle,
              backend: store.backend,
              config,
              strategy: holder.current(),
              now: clock(),
              handOn: async (id, why) => (await workflow.handOnFromLeaver(id, why)).length,
            });
            logger.info({ lines: syncReportLines(report) }, 'directory sync done');
            kick();
          },
          onRun: (job, result) => {
            metrics.schedulerRuns.inc({ job, result });
            if (result !== 'idle') kick();
          },
        });
  metrics.setSources({
    openCaseAges: () => openCaseOpenedTimes(store.handle),
    outboxBacklog: () => dispatcher.backlog(),
    directorySync: async () =>
      holder.current().file.directory ? readDirectorySyncState(store.handle) : null,
  });
  let draining = false;
  const routes = [
    ...healthRoutes({
      db: store.handle,
      strategyLoaded: () => holder.current() !== undefined,
      metrics,
      clock,
      home: { playgroundUrl: o.playgroundUrl ?? null, name: initial.file.organisation.name },
      draining: () => draining,
      directoryStale: async () => {
        const directory = holder.current().file.directory;
        if (!directory) return null;
        const state = await readDirectorySyncState(store.handle);
        const limit = 3 * intervalMs(directory.every);
        const last = state.lastOkAt ? Date.parse(state.lastOkAt) : null;
        return { stale: last === null || clock().getTime() - last > limit, lastOkAt: state.lastOkAt };
      },
    }),
    ...channels.flatMap((c) => c.routes),
  ];
  const server = createHttpServer({ routes, logger, metrics });
  return {
    store,
    holder,
    metrics,
    workflow,
    chat,
    portfolio,
    channels,
    dispatcher,
    outboxLoop,
    scheduler,
    server,
    instanceId,
    liveness,
    timeSource,
    setDraining: (d: boolean) => {
      draining = d;
    },
  };
}

export async function createApp(o: AppOptions): Promise<KoersApp> {
  const parts = await assemble(o);
  const { logger, config } = o;
  let port = config.port;
  let stopping: Promise<void> | null = null;
  const app: KoersApp = {
    server: parts.server,
    get port() {
      return port;
    },
    parts,
    reloadStrategy: () => parts.holder.reload(),
    async start() {
      port = await listen(parts.server, config.port, config.host);
      for (const c of parts.channels) await c.start?.();
      parts.outboxLoop.start();
      if (parts.scheduler) {
        const { role } = await parts.scheduler.start();
        if (role === 'standby')
          logger.warn({}, 'scheduler not started: another instance runs it on this SQLite database');
      }
      parts.holder.watch();
      logger.info(
        { port, host: config.host, channels: parts.channels.map((c) => c.name), demo: config.demo },
        'koers listening',
      );
      return port;
    },
    stop(options = {}) {
      stopping ??= stopAll(options);
      return stopping;
    },
    async close() {
      parts.holder.close();
      for (const c of parts.channels) await c.stop?.();
      parts.timeSource.stop();
      await parts.liveness.close();
      await parts.store.close();
    },
  };
  async function stopAll(options: { drainMs?: number }): Promise<void> {
    {
      // Stop taking work, let requests in flight finish, send what the outbox holds for a bounded time.
      parts.setDraining(true);
      const closed = new Promise<void>((resolve) => parts.server.close(() => resolve()));
      parts.server.closeIdleConnections();
      const deadline = Date.now() + (options.drainMs ?? 5000);
      await Promise.race([
        closed,
        new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref()),
      ]);
      parts.server.closeAllConnections();
      parts.holder.close();
      await parts.scheduler?.stop();
      await parts.outboxLoop.stop();
      while (Date.now() < deadline) {
        const { pending } = await parts.dispatcher.backlog();
        if (pending === 0) break;
        const r = await parts.dispatcher.runOnce();
        if (r.sent + r.failed === 0) break;
      }
      for (const c of parts.channels) await c.stop?.();
      parts.timeSource.stop();
      await parts.liveness.close();
      await parts.store.close();
      logger.info({}, 'koers stopped');
    }
  }
  return app;
}
