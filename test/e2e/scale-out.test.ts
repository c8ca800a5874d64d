// The scale-out path with real processes: two `koers serve` on one PostgreSQL database behind no
// affinity at all. A person's dialog alternates between them, a case opened on one is decided on
// the other, and the weekly digest (here every 15 s) is posted once per period, not once per
// instance.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  decisionButton,
  outboxPosts,
  posts,
  textOf,
  waitForPosts,
} from '../integration/slack/slack-helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, strategyWithSlackIds } from '../integration/slack/slack-test-app.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { blockActions, dmMessage, type SlackSender, slackSender } from '../support/slack-sender.js';
import { freshDatabaseUrl } from '../support/test-stores.js';

const BIN = new URL('../../bin/koers.js', import.meta.url).pathname;

interface Instance {
  child: ChildProcess;
  url: string;
  slack: SlackSender;
  output: string[];
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error(`koers serve exited: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, slack: slackSender({ baseUrl: url, secret: SIGNING_SECRET }), output };
}

async function stopInstance(i: Instance): Promise<number | null> {
  if (i.child.exitCode !== null) return i.child.exitCode;
  const exited = new Promise<number | null>((r) => i.child.once('exit', (code) => r(code)));
  i.child.kill('SIGTERM');
  const timer = setTimeout(() => i.child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

describe('two koers serve processes on one PostgreSQL database', () => {
  let fake: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    fake = await startFakeSlack();
    db = await freshDatabaseUrl('postgres');
    dir = mkdtempSync(join(tmpdir(), 'koers-scale-'));
    const path = strategyWithSlackIds(dir);
    const doc = parse(readFileSync(path, 'utf8')) as { digest: { cron: string } };
    doc.digest.cron = '*/15 * * * * *';
    writeFileSync(path, stringify(doc));
    const env = {
      KOERS_DATABASE_URL: db.url,
      KOERS_STRATEGY: path,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
      KOERS_SCHEDULER_TICK_MS: '500',
    };
    a = await startInstance(env);
    b = await startInstance(env);
  }, 120_000);

  afterAll(async () => {
    const codes = await Promise.all([a, b].filter(Boolean).map(stopInstance));
    expect(codes).toEqual([0, 0]);
    await fake?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('continues a dialog across instances and decides on one a case opened on the other', async () => {
    const anna = 'U_u-anna';
    const bram = 'U_u-bram';
    const say = async (text: string, via: Instance) => {
      const before = posts(fake, dmOf(anna)).length;
      expect((await via.slack.event(dmMessage(anna, text))).status).toBe(200);
      return (await waitForPosts(fake, dmOf(anna), before + 1)).slice(before).map(textOf).join('\n');
    };
    const steps = [
      'mag ik met Deltares een project over water starten?',
      '1',
      '20000',
      '6',
      '1',
      'nee',
      'ja',
    ];
    let last = '';
    for (const [i, text] of steps.entries()) last = await say(text, i % 2 === 0 ? a : b);
    expect(last).toMatch(/Ilse Mulder|Bram Bakker/);

    const client = new pg.Client({ connectionString: db.url.replace(/\?schema=(\w+)/, '') });
    await client.connect();
    const schema = /schema=(\w+)/.exec(db.url)?.[1];
    await client.query(`set search_path to ${schema}`);
    try {
      const { rows } = await client.query("select id, assignee_id from cases where requester_id = 'u-anna'");
      expect(rows).toHaveLength(1);
      const assignee = rows[0].assignee_id as string;
      const approverSlack = `U_${assignee}`;
      const [request] = await waitForPosts(fake, dmOf(approverSlack), 1);
      const ts = fake.messages(dmOf(approverSlack))[0]?.ts ?? '';
      const approve = decisionButton(request, 'approve');
      const r = await b.slack.interaction(
        blockActions(approverSlack, approve, { channel: dmOf(approverSlack), messageTs: ts }),
      );
      expect(r.status).toBe(200);
      await fake.waitFor(() => outboxPosts(fake, 'C0STRATEGY', 'strategy_summary').length >= 1, 15_000);
      const decided = await client.query('select state from cases where id = $1', [rows[0].id]);
      expect(decided.rows[0].state).toBe('approved');
      const decisions = await client.query('select count(*)::int as n from decisions where case_id = $1', [
        rows[0].id,
      ]);
      expect(decisions.rows[0].n).toBe(1);
      void bram;
    } finally {
      await client.end();
    }
  }, 120_000);

  it('posts each digest period once, whichever instance claims it', async () => {
    await fake.waitFor(() => outboxPosts(fake, 'C0ALLIANCE', 'digest').length >= 2, 60_000);
    // The marks: a moment when no digest run is claimed and every digest post is marked sent;
    // then no post of those periods is still on its way, and each must be there once.
    const client = new pg.Client({ connectionString: db.url.replace(/[?&]schema=[^&]*/, '') });
    const schema = new URL(db.url).searchParams.get('schema');
    await client.connect();
    try {
      await expect
        .poll(
          async () => {
            const r = await client.query(
              `select (select count(*) from ${schema}.digest_runs where status = 'claimed')::int
                    + (select count(*) from ${schema}.outbox where kind = 'digest' and status <> 'sent')::int as busy`,
            );
            return (r.rows[0] as { busy: number }).busy;
          },
          { timeout: 30_000, interval: 100 },
        )
        .toBe(0);
    } finally {
      await client.end();
    }
    const keys = outboxPosts(fake, 'C0ALLIANCE', 'digest').map(
      (c) => (c.args.metadata as { event_payload: { dedupe_key: string } }).event_payload.dedupe_key,
    );
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(keys.length);
    for (const i of [a, b]) expect(i.output.join('')).not.toMatch(/"level":"(error|fatal)"/);
  }, 120_000);
});
