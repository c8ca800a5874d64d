// A Koers instance reduced to its scheduled side, for multi-process tests: the scheduler and an
// outbox dispatcher whose Slack sender posts to a fake Slack Web API. Logs JSON lines on stdout;
// stops on "quit" (stdin). FAULT_AT=<point> kills the process there.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { createScheduler } from '../../src/jobs/scheduler.js';
import type { ChannelSender } from '../../src/outbox/delivery.js';
import { createOutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { holdInstanceLiveness } from '../../src/store/instance-liveness.js';
import { openStore } from '../../src/store/open-store.js';
import { createWorkflow } from '../../src/workflow/workflow.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { killAtFaultPoint } from './support/fault-point.js';
import type { WorkerOptions } from './support/worker-process.js';

const o = JSON.parse(process.argv[2] as string) as WorkerOptions;
const offset = o.fakeAnchorMs - o.realAnchorMs;
const clock = () => new Date(Date.now() + offset);
const logger = pino({ level: 'debug', base: { instance: o.instanceId } });
const fault = killAtFaultPoint(o.instanceId);

const store = await openStore(o.url);
// Dies with this process: another worker that finds it free takes this one's claims over at once.
const liveness = await holdInstanceLiveness(o.url, o.instanceId, logger);
const strategy = exampleStrategy();
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
  leaseStaleMs: o.leaseStaleMs ?? 3 * o.tickMs,
  liveness,
  fault,
});

// The Slack side is others' work; this sender only posts what the digest row names.
const slack: ChannelSender = {
  platform: 'slack',
  async deliver(item) {
    const res = await fetch(`${o.slackUrl}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: item.kind, runKey: item.payload.runKey ?? null, instance: o.instanceId }),
    });
    return res.ok ? { status: 'sent', ref: 'ts-1' } : { status: 'retry', error: `HTTP ${res.status}` };
  },
};
const dispatcher = createOutboxDispatcher({
  db: store.handle,
  backend: store.backend,
  senders: [slack],
  clock,
  logger,
  workerId: o.instanceId,
  leaseMs: 5_000,
  liveness,
});
let dispatching = true;
const dispatchLoop = (async () => {
  while (dispatching) {
    await dispatcher.runOnce().catch((err: unknown) => logger.error({ err }, 'dispatch failed'));
    await new Promise((r) => setTimeout(r, o.tickMs));
  }
})();

await scheduler.start();
for await (const line of createInterface({ input: process.stdin })) if (line === 'quit') break;
dispatching = false;
await dispatchLoop;
await scheduler.stop();
await liveness.close();
await store.close();
