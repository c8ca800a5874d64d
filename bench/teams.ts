// Teams (issue 5): message activities per second and the p99 until the bot's reply reaches the
// Bot Connector, for Koers answering `status` (a card) and for a bare botbuilder echo bot
// (CloudAdapter + ActivityHandler on node:http, one text reply), in one run, at 10 concurrent
// activities against the same fake connector, and the ratio. Each bot runs in its own process
// (this file, started again with KOERS_BENCH_TEAMS_SERVER=koers|bare); the load and the fake
// connector run here. An activity counts as done when its reply arrived at the connector. The
// bots take turns in small chunks, so a busy machine slows both alike; each bot's own CPU time
// per activity is reported too (the figure least moved by other load).
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

const REQUESTS = Number(process.env.KOERS_BENCH_TEAMS_REQUESTS ?? 3000);
const CONCURRENCY = 10;
/** Activities per turn; the bots alternate until each had REQUESTS. */
const CHUNK = Number(process.env.KOERS_BENCH_TEAMS_CHUNK ?? 250);
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
  const { createTeamsChannel, teamsChannelWith } = await import('../src/channels/teams/teams-channel.js');
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
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => {
    await ctx.sendActivity(`echo: ${ctx.activity.text}`);
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

/** Answers `{ id }` and tells the load when the reply to an activity arrived (by replyToId). */
function startConnector(): Promise<{
  url: string;
  arrived: Map<string, (at: bigint) => void>;
  server: Server;
}> {
  const arrived = new Map<string, (at: bigint) => void>();
  let next = 1;
  const server = createServer((req, res) => {
    const at = process.hrtime.bigint();
    req.resume();
    req.on('end', () => {
      const m = /\/activities\/([^/?]+)$/.exec(req.url ?? '');
      const replyTo = m?.[1] ? decodeURIComponent(m[1]) : null;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `r-${next++}` }));
      if (replyTo) {
        arrived.get(replyTo)?.(at);
        arrived.delete(replyTo);
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, arrived, server }),
    ),
  );
}

function startServer(
  kind: 'koers' | 'bare',
  openid: string | null,
): Promise<{ child: ChildProcess; port: number }> {
  // KOERS_BENCH_PROFILE_DIR=dir writes a CPU profile of each bot there.
  const profile = process.env.KOERS_BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KOERS_BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, KOERS_BENCH_TEAMS_SERVER: kind, KOERS_BENCH_TEAMS_OPENID: openid ?? '' },
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

interface Turn {
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
  connector: Awaited<ReturnType<typeof startConnector>>,
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

/** Both bots under one configuration, taking turns; `token` is what each activity carries. */
async function compare(
  connector: Awaited<ReturnType<typeof startConnector>>,
  openid: { metadataUrl: string; token: string } | null,
): Promise<{ koers: Figures; bare: Figures }> {
  const servers = await Promise.all([
    startServer('koers', openid?.metadataUrl ?? null),
    startServer('bare', openid?.metadataUrl ?? null),
  ]);
  const [koers, bare] = servers;
  const token = openid?.token ?? null;
  try {
    if (!koers || !bare) throw new Error('bots did not start');
    await load(connector, koers, 'warm-koers', 300, token);
    await load(connector, bare, 'warm-bare', 300, token);
    const total = {
      koers: { seconds: 0, latenciesMs: [] as number[], cpuMs: 0 },
      bare: { seconds: 0, latenciesMs: [] as number[], cpuMs: 0 },
    };
    // The bots take turns in small chunks, so other load on the machine slows both alike.
    for (let done = 0; done < REQUESTS; done += CHUNK) {
      const count = Math.min(CHUNK, REQUESTS - done);
      for (const [name, bot] of [
        ['koers', koers],
        ['bare', bare],
      ] as const) {
        const cpu0 = await cpuOf(bot.child);
        const turn = await load(connector, bot, `${name}-${openid ? 'app' : 'loop'}-${done}`, count, token);
        total[name].cpuMs += (await cpuOf(bot.child)) - cpu0;
        total[name].seconds += turn.seconds;
        total[name].latenciesMs.push(...turn.latenciesMs);
      }
    }
    const figures = (t: typeof total.koers): Figures => ({
      perSecond: REQUESTS / t.seconds,
      p99Ms: p99(t.latenciesMs),
      cpuMsPerActivity: t.cpuMs / REQUESTS,
    });
    return { koers: figures(total.koers), bare: figures(total.bare) };
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
}

const bench: BenchModule = {
  title: 'Teams: message activities, Koers `status` against a bare botbuilder echo bot',
  async run(): Promise<BenchResult[]> {
    const connector = await startConnector();
    const openid = await startOpenIdServer();
    try {
      const token = openid.mint({ aud: APP_ID, serviceurl: connector.url, appid: 'channel-app' });
      const app = await compare(connector, { metadataUrl: openid.metadataUrl, token });
      const demo = await compare(connector, null);
      const note = `${REQUESTS} activities each, ${CONCURRENCY} concurrent, in turns of ${CHUNK}; with an app id, tokens validated`;
      return [
        { name: 'Koers `status` (card reply)', value: app.koers.perSecond, unit: 'activities/s', note },
        {
          name: 'bare botbuilder echo',
          value: app.bare.perSecond,
          unit: 'activities/s',
          note: 'one text reply, no store; the same app id and tokens',
        },
        {
          name: 'Koers / bare botbuilder',
          value: app.koers.perSecond / app.bare.perSecond,
          unit: 'ratio',
          target: { kind: 'min', value: 0.7 },
        },
        {
          name: 'Koers p99 to the connector',
          value: app.koers.p99Ms,
          unit: 'ms',
          target: { kind: 'max', value: 5_000 },
          note: 'Teams re-sends after 15,000 ms',
        },
        { name: 'bare botbuilder p99 to the connector', value: app.bare.p99Ms, unit: 'ms' },
        {
          name: 'Koers CPU per activity',
          value: app.koers.cpuMsPerActivity,
          unit: 'ms',
          note: 'the bot process',
        },
        { name: 'bare botbuilder CPU per activity', value: app.bare.cpuMsPerActivity, unit: 'ms' },
        {
          name: 'without an app id: Koers / bare',
          value: demo.koers.perSecond / demo.bare.perSecond,
          unit: 'ratio',
          note: `the local demo (loopback, no tokens): ${Math.round(demo.koers.perSecond)} against ${Math.round(demo.bare.perSecond)} activities/s`,
        },
      ];
    } finally {
      await openid.close();
      await new Promise<void>((resolve) => connector.server.close(() => resolve()));
    }
  },
};

export default bench;
