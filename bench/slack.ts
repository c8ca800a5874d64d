// Slack: two figures, each Koers against a bare Bolt app (HTTPReceiver) doing the same work for
// the same request, in one run, at 10 concurrent requests against the same fake Slack:
//
// - `status`: signed `/koers status` slash commands. Koers answers in the ack; the bare app
//   answers in the ack too, with a fixed copy of the message Koers answered (taken from Koers at
//   the start of the run), so both send the same bytes and make no Web API call.
// - `submit`: a signed `view_submission` of the check form (a proposal within Anna's mandate).
//   Each submit names a new partner (a made-up word). Koers checks it, records the case and its relationship in one transaction, acks (closing the
//   modal) and posts the verdict to the person's DM: one Web API call. The bare app acks, writes
//   one row to the same kind of database (SQLite in WAL with synchronous=FULL, as Koers opens it)
//   and posts a fixed copy of Koers's verdict message: the same one Web API call. (The bench's
//   strategy has no strategy channel, so Koers posts no registration summary after the request.)
//
// Each server runs in its own process (this file, started again with KOERS_BENCH_SLACK_SERVER);
// the load and the fake Slack run here. A request counts as done when its answer arrived (the ack
// for `status`, the DM post at the fake for `submit`), so no work after the ack goes unmeasured.
// The two servers take turns in small chunks, so a busy machine slows both alike; each server's
// own CPU time per request is reported too (the figure least moved by other load).
// test/bench/outbound-calls.test.ts checks that both sides make the same calls per request.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { parse, stringify as toYaml } from 'yaml';
import { dmOf, type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { input, signSlack, viewSubmission } from '../test/support/slack-sender.js';
import type { BenchModule, BenchResult } from './bench-result.js';
import { startBenchApp } from './koers-bench-app.js';
import { koersModule } from './koers-code.js';
import { median } from './measure.js';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';
const REQUESTS = Number(process.env.KOERS_BENCH_SLACK_REQUESTS ?? 3000);
const SUBMITS = Number(process.env.KOERS_BENCH_SLACK_SUBMITS ?? 1500);
const CONCURRENCY = 10;
/** Requests per turn; the servers alternate until each had its share. */
const CHUNK = Number(process.env.KOERS_BENCH_SLACK_CHUNK ?? 250);
const RUNS = Number(process.env.KOERS_BENCH_RUNS ?? 3);
const USER = 'U_u-anna';

export type SlackScenario = 'status' | 'submit';

/** What the bare app answers: a fixed copy of what Koers answered. */
interface BareReply {
  /** The ack body of `status`. */
  ack?: unknown;
  /** The chat.postMessage arguments of `submit`. */
  post?: { text: string; blocks?: unknown };
}

// ---- the servers under test (child processes) ------------------------------------------------

async function serveKoers(apiUrl: string): Promise<number> {
  const [{ createSlackChannel }, { strategyWithSlackIds }] = await Promise.all([
    koersModule<typeof import('../src/channels/slack/slack-channel.js')>('channels/slack/slack-channel'),
    import('../test/integration/slack/slack-test-app.js'),
  ]);
  return startBenchApp({
    platform: 'slack',
    env: (dir) => ({
      KOERS_STRATEGY: withoutStrategyChannel(strategyWithSlackIds(dir)),
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: apiUrl,
    }),
    channels: () => [createSlackChannel],
  });
}

/**
 * The strategy without its strategy channel: a registered check then posts no summary there (an
 * outbox post, paced per channel, after the request), so a submit makes one Web API call.
 */
function withoutStrategyChannel(path: string): string {
  const doc = parse(readFileSync(path, 'utf8')) as { channels?: Record<string, unknown> };
  delete doc.channels?.strategy;
  writeFileSync(path, toYaml(doc));
  return path;
}

async function serveBare(apiUrl: string, reply: BareReply): Promise<number> {
  const [{ App, HTTPReceiver, LogLevel }, { default: Sqlite }] = await Promise.all([
    import('@slack/bolt'),
    import('better-sqlite3'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'koers-bench-bare-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const db = new Sqlite(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'create table cases (id integer primary key, requester text not null, proposal text not null, created_at text not null)',
  );
  const insert = db.prepare('insert into cases (requester, proposal, created_at) values (?, ?, ?)');
  const receiver = new HTTPReceiver({
    signingSecret: SECRET,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    token: TOKEN,
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/koers', async ({ ack }) => {
    await ack(reply.ack as Parameters<typeof ack>[0]);
  });
  // The person's DM channel, cached as Koers caches it (one conversations.open per person).
  const dms = new Map<string, string>();
  app.view('koers_form', async ({ ack, body, client }) => {
    await ack();
    insert.run(body.user.id, JSON.stringify(body.view.state.values), new Date().toISOString());
    let channel = dms.get(body.user.id);
    if (!channel) {
      channel = (await client.conversations.open({ users: body.user.id })).channel?.id ?? body.user.id;
      dms.set(body.user.id, channel);
    }
    await client.chat.postMessage({ channel, ...(reply.post as { text: string }) });
  });
  const server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const role = process.env.KOERS_BENCH_SLACK_SERVER;
if (role === 'koers' || role === 'bare') {
  // Exit normally on SIGTERM, so a CPU profile (KOERS_BENCH_PROFILE) is written.
  process.on('SIGTERM', () => process.exit(0));
  // The parent asks for this process's CPU time around the measured turns.
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  const apiUrl = process.env.KOERS_BENCH_SLACK_API_URL ?? '';
  const reply = JSON.parse(process.env.KOERS_BENCH_SLACK_REPLY ?? '{}') as BareReply;
  (role === 'koers' ? serveKoers(apiUrl) : serveBare(apiUrl, reply)).then(
    (port) => process.stdout.write(`READY ${port}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

// ---- the load (this process) -----------------------------------------------------------------

export interface SlackServer {
  child: ChildProcess;
  port: number;
}

function startServer(kind: 'koers' | 'bare', apiUrl: string, reply: BareReply = {}): Promise<SlackServer> {
  // KOERS_BENCH_PROFILE=DIR writes a CPU profile of each server to DIR (see where the time goes).
  const profile = process.env.KOERS_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KOERS_BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      KOERS_BENCH_SLACK_SERVER: kind,
      KOERS_BENCH_SLACK_API_URL: apiUrl,
      KOERS_BENCH_SLACK_REPLY: JSON.stringify(reply),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)));
  });
}

/** This server's CPU time so far (user + system, µs). */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => {
      const cpu = (m as { cpu: NodeJS.CpuUsage }).cpu;
      resolve(cpu.user + cpu.system);
    });
    child.send('cpu');
  });
}

const statusCommand = (fake: FakeSlack, tag: string) =>
  stringify({
    token: 'x',
    team_id: 'T0KOERS',
    channel_id: 'C0GENERAL',
    user_id: 'U_u-bram',
    user_name: 'bram',
    command: '/koers',
    text: 'status',
    response_url: `${fake.url}/respond/${tag}`,
    trigger_id: `${tag}.trigger`,
  });

const SYLLABLES = ['ka', 'lo', 'mi', 're', 'sun', 'tor', 'vel', 'dan', 'ber', 'os'];

/** A made-up one-word partner name per request, so the register grows as with new partners. */
function partnerName(n: number): string {
  let name = '';
  let i = n;
  do {
    name += SYLLABLES[i % SYLLABLES.length];
    i = Math.floor(i / SYLLABLES.length);
  } while (i > 0);
  return `${name[0]?.toUpperCase()}${name.slice(1)}ia`;
}

let submitted = 0;

/** The check form's values: a proposal within Anna's mandate (registered, nobody to ask). */
const form = () => ({
  partnerName: input.text(partnerName(submitted++)),
  partnerType: input.select('knowledge-institution'),
  priority: input.select('climate-water'),
  intensity: input.select('project'),
  budget: input.number('5000'),
  months: input.number('6'),
  direction: input.select('shared'),
  confidential: input.checkboxes([]),
});

/** One bench scenario on one side: how to make its i-th request and when its answers are in. */
export interface Workload {
  body(tag: string, i: number): { body: string; contentType: string };
  /** Outbound calls at the fake that mark a request done (null: the ack is the answer). */
  doneMethod: string | null;
}

function statusWorkload(fake: FakeSlack): Workload {
  return {
    body: (tag, i) => ({
      body: statusCommand(fake, `${tag}-${i}`),
      contentType: 'application/x-www-form-urlencoded',
    }),
    doneMethod: null,
  };
}

function submitWorkload(modal: { private_metadata?: string; callback_id?: string }): Workload {
  return {
    body: () => ({
      body: stringify({ payload: JSON.stringify(viewSubmission(USER, modal, form())) }),
      contentType: 'application/x-www-form-urlencoded',
    }),
    doneMethod: 'chat.postMessage',
  };
}

export interface Turn {
  seconds: number;
  acksMs: number[];
  /** The first ack body (a sample of the answer). */
  firstAck: string;
}

/** `count` signed requests, CONCURRENCY at a time; done when every answer arrived. */
export async function load(
  fake: FakeSlack,
  port: number,
  work: Workload,
  tag: string,
  count: number,
): Promise<Turn> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const acksMs: number[] = [];
  const done = () => (work.doneMethod ? fake.callsOf(work.doneMethod).length : 0);
  const before = done();
  let firstAck = '';
  const started = process.hrtime.bigint();
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const { body, contentType } = work.body(tag, i);
      const ts = Math.floor(Date.now() / 1000);
      const t0 = process.hrtime.bigint();
      const res = await post(agent, port, body, contentType, ts);
      acksMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status !== 200) throw new Error(`${tag}: HTTP ${res.status}`);
      if (work.doneMethod === null && !res.body.includes('"text"'))
        throw new Error(`${tag}: the answer was not in the ack`);
      if (i === 0) firstAck = res.body;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (work.doneMethod) await fake.waitFor(() => done() - before >= count, 120_000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { seconds, acksMs, firstAck };
}

function post(
  agent: Agent,
  port: number,
  body: string,
  contentType: string,
  ts: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': signSlack(SECRET, ts, body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Koers and a bare app set up for one scenario, each with its workload. */
export interface SlackPair {
  koers: SlackServer;
  bare: SlackServer;
  work: Workload;
  /** What both sides send, for the note. */
  sample: string;
  close(): void;
}

/**
 * Starts Koers, takes its answer to one request of the scenario, and starts a bare Bolt app that
 * answers with a fixed copy of it.
 */
export async function startPair(fake: FakeSlack, scenario: SlackScenario): Promise<SlackPair> {
  const waiting = fake.messages(dmOf('U_u-bram')).length;
  const koers = await startServer('koers', fake.apiUrl);
  try {
    // The bench app starts with two proposals waiting for Bram: let their requests reach his DM
    // (the outbox) before anything is counted.
    await fake.waitFor(() => fake.messages(dmOf('U_u-bram')).length >= waiting + 2, 30_000);
    let work: Workload;
    let reply: BareReply;
    let sample: string;
    if (scenario === 'status') {
      work = statusWorkload(fake);
      // The first answer can carry more (a first-time note): take a later one.
      await load(fake, koers.port, work, 'sample-0', 5);
      const first = await load(fake, koers.port, work, 'sample', 1);
      reply = { ack: JSON.parse(first.firstAck) };
      sample = `an ack of ${Buffer.byteLength(first.firstAck)} bytes`;
    } else {
      const posted = fake.callsOf('views.open').length;
      await post(
        new Agent(),
        koers.port,
        stringify({ ...(await checkCommand(fake)) }),
        'application/x-www-form-urlencoded',
        Math.floor(Date.now() / 1000),
      );
      await fake.waitFor(() => fake.callsOf('views.open').length > posted, 30_000);
      const modal = fake.callsOf('views.open').at(-1)?.args.view as { private_metadata: string };
      work = submitWorkload(modal);
      // The first answer can carry more (a first-time note): take a later one.
      await load(fake, koers.port, work, 'sample-0', 5);
      const before = fake.callsOf('chat.postMessage').length;
      await load(fake, koers.port, work, 'sample', 1);
      const verdict =
        fake.callsOf('chat.postMessage').find((c, i) => i >= before && c.args.channel === dmOf(USER))?.args ??
        {};
      reply = {
        post: {
          text: String(verdict.text ?? ''),
          ...(verdict.blocks
            ? {
                blocks: typeof verdict.blocks === 'string' ? JSON.parse(verdict.blocks) : verdict.blocks,
              }
            : {}),
        },
      };
      sample = `a DM post of ${JSON.stringify(reply.post).length} bytes`;
    }
    const bare = await startServer('bare', fake.apiUrl, reply);
    return {
      koers,
      bare,
      work,
      sample,
      close: () => {
        koers.child.kill('SIGTERM');
        bare.child.kill('SIGTERM');
      },
    };
  } catch (err) {
    koers.child.kill('SIGTERM');
    throw err;
  }
}

async function checkCommand(fake: FakeSlack): Promise<Record<string, string>> {
  return {
    token: 'x',
    team_id: 'T0KOERS',
    channel_id: 'C0GENERAL',
    user_id: USER,
    user_name: 'anna',
    command: '/koers',
    text: 'check',
    response_url: `${fake.url}/respond/check`,
    trigger_id: 'check.trigger',
  };
}

interface Side {
  seconds: number;
  acks: number[];
  cpuUs: number;
}

/** One measured run: both sides in alternating turns (A/B/A/B). */
async function measure(fake: FakeSlack, pair: SlackPair, requests: number, run: number) {
  const total: Record<'koers' | 'bare', Side> = {
    koers: { seconds: 0, acks: [], cpuUs: 0 },
    bare: { seconds: 0, acks: [], cpuUs: 0 },
  };
  for (let done = 0; done < requests; done += CHUNK) {
    const count = Math.min(CHUNK, requests - done);
    for (const name of ['koers', 'bare'] as const) {
      const s = pair[name];
      const cpu0 = await cpuOf(s.child);
      const turn = await load(fake, s.port, pair.work, `${name}-${run}-${done}`, count);
      total[name].cpuUs += (await cpuOf(s.child)) - cpu0;
      total[name].seconds += turn.seconds;
      total[name].acks.push(...turn.acksMs);
    }
    fake.calls.length = 0;
  }
  const p99 = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  };
  const fig = (s: Side) => ({ perSecond: requests / s.seconds, p99: p99(s.acks), cpuUs: s.cpuUs / requests });
  return { koers: fig(total.koers), bare: fig(total.bare) };
}

async function scenario(
  fake: FakeSlack,
  which: SlackScenario,
  requests: number,
): Promise<ReturnType<typeof summarise> & { sample: string }> {
  const pair = await startPair(fake, which);
  try {
    // Warm both (JIT, auth.test, users.info, connections).
    await load(fake, pair.koers.port, pair.work, 'warm-koers', 300);
    await load(fake, pair.bare.port, pair.work, 'warm-bare', 300);
    const runs = [];
    for (let r = 0; r < RUNS; r++) runs.push(await measure(fake, pair, requests, r));
    return { ...summarise(runs), sample: pair.sample };
  } finally {
    pair.close();
  }
}

function summarise(runs: Array<Awaited<ReturnType<typeof measure>>>) {
  return {
    ratio: median(runs.map((r) => r.koers.perSecond / r.bare.perSecond)),
    cpuRatio: median(runs.map((r) => r.bare.cpuUs / r.koers.cpuUs)),
    koers: {
      perSecond: median(runs.map((r) => r.koers.perSecond)),
      p99: median(runs.map((r) => r.koers.p99)),
      cpuUs: median(runs.map((r) => r.koers.cpuUs)),
    },
    bare: {
      perSecond: median(runs.map((r) => r.bare.perSecond)),
      p99: median(runs.map((r) => r.bare.p99)),
      cpuUs: median(runs.map((r) => r.bare.cpuUs)),
    },
  };
}

const bench: BenchModule = {
  title: 'Slack: signed /koers status and check submits, Koers against a bare Bolt app doing the same work',
  async run(): Promise<BenchResult[]> {
    const fake = await startFakeSlack();
    try {
      // KOERS_BENCH_SLACK_ONLY=status|submit runs one (e.g. to profile it); the other reads 0.
      const only = process.env.KOERS_BENCH_SLACK_ONLY;
      const none = {
        ratio: 0,
        cpuRatio: 0,
        sample: '',
        koers: { perSecond: 0, p99: 0, cpuUs: 0 },
        bare: { perSecond: 0, p99: 0, cpuUs: 0 },
      };
      const status = only === 'submit' ? none : await scenario(fake, 'status', REQUESTS);
      const submit = only === 'status' ? none : await scenario(fake, 'submit', SUBMITS);
      const how = (n: number) =>
        `${n} requests a side per run, ${CONCURRENCY} concurrent, in alternating turns of ${CHUNK}; median of ${RUNS} runs`;
      return [
        { name: 'Koers /koers status', value: status.koers.perSecond, unit: 'req/s', note: how(REQUESTS) },
        {
          name: 'bare Bolt, status',
          value: status.bare.perSecond,
          unit: 'req/s',
          note: `same work: answers in the ack with a fixed copy of Koers's answer (${status.sample}), no Web API call`,
        },
        {
          name: 'status: Koers / bare Bolt',
          value: status.ratio,
          unit: 'ratio',
          target: { kind: 'min', value: 0.8 },
          note: `baseline: the bare Bolt app; CPU per request ${Math.round(status.koers.cpuUs)} µs against ${Math.round(status.bare.cpuUs)} µs`,
        },
        {
          name: 'Koers status ack p99',
          value: status.koers.p99,
          unit: 'ms',
          target: { kind: 'max', value: 500 },
          note: `Slack's limit is 3,000 ms; bare Bolt ${status.bare.p99.toFixed(1)} ms`,
        },
        { name: 'Koers check submit', value: submit.koers.perSecond, unit: 'req/s', note: how(SUBMITS) },
        {
          name: 'bare Bolt, submit',
          value: submit.bare.perSecond,
          unit: 'req/s',
          note: `same work: acks, writes one row to SQLite (WAL, synchronous=FULL), posts a fixed copy of Koers's verdict (${submit.sample}): one Web API call`,
        },
        {
          name: 'submit: Koers / bare Bolt',
          value: submit.ratio,
          unit: 'ratio',
          target: { kind: 'min', value: 0.8 },
          note: `baseline: the bare Bolt app; CPU per request ${Math.round(submit.koers.cpuUs)} µs against ${Math.round(submit.bare.cpuUs)} µs`,
        },
      ];
    } finally {
      await fake.close();
    }
  },
};

export default bench;
