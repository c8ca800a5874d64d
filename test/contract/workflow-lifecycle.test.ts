// The case lifecycle on both backends, asserted through the audit log and the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/store/audit-log.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const anna = { personId: 'u-anna', platform: 'slack' as const };
const bram = { personId: 'u-bram', platform: 'slack' as const };
const carla = { personId: 'u-carla', platform: 'slack' as const };

describe.each(BACKENDS)('case lifecycle on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await workflowFixture(backend);
  });
  afterEach(async () => {
    await f.drop();
  });

  it('registers a proposal within the mandate at once and summarises it in the strategy channel', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.case.state).toBe('registered');
    const rel = await f.ts.store.db
      .selectFrom('relationships')
      .selectAll()
      .where('case_id', '=', out.case.id)
      .execute();
    expect(rel).toHaveLength(1);
    expect(rel[0]).toMatchObject({
      partner: 'TU Delft',
      owner_id: 'u-anna',
      status: 'active',
      unit: 'Energie en Klimaat',
      review_due: '2027-11-23',
    });
    expect((await f.audit(out.case.id)).map((a) => a.action)).toEqual(['check', 'registered']);
    const outbox = await f.outbox();
    expect(outbox.map((o) => [o.kind, o.target])).toEqual([['strategy_summary', { channel: 'strategy' }]]);
    expect((await verifyAudit(f.ts.store.handle)).ok).toBe(true);
  });

  it('walks a two-step escalation: the team lead endorses, the head of department approves', async () => {
    const out = await f.wf.submit(
      anna,
      proposal({ requester: ANNA, intensity: 'programme', budget: 100_000, months: 24 }),
    );
    if (!out.ok) throw new Error('submit refused');
    const c = out.case;
    expect(c).toMatchObject({ state: 'open', step: 0, assigneeId: 'u-bram', routeLength: 2 });
    expect(c.steps).toEqual(['team-lead', 'manager', 'director', 'executive']);

    const endorse = await f.wf.decide(bram, { action: 'approve', caseId: c.id, step: 0, version: 1 });
    expect(endorse).toMatchObject({ ok: true, action: 'endorse' });
    if (!endorse.ok) return;
    expect(endorse.case).toMatchObject({ state: 'open', step: 1, assigneeId: 'u-carla', version: 2 });

    const approve = await f.wf.decide(carla, { action: 'approve', caseId: c.id, step: 1, version: 2 });
    expect(approve).toMatchObject({ ok: true, action: 'approve' });
    if (!approve.ok) return;
    expect(approve.case.state).toBe('approved');
    expect(
      await f.ts.store.db
        .selectFrom('relationships')
        .select('owner_id')
        .where('case_id', '=', c.id)
        .execute(),
    ).toEqual([{ owner_id: 'u-anna' }]);

    expect((await f.audit(c.id)).map((a) => a.action)).toEqual([
      'check',
      'assigned',
      'endorsed',
      'assigned',
      'approved',
    ]);
    const outbox = (await f.outbox())
      .filter((o) => o.case_id === c.id)
      .map((o) => `${o.kind}>${JSON.stringify(o.target)}`);
    expect(outbox).toEqual([
      'approval_request>{"person":"u-bram"}',
      'case_update>{"case":true}',
      'requester_update>{"person":"u-anna"}',
      'approval_request>{"person":"u-carla"}',
      'case_update>{"case":true}',
      'requester_update>{"person":"u-anna"}',
      'strategy_summary>{"channel":"strategy"}',
    ]);
    expect((await verifyAudit(f.ts.store.handle)).ok).toBe(true);
  });

  it('rejects with a reason, and refuses a rejection without one', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error('submit refused');
    const bare = await f.wf.decide(bram, { action: 'reject', caseId: out.case.id, step: 0, version: 1 });
    expect(bare).toMatchObject({ ok: false, refusal: 'reason_required' });
    const r = await f.wf.decide(bram, {
      action: 'reject',
      caseId: out.case.id,
      step: 0,
      version: 1,
      reason: 'Past niet in het jaarplan',
    });
    expect(r).toMatchObject({ ok: true, action: 'reject', case: { state: 'rejected' } });
    expect(
      await f.ts.store.db
        .selectFrom('relationships')
        .selectAll()
        .where('case_id', '=', out.case.id)
        .execute(),
    ).toHaveLength(0);
    const summary = (await f.outbox()).find((o) => o.kind === 'strategy_summary');
    expect(summary?.payload).toEqual({ outcome: 'rejected' });
  });

  it('asks the requester for information and returns the case to the same step', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error('submit refused');
    const ask = await f.wf.decide(bram, {
      action: 'ask_info',
      caseId: out.case.id,
      step: 0,
      version: 1,
      reason: 'Wie betaalt de rest?',
    });
    expect(ask).toMatchObject({
      ok: true,
      case: { state: 'info_requested', infoQuestion: 'Wie betaalt de rest?' },
    });
    expect(
      await f.wf.decide(bram, { action: 'approve', caseId: out.case.id, step: 0, version: 2 }),
    ).toMatchObject({ ok: false, refusal: 'stale' });
    expect(await f.wf.answerInfo(bram, out.case.id, 'not mine')).toMatchObject({
      ok: false,
      refusal: 'not_requester',
    });
    const answer = await f.wf.answerInfo(anna, out.case.id, 'TNO betaalt de helft');
    expect(answer).toMatchObject({
      ok: true,
      case: { state: 'open', step: 0, version: 3, infoAnswer: 'TNO betaalt de helft' },
    });
    expect(
      await f.wf.decide(bram, { action: 'approve', caseId: out.case.id, step: 0, version: 3 }),
    ).toMatchObject({ ok: true, action: 'approve' });
    expect((await f.audit(out.case.id)).map((a) => a.action)).toEqual([
      'check',
      'assigned',
      'info_requested',
      'decision_refused',
      'decision_refused',
      'info_answered',
      'approved',
    ]);
  });

  it('lets the requester withdraw an open case, after which nobody can decide it', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error('submit refused');
    expect(await f.wf.withdraw(bram, out.case.id)).toMatchObject({ ok: false, refusal: 'not_requester' });
    expect(await f.wf.withdraw(anna, out.case.id)).toMatchObject({ ok: true, case: { state: 'withdrawn' } });
    expect(
      await f.wf.decide(bram, { action: 'approve', caseId: out.case.id, step: 0, version: 2 }),
    ).toMatchObject({ ok: false, refusal: 'closed' });
  });

  it('sends an exception to the last step of the line, which decides it whatever the mandates say', async () => {
    const out = await f.wf.submit(
      anna,
      proposal({ requester: ANNA, partner: { name: 'Tabak B.V.', type: 'tobacco-industry' } }),
    );
    if (!out.ok) throw new Error('submit refused');
    expect(out.case).toMatchObject({ state: 'advised_against', verdict: 'outside_strategy' });
    const ex = await f.wf.requestException(anna, out.case.id, 'Preventieproject');
    expect(ex).toMatchObject({
      ok: true,
      case: { kind: 'exception', state: 'open', steps: ['executive'], assigneeId: 'u-eva' },
    });
    expect(await f.wf.requestException(anna, out.case.id)).toMatchObject({
      ok: false,
      refusal: 'exception_exists',
    });
    if (!ex.ok) return;
    const grant = await f.wf.decide(
      { personId: 'u-eva', platform: 'slack' },
      { action: 'approve', caseId: ex.case.id, step: 0, version: 1 },
    );
    expect(grant).toMatchObject({ ok: true, action: 'approve', case: { state: 'approved' } });
    const rel = await f.ts.store.db
      .selectFrom('relationships')
      .select(['source', 'partner'])
      .where('case_id', '=', ex.case.id)
      .execute();
    expect(rel).toEqual([{ source: 'exception', partner: 'Tabak B.V.' }]);
    expect((await f.outbox()).filter((o) => o.kind === 'strategy_summary').map((o) => o.payload)).toEqual([
      { outcome: 'exception_granted' },
    ]);
  });

  it('reminds once after remindAfterHours, passes up after passUpAfterHours, and alerts once at the last step', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error('submit refused');
    const id = out.case.id;
    f.clock.advanceHours(23.9);
    expect(await f.wf.runEscalationTimers()).toEqual({ reminded: [], passedUp: [], alerted: [] });
    f.clock.advanceHours(0.2);
    expect((await f.wf.runEscalationTimers()).reminded).toEqual([id]);
    expect((await f.wf.runEscalationTimers()).reminded).toEqual([]);
    expect((await f.outbox()).filter((o) => o.kind === 'reminder').map((o) => o.target)).toEqual([
      { person: 'u-bram' },
    ]);
    f.clock.advanceHours(48);
    expect((await f.wf.runEscalationTimers()).passedUp).toEqual([id]);
    expect(await f.wf.getCase(id)).toMatchObject({ step: 1, assigneeId: 'u-carla', state: 'open' });
    // Walk it to the last step by silence, then it stays there and the alliance team hears once.
    f.clock.advanceHours(73);
    await f.wf.runEscalationTimers();
    f.clock.advanceHours(73);
    await f.wf.runEscalationTimers();
    expect(await f.wf.getCase(id)).toMatchObject({ step: 3, assigneeId: 'u-eva', state: 'open' });
    f.clock.advanceHours(73);
    expect((await f.wf.runEscalationTimers()).alerted).toEqual([id]);
    f.clock.advanceHours(73);
    expect((await f.wf.runEscalationTimers()).alerted).toEqual([]);
    expect(await f.wf.getCase(id)).toMatchObject({ step: 3, state: 'open' });
    expect(
      (await f.outbox()).filter((o) => o.kind === 'alliance_alert').map((o) => o.payload.reason),
    ).toEqual(['stuck_at_last_step']);
    expect((await verifyAudit(f.ts.store.handle)).ok).toBe(true);
  });

  it('moves a case held by someone unreachable to an alternate approver and tells the alliance team', async () => {
    const out = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 20_000 }));
    if (!out.ok) throw new Error('submit refused');
    expect(out.case.assigneeId).toBe('u-bram');
    expect(await f.wf.markUnreachable('u-bram', 'teams', '403 BotNotInConversationRoster')).toEqual([
      out.case.id,
    ]);
    expect(await f.wf.getCase(out.case.id)).toMatchObject({
      state: 'open',
      step: 0,
      assigneeId: 'u-ilse',
      version: 2,
    });
    const alerts = (await f.outbox()).filter((o) => o.kind === 'alliance_alert');
    expect(alerts.map((a) => a.payload.reason)).toEqual(['unreachable']);
    // The old card no longer decides anything.
    expect(
      await f.wf.decide(bram, { action: 'approve', caseId: out.case.id, step: 0, version: 1 }),
    ).toMatchObject({ ok: false, refusal: 'stale' });
  });
});
