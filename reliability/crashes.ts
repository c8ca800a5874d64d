// C1, C2, C4: kill -9 at every named crash point, then a restart. A Koers process (the real
// workflow, outbox and Slack sender, see workers/crash-worker.ts) kills itself at FAULT_AT, a
// second one takes over, and the checker compares the outbox with what reached the fake Slack:
// no notification lost, and a second post only where Slack was never asked (none: the sender
// looks a row claimed before up by its message metadata). A crash inside the decision's
// transaction leaves nothing of it (C2). A second process on one SQLite file is refused the
// scheduler (C4).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncPeopleFromStrategy } from '../src/directory/sync-strategy-people.js';
import type { Backend } from '../src/store/backend.js';
import { openStore } from '../src/store/open-store.js';
import { loadStrategyFile } from '../src/strategy-file/load-strategy-file.js';
import { createWorkflow } from '../src/workflow/workflow.js';
import { strategyWithSlackIds } from '../test/integration/slack/slack-test-app.js';
import { WorkerProcess } from '../test/jobs/support/worker-process.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { startFakeConnector } from '../test/support/fake-connector.js';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { escalatedCase } from '../test/support/proposals.js';
import { freshDatabaseUrl } from '../test/support/test-stores.js';
import { type Campaign, fmt, pool, type RowGroup, type RowResult, row, sleep, until } from './campaign.js';
import { digestKilledMidRun, secondSchedulerRefused } from './scheduled-replicas.js';
import type { CrashWorkerOptions } from './workers/crash-worker.js';
import type { TeamsCrashWorkerOptions } from './workers/teams-crash-worker.js';

const WORKER = fileURLToPath(new URL('./workers/crash-worker.ts', import.meta.url));
const TEAMS_WORKER = fileURLToPath(new URL('./workers/teams-crash-worker.ts', import.meta.url));

export const CRASH_POINTS = [
  'after_decision_commit',
  'after_outbox_insert',
  'after_lock_before_send',
  'after_platform_send_before_mark',
  'mid_import',
] as const;
type Point = (typeof CRASH_POINTS)[number];

export interface CrashOutcome {
  killed: boolean;
  lost: number;
  duplicates: number;
  /** Rows of a crashed transaction left behind (C2). */
  partial: number;
  problem?: string;
}

