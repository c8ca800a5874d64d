// A6, J1–J4, C4 and the digest crash point: scheduled work across real processes.
// J1–J3 run the scheduler worker (test/jobs/scheduler-worker.ts) on a shared clock set just
// before a Monday digest: 2–5 replicas on one PostgreSQL database post it once (J1); one killed
// mid-run (FAULT_AT=mid_digest) and the others finish it (J2); all down at its time and started
// two hours later: one catch-up digest, logged (J3). J4 and A6 run on real time (replicas in
// workers/replica.ts follow the database's clock): a digest every 20 s, reminders after 20 s
// and a pass-up after 40 s of silence (10 s and 20 s in --short), with one replica's clock 240 s ahead; each must happen
// once, and not before it is due. On SQLite a second process is refused the scheduler (C4).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { BUNDLED_STRATEGY } from '../src/config.js';
import type { Backend } from '../src/store/backend.js';
import { openStore } from '../src/store/open-store.js';
import { upsertPeople } from '../src/store/people-repo.js';
import { loadStrategyFile } from '../src/strategy-file/load-strategy-file.js';
import { createWorkflow } from '../src/workflow/workflow.js';
import { WorkerProcess } from '../test/jobs/support/worker-process.js';
import { ANNA, proposal } from '../test/support/proposals.js';
import { freshDatabaseUrl } from '../test/support/test-stores.js';
import { peopleWithSlack } from '../test/support/workflow-fixture.js';
import { type Campaign, pool, type RowGroup, type RowResult, row, sleep, until } from './campaign.js';
import type { ReplicaOptions } from './workers/replica.js';

const REPLICA = fileURLToPath(new URL('./workers/replica.ts', import.meta.url));
const OCCURRENCE = Date.parse('2026-11-30T07:00:00.000Z'); // Monday 08:00 Amsterdam: the example's digest
const LAST_WEEK = 'digest:2026-11-23T07:00:00.000Z';

interface Recorded {
  kind: string;
  runKey: string | null;
  dedupeKey?: string;
  caseId?: number | null;
  instance: string;
  at: number;
}

