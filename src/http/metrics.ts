// Prometheus metrics (prom-client), one registry per running app.
import client from 'prom-client';

export interface MetricSources {
  /** Open cases with their creation time, for the age gauge. */
  openCaseAges(): Promise<number[]>;
  outboxBacklog(): Promise<{ pending: number; dead: number }>;
  /** The directory sync's last success and failure; null: no directory configured. */
  directorySync?(): Promise<{ lastOkAt: string | null; lastErrorAt: string | null } | null>;
}

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'koers_' });
  const checks = new client.Counter({
    name: 'koers_checks_total',
    help: 'Checks by verdict',
    labelNames: ['verdict'],
    registers: [registry],
  });
  const decisions = new client.Counter({
    name: 'koers_decisions_total',
    help: 'Decisions by action',
    labelNames: ['action'],
    registers: [registry],
  });
  const refusals = new client.Counter({
    name: 'koers_decision_refusals_total',
    help: 'Refused decision attempts by reason',
    labelNames: ['refusal'],
    registers: [registry],
  });
  const deliveries = new client.Counter({
    name: 'koers_outbox_deliveries_total',
    help: 'Outbox delivery attempts by platform and result (skipped: the message could not be built, a failure)',
    labelNames: ['platform', 'result'],
    registers: [registry],
  });
  const requestSeconds = new client.Histogram({
    name: 'koers_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const schedulerRuns = new client.Counter({
    name: 'koers_scheduler_runs_total',
    help: 'Scheduled runs by job and result',
    labelNames: ['job', 'result'],
    registers: [registry],
  });
  const openCases = new client.Gauge({
    name: 'koers_open_cases',
    help: 'Open cases by age',
    labelNames: ['age'],
    registers: [registry],
  });
  const outbox = new client.Gauge({
    name: 'koers_outbox_backlog',
    help: 'Outbox rows by status',
    labelNames: ['status'],
    registers: [registry],
  });
  const directorySync = new client.Gauge({
    name: 'koers_directory_sync_last_timestamp_seconds',
    help: 'When the directory sync last succeeded or failed (Unix time; 0: never)',
    labelNames: ['result'],
    registers: [registry],
  });
  let sources: MetricSources | null = null;

  async function collect(nowMs: number): Promise<void> {
    if (!sources) return;
    const ages = await sources.openCaseAges();
    const buckets = { under_1d: 0, '1d_to_3d': 0, '3d_to_7d': 0, over_7d: 0 };
    for (const created of ages) {
      const days = (nowMs - created) / 86_400_000;
      if (days < 1) buckets.under_1d++;
      else if (days < 3) buckets['1d_to_3d']++;
      else if (days < 7) buckets['3d_to_7d']++;
      else buckets.over_7d++;
    }
    for (const [age, n] of Object.entries(buckets)) openCases.set({ age }, n);
    const b = await sources.outboxBacklog();
    outbox.set({ status: 'pending' }, b.pending);
    outbox.set({ status: 'dead' }, b.dead);
    const d = await sources.directorySync?.();
    if (d) {
      directorySync.set({ result: 'success' }, d.lastOkAt ? Date.parse(d.lastOkAt) / 1000 : 0);
      directorySync.set({ result: 'failure' }, d.lastErrorAt ? Date.parse(d.lastErrorAt) / 1000 : 0);
    }
  }

  return {
    registry,
    checks,
    decisions,
    refusals,
    deliveries,
    requestSeconds,
    schedulerRuns,
    setSources: (s: MetricSources) => {
      sources = s;
    },
    async render(nowMs: number): Promise<{ contentType: string; body: string }> {
      await collect(nowMs);
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