function registerCsv(rows: number, tag: string): string {
  const lines = ['partner,partner_type,priority,intensity,owner,status,unit,budget,start,end,review_due'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${tag} Import ${i},knowledge-institution,energy-transition,project,u-bram,active,Energie en Klimaat,${1000 + i},2025-01-01,,2027-01-01`,
    );
  return `${lines.join('\n')}\n`;
}

async function crashAt(point: Point, backend: Backend, fake: FakeSlack, c: Campaign): Promise<CrashOutcome> {
  const db = await freshDatabaseUrl(backend);
  const dir = mkdtempSync(join(tmpdir(), 'koers-crash-'));
  const workers: WorkerProcess[] = [];
  const store = await openStore(db.url);
  try {
    const strategyPath = strategyWithSlackIds(dir);
    const strategy = loadStrategyFile(strategyPath);
    await syncPeopleFromStrategy(store.handle, strategy, new Date());
    const wf = createWorkflow({
      db: store.handle,
      backend: store.backend,
      strategy: () => strategy,
      clock: () => new Date(),
      platforms: () => ['slack'],
    });
    const kase = await escalatedCase(wf, `Crash ${point} ${Date.now().toString(36)}`);
    const csv = join(dir, 'register.csv');
    writeFileSync(csv, registerCsv(300, point));
    const start = (id: string, faultAt?: string) => {
      const o: CrashWorkerOptions & { faultAt?: string } = {
        url: db.url,
        instanceId: id,
        apiUrl: fake.apiUrl,
        strategyPath,
        tickMs: 100,
        ...(faultAt ? { faultAt } : {}),
      };
      const w = new WorkerProcess(o, WORKER);
      workers.push(w);
      c.captured.logs.push(w.lines as unknown as string[]);
      return w;
    };
    const send = (w: WorkerProcess, cmd: unknown) => w.child.stdin.write(`${JSON.stringify(cmd)}\n`);
    const decide = { op: 'decide', caseId: kase.id, step: kase.step, version: kase.version, as: 'u-bram' };
    const relationships = async () =>
      Number(
        (
          await store.db
            .selectFrom('relationships')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await relationships();

    const victim = start(`victim-${point}`, point);
    await victim.waitFor('crash worker ready', 60_000);
    if (point === 'after_decision_commit' || point === 'after_outbox_insert') send(victim, decide);
    if (point === 'mid_import') send(victim, { op: 'import', path: csv });
    const exit = await Promise.race([victim.exited, sleep(30_000).then(() => null)]);
    const killed = exit?.signal === 'SIGKILL';
    if (!killed) return { killed, lost: 0, duplicates: 0, partial: 0, problem: `not killed at ${point}` };

    let partial = 0;
    if (point === 'after_outbox_insert') {
      // Killed inside the transaction: no decision, no outbox row, no audit entry of it, the case as it was.
      const d = await store.db.selectFrom('decisions').select('id').where('case_id', '=', kase.id).execute();
      const rows = await store.db
        .selectFrom('outbox')
        .select('id')
        .where('case_id', '=', kase.id)
        .where('kind', 'in', ['requester_update', 'strategy_summary'])
        .execute();
      const state = await store.db
        .selectFrom('cases')
        .select(['state', 'version'])
        .where('id', '=', kase.id)
        .executeTakeFirstOrThrow();
      partial =
        d.length + rows.length + (state.state === 'open' && Number(state.version) === kase.version ? 0 : 1);
    }
    if (point === 'mid_import') partial = (await relationships()) - before;

    const heir = start(`heir-${point}`);
    await heir.waitFor('crash worker ready', 60_000);
    // The person tries again (their click had no answer); the operator runs the import again.
    if (point === 'after_outbox_insert') send(heir, decide);
    if (point === 'mid_import') {
      send(heir, { op: 'import', path: csv });
      await heir.waitFor('imported', 60_000);
    }
    const decides = point === 'after_decision_commit' || point === 'after_outbox_insert';
    const settled = await until(async () => {
      const pending = await store.db
        .selectFrom('outbox')
        .select('id')
        .where('status', '!=', 'sent')
        .execute();
      const decided = await store.db
        .selectFrom('decisions')
        .select('id')
        .where('case_id', '=', kase.id)
        .execute();
      return pending.length === 0 && (!decides || decided.length === 1);
    }, 30_000);
    const rows = await store.db.selectFrom('outbox').select(['id', 'status', 'kind']).execute();
    const outboxIdOf = (x: (typeof fake.calls)[number]) =>
      Number((x.args.metadata as { event_payload?: { outbox_id?: unknown } })?.event_payload?.outbox_id);
    const posted = (id: number) =>
      fake.calls.filter((x) => x.method === 'chat.postMessage' && x.outcome === 'ok' && outboxIdOf(x) === id)
        .length;
    // A case update edits the messages already posted (chat.update), or posts when there are none.
    const updates = fake.calls.filter((x) => x.method === 'chat.update' && x.outcome === 'ok').length;
    const postsOf = (id: number, kind: string) =>
      kind === 'case_update' ? Math.min(1, updates) + posted(id) : posted(id);
    let lost = 0;
    let duplicates = 0;
    const lostRows: string[] = [];
    for (const r of rows) {
      const got = postsOf(Number(r.id), r.kind);
      if (r.status !== 'sent' || got === 0) {
        lost++;
        lostRows.push(`${r.kind}:${r.status}:${got}`);
      }
      if (got > 1) duplicates += got - 1;
    }
    const decisions = await store.db
      .selectFrom('decisions')
      .select('id')
      .where('case_id', '=', kase.id)
      .execute();
    if (decides && decisions.length !== 1) {
      lost++;
      lostRows.push(`${decisions.length} decisions`);
    }
    if (lostRows.length > 0) c.note(`${backend} ${point}: lost ${lostRows.join(', ')}`);
    if (point === 'mid_import' && (await relationships()) - before !== 300) lost++;
    return {
      killed,
      lost,
      duplicates,
      partial,
      ...(settled ? {} : { problem: `did not settle (${rows.length} outbox rows)` }),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await store.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TeamsCrashOutcome {
  killed: boolean;
  lost: number;
  /** Messages the heir posted again that the killed process had posted already. */
  duplicates: number;
  problem?: string;
}

/**
 * A Teams instance killed between the Bot Connector's answer and the outbox's mark: the heir
 * cannot ask Teams what was posted (a bot cannot read a chat's messages back), so it posts again.
 * Counted here, message by message: a duplicate is a message the heir sent that is the same
 * activity, in the same conversation, as one the killed process sent.
 */
async function teamsCrashBetweenSendAndMark(backend: Backend, c: Campaign): Promise<TeamsCrashOutcome> {
  const db = await freshDatabaseUrl(backend);
  const dir = mkdtempSync(join(tmpdir(), 'koers-teams-crash-'));
  const fc = await startFakeConnector();
  const workers: WorkerProcess[] = [];
  const store = await openStore(db.url);
  try {
    const ids = exampleStrategy().people.map((p) => p.id);
    const strategyPath = strategyWithSlackIds(
      dir,
      Object.fromEntries(ids.map((id) => [id, { teams: `aad-${id}` }])),
    );
    const strategy = loadStrategyFile(strategyPath);
    const start = async (id: string) => {
      const o: TeamsCrashWorkerOptions = {
        url: db.url,
        instanceId: id,
        strategyPath,
        armAt: 'after_platform_send_before_mark',
      };
      const w = new WorkerProcess(o as never, TEAMS_WORKER);
      workers.push(w);
      c.captured.logs.push(w.lines as unknown as string[]);
      await w.waitFor('teams worker ready', 60_000);
      return { w, port: Number(w.lines.find((l) => l.msg === 'teams worker ready')?.port) };
    };
    const victim = await start('teams-victim');
    // Everyone installs Koers in a personal chat, as the harness of the Teams tests does.
    for (const id of ids) {
      const res = await fetch(`http://127.0.0.1:${victim.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'installationUpdate',
          action: 'add',
          channelId: 'msteams',
          serviceUrl: fc.url,
          id: `install-${id}`,
          timestamp: new Date().toISOString(),
          from: { id: `29:${id}`, aadObjectId: `aad-${id}`, name: id },
          recipient: { id: '28:koers-bot', name: 'Koers' },
          conversation: { id: `a:personal-${id}`, conversationType: 'personal', tenantId: 'tenant-1' },
          channelData: { tenant: { id: 'tenant-1' } },
        }),
      });
      if (res.status !== 200) throw new Error(`install ${id}: ${res.status}`);
    }
    const drained = async () =>
      (await store.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute()).length ===
      0;
    if (!(await until(drained, 30_000))) throw new Error('setup outbox did not drain');
    const before = fc.calls.length;
    victim.w.child.stdin.write('arm\n');
    await victim.w.waitFor('armed', 10_000);
    const wf = createWorkflow({
      db: store.handle,
      backend: store.backend,
      strategy: () => strategy,
      clock: () => new Date(),
      platforms: () => ['teams'],
    });
    await escalatedCase(wf, `Teams crash ${Date.now().toString(36)}`);
    const exit = await Promise.race([victim.w.exited, sleep(30_000).then(() => null)]);
    const killed = exit?.signal === 'SIGKILL';
    if (!killed) return { killed, lost: 0, duplicates: 0, problem: 'not killed' };
    const byVictim = fc.calls.slice(before).filter((x) => x.status < 300);
    const mark = fc.calls.length;
    await start('teams-heir');
    const settled = await until(drained, 30_000);
    const byHeir = fc.calls.slice(mark).filter((x) => x.status < 300);
    const same = (a: (typeof byVictim)[number], b: (typeof byVictim)[number]) =>
      a.method === b.method &&
      a.conversationId === b.conversationId &&
      JSON.stringify(a.activity?.attachments ?? a.activity?.text) ===
        JSON.stringify(b.activity?.attachments ?? b.activity?.text);
    const duplicates = byHeir.filter((h) => byVictim.some((v) => same(v, h))).length;
    const rows = await store.db.selectFrom('outbox').select(['status', 'kind']).execute();
    const lost = rows.filter((r) => r.status !== 'sent' && r.status !== 'skipped').length;
    return {
      killed,
      lost,
      duplicates,
      ...(settled ? {} : { problem: `did not settle (${rows.length} outbox rows)` }),
      ...(byVictim.length === 0 ? { problem: 'the killed process posted nothing' } : {}),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await store.close();
    await db.drop();
    await fc.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const group: RowGroup = {
  rows: ['C1', 'C2', 'C4'],
  async run(c) {
    const out: RowResult[] = [];
    const trials = c.n(1, 4);
    if (c.wants('C1') || c.wants('C2')) {
      const per = new Map<
        string,
        { runs: number; killed: number; lost: number; duplicates: number; partial: number }
      >();
      const problems: string[] = [];
      const tasks: Array<() => Promise<void>> = [];
      for (const backend of ['sqlite', 'postgres'] as const) {
        for (const [k, point] of CRASH_POINTS.entries()) {
          // The short campaign takes each point on one store, in turn.
          if (c.mode === 'short' && (k % 2 === 0) !== (backend === 'sqlite')) continue;
          for (let i = 0; i < trials; i++)
            tasks.push(async () => {
              // Each run its own fake Slack: outbox ids start at 1 in every database.
              const fake = await startFakeSlack();
              try {
                const r = await crashAt(point, backend, fake, c);
                const p = per.get(point) ?? { runs: 0, killed: 0, lost: 0, duplicates: 0, partial: 0 };
                p.runs++;
                if (r.killed) p.killed++;
                p.lost += r.lost;
                p.duplicates += r.duplicates;
                p.partial += r.partial;
                per.set(point, p);
                if (r.problem) problems.push(`${backend} ${point}: ${r.problem}`);
              } finally {
                await fake.close();
              }
            });
        }
        if (c.mode === 'short' && backend === 'postgres') continue; // J2 kills one on PostgreSQL
        tasks.push(async () => {
          const d = await digestKilledMidRun(c, backend, trials);
          const p = per.get('mid_digest') ?? { runs: 0, killed: 0, lost: 0, duplicates: 0, partial: 0 };
          p.runs += d.runs;
          p.killed += d.killed;
          p.lost += d.missing;
          p.duplicates += d.duplicates;
          per.set('mid_digest', p);
          problems.push(...d.problems);
        });
      }
      const teams = { runs: 0, killed: 0, lost: 0, duplicates: 0 };
      for (const backend of ['sqlite', 'postgres'] as const) {
        if (c.mode === 'short' && backend === 'postgres') continue;
        for (let i = 0; i < trials; i++)
          tasks.push(async () => {
            const r = await teamsCrashBetweenSendAndMark(backend, c);
            teams.runs++;
            if (r.killed) teams.killed++;
            teams.lost += r.lost;
            teams.duplicates += r.duplicates;
            if (r.problem) problems.push(`${backend} Teams after_platform_send_before_mark: ${r.problem}`);
          });
      }
      // Two crashes at a time, each on its own database and fake Slack.
      await pool(tasks, 2, (task) => task());
      const all = [...per.values()];
      const total = (k: 'runs' | 'killed' | 'lost' | 'duplicates' | 'partial') =>
        all.reduce((a, p) => a + p[k], 0);
      const detail = [...per.entries()]
        .map(([k, p]) => `${k} ${p.killed}/${p.runs} killed, ${p.lost} lost, ${p.duplicates} dup`)
        .join('; ');
      if (c.wants('C1'))
        out.push(
          row(
            'C1',
            `kill -9 at ${per.size} crash points (${[...per.keys()].join(', ')}) on SQLite and PostgreSQL${c.mode === 'short' ? ' (each point on one of them)' : ''}: ${fmt(total('runs'))} crashes, each followed by a restart; and ${teams.runs} Teams instances killed after_platform_send_before_mark`,
            `${total('lost') + teams.lost} lost; Slack: ${total('duplicates')} duplicate posts (Slack is asked before a re-post); Teams: ${teams.duplicates} duplicate posts in ${teams.killed} crashes between send and mark (Teams cannot be asked what was posted, so the heir posts again); ${detail}${problems.length ? `; ${problems.slice(0, 2).join('; ')}` : ''}`,
            '0 lost; duplicates only where the platform cannot be asked (Teams: at most one per crash)',
            total('lost') === 0 &&
              teams.lost === 0 &&
              total('duplicates') === 0 &&
              teams.duplicates <= teams.killed &&
              total('killed') === total('runs') &&
              teams.killed === teams.runs &&
              problems.length === 0,
          ),
        );
      if (c.wants('C2')) {
        const inTx = per.get('after_outbox_insert');
        const imp = per.get('mid_import');
        out.push(
          row(
            'C2',
            `${(inTx?.runs ?? 0) + (imp?.runs ?? 0)} crashes inside a transaction (a decision after its outbox rows; an import after some batches)`,
            `${(inTx?.partial ?? 0) + (imp?.partial ?? 0)} rows left of the crashed transactions; the retry then decided or imported in full (${(inTx?.lost ?? 0) + (imp?.lost ?? 0)} lost)`,
            '0 partial rows',
            (inTx?.partial ?? 0) + (imp?.partial ?? 0) === 0 && (inTx?.lost ?? 0) + (imp?.lost ?? 0) === 0,
          ),
        );
      }
    }
    if (c.wants('C4')) {
      const r = await secondSchedulerRefused(c, c.n(1, 20));
      out.push(
        row(
          'C4',
          `${r.runs} second processes started on one SQLite file beside a running one`,
          `${r.refused}/${r.runs} refused the scheduler with the single-instance error`,
          '100 % refused',
          r.refused === r.runs,
        ),
      );
    }
    return out;
  },
};
export default group;