async function recorder(): Promise<{ url: string; calls: Recorded[]; close(): Promise<void> }> {
  const calls: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += String(d);
    });
    req.on('end', () => {
      try {
        calls.push({ ...(JSON.parse(body) as Recorded), at: Date.now() });
      } catch {
        // not a post
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"ts":"1.1"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, calls, close: () => new Promise((r) => server.close(() => r())) };
}

/** The scheduler has run on this database since November and sent last week's digest. */
async function seedFirstStart(url: string): Promise<void> {
  const s = await openStore(url);
  try {
    await s.db
      .insertInto('job_state')
      .values({
        key: 'scheduler.first_start',
        value: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    await s.db
      .insertInto('digest_runs')
      .values({
        run_key: LAST_WEEK,
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

async function digestState(url: string) {
  const s = await openStore(url);
  try {
    const runs = await s.db
      .selectFrom('digest_runs')
      .select(['run_key', 'status'])
      .where('run_key', '!=', LAST_WEEK)
      .execute();
    const outbox = await s.db.selectFrom('outbox').select(['status']).where('kind', '=', 'digest').execute();
    return {
      runs,
      settled:
        runs.length > 0 &&
        runs.every((r) => r.status === 'done') &&
        outbox.length > 0 &&
        outbox.every((o) => o.status === 'sent'),
    };
  } finally {
    await s.close();
  }
}

interface DigestTrial {
  posts: number;
  killed: boolean;
  settled: boolean;
  catchUpLogged: boolean;
  /** Error lines and stderr of the trial's workers, for a trial that went wrong. */
  errors: string[];
}

/** One digest time with `replicas` scheduler workers; optionally one killed mid-run first, or all started late. */
async function digestTrial(
  c: Campaign,
  backend: Backend,
  o: { replicas: number; killFirst?: boolean; lateMs?: number },
): Promise<DigestTrial> {
  const rec = await recorder();
  const db = await freshDatabaseUrl(backend);
  const workers: WorkerProcess[] = [];
  const ids: string[] = [];
  try {
    await seedFirstStart(db.url);
    const anchor = { realAnchorMs: Date.now(), fakeAnchorMs: OCCURRENCE - 3_000 + (o.lateMs ?? 0) };
    const start = (id: string, faultAt?: string) => {
      const w = new WorkerProcess({
        url: db.url,
        instanceId: id,
        tickMs: 200,
        runLeaseMs: 2_000,
        slackUrl: rec.url,
        ...anchor,
        ...(faultAt ? { faultAt } : {}),
      });
      workers.push(w);
      ids.push(id);
      c.captured.logs.push(w.lines as unknown as string[]);
      return w;
    };
    let killed = false;
    if (o.killFirst) {
      const victim = start('victim', 'mid_digest');
      const exit = await Promise.race([victim.exited, sleep(30_000).then(() => null)]);
      killed = exit?.signal === 'SIGKILL';
    }
    const replicas = Array.from({ length: o.replicas }, (_, i) => start(`r${i}`));
    const settled = await until(async () => (await digestState(db.url)).settled, 45_000);
    // A little longer: a second post would come now if it came at all.
    await sleep(1_000);
    return {
      posts: rec.calls.filter((x) => x.kind === 'digest').length,
      killed,
      settled,
      catchUpLogged: replicas.some((w) => w.has(/catching up a missed digest/)),
      errors: workers.flatMap((w, i) => [
        ...w.lines
          .filter((l) => typeof l.level === 'number' && l.level >= 50)
          .map((l) => `${ids[i]}: ${String(l.msg)} ${JSON.stringify(l.err ?? '').slice(0, 300)}`),
        ...(w.stderr.trim() ? [`${ids[i]} stderr: ${w.stderr.trim().slice(0, 300)}`] : []),
      ]),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await rec.close();
    await db.drop();
  }
}

/** C1's digest crash point: on PostgreSQL other replicas finish the run; on SQLite the restart does. */
export async function digestKilledMidRun(
  c: Campaign,
  backend: Backend,
  trials: number,
): Promise<{ runs: number; killed: number; missing: number; duplicates: number; problems: string[] }> {
  const out = { runs: 0, killed: 0, missing: 0, duplicates: 0, problems: [] as string[] };
  for (let i = 0; i < trials; i++) {
    const t = await digestTrial(c, backend, { replicas: backend === 'postgres' ? 2 : 1, killFirst: true });
    out.runs++;
    if (t.killed) out.killed++;
    if (t.posts === 0 || !t.settled) out.missing++;
    if (t.posts > 1) out.duplicates += t.posts - 1;
  }
  return out;
}

/** C4: a second process on one SQLite file, beside a running one, is refused the scheduler. */
export async function secondSchedulerRefused(
  c: Campaign,
  runs: number,
): Promise<{ runs: number; refused: number }> {
  let refused = 0;
  for (let i = 0; i < runs; i++) {
    const db = await freshDatabaseUrl('sqlite');
    const anchor = { realAnchorMs: Date.now(), fakeAnchorMs: Date.parse('2026-11-25T10:00:00.000Z') };
    const workers: WorkerProcess[] = [];
    const start = (id: string) => {
      const w = new WorkerProcess({
        url: db.url,
        instanceId: id,
        tickMs: 200,
        runLeaseMs: 2_000,
        slackUrl: 'http://127.0.0.1:9/',
        ...anchor,
      });
      workers.push(w);
      c.captured.logs.push(w.lines as unknown as string[]);
      return w;
    };
    try {
      const first = start('first');
      await first.waitFor('scheduler running');
      const second = start('second');
      await second.waitFor(/^scheduler (running|standing by)$/);
      const said = second.lines.find(
        (l) => l.level === 50 && /SQLite mode is single-instance/.test(String(l.msg)),
      );
      if (second.has('scheduler standing by') && said) refused++;
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await db.drop();
    }
  }
  return { runs, refused };
}

/** A strategy on a short clock: a digest every `unitS` seconds, a reminder after one unit and a pass-up after two of silence. */
function fastStrategy(dir: string, unitS: number): string {
  const doc = parse(readFileSync(BUNDLED_STRATEGY, 'utf8')) as Record<string, unknown>;
  doc.digest = { ...(doc.digest as object), cron: `*/${unitS} * * * * *` };
  doc.escalation = { remindAfterHours: unitS / 3600, passUpAfterHours: (2 * unitS) / 3600 };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'strategy.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

interface TimerFigures {
  replicas: number;
  periods: number;
  doubleDigests: number;
  earlyDigests: number;
  cases: number;
  reminders: number;
  doubleReminders: number;
  passUps: number;
  doublePassUps: number;
  outsideWindow: number;
  missing: number;
}

/** Real-time replicas on one PostgreSQL database, one of them 240 s ahead. */
async function replicasOnRealTime(
  c: Campaign,
  replicas: number,
  seconds: number,
  cases: number,
  unitS: number,
): Promise<TimerFigures> {
  const rec = await recorder();
  const db = await freshDatabaseUrl('postgres');
  const dir = mkdtempSync(join(tmpdir(), 'koers-replicas-'));
  const workers: WorkerProcess[] = [];
  const store = await openStore(db.url);
  try {
    const strategyPath = fastStrategy(dir, unitS);
    const strategy = loadStrategyFile(strategyPath);
    await upsertPeople(store.handle, peopleWithSlack(strategy), new Date().toISOString());
    const started = Date.now();
    for (let i = 0; i < replicas; i++) {
      const o: ReplicaOptions = {
        url: db.url,
        instanceId: `replica-${i}${i === 0 ? '-ahead' : ''}`,
        strategyPath,
        skewMs: i === 0 ? 240_000 : 0,
        tickMs: 1_000,
        runLeaseMs: 8_000,
        recorderUrl: rec.url,
      };
      const w = new WorkerProcess(o as never, REPLICA);
      workers.push(w);
      c.captured.logs.push(w.lines as unknown as string[]);
    }
    await Promise.all(workers.map((w) => w.waitFor('replica running', 60_000)));
    const wf = createWorkflow({
      db: store.handle,
      backend: store.backend,
      strategy: () => strategy,
      clock: () => new Date(),
      platforms: () => ['slack'],
    });
    const assigned = new Map<number, number>();
    for (let i = 0; i < cases; i++) {
      const out = await wf.submit(
        { personId: 'u-anna', platform: 'slack' },
        proposal({
          requester: ANNA,
          budget: 20_000,
          partner: { name: `Timer Partner ${i}`, type: 'knowledge-institution' },
        }),
      );
      if (out.ok) assigned.set(out.case.id, Date.parse(out.case.assignedAt ?? new Date().toISOString()));
    }
    await sleep(seconds * 1000);
    const ended = Date.now();
    // Digests: one post per occurrence, none before its time.
    const digests = rec.calls.filter((x) => x.kind === 'digest');
    const byRun = new Map<string, Recorded[]>();
    for (const d of digests) byRun.set(String(d.runKey), [...(byRun.get(String(d.runKey)) ?? []), d]);
    let early = 0;
    for (const [key, posts] of byRun) {
      const occurrence = Date.parse(key.replace(/^digest:/, ''));
      for (const p of posts) if (p.at < occurrence - 500) early++;
    }
    const expectedPeriods = Math.floor((ended - started) / (unitS * 1000)) - 2;
    // Reminders and pass-ups per case and step, from the audit log and the recorder.
    const reminders = rec.calls.filter((x) => x.kind === 'reminder');
    const perReminder = new Map<string, number>();
    for (const r of reminders)
      perReminder.set(String(r.dedupeKey), (perReminder.get(String(r.dedupeKey)) ?? 0) + 1);
    const passUps = await store.db
      .selectFrom('decisions')
      .select(['case_id', 'step', 'at'])
      .where('action', '=', 'pass_up_on_silence')
      .execute();
    const perPassUp = new Map<string, number>();
    let outside = 0;
    for (const p of passUps) {
      const key = `${p.case_id}:${p.step}`;
      perPassUp.set(key, (perPassUp.get(key) ?? 0) + 1);
      if (p.step === 0) {
        const due = (assigned.get(Number(p.case_id)) ?? 0) + 2 * unitS * 1000;
        const at = Date.parse(p.at);
        if (at < due - 500 || at > due + 60_000) outside++;
      }
    }
    const firstReminders = reminders.filter((r) => /step-0|:0(?::|$)/.test(String(r.dedupeKey)));
    for (const r of firstReminders) {
      const due = (assigned.get(Number(r.caseId)) ?? 0) + unitS * 1000;
      if (r.at < due - 500 || r.at > due + 60_000) outside++;
    }
    const passedUpFirst = new Set(passUps.filter((p) => p.step === 0).map((p) => Number(p.case_id)));
    const remindedFirst = new Set(firstReminders.map((r) => Number(r.caseId)));
    const missing = [...assigned.keys()].filter(
      (id) => !passedUpFirst.has(id) || !remindedFirst.has(id),
    ).length;
    return {
      replicas,
      periods: byRun.size,
      doubleDigests:
        [...byRun.values()].filter((p) => p.length > 1).length + Math.max(0, expectedPeriods - byRun.size),
      earlyDigests: early,
      cases,
      reminders: reminders.length,
      doubleReminders: [...perReminder.values()].filter((v) => v > 1).length,
      passUps: passUps.length,
      doublePassUps: [...perPassUp.values()].filter((v) => v > 1).length,
      outsideWindow: outside,
      missing,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await store.close();
    await rec.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const group: RowGroup = {
  rows: ['A6', 'J1', 'J2', 'J3', 'J4'],
  async run(c) {
    const out: RowResult[] = [];
    // J3's trial runs beside J1's in --short (each on its own database: they share no state).
    const runLate = async () => {
      const out: DigestTrial[] = [];
      for (let i = 0; i < c.n(1, 5); i++)
        out.push(await digestTrial(c, 'postgres', { replicas: 2, lateMs: 2 * 3_600_000 }));
      return out;
    };
    const lateBeside = c.wants('J3') && c.mode === 'short' ? runLate() : null;
    if (c.wants('J1')) {
      const trials = c.n(1, 100);
      let exactlyOne = 0;
      const sizes = Array.from({ length: trials }, (_, i) => (c.mode === 'short' ? 3 : 2 + (i % 4)));
      // Four digest times at once, each on its own database with its own replicas.
      await pool(sizes, 4, async (replicas) => {
        const t = await digestTrial(c, 'postgres', { replicas });
        if (t.posts === 1 && t.settled) exactlyOne++;
        else
          c.note(
            `J1: ${replicas} replicas, ${t.posts} posts, ${t.settled ? 'settled' : 'not settled in 45 s'}; ${t.errors.slice(0, 3).join(' | ')}`,
          );
      });
      const bySize = [2, 3, 4, 5]
        .map((k) => [k, sizes.filter((x) => x === k).length] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} with ${k}`)
        .join(', ');
      out.push(
        row(
          'J1',
          `${trials} digest times (${bySize} replicas) on one PostgreSQL database each (on SQLite a second replica is refused: C4)`,
          `exactly one digest post in ${exactlyOne}/${trials}`,
          'exactly 1 in 100 %',
          exactlyOne === trials,
        ),
      );
    }
    if (c.wants('J2')) {
      const r = await digestKilledMidRun(c, 'postgres', c.n(1, 5));
      out.push(
        row(
          'J2',
          `${r.runs} replicas killed mid-digest (FAULT_AT=mid_digest), two others running on`,
          `${r.killed}/${r.runs} killed; ${r.missing} digests missing, ${r.duplicates} duplicate posts`,
          '0 missing; 0 duplicates (the run is finished by another replica, its post made once)',
          r.killed === r.runs && r.missing === 0 && r.duplicates === 0,
        ),
      );
    }
    const late = c.wants('J3') ? await (lateBeside ?? runLate()) : [];
    if (c.wants('J3')) {
      const trials = late.length;
      let one = 0;
      let logged = 0;
      for (const t of late) {
        if (t.posts === 1 && t.settled) one++;
        if (t.catchUpLogged) logged++;
      }
      out.push(
        row(
          'J3',
          `${trials} restarts of 2 replicas 2 h after a digest time nobody was up for`,
          `exactly one catch-up digest in ${one}/${trials}, logged as a catch-up in ${logged}/${trials}`,
          'exactly 1 catch-up, logged',
          one === trials && logged === trials,
        ),
      );
    }
    if (c.wants('J4') || c.wants('A6')) {
      const replicas = c.n(3, 5);
      const unitS = c.n(10, 20);
      const f = await replicasOnRealTime(c, replicas, c.n(34, 180), c.n(4, 20), unitS);
      if (c.wants('A6'))
        out.push(
          row(
            'A6',
            `${f.cases} silent cases, reminder after ${unitS} s and pass-up after ${2 * unitS} s, ${f.replicas} replicas (one 240 s ahead) on PostgreSQL; automatic denial: n/a (nothing is ever decided by silence)`,
            `${f.reminders} reminders (${f.doubleReminders} twice), ${f.passUps} pass-ups (${f.doublePassUps} twice), ${f.outsideWindow} outside [due, due + 60 s], ${f.missing} cases without their first reminder and pass-up`,
            'each once, within [due, due + 60 s]',
            f.doubleReminders === 0 && f.doublePassUps === 0 && f.outsideWindow === 0 && f.missing === 0,
          ),
        );
      if (c.wants('J4'))
        out.push(
          row(
            'J4',
            `${f.replicas} replicas on real time, one with its clock 240 s ahead (a test clock offset), a digest every ${unitS} s`,
            `${f.periods} periods: ${f.doubleDigests} doubled or missed, ${f.earlyDigests} posted before their time`,
            'exactly 1 per period; none early',
            f.doubleDigests === 0 && f.earlyDigests === 0 && f.periods > 0,
          ),
        );
    }
    return out;
  },
};
export default group;
