// Teams: message activities per second and the p99 until the bot's reply reaches the Bot
// Connector, for Koers answering `status` (its status card) and for a bare botbuilder bot
// (CloudAdapter + ActivityHandler on node:http) doing the same work for the same activity: one
// reply carrying a fixed copy of the Adaptive Card Koers sent (taken from Koers at the start of the
// run, so the same bytes; the bare bot does no templating and has no store). In one run, at 10
// concurrent activities against the same fake connector, and the ratio. Each bot runs in its own
// process (this file, started again with KOERS_BENCH_TEAMS_SERVER=koers|bare); the load and the
// fake connector run here. An activity counts as done when its reply arrived at the connector.
// The bots take turns in small chunks (A/B/A/B), so a busy machine slows both alike; each bot's
// own CPU time per activity is reported too. test/bench/outbound-calls.test.ts checks that both
// send the same number of replies of the same size.
//
// Both bots run as a Teams deployment does: with an app id, every activity carrying a Bot
// Framework token that botbuilder validates (RS256, against a local OpenID metadata and key
// server) and every reply sent with the bot's own token (a fixed stand-in: no Microsoft login).
// The same pair also runs without an app id, as the local demo does (loopback only, no tokens;
// Koers then also plays the demo's "one Playground user is anyone"); that ratio is shown as well.
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startOpenIdServer } from '../test/support/openid-server.js';
import { FixedOutboundCredentials } from '../test/support/outbound-credentials.js';
import type { BenchModule, BenchResult } from './bench-result.js';
import { startBenchApp } from './koers-bench-app.js';
import { koersModule } from './koers-code.js';
import { median } from './measure.js';

const REQUESTS = Number(process.env.KOERS_BENCH_TEAMS_REQUESTS ?? 3000);
const CONCURRENCY = 10;
/** Activities per turn; the bots alternate until each had REQUESTS. */
const CHUNK = Number(process.env.KOERS_BENCH_TEAMS_CHUNK ?? 250);
const RUNS = Number(process.env.KOERS_BENCH_RUNS ?? 3);
const BRAM = { id: '29:u-bram', aadObjectId: 'aad-u-bram', name: 'Bram Bakker' };
const BOT = { id: '28:koers-bench', name: 'Koers' };
const APP_ID = 'koers-bench-app';

