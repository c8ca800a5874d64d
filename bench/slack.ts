// Slack (issue 4): signed `/koers status` slash commands per second and the p99 of the ack, for
// Koers and for a bare Bolt app (HTTPReceiver, one command handler that answers in the ack, as
// Koers does when its answer is ready in time: no Web API call for either), in one run, at 10
// concurrent requests against the same fake Slack, and the ratio. Each server runs in its own
// process (this file, started again with KOERS_BENCH_SLACK_SERVER=koers|bare); the load and the
// fake Slack run here. A request counts as done when its answer arrived: in the ack, or (when the
// ack came back empty) at the fake's response_url, so no work left after the ack goes unmeasured.
// The two servers take turns in small chunks, so a busy machine slows both alike; each server's
// own CPU time per request is reported too (the figure least moved by other load).
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { signSlack } from '../test/support/slack-sender.js';
import type { BenchModule, BenchResult } from './bench-result.js';
import { startBenchApp } from './koers-bench-app.js';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';
const REQUESTS = Number(process.env.KOERS_BENCH_SLACK_REQUESTS ?? 3000);
const CONCURRENCY = 10;
/** Requests per turn; the servers alternate until each had REQUESTS. */
const CHUNK = Number(process.env.KOERS_BENCH_SLACK_CHUNK ?? 250);

// ---- the servers under test (child processes) ------------------------------------------------

async function serveKoers(apiUrl: string): Promise<number> {
  const [{ createSlackChannel }, { strategyWithSlackIds }] = await Promise.all([
    import('../src/channels/slack/slack-channel.js'),
    import('../test/integration/slack/slack-test-app.js'),
  ]);
  return startBenchApp({
    platform: 'slack',
    env: (dir) => ({
      KOERS_STRATEGY: strategyWithSlackIds(dir),
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: apiUrl,
    }),
    channels: () => [createSlackChannel],
  });
}

async function serveBare(apiUrl: string): Promise<number> {
  const { App, HTTPReceiver, LogLevel } = await import('@slack/bolt');
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
  app.command('/koers', async ({ ack, respond, command }) => {
    await ack();
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Status of ${command.user_id}: nothing waits.`,
    });
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
  (role === 'koers' ? serveKoers(apiUrl) : serveBare(apiUrl)).then(
    (port) => process.stdout.write(`READY ${port}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

// ---- the load (this process) -----------------------------------------------------------------

function startServer(kind: 'koers' | 'bare', apiUrl: string): Promise<{ child: ChildProcess; port: number }> {
  // KOERS_BENCH_PROFILE=DIR writes a CPU profile of each server to DIR (see where the time goes).
  const profile = process.env.KOERS_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KOERS_BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, KOERS_BENCH_SLACK_SERVER: kind, KOERS_BENCH_SLACK_API_URL: apiUrl },
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

interface Turn {
  seconds: number;
  acksMs: number[];
}

/** `count` signed `/koers status` commands, CONCURRENCY at a time; done when every answer arrived. */
async function load(fake: FakeSlack, port: number, tag: string, count: number): Promise<Turn> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const acksMs: number[] = [];
  const responses = () => fake.callsOf('response_url').length;
  const before = responses();
  let emptyAcks = 0;
  const started = process.hrtime.bigint();
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const body = stringify({
        token: 'x',
        team_id: 'T0KOERS',
        channel_id: 'C0GENERAL',
        user_id: 'U_u-bram',
        user_name: 'bram',
        command: '/koers',
        text: 'status',
        response_url: `${fake.url}/respond/${tag}-${i}`,
        trigger_id: `${tag}.${i}.${started}`,
      });
      const ts = Math.floor(Date.now() / 1000);
      const t0 = process.hrtime.bigint();
      const res = await post(agent, port, body, ts);
      acksMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status !== 200) throw new Error(`${tag}: HTTP ${res.status}`);
      if (!res.body.includes('"text"')) emptyAcks++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Answers that did not fit in the ack come through the response_url.
  await fake.waitFor(() => responses() - before >= emptyAcks, 120_000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  fake.calls.length = 0;
  return { seconds, acksMs };
}

function post(
  agent: Agent,
  port: number,
  body: string,
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
          'content-type': 'application/x-www-form-urlencoded',
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

const bench: BenchModule = {
  title: 'Slack: signed /koers status slash commands, Koers against a bare Bolt app',
  async run(): Promise<BenchResult[]> {
    const fake = await startFakeSlack();
    const servers = await Promise.all([startServer('koers', fake.apiUrl), startServer('bare', fake.apiUrl)]);
    const [koers, bare] = servers;
    try {
      if (!koers || !bare) throw new Error('servers did not start');
      // Warm both (JIT, auth.test, users.info, connections).
      await load(fake, koers.port, 'warm-koers', 300);
      await load(fake, bare.port, 'warm-bare', 300);
      const total = {
        koers: { seconds: 0, acks: [] as number[], cpuUs: 0 },
        bare: { seconds: 0, acks: [] as number[], cpuUs: 0 },
      };
      for (let done = 0; done < REQUESTS; done += CHUNK) {
        const count = Math.min(CHUNK, REQUESTS - done);
        for (const [name, s] of [
          ['koers', koers],
          ['bare', bare],
        ] as const) {
          const cpu0 = await cpuOf(s.child);
          const turn = await load(fake, s.port, `${name}-${done}`, count);
          total[name].cpuUs += (await cpuOf(s.child)) - cpu0;
          total[name].seconds += turn.seconds;
          total[name].acks.push(...turn.acksMs);
        }
      }
      const perSecond = (n: 'koers' | 'bare') => REQUESTS / total[n].seconds;
      const p99 = (n: 'koers' | 'bare') => {
        const sorted = [...total[n].acks].sort((a, b) => a - b);
        return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
      };
      const cpuPer = (n: 'koers' | 'bare') => total[n].cpuUs / REQUESTS;
      const note = `${REQUESTS} requests each, ${CONCURRENCY} concurrent, in turns of ${CHUNK}`;
      return [
        { name: 'Koers /koers status', value: perSecond('koers'), unit: 'req/s', note },
        {
          name: 'bare Bolt, same calls',
          value: perSecond('bare'),
          unit: 'req/s',
          note: 'the answer in the ack, no Web API call',
        },
        {
          name: 'Koers / bare Bolt',
          value: perSecond('koers') / perSecond('bare'),
          unit: 'ratio',
          target: { kind: 'min', value: 0.7 },
        },
        {
          name: 'Koers ack p99',
          value: p99('koers'),
          unit: 'ms',
          target: { kind: 'max', value: 500 },
          note: "Slack's limit is 3,000 ms",
        },
        { name: 'bare Bolt ack p99', value: p99('bare'), unit: 'ms' },
        {
          name: 'Koers CPU per request',
          value: cpuPer('koers'),
          unit: 'µs',
          note: 'server process, user + system',
        },
        { name: 'bare Bolt CPU per request', value: cpuPer('bare'), unit: 'µs' },
      ];
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
      await fake.close();
    }
  },
};

export default bench;
