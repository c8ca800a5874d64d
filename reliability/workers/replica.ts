// A Koers replica for the timer rows, on real time: the scheduler (digest, reminders, pass-up)
// and an outbox dispatcher whose sender reports every item it sends to a recorder. Its clock is
// this machine's, shifted by `skewMs` (a replica whose clock is off), and on PostgreSQL it
// follows the database's clock as `koers serve` does (the offset measured at start).
// Logs JSON lines on stdout; stops on "quit" (stdin).
import { createInterface } from 'node:readline';
import pino from 'pino';
import { createScheduler } from '../../src/jobs/scheduler.js';
import type { ChannelSender } from '../../src/outbox/delivery.js';
import { createOutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { databaseClock } from '../../src/store/database-clock.js';
import { holdInstanceLiveness } from '../../src/store/instance-liveness.js';
import { openStore } from '../../src/store/open-store.js';
import { loadStrategyFile } from '../../src/strategy-file/load-strategy-file.js';
import { createWorkflow } from '../../src/workflow/workflow.js';

export interface ReplicaOptions {
  url: string;
  instanceId: string;
  strategyPath: string;
  skewMs: number;
  tickMs: number;
  runLeaseMs: number;
  recorderUrl: string;
}

const o = JSON.parse(process.argv[2] as string) as ReplicaOptions;
const logger = pino({ level: 'info', base: { instance: o.instanceId } });
const store = await openStore(o.url);
const dbClock = await databaseClock(store.handle, store.backend, () => new Date(Date.now() + o.skewMs), {
  logger,
});
const clock = dbClock.now;
const liveness = await holdInstanceLiveness(o.url, o.instanceId, logger);
const strategy = loadStrategyFile(o.strategyPath);
const workflow = createWorkflow({
  db: store.handle,
  backend: store.backend,
  strategy: () => strategy,
  clock,
  platforms: () => ['slack'],
});
const scheduler = createScheduler({
  db: store.handle,
  backend: store.backend,
  strategy: () => strategy,
  clock,
  logger,
  workflow,
  instanceId: o.instanceId,
  tickMs: o.tickMs,
  runLeaseMs: o.runLeaseMs,
  liveness,
});
const recorder: ChannelSender = {
  platform: 'slack',
  async deliver(item) {
    const res = await fetch(o.recorderUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: item.kind,
        dedupeKey: item.dedupeKey,
        caseId: item.caseId,
        runKey: item.payload.runKey ?? null,
        instance: o.instanceId,
      }),
    });
    return res.ok ? { status: 'sent', ref: 'ts-1' } : { status: 'retry', error: `HTTP ${res.status}` };
  },
};
const dispatcher = createOutboxDispatcher({
  db: store.handle,
  backend: store.backend,
  senders: [recorder],
  clock,
  logger,
  workerId: o.instanceId,
  leaseMs: 5_000,
  liveness,
});
let dispatching = true;
const loop = (async () => {
  while (dispatching) {
    await dispatcher.runOnce().catch((err: unknown) => logger.error({ err }, 'dispatch failed'));
    await new Promise((r) => setTimeout(r, 200));
  }
})();
await scheduler.start();
logger.info({ offsetMs: dbClock.offsetMs() }, 'replica running');
for await (const line of createInterface({ input: process.stdin })) if (line === 'quit') break;
dispatching = false;
await loop;
await scheduler.stop();
dbClock.stop();
await liveness.close();
await store.close();
