// A1–A5, A7, A8: decisions under concurrency, on SQLite and on PostgreSQL. Each trial opens a
// case and fires 2–10 decision attempts at it at once: double clicks, approve against reject,
// people the case does not wait for, the requester, stale cards (an old version or step), the
// absent assignee's delegate and a delegate's delegate; then a late click on the closed case.
// The attempts go to three decider processes (workers/decider.ts) on the same database, on
// PostgreSQL and on SQLite alike, while this process opens the cases: the race is across
// processes, as between replicas or between `koers serve` and the CLI. A checker then reads
// the database: one decision per case, by someone allowed, never the requester, the audit log
// intact and every refused attempt in it. A8 tampers with that audit log afterwards.
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Strategy } from '../src/domain/strategy/compile-strategy.js';
import { rowHash, verifyAudit } from '../src/store/audit-log.js';
import type { Backend } from '../src/store/backend.js';
import type { OpenDatabase } from '../src/store/open-database.js';
import { upsertPeople } from '../src/store/people-repo.js';
import { handleOf } from '../src/store/store-handle.js';
import { createWorkflow, type Workflow } from '../src/workflow/workflow.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { ANNA, BRAM, proposal } from '../test/support/proposals.js';
import { makeTestStore, type TestStore } from '../test/support/test-stores.js';
import { peopleWithSlack } from '../test/support/workflow-fixture.js';
import { type Campaign, fmt, pool, type RowGroup, type RowResult, row } from './campaign.js';
import { startDeciders } from './decider-processes.js';

/** Inside Bram's and Carla's absence (24–26 November, Amsterdam). */
const NOW = new Date('2026-11-25T10:00:00Z');
/** Processes the attempts at one case are spread over (besides this one, which opens the cases). */
const DECIDER_PROCESSES = 3;
const ABSENT = { from: '2026-11-24', until: '2026-11-26' };

// Anna's case waits for Bram (away: Ilse decides for him; Ilse's own delegate Joost may not).
// Bram's own case waits for Carla (away: her delegate is Bram, the requester, who may not).
const CASES = {
  anna: {
    requester: 'u-anna',
    allowed: ['u-bram', 'u-ilse'],
    others: ['u-carla', 'u-hanna', 'u-joost', 'u-fatima', 'u-anna'],
  },
  bram: {
    requester: 'u-bram',
    allowed: ['u-carla'],
    others: ['u-bram', 'u-anna', 'u-dirk', 'u-ilse', 'u-hanna'],
  },
} as const;

interface Attempt {
  actor: string;
  action: 'approve' | 'reject';
  /** Off the current card: a version or step that is not the case's. */
  stale: 'no' | 'version' | 'step';
}