/** The bots' settings: with KOERS_BENCH_TEAMS_OPENID set, an app id validated against it. */
function botEnv(): Record<string, string> {
  const openid = process.env.KOERS_BENCH_TEAMS_OPENID;
  return openid
    ? { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used', KOERS_BOT_OPENID_METADATA: openid }
    : {};
}

const outboundCredentials = () =>
  new FixedOutboundCredentials({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used' });

// ---- the bots under test (child processes) ---------------------------------------------------

async function serveKoers(): Promise<number> {
  const { createTeamsChannel, teamsChannelWith } = await koersModule<
    typeof import('../src/channels/teams/teams-channel.js')
  >('channels/teams/teams-channel');
  return startBenchApp({
    platform: 'teams',
    env: () => botEnv(),
    channels: (config) => [
      config.teams ? teamsChannelWith({ credentialsFactory: outboundCredentials() }) : createTeamsChannel,
    ],
    prepare: async (db) => {
      await db.updateTable('people').set({ teams_id: BRAM.aadObjectId }).where('id', '=', 'u-bram').execute();
    },
  });
}

async function serveBare(): Promise<number> {
  const [{ ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication }, { loadConfig }, auth] =
    await Promise.all([
      import('botbuilder'),
      import('../src/config.js'),
      import('../src/channels/teams/teams-auth.js'),
    ]);
  const loaded = loadConfig({ KOERS_DATABASE_URL: 'sqlite::memory:', ...botEnv() });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const teams = loaded.config.teams;
  const adapter = new CloudAdapter(
    teams
      ? new ConfigurationBotFrameworkAuthentication(auth.botFrameworkSettings(teams), outboundCredentials())
      : new ConfigurationBotFrameworkAuthentication({}),
  );
  // The same reply Koers sent to `status` (its Adaptive Card, as sent), fixed: no templating.
  const reply = JSON.parse(process.env.KOERS_BENCH_TEAMS_REPLY ?? '{}') as Record<string, unknown>;
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => {
    await ctx.sendActivity({ ...reply });
    await next();
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let status = 200;
      let body: unknown;
      const response = {
        socket: res.socket,
        status: (code: number) => {
          status = code;
        },
        header: (name: string, value: unknown) => res.setHeader(name, String(value)),
        send: (value: unknown) => {
          body = value;
        },
        end: () => {
          res.writeHead(status).end(body === undefined ? undefined : JSON.stringify(body));
        },
      };
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      void adapter.process({ body: activity, headers: req.headers, method: 'POST' }, response, (ctx) =>
        bot.run(ctx),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const role = process.env.KOERS_BENCH_TEAMS_SERVER;
if (role === 'koers' || role === 'bare') {
  // The load asks for the CPU time the bot used, to give CPU per activity.
  process.on('message', () => process.send?.(process.cpuUsage()));
  // Exit cleanly when the load is done (so `node --cpu-prof` can write its profile).
  process.once('SIGTERM', () => process.exit(0));
  (role === 'koers' ? serveKoers() : serveBare()).then(
    (port) => process.stdout.write(`READY ${port}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

// ---- the fake connector and the load (this process) -----------------------------------------

/** The fake connector: answers `{ id }`, counts replies and tells the load when one arrived. */
interface Connector {
  url: string;
  arrived: Map<string, (at: bigint) => void>;
  /** Replies received so far. */
  calls: number;
  /** The last reply's activity as sent (for the bare bot's fixed copy). */
  last: Record<string, unknown> | null;
  server: Server;
}

function startConnector(): Promise<Connector> {
  const arrived = new Map<string, (at: bigint) => void>();
  let next = 1;
  const connector: Connector = { url: '', arrived, calls: 0, last: null, server: createServer() };
  connector.server.on('request', (req, res) => {
    const at = process.hrtime.bigint();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      connector.calls++;
      const m = /\/activities\/([^/?]+)$/.exec(req.url ?? '');
      const replyTo = m?.[1] ? decodeURIComponent(m[1]) : null;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `r-${next++}` }));
      try {
        connector.last = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        connector.last = null;
      }
      if (replyTo) {
        arrived.get(replyTo)?.(at);
        arrived.delete(replyTo);
      }
    });
  });
  return new Promise((resolve) =>
    connector.server.listen(0, '127.0.0.1', () => {
      connector.url = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}/`;
      resolve(connector);
    }),
  );
}

/** What the bare bot sends: the content fields of Koers's reply, without its routing. */
function contentOf(activity: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [
    'type',
    'text',
    'textFormat',
    'attachments',
    'attachmentLayout',
    'inputHint',
    'suggestedActions',
  ])
    if (activity[k] !== undefined) out[k] = activity[k];
  return out;
}

function startServer(
  kind: 'koers' | 'bare',
  openid: string | null,
  reply: Record<string, unknown> = {},
): Promise<{ child: ChildProcess; port: number }> {
  // KOERS_BENCH_PROFILE_DIR=dir writes a CPU profile of each bot there.
  const profile = process.env.KOERS_BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KOERS_BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      KOERS_BENCH_TEAMS_SERVER: kind,
      KOERS_BENCH_TEAMS_OPENID: openid ?? '',
      KOERS_BENCH_TEAMS_REPLY: JSON.stringify(reply),
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
    child.once('exit', (code) => reject(new Error(`${kind} bot exited (${code}) before it was ready`)));
  });
}

export interface Turn {
  seconds: number;
  latenciesMs: number[];
}

/** This bot's CPU time so far (user + system), in ms. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (u: { user: number; system: number }) => resolve((u.user + u.system) / 1000));
    child.send('cpu');
  });
}

function post(agent: Agent, port: number, body: string, token: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function load(
  connector: Connector,
  bot: { child: ChildProcess; port: number },
  tag: string,
  count: number,
  token: string | null,
): Promise<Turn> {
  const port = bot.port;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latenciesMs: number[] = [];
  const started = process.hrtime.bigint();
  let next = 0;
  async function worker() {
    while (next < count) {
      const id = `${tag}-${next++}`;
      const activity = {
        type: 'message',
        id,
        channelId: 'msteams',
        serviceUrl: connector.url,
        timestamp: new Date().toISOString(),
        from: BRAM,
        recipient: BOT,
        conversation: { id: 'a:bench-bram', conversationType: 'personal', tenantId: 'tenant-1' },
        channelData: { tenant: { id: 'tenant-1' } },
        text: 'status',
        locale: 'nl-NL',
      };
      const t0 = process.hrtime.bigint();
      const replied = new Promise<bigint>((resolve, reject) => {
        connector.arrived.set(id, resolve);
        setTimeout(() => reject(new Error(`${tag}: no reply to ${id}`)), 30_000).unref();
      });
      const status = await post(agent, port, JSON.stringify(activity), token);
      if (status !== 200) throw new Error(`${tag}: HTTP ${status}`);
      latenciesMs.push(Number((await replied) - t0) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { seconds, latenciesMs };
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

interface Figures {
  perSecond: number;
  p99Ms: number;
  cpuMsPerActivity: number;
}

export interface TeamsPair {
  load(side: 'koers' | 'bare', tag: string, count: number): Promise<Turn>;
  cpuOf(side: 'koers' | 'bare'): Promise<number>;
  /** Replies the connector has received so far. */
  connectorCalls(): number;
  /** Bytes of each bot's reply content (its card), as last sent. */
  replySizes: { koers: number; bare: number };
  close(): Promise<void>;
}

/**
 * Koers and a bare bot under one configuration (with an app id and tokens, or without): Koers
 * answers one `status` first, and the bare bot is started with a fixed copy of that reply.
 */
export async function startTeamsPair(withAppId: boolean): Promise<TeamsPair> {
  const connector = await startConnector();
  const openidServer = withAppId ? await startOpenIdServer() : null;
  const openid = openidServer
    ? {
        metadataUrl: openidServer.metadataUrl,
        token: openidServer.mint({ aud: APP_ID, serviceurl: connector.url, appid: 'channel-app' }),
      }
    : null;
  const token = openid?.token ?? null;
  const started: Array<{ child: ChildProcess; port: number }> = [];
  const close = async () => {
    for (const s of started) s.child.kill('SIGTERM');
    await openidServer?.close();
    await new Promise<void>((resolve) => connector.server.close(() => resolve()));
  };
  try {
    const koers = await startServer('koers', openid?.metadataUrl ?? null);
    started.push(koers);
    // The first reply to a conversation can carry more (a first-time note): take a later one.
    await load(connector, koers, 'sample', 5, token);
    const reply = contentOf(connector.last ?? {});
    const size = (a: Record<string, unknown> | null) => JSON.stringify(contentOf(a ?? {})).length;
    const replySizes = { koers: size(connector.last), bare: 0 };
    const bare = await startServer('bare', openid?.metadataUrl ?? null, reply);
    started.push(bare);
    const bots = { koers, bare };
    return {
      load: async (side, tag, count) => {
        const turn = await load(
          connector,
          bots[side],
          `${side}-${withAppId ? 'app' : 'loop'}-${tag}`,
          count,
          token,
        );
        replySizes[side] = size(connector.last);
        return turn;
      },
      cpuOf: (side) => cpuOf(bots[side].child),
      connectorCalls: () => connector.calls,
      replySizes,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Both bots under one configuration, taking turns (A/B/A/B), RUNS times; medians. */
async function compare(withAppId: boolean): Promise<{
  koers: Figures;
  bare: Figures;
  ratio: number;
  cardBytes: number;
}> {
  const pair = await startTeamsPair(withAppId);
  try {
    await pair.load('koers', 'warm', 300);
    await pair.load('bare', 'warm', 300);
    const runs: Array<{ koers: Figures; bare: Figures }> = [];
    for (let run = 0; run < RUNS; run++) {
      const total = {
        koers: { seconds: 0, latenciesMs: [] as number[], cpuMs: 0 },
        bare: { seconds: 0, latenciesMs: [] as number[], cpuMs: 0 },
      };
      // The bots take turns in small chunks, so other load on the machine slows both alike.
      for (let done = 0; done < REQUESTS; done += CHUNK) {
        const count = Math.min(CHUNK, REQUESTS - done);
        for (const name of ['koers', 'bare'] as const) {
          const cpu0 = await pair.cpuOf(name);
          const turn = await pair.load(name, `${run}-${done}`, count);
          total[name].cpuMs += (await pair.cpuOf(name)) - cpu0;
          total[name].seconds += turn.seconds;
          total[name].latenciesMs.push(...turn.latenciesMs);
        }
      }
      const figures = (t: typeof total.koers): Figures => ({
        perSecond: REQUESTS / t.seconds,
        p99Ms: p99(t.latenciesMs),
        cpuMsPerActivity: t.cpuMs / REQUESTS,
      });
      runs.push({ koers: figures(total.koers), bare: figures(total.bare) });
    }
    const med = (side: 'koers' | 'bare'): Figures => ({
      perSecond: median(runs.map((r) => r[side].perSecond)),
      p99Ms: median(runs.map((r) => r[side].p99Ms)),
      cpuMsPerActivity: median(runs.map((r) => r[side].cpuMsPerActivity)),
    });
    return {
      koers: med('koers'),
      bare: med('bare'),
      ratio: median(runs.map((r) => r.koers.perSecond / r.bare.perSecond)),
      cardBytes: pair.replySizes.koers,
    };
  } finally {
    await pair.close();
  }
}

const bench: BenchModule = {
  title: 'Teams: message activities, Koers `status` against a bare botbuilder bot sending the same card',
  async run(): Promise<BenchResult[]> {
    const app = await compare(true);
    const demo = await compare(false);
    const note = `${REQUESTS} activities a side per run, ${CONCURRENCY} concurrent, in alternating turns of ${CHUNK}; median of ${RUNS} runs; with an app id, tokens validated`;
    const cpu = (f: { koers: Figures; bare: Figures }) =>
      `CPU per activity ${f.koers.cpuMsPerActivity.toFixed(3)} ms against ${f.bare.cpuMsPerActivity.toFixed(3)} ms`;
    return [
      { name: 'Koers `status` (card reply)', value: app.koers.perSecond, unit: 'activities/s', note },
      {
        name: 'bare botbuilder, fixed card',
        value: app.bare.perSecond,
        unit: 'activities/s',
        note: `same work: one reply carrying a fixed copy of Koers's status card (${app.cardBytes} bytes, no templating), no store; the same app id and tokens`,
      },
      {
        name: 'Koers / bare botbuilder, with tokens',
        value: app.ratio,
        unit: 'ratio',
        target: { kind: 'min', value: 0.85 },
        note: `baseline: the bare botbuilder bot; ${cpu(app)}`,
      },
      {
        name: 'Koers p99 to the connector',
        value: app.koers.p99Ms,
        unit: 'ms',
        target: { kind: 'max', value: 5_000 },
        note: `Teams re-sends after 15,000 ms; bare ${app.bare.p99Ms.toFixed(1)} ms`,
      },
      {
        name: 'Koers / bare botbuilder, without an app id',
        value: demo.ratio,
        unit: 'ratio',
        target: { kind: 'min', value: 0.8 },
        note: `baseline: the same bare bot as the local demo runs (loopback, no tokens): ${Math.round(demo.koers.perSecond)} against ${Math.round(demo.bare.perSecond)} activities/s; ${cpu(demo)}`,
      },
    ];
  },
};

export default bench;
