// A Koers instance reduced to its outbox, for crash tests: the real dispatcher and the real Slack
// sender (look-back included) posting to a fake Slack Web API, with the instance's liveness lock.
// Logs JSON lines on stdout; stops on "quit" (stdin). FAULT_AT=<point> kills the process there.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { composeNotification } from '../../src/application/compose-notification.js';
import { createSlackSender } from '../../src/channels/slack/slack-sender.js';
import { createSlackWeb } from '../../src/channels/slack/slack-web.js';
import { createOutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { caseMessageLog } from '../../src/store/case-messages.js';
import { holdInstanceLiveness } from '../../src/store/instance-liveness.js';
import { openStore } from '../../src/store/open-store.js';
import { loadStrategyFile } from '../../src/strategy-file/load-strategy-file.js';
import { killAtFaultPoint } from './support/fault-point.js';

export interface OutboxWorkerOptions {
  url: string;
  instanceId: string;
  apiUrl: string;
  strategyPath: string;
  tickMs: number;
  faultAt?: string;
}

const o = JSON.parse(process.argv[2] as string) as OutboxWorkerOptions;
const logger = pino({ level: 'info', base: { instance: o.instanceId } });
const clock = () => new Date();
const fault = killAtFaultPoint(o.instanceId);

const store = await openStore(o.url);
const liveness = await holdInstanceLiveness(o.url, o.instanceId, logger);
const strategy = loadStrategyFile(o.strategyPath);
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
// The lease is the production default (60 s): a takeover before it ends is the liveness lock's doing.
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
let running = true;
const loop = (async () => {
  logger.info('outbox worker running');
  while (running) {
    await dispatcher.runOnce().catch((err: unknown) => logger.error({ err }, 'dispatch failed'));
    await new Promise((r) => setTimeout(r, o.tickMs));
  }
})();

for await (const line of createInterface({ input: process.stdin })) if (line === 'quit') break;
running = false;
await loop;
await liveness.close();
await store.close();
