// Real processes through a digest time (rows J1, J2, C4 of docs/reliability.md): three instances on one
// PostgreSQL database post one digest, counted at a fake Slack Web API; one killed mid-run
// (SIGKILL at `mid_digest`) and the others finish it: still one. On SQLite a second process
// refuses to run the scheduler and takes over only when the first one's lease goes stale.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { freshDatabaseUrl } from '../support/test-stores.js';
import { until, WorkerProcess } from './support/worker-process.js';

const OCCURRENCE = Date.parse('2026-11-30T07:00:00.000Z'); // Monday 08:00 Amsterdam: the example's digest.cron

interface FakeSlack {
  url: string;
  calls: Array<{ kind: string; runKey: string | null; instance: string }>;
  close(): Promise<void>;
}

async function fakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlack['calls'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += String(d);
    });
    req.on('end', () => {
      if (req.url === '/api/chat.postMessage') calls.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ts: '1.1' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('scheduled work across processes', () => {
  let slack: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  let workers: WorkerProcess[] = [];

  const worker = (
    instanceId: string,
    over: {
      faultAt?: string;
      fakeAnchorMs: number;
      realAnchorMs: number;
      runLeaseMs?: number;
      leaseStaleMs?: number;
    },
  ) => {
    const w = new WorkerProcess({
      url: db.url,
      instanceId,
      tickMs: 200,
      runLeaseMs: 2_000,
      slackUrl: slack.url,
      ...over,
    });
    workers.push(w);
    return w;
  };

  /** The scheduler has run on this database for a while: workers that start late still owe the digest. */
  async function seedFirstStart(): Promise<void> {
    const s = await openStore(db.url);
    try {
      await s.db
        .insertInto('job_state')
        .values({
          key: 'scheduler.first_start',
          value: '2026-11-01T00:00:00.000Z',
          updated_at: '2026-11-01T00:00:00.000Z',
        })
        .execute();
      // ... and sent last week's digest.
      await s.db
        .insertInto('digest_runs')
        .values({
          run_key: 'digest:2026-11-23T07:00:00.000Z',
          occurrence_at: '2026-11-23T07:00:00.000Z',
          period_label: '2026-W47',
          period_start: '2026-11-16T07:00:00.000Z',
          period_end: '2026-11-23T07:00:00.000Z',
          trigger: 'schedule',
          status: 'done',
          claimed_by: 'earlier',
          lease_until: '2026-11-23T07:02:00.000Z',
          attempts: 1,
          digest: null,
          chart_png: null,
          created_at: '2026-11-23T07:00:00.000Z',
          updated_at: '2026-11-23T07:00:01.000Z',
          done_at: '2026-11-23T07:00:01.000Z',
        })
        .execute();
    } finally {
      await s.close();
    }
  }

  async function runs() {
    const s = await openStore(db.url);
    try {
      const digest = await s.db
        .selectFrom('digest_runs')
        .select(['run_key', 'status', 'claimed_by', 'attempts'])
        .where('run_key', '!=', 'digest:2026-11-23T07:00:00.000Z')
        .execute();
      const outbox = await s.db
        .selectFrom('outbox')
        .select(['dedupe_key', 'status'])
        .where('kind', '=', 'digest')
        .execute();
      return { digest, outbox };
    } finally {
      await s.close();
    }
  }

  /** The digest run is done and every digest post is marked sent: nothing of it is left to do. */
  async function settled(): Promise<boolean> {
    const { digest, outbox } = await runs();
    return (
      digest.length > 0 &&
      digest.every((d) => d.status === 'done') &&
      outbox.length > 0 &&
      outbox.every((o) => o.status === 'sent')
    );
  }

  beforeEach(async () => {
    slack = await fakeSlack();
    workers = [];
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await slack.close();
    await db?.drop();
  });

  it('three instances on one PostgreSQL database post one digest', async () => {
    db = await freshDatabaseUrl('postgres');
    await seedFirstStart();
    const anchor = { realAnchorMs: Date.now(), fakeAnchorMs: OCCURRENCE - 8_000 };
    const three = ['a', 'b', 'c'].map((id) => worker(id, anchor));
    await Promise.all(three.map((w) => w.waitFor('scheduler running')));
    await until(async () => slack.calls.length > 0, 30_000, 'a digest post at the fake Slack');
    // The marks: the run is done (no instance claims it again) and its one post is sent.
    await until(settled, 30_000, 'the run done and its post marked sent');
    expect(slack.calls.filter((c) => c.kind === 'digest')).toEqual([
      expect.objectContaining({ kind: 'digest', runKey: 'digest:2026-11-30T07:00:00.000Z' }),
    ]);
    const { digest, outbox } = await runs();
    expect(digest).toEqual([
      expect.objectContaining({ run_key: 'digest:2026-11-30T07:00:00.000Z', status: 'done', attempts: 1 }),
    ]);
    expect(outbox).toEqual([
      { dedupe_key: 'digest:2026-11-30T07:00:00.000Z:channel-allianceTeam:slack', status: 'sent' },
    ]);
    expect(three.filter((w) => w.has('digest run claimed'))).toHaveLength(1);
  }, 90_000);

  it('one killed mid-run: another finishes the run (its holder is gone), and still one post', async () => {
    db = await freshDatabaseUrl('postgres');
    await seedFirstStart();
    const anchor = { realAnchorMs: Date.now(), fakeAnchorMs: OCCURRENCE - 3_000 };
    const victim = worker('victim', { ...anchor, faultAt: 'mid_digest' });
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(victim.has('fault point reached: killing myself')).toBe(true);
    expect((await runs()).digest).toEqual([
      expect.objectContaining({ status: 'claimed', claimed_by: 'victim' }),
    ]);
    expect(slack.calls).toEqual([]);

    const heirs = ['b', 'c'].map((id) => worker(id, anchor));
    await until(async () => slack.calls.length > 0, 30_000, 'the finished digest at the fake Slack');
    await until(settled, 30_000, 'the run done and its post marked sent');
    expect(slack.calls.filter((c) => c.kind === 'digest')).toHaveLength(1);
    const { digest, outbox } = await runs();
    expect(digest).toEqual([expect.objectContaining({ status: 'done', attempts: 2 })]);
    expect(outbox).toHaveLength(1);
    expect(heirs.filter((w) => w.has('took over a digest run whose holder stopped'))).toHaveLength(1);
  }, 90_000);

  it('SQLite: a second process refuses the scheduler, then takes it over when the first is killed', async () => {
    db = await freshDatabaseUrl('sqlite');
    const anchor = { realAnchorMs: Date.now(), fakeAnchorMs: Date.parse('2026-11-25T10:00:00.000Z') };
    const first = worker('first', anchor);
    await first.waitFor('scheduler running');
    const second = worker('second', anchor);
    await second.waitFor('scheduler standing by');
    expect(second.lines.find((l) => l.level === 50)).toMatchObject({
      msg: 'another Koers process runs the scheduler on this SQLite database; this one will not run it (SQLite mode is single-instance: use PostgreSQL to run several)',
      holder: 'first',
    });
    // Five more ticks of the second, standing by each time: the first keeps its lease.
    await until(
      async () => second.lines.filter((l) => l.msg === 'scheduler tick: standing by').length >= 5,
      10_000,
      'five standby ticks of the second',
    );
    expect(second.has('took over the scheduler lease of a process that stopped')).toBe(false);
    first.child.kill('SIGKILL');
    await first.exited;
    await second.waitFor('took over the scheduler lease of a process that stopped', 10_000);
  }, 60_000);

  it('SQLite: after a kill -9 a restarted process runs the scheduler at once; a second live one is still refused', async () => {
    db = await freshDatabaseUrl('sqlite');
    // A heartbeat goes stale only after a minute here: a takeover before that is the lock's doing.
    const anchor = {
      realAnchorMs: Date.now(),
      fakeAnchorMs: Date.parse('2026-11-25T10:00:00.000Z'),
      leaseStaleMs: 60_000,
    };
    const first = worker('first', anchor);
    await first.waitFor('scheduler running');
    first.child.kill('SIGKILL');
    await first.exited;
    const restarted = worker('restarted', anchor);
    await restarted.waitFor(/^scheduler (running|standing by)$/);
    expect(restarted.has('scheduler running')).toBe(true);
    expect(
      restarted.lines.find((l) => l.msg === 'took over the scheduler lease of a process that stopped'),
    ).toMatchObject({
      from: 'first',
    });
    const second = worker('second', anchor);
    await second.waitFor(/^scheduler (running|standing by)$/);
    expect(second.has('scheduler standing by')).toBe(true);
  }, 60_000);
});
