// A Koers instance for the crash rows: the real workflow, the real outbox dispatcher and the real
// Slack sender (look-back included) posting to a fake Slack Web API, the instance's liveness
// lock, and `koers import`'s importer. FAULT_AT=<point> kills the process there (SIGKILL). Reads
// JSON commands on stdin ({"op":"decide",…} or {"op":"import","path":…}); "quit" stops it.
// Logs JSON lines on stdout.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { composeNotification } from '../../src/application/compose-notification.js';
import { createSlackSender } from '../../src/channels/slack/slack-sender.js';
import { createSlackWeb } from '../../src/channels/slack/slack-web.js';
import { createOutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { csvFile } from '../../src/portfolio/csv-records.js';
import { importRegister } from '../../src/portfolio/import-register.js';
import { caseMessageLog } from '../../src/store/case-messages.js';
import { holdInstanceLiveness } from '../../src/store/instance-liveness.js';
import { openStore } from '../../src/store/open-store.js';
import { loadStrategyFile } from '../../src/strategy-file/load-strategy-file.js';
import { createWorkflow } from '../../src/workflow/workflow.js';
import { killAtFaultPoint } from '../../test/jobs/support/fault-point.js';

export interface CrashWorkerOptions {
  url: string;
  instanceId: string;
  apiUrl: string;
  strategyPath: string;
  tickMs: number;
  /** Run the outbox (default true). */
  dispatch?: boolean;
}

const o = JSON.parse(process.argv[2] as string) as CrashWorkerOptions;
const logger = pino({ level: 'info', base: { instance: o.instanceId } });
const clock = () => new Date();
const fault = killAtFaultPoint(o.instanceId);

const store = await openStore(o.url);
const liveness = await holdInstanceLiveness(o.url, o.instanceId, logger);
const strategy = loadStrategyFile(o.strategyPath);
const workflow = createWorkflow({
  db: store.handle,
  backend: store.backend,
  strategy: () => strategy,
  clock,
  platforms: () => ['slack'],
  fault,
});
const web = createSlackWeb(
  {
    signingSecret: undefined,
    botToken: 'xoxb-1111-2222-koerstesttoken',
    appToken: undefined,
    apiUrl: o.apiUrl,
  },
  logger,
);
const sender = createSlackSender({
  web,
  caseMessages: caseMessageLog(store.handle),
  compose: (item) =>
    composeNotification({ db: store.handle, strategy: () => strategy, clock }, item, 'slack'),
  logger,
  clock,
});
const dispatcher = createOutboxDispatcher({
  db: store.handle,
  backend: store.backend,
  senders: [sender],
  clock,
  logger,
  workerId: o.instanceId,
  liveness,
  fault,
});
let running = o.dispatch !== false;
const loop = (async () => {
  while (running) {
    await dispatcher.runOnce().catch((err: unknown) => logger.error({ err }, 'dispatch failed'));
    await new Promise((r) => setTimeout(r, o.tickMs));
  }
})();
logger.info('crash worker ready');

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'quit') break;
  const cmd = JSON.parse(line) as
    | { op: 'decide'; caseId: number; step: number; version: number; as: string }
    | { op: 'import'; path: string };
  if (cmd.op === 'decide') {
    const out = await workflow.decide(
      { personId: cmd.as, platform: 'slack' },
      { action: 'approve', caseId: cmd.caseId, step: cmd.step, version: cmd.version },
    );
    logger.info({ ok: out.ok, refusal: out.ok ? null : out.refusal }, 'decided');
  } else {
    // Batches of 20 rows in one transaction, and a progress call every 50: a crash there is mid-import.
    const out = await importRegister(store.handle, store.backend, strategy, csvFile(cmd.path), {
      now: clock(),
      batchSize: 20,
      progressEvery: 50,
      onProgress: (p) => {
        if (p.phase === 'importing') fault('mid_import');
      },
    });
    logger.info({ ok: out.ok, imported: out.ok ? out.report.imported : 0 }, 'imported');
  }
}
running = false;
await loop;
await liveness.close();
await store.close();