const trialArb = fc.record({
  whose: fc.constantFrom('anna' as const, 'bram' as const),
  attempts: fc.array(
    fc.record({
      who: fc.oneof(
        fc.constant('allowed' as const),
        fc.constant('other' as const),
        fc.constant('allowed' as const),
      ),
      pick: fc.nat(),
      action: fc.constantFrom('approve' as const, 'reject' as const),
      stale: fc.constantFrom(
        'no' as const,
        'no' as const,
        'no' as const,
        'version' as const,
        'step' as const,
      ),
      /** A double click: the same attempt twice. */
      twice: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
});

type Trial = { whose: 'anna' | 'bram'; attempts: Attempt[] };

function trials(n: number, seed: number): Trial[] {
  return fc.sample(trialArb, { numRuns: n, seed }).map((t) => {
    const spec = CASES[t.whose];
    const attempts: Attempt[] = [];
    for (const a of t.attempts) {
      const list = a.who === 'allowed' ? spec.allowed : spec.others;
      const attempt = { actor: list[a.pick % list.length] as string, action: a.action, stale: a.stale };
      attempts.push(attempt);
      if (a.twice) attempts.push({ ...attempt });
    }
    return { whose: t.whose, attempts: attempts.slice(0, 10) };
  });
}

function workflowOn(store: OpenDatabase, strategy: Strategy): Workflow {
  return createWorkflow({
    db: store.handle,
    backend: store.backend,
    strategy: () => strategy,
    clock: () => NOW,
    platforms: () => ['slack'],
  });
}

interface Figures {
  trials: number;
  attempts: number;
  doubles: number;
  unauthorised: number;
  self: number;
  staleTaken: number;
  lost: number;
  conflicts: number;
  conflictsOneWinner: number;
  refusedNotAudited: number;
  lateTaken: number;
  selfAssigned: number;
  onBehalfWrong: number;
  delegateDecisions: number;
  /** Attempts that threw instead of answering (a lock held past its wait, a lost connection). */
  threw: number;
  auditOk: boolean;
  auditRows: number;
}

async function decisionRuns(c: Campaign, backend: Backend, ts: TestStore, n: number): Promise<Figures> {
  const strategy = exampleStrategy();
  await upsertPeople(
    ts.store.handle,
    peopleWithSlack(strategy, {
      'u-bram': { delegate: 'u-ilse', absent: ABSENT },
      'u-ilse': { delegate: 'u-joost', absent: ABSENT },
      'u-carla': { delegate: 'u-bram', absent: ABSENT },
    }),
    NOW.toISOString(),
  );
  const main = workflowOn(ts.store, strategy);
  const deciders = await startDeciders(DECIDER_PROCESSES, { url: ts.url, now: NOW.toISOString() });
  const f: Figures = {
    trials: n,
    attempts: 0,
    doubles: 0,
    unauthorised: 0,
    self: 0,
    staleTaken: 0,
    lost: 0,
    conflicts: 0,
    conflictsOneWinner: 0,
    refusedNotAudited: 0,
    lateTaken: 0,
    selfAssigned: 0,
    onBehalfWrong: 0,
    delegateDecisions: 0,
    threw: 0,
    auditOk: false,
    auditRows: 0,
  };
  let refused = 0;
  const all = trials(n, backend === 'sqlite' ? 11 : 12);
  try {
    await pool(all, backend === 'postgres' ? 4 : 2, async (trial, i) => {
      const requester = trial.whose === 'anna' ? ANNA : BRAM;
      const out = await main.submit(
        { personId: requester.id, platform: 'slack' },
        trial.whose === 'anna'
          ? proposal({
              requester,
              budget: 20_000 + (i % 1000),
              partner: { name: `Partner A${i}`, type: 'knowledge-institution' },
            })
          : proposal({
              requester,
              intensity: 'programme',
              budget: 60_000,
              partner: { name: `Partner B${i}`, type: 'knowledge-institution' },
            }),
      );
      if (!out.ok || out.case.state !== 'open') throw new Error(`trial ${i}: expected an open case`);
      const kase = out.case;
      if (kase.assigneeId === requester.id) f.selfAssigned++;
      const spec = CASES[trial.whose];
      const results = await Promise.all(
        trial.attempts.map((a, k) =>
          deciders.decide(
            k,
            { personId: a.actor, platform: k % 2 ? 'teams' : 'slack' },
            {
              action: a.action,
              caseId: kase.id,
              step: a.stale === 'step' ? kase.step + 1 : kase.step,
              version: a.stale === 'version' ? kase.version + 1 + (k % 2) * -2 : kase.version,
              reason: 'campaign',
            },
          ),
        ),
      );
      f.attempts += results.length;
      f.threw += results.filter((r) => r.error !== undefined).length;
      const winners = results.filter((r) => r.ok);
      refused += results.length - winners.length;
      const allowedNow = trial.attempts.filter(
        (a) => a.stale === 'no' && (spec.allowed as readonly string[]).includes(a.actor),
      );
      if (winners.length > 1) f.doubles++;
      winners.forEach((_, k) => {
        const a = trial.attempts[results.indexOf(winners[k] as (typeof results)[number])];
        if (a && a.stale !== 'no') f.staleTaken++;
      });
      if (allowedNow.length > 0 && winners.length === 0) f.lost++;
      const actions = new Set(allowedNow.map((a) => a.action));
      if (actions.size > 1) {
        f.conflicts++;
        if (winners.length === 1) f.conflictsOneWinner++;
      }
      // A late click on the card after the decision (a stale card).
      if (winners.length > 0) {
        const late = await main.decide(
          { personId: spec.allowed[0], platform: 'slack' },
          { action: 'approve', caseId: kase.id, step: kase.step, version: kase.version, reason: 'late' },
        );
        f.attempts++;
        if (late.ok) f.lateTaken++;
        else refused++;
      }
    });
  } finally {
    await deciders.stop();
  }
  const db = ts.store.db;
  const decisions = await db
    .selectFrom('decisions')
    .innerJoin('cases', 'cases.id', 'decisions.case_id')
    .select(['decisions.case_id', 'decisions.decider_id', 'decisions.on_behalf_of', 'cases.requester_id'])
    .execute();
  const perCase = new Map<number, number>();
  for (const d of decisions) {
    perCase.set(Number(d.case_id), (perCase.get(Number(d.case_id)) ?? 0) + 1);
    const spec = d.requester_id === 'u-anna' ? CASES.anna : CASES.bram;
    if (!(spec.allowed as readonly string[]).includes(d.decider_id)) f.unauthorised++;
    if (d.decider_id === d.requester_id) f.self++;
    if (d.decider_id === 'u-ilse') {
      f.delegateDecisions++;
      if (d.on_behalf_of !== 'u-bram') f.onBehalfWrong++;
    }
  }
  f.doubles = Math.max(f.doubles, [...perCase.values()].filter((k) => k > 1).length);
  const refusedAudited = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'decision_refused')
    .executeTakeFirstOrThrow();
  f.refusedNotAudited = Math.max(0, refused - Number(refusedAudited.n));
  const audit = await verifyAudit(ts.store.handle);
  f.auditOk = audit.ok;
  f.auditRows = audit.ok ? audit.rows : 0;
  c.note(
    `decisions on ${backend}: ${fmt(f.attempts)} attempts in ${fmt(n)} trials across ${deciders.count} processes, ${refused} refused, ${f.threw} threw`,
  );
  return f;
}

/** A7's boundaries: the delegate at the window's edges, a delegate's delegate, delegate = requester. */
async function delegationBoundaries(backend: Backend): Promise<{ checks: number; wrong: string[] }> {
  const strategy = exampleStrategy();
  const ts = await makeTestStore(backend);
  const wrong: string[] = [];
  let checks = 0;
  try {
    await upsertPeople(
      ts.store.handle,
      peopleWithSlack(strategy, {
        'u-bram': { delegate: 'u-ilse', absent: ABSENT },
        'u-ilse': { delegate: 'u-joost', absent: ABSENT },
        'u-carla': { delegate: 'u-bram', absent: ABSENT },
      }),
      NOW.toISOString(),
    );
    // Amsterdam is UTC+1 in November: the window is 23 Nov 23:00Z up to 26 Nov 23:00Z.
    const at = [
      ['2026-11-23T22:59:59Z', false],
      ['2026-11-23T23:00:00Z', true],
      ['2026-11-26T22:59:59Z', true],
      ['2026-11-26T23:00:00Z', false],
    ] as const;
    for (const [when, allowed] of at) {
      const wf = createWorkflow({
        db: ts.store.handle,
        backend,
        strategy: () => strategy,
        clock: () => new Date(when),
        platforms: () => ['slack'],
      });
      const out = await wf.submit(
        { personId: 'u-anna', platform: 'slack' },
        proposal({ requester: ANNA, budget: 20_000 }),
      );
      if (!out.ok) throw new Error('submit');
      const cmd = {
        action: 'approve' as const,
        caseId: out.case.id,
        step: out.case.step,
        version: out.case.version,
      };
      const chain = await wf.decide({ personId: 'u-joost', platform: 'slack' }, cmd);
      checks++;
      if (chain.ok) wrong.push(`a delegate's delegate decided at ${when}`);
      const r = await wf.decide({ personId: 'u-ilse', platform: 'slack' }, cmd);
      checks++;
      if (r.ok !== allowed) wrong.push(`delegate at ${when}: ${r.ok ? 'took' : 'refused'}`);
      if (r.ok) {
        checks++;
        if (r.onBehalfOf !== 'u-bram') wrong.push(`on behalf of ${r.onBehalfOf}`);
      }
      const own = await wf.submit(
        { personId: 'u-bram', platform: 'slack' },
        proposal({ requester: BRAM, intensity: 'programme', budget: 60_000 }),
      );
      if (!own.ok) throw new Error('submit');
      const self = await wf.decide(
        { personId: 'u-bram', platform: 'slack' },
        { action: 'approve', caseId: own.case.id, step: own.case.step, version: own.case.version },
      );
      checks++;
      if (self.ok) wrong.push(`the requester decided as the delegate at ${when}`);
    }
  } finally {
    await ts.drop();
  }
  return { checks, wrong };
}

/** A8: single-row edits, deletions, swaps and re-hashed edits of the audit log, each in a transaction rolled back. */
async function auditTampering(
  ts: TestStore,
  backend: Backend,
  n: number,
): Promise<{ tried: number; missed: number; appChanged: number }> {
  const db = ts.store.db;
  const last = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  const maxSeq = Number(last.seq);
  let missed = 0;
  let appChanged = 0;
  const plans = fc.sample(
    fc.record({
      kind: fc.constantFrom('edit', 'delete', 'swap', 'rehash'),
      at: fc.integer({ min: 1, max: Math.max(1, maxSeq - 1) }),
    }),
    { numRuns: n, seed: 8 },
  );
  class Rollback extends Error {}
  for (const p of plans) {
    // Through the application's connection: refused.
    try {
      await db.updateTable('audit_log').set({ actor_id: 'u-mallory' }).where('seq', '=', p.at).execute();
      appChanged++;
    } catch {
      // append-only
    }
    try {
      await db.transaction().execute(async (trx) => {
        if (backend === 'sqlite') {
          await sql`drop trigger audit_log_no_update`.execute(trx);
          await sql`drop trigger audit_log_no_delete`.execute(trx);
        } else await sql`drop trigger audit_log_no_change on audit_log`.execute(trx);
        const r = await trx
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '=', p.at)
          .executeTakeFirstOrThrow();
        if (p.kind === 'edit')
          await trx.updateTable('audit_log').set({ actor_id: 'u-mallory' }).where('seq', '=', p.at).execute();
        if (p.kind === 'delete') await trx.deleteFrom('audit_log').where('seq', '=', p.at).execute();
        if (p.kind === 'rehash') {
          const forged = { ...r, data: '{"forged":true}' };
          await trx
            .updateTable('audit_log')
            .set({ data: forged.data, hash: rowHash(r.prev_hash, forged) })
            .where('seq', '=', p.at)
            .execute();
        }
        if (p.kind === 'swap') {
          const b = await trx
            .selectFrom('audit_log')
            .selectAll()
            .where('seq', '=', p.at + 1)
            .executeTakeFirstOrThrow();
          const { seq: _a, ...restA } = r;
          const { seq: _b, ...restB } = b;
          await trx.updateTable('audit_log').set(restB).where('seq', '=', p.at).execute();
          await trx
            .updateTable('audit_log')
            .set(restA)
            .where('seq', '=', p.at + 1)
            .execute();
        }
        if ((await verifyAudit(handleOf(trx))).ok) missed++;
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }
  return { tried: plans.length, missed, appChanged };
}

const group: RowGroup = {
  rows: ['A1', 'A2', 'A3', 'A4', 'A5', 'A7', 'A8'],
  async run(c) {
    const n = c.n(300, 10_000);
    const per: Partial<Record<Backend, Figures>> = {};
    const tamper: Partial<Record<Backend, Awaited<ReturnType<typeof auditTampering>>>> = {};
    const bounds: Partial<Record<Backend, Awaited<ReturnType<typeof delegationBoundaries>>>> = {};
    for (const backend of ['sqlite', 'postgres'] as const) {
      const ts = await makeTestStore(backend);
      try {
        per[backend] = await decisionRuns(c, backend, ts, n);
        if (c.wants('A8')) tamper[backend] = await auditTampering(ts, backend, c.n(40, 400));
      } finally {
        await ts.drop();
      }
      if (c.wants('A7')) bounds[backend] = await delegationBoundaries(backend);
    }
    const s = per.sqlite as Figures;
    const p = per.postgres as Figures;
    const both = (pick: (x: Figures) => number) => `${pick(s)} / ${pick(p)}`;
    const sum = (pick: (x: Figures) => number) => pick(s) + pick(p);
    const tried = `${fmt(n)} concurrent runs per store (SQLite / PostgreSQL) across ${DECIDER_PROCESSES} decider processes, ${fmt(s.attempts)} / ${fmt(p.attempts)} attempts`;
    const out: RowResult[] = [
      row(
        'A1',
        tried,
        `double decisions ${both((x) => x.doubles)}; runs with an allowed attempt but no decision ${both((x) => x.lost)}; attempts that threw ${both((x) => x.threw)}; audit chain ${s.auditOk && p.auditOk ? 'intact' : 'BROKEN'} (${fmt(s.auditRows)} / ${fmt(p.auditRows)} rows)`,
        '0 double, 0 lost, 0 thrown, audit intact',
        sum((x) => x.doubles) === 0 &&
          sum((x) => x.lost) === 0 &&
          sum((x) => x.threw) === 0 &&
          s.auditOk &&
          p.auditOk,
      ),
      row(
        'A2',
        `${both((x) => x.conflicts)} runs with approve and reject at once (of the runs above)`,
        `${both((x) => x.conflictsOneWinner)} with exactly one winner; refused attempts missing from the audit log ${both((x) => x.refusedNotAudited)}; 'everyone must approve' steps: n/a (Koers has no such step)`,
        'one winner each; every losing attempt audited',
        s.conflicts === s.conflictsOneWinner &&
          p.conflicts === p.conflictsOneWinner &&
          sum((x) => x.refusedNotAudited) === 0,
      ),
      row(
        'A3',
        tried,
        `decisions by someone the case did not wait for ${both((x) => x.unauthorised)}`,
        '0 unauthorised',
        sum((x) => x.unauthorised) === 0,
      ),
      row(
        'A4',
        `${tried}; requester on the line, and as the absent approver's delegate`,
        `self decisions ${both((x) => x.self)}; cases assigned to their requester ${both((x) => x.selfAssigned)} (passed up the line instead)`,
        '0 self decisions; 100 % routed past the requester',
        sum((x) => x.self) === 0 && sum((x) => x.selfAssigned) === 0,
      ),
      row(
        'A5',
        `${tried}; old version or step on the card, and a late click after each decision`,
        `stale attempts taken ${both((x) => x.staleTaken)}; late clicks taken ${both((x) => x.lateTaken)}`,
        '0 stale decisions',
        sum((x) => x.staleTaken) === 0 && sum((x) => x.lateTaken) === 0,
      ),
    ];
    if (c.wants('A7')) {
      const bs = bounds.sqlite as { checks: number; wrong: string[] };
      const bp = bounds.postgres as { checks: number; wrong: string[] };
      out.push(
        row(
          'A7',
          `${bs.checks + bp.checks} boundary checks (window start−1 s, start, end, end+1 s; a delegate's delegate; delegate = requester) on both stores, and ${both((x) => x.delegateDecisions)} delegate decisions in the runs`,
          `${bs.wrong.length + bp.wrong.length} wrong${[...bs.wrong, ...bp.wrong].length ? `: ${[...bs.wrong, ...bp.wrong].slice(0, 3).join('; ')}` : ''}; delegate decisions not 'on behalf of' the assignee ${both((x) => x.onBehalfWrong)}`,
          '100 % of boundary assertions',
          bs.wrong.length + bp.wrong.length === 0 && sum((x) => x.onBehalfWrong) === 0,
        ),
      );
    }
    if (c.wants('A8')) {
      const ts_ = tamper.sqlite as { tried: number; missed: number; appChanged: number };
      const tp = tamper.postgres as { tried: number; missed: number; appChanged: number };
      out.push(
        row(
          'A8',
          `${ts_.tried} / ${tp.tried} tamperings (edit, delete, swap, re-hashed edit of one row) on SQLite / PostgreSQL, and as many updates through the app's connection`,
          `undetected ${ts_.missed} / ${tp.missed}; updates the app's connection made ${ts_.appChanged} / ${tp.appChanged}`,
          '100 % detected; 0 app-path changes',
          ts_.missed + tp.missed === 0 && ts_.appChanged + tp.appChanged === 0,
        ),
      );
    }
    return out;
  },
};
export default group;
