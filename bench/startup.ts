// Start-up and memory: cold start (process start to /readyz 200) and resident memory
// after start and after a load of signed Slack slash commands, for `koers serve` (the built
// bin/koers.js on SQLite, Slack configured) next to a bare Bolt + botbuilder process. Targets:
// start under 1.5 s, memory under 150 MB after the load. Both processes run with the Node options
// `npm start` and the container use (NODE_OPTIONS=--max-semi-space-size=1).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { strategyWithSlackIds } from '../test/integration/slack/slack-test-app.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { freePort } from '../test/support/playground.js';
import { signSlack } from '../test/support/slack-sender.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';
const LOAD = Number(process.env.KOERS_BENCH_STARTUP_LOAD ?? 2000);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startAndWait(
  command: string[],
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<{ child: ChildProcess; ms: number }> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, command, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.status === 200) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

async function load(port: number, n: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 10 });
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const body = stringify({
        command: '/koers',
        text: 'status',
        user_id: 'U_u-bram',
        team_id: 'T0KOERS',
        channel_id: 'C0GENERAL',
        trigger_id: `t${next}`,
        response_url: 'http://127.0.0.1:9/none',
      });
      const ts = Math.floor(Date.now() / 1000);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/slack/events',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': signSlack(SECRET, ts, body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < n) {
        next++;
        await one();
      }
    }),
  );
  agent.destroy();
}

async function measure(name: string, command: string[], env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const { child, ms } = await startAndWait(command, env, port);
  await new Promise((r) => setTimeout(r, 300));
  const afterStart = rssMb(child.pid ?? 0);
  await load(port, LOAD);
  const afterLoad = rssMb(child.pid ?? 0);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { name, ms, afterStart, afterLoad };
}

const bench: BenchModule = {
  title: 'Start-up and memory: koers serve next to bare Bolt + botbuilder',
  async run(): Promise<BenchResult[]> {
    const fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'koers-bench-startup-'));
    try {
      // Both run as `npm start` and the container run Koers: with a small young generation.
      const env = {
        NODE_OPTIONS: process.env.KOERS_BENCH_NODE_OPTIONS ?? '--max-semi-space-size=1',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
      };
      const bare = await measure('bare', [join(ROOT, 'bench/fixtures/bare-bolt-botbuilder.mjs')], env);
      const koers = await measure('koers', [join(ROOT, 'bin/koers.js'), 'serve'], {
        ...env,
        KOERS_DATABASE_URL: `sqlite:${join(dir, 'koers.db')}`,
        KOERS_STRATEGY: strategyWithSlackIds(dir),
      });
      return [
        {
          name: 'cold start to /readyz (koers)',
          value: koers.ms,
          unit: 'ms',
          target: { kind: 'max', value: 1500 },
          note: `bare Bolt + botbuilder: ${Math.round(bare.ms)} ms (×${(koers.ms / bare.ms).toFixed(2)})`,
        },
        {
          name: 'RSS after start (koers)',
          value: koers.afterStart,
          unit: 'MB',
          note: `bare: ${bare.afterStart.toFixed(0)} MB`,
        },
        {
          name: `RSS after ${LOAD} slash commands (koers)`,
          value: koers.afterLoad,
          unit: 'MB',
          target: { kind: 'max', value: 150 },
          note: `bare: ${bare.afterLoad.toFixed(0)} MB`,
        },
      ];
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
