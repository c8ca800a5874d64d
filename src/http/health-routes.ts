// Liveness, readiness and metrics.
import { pingStore } from '../store/health-probe.js';
import type { Db } from '../store/store-handle.js';
import { type Route, sendJson } from './http-server.js';
import type { Metrics } from './metrics.js';

export interface HealthDeps {
  db: Db;
  strategyLoaded: () => boolean;
  metrics: Metrics;
  clock: () => Date;
  /** Shown on GET / (or a redirect to the Playground in the demo). */
  home: { playgroundUrl: string | null; name: string };
  draining: () => boolean;
  /** With a directory configured: whether its last good sync is older than three intervals. */
  directoryStale?: () => Promise<{ stale: boolean; lastOkAt: string | null } | null>;
}

/** The store answers within a second. */
export async function storeAnswers(db: Db, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = pingStore(db).then(() => true);
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(d: HealthDeps): Route[] {
  return [
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handler: async (_req, res) => {
        const store = await storeAnswers(d.db);
        const strategy = d.strategyLoaded();
        const ready = store && strategy && !d.draining();
        // A stale directory is said, not a reason to take the instance out of service: it still
        // answers everyone with the people it has.
        const directory = store ? await d.directoryStale?.().catch(() => null) : null;
        sendJson(res, ready ? 200 : 503, {
          ready,
          store,
          strategy,
          draining: d.draining(),
          ...(directory
            ? { directory: { status: directory.stale ? 'stale' : 'fresh', lastSyncAt: directory.lastOkAt } }
            : {}),
        });
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        const m = await d.metrics.render(d.clock().getTime());
        res.writeHead(200, { 'content-type': m.contentType }).end(m.body);
      },
    },
    {
      method: 'GET',
      path: '/',
      handler: (_req, res) => {
        if (d.home.playgroundUrl) {
          res.writeHead(302, { location: d.home.playgroundUrl }).end();
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><title>Koers</title><h1>Koers</h1><p>${d.home.name}: collaboration strategy in chat.</p><p><a href="/healthz">health</a> · <a href="/readyz">readiness</a></p>`,
          );
      },
    },
  ];
}
