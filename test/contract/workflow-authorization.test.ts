// Refusals are values, and nothing changes: every refused decision leaves the case, the
// decisions and the register as they were, and is written to the audit log as an attempt.
import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionCommand } from '../../src/domain/workflow/authorize-decision.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { ANNA, BRAM, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { peopleWithSlack, type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const as = (personId: string) => ({ personId, platform: 'slack' as const });

async function snapshot(f: WorkflowFixture, caseId: number) {
  const db = f.ts.store.db;
  return {
    case: await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst(),
    decisions: (await db.selectFrom('decisions').selectAll().execute()).length,
    relationships: (await db.selectFrom('relationships').selectAll().execute()).length,
    outbox: (await db.selectFrom('outbox').selectAll().execute()).length,
  };
}

describe.each(BACKENDS)('who may decide, on %s', (backend) => {
  let f: WorkflowFixture;
  afterEach(async () => {
    await f?.drop();
  });

  async function refusedWithoutChange(
    caseId: number,
    actor: string,
    command: DecisionCommand,
    refusal: string,
  ) {
    const before = await snapshot(f, caseId);
    const auditBefore = (await f.audit()).length;
    expect(await f.wf.decide(as(actor), command)).toMatchObject({ ok: false, refusal });
    expect(await snapshot(f, caseId)).toEqual(before);
    const audit = await f.audit();
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ action: 'decision_refused', actor_id: actor, data: { refusal } });
  }

  it('refuses a decision by someone who is not the assignee', async () => {
    f = await workflowFixture(backend);
    const out = await f.wf.submit(as('u-anna'), proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error();
    await refusedWithoutChange(
      out.case.id,
      'u-ilse',
      { action: 'approve', caseId: out.case.id, step: 0, version: 1 },
      'not_assignee',
    );
    // A higher manager is not the assignee either: the line is walked, not jumped.
    await refusedWithoutChange(
      out.case.id,
      'u-carla',
      { action: 'approve', caseId: out.case.id, step: 0, version: 1 },
      'not_assignee',
    );
  });

  it('refuses the requester approving their own case, also as the absent assignee’s delegate', async () => {
    const strategy = exampleStrategy();
    // Carla is away and named Bram as her delegate; Bram asks for something only Carla may decide.
    f = await workflowFixture(backend, {
      strategy,
      people: peopleWithSlack(strategy, {
        'u-carla': { delegate: 'u-bram', absent: { from: '2026-11-20', until: '2026-11-30' } },
      }),
    });
    const out = await f.wf.submit(
      as('u-bram'),
      proposal({ requester: BRAM, intensity: 'programme', budget: 60_000 }),
    );
    if (!out.ok) throw new Error();
    expect(out.case).toMatchObject({ assigneeId: 'u-carla', state: 'open' });
    await refusedWithoutChange(
      out.case.id,
      'u-bram',
      { action: 'approve', caseId: out.case.id, step: 0, version: 1 },
      'own_case',
    );
  });

  it('lets a delegate decide only inside the absence window, on behalf of the assignee', async () => {
    const strategy = exampleStrategy();
    f = await workflowFixture(backend, {
      strategy,
      people: peopleWithSlack(strategy, {
        'u-bram': { delegate: 'u-ilse', absent: { from: '2026-11-24', until: '2026-11-26' } },
      }),
    });
    const out = await f.wf.submit(as('u-anna'), proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error();
    const cmd = { action: 'approve' as const, caseId: out.case.id, step: 0, version: 1 };
    // 2026-11-23 (the fixture's day): Bram is not yet away.
    await refusedWithoutChange(out.case.id, 'u-ilse', cmd, 'not_assignee');
    f.clock.current = new Date('2026-11-26T22:59:00Z'); // 23:59 in Amsterdam: the last day of the window
    const ok = await f.wf.decide(as('u-ilse'), cmd);
    expect(ok).toMatchObject({ ok: true, action: 'approve', onBehalfOf: 'u-bram' });
    const audit = await f.audit(out.case.id);
    expect(audit.at(-1)).toMatchObject({ action: 'approved', actor_id: 'u-ilse', on_behalf_of: 'u-bram' });
  });

  it('refuses a delegate the day after the absence ends', async () => {
    const strategy = exampleStrategy();
    f = await workflowFixture(backend, {
      strategy,
      people: peopleWithSlack(strategy, {
        'u-bram': { delegate: 'u-ilse', absent: { from: '2026-11-20', until: '2026-11-26' } },
      }),
    });
    f.clock.current = new Date('2026-11-26T23:00:00Z'); // 00:00 on the 27th in Amsterdam
    const out = await f.wf.submit(as('u-anna'), proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error();
    await refusedWithoutChange(
      out.case.id,
      'u-ilse',
      { action: 'approve', caseId: out.case.id, step: 0, version: 1 },
      'not_assignee',
    );
  });

  it('refuses a tampered case id, a stale step or version, and a closed case', async () => {
    f = await workflowFixture(backend);
    const out = await f.wf.submit(as('u-anna'), proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error();
    const id = out.case.id;
    expect(
      await f.wf.decide(as('u-bram'), { action: 'approve', caseId: id + 1000, step: 0, version: 1 }),
    ).toMatchObject({ ok: false, refusal: 'not_found' });
    await refusedWithoutChange(id, 'u-bram', { action: 'approve', caseId: id, step: 1, version: 1 }, 'stale');
    await refusedWithoutChange(id, 'u-bram', { action: 'approve', caseId: id, step: 0, version: 7 }, 'stale');
    expect(
      await f.wf.decide(as('u-bram'), { action: 'approve', caseId: id, step: 0, version: 1 }),
    ).toMatchObject({ ok: true });
    await refusedWithoutChange(
      id,
      'u-bram',
      { action: 'approve', caseId: id, step: 0, version: 1 },
      'closed',
    );
    await refusedWithoutChange(
      id,
      'u-bram',
      { action: 'reject', caseId: id, step: 0, version: 2, reason: 'toch niet' },
      'closed',
    );
  });

  it('refuses passing up from the last step of the line', async () => {
    f = await workflowFixture(backend);
    const out = await f.wf.submit(
      as('u-anna'),
      proposal({ requester: ANNA, partner: { name: 'Philip Morris', type: 'tobacco-industry' } }),
    );
    if (!out.ok) throw new Error();
    const ex = await f.wf.requestException(as('u-anna'), out.case.id);
    if (!ex.ok) throw new Error();
    await refusedWithoutChange(
      ex.case.id,
      'u-eva',
      { action: 'pass_up', caseId: ex.case.id, step: 0, version: 1 },
      'no_higher_step',
    );
  });
});
