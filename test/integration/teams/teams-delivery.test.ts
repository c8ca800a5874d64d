// Proactive sends through the outbox against a fake Bot Connector that answers with Teams'
// errors: 429 is retried after Retry-After; 403 is not retried, and the person is marked
// unreachable, their case goes to an alternate approver and the alliance team is told; a card
// that cannot be updated in place is posted anew.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import {
  ALLIANCE_CHANNEL,
  actionWith,
  cardOf,
  eventually,
  personalChat,
  STRATEGY_CHANNEL,
  startTeamsHarness,
  type TeamsHarness,
  textOf,
} from './teams-harness.js';

const BRAM = personalChat('u-bram');

const deltares: Proposal = {
  partner: { name: 'Deltares', type: 'knowledge-institution' },
  priority: 'climate-water',
  intensity: 'project',
  budget: 30_000,
  months: 6,
  direction: 'shared',
  requester: { id: 'u-anna', role: 'employee' },
};

describe('Teams proactive delivery', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function submit(): Promise<number> {
    const out = await h.t.app.parts.workflow.submit({ personId: 'u-anna', platform: 'teams' }, deltares);
    if (!out.ok) throw new Error('submit refused');
    expect(out.case).toMatchObject({ state: 'open', assigneeId: 'u-bram' });
    return out.case.id;
  }

  it('waits out a 429 Retry-After, then delivers the approval request once', async () => {
    h.fc.script(
      (c) => c.conversationId === BRAM && c.method === 'POST',
      [{ status: 429, headers: { 'retry-after': '3' } }],
    );
    await submit();
    const ok = await h.fc.waitFor((c) => c.conversationId === BRAM && c.status === 201, 15_000);
    const tries = h.fc.to(BRAM);
    expect(tries.map((c) => c.status)).toEqual([429, 201]);
    // No second call before Retry-After ran out, and none inside the SDK either.
    expect(ok.at - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(3_000);
    expect(textOf(ok.activity)).toMatch(/Deltares/);
  });

  it('sends at most 7 messages a second to one conversation: a burst of approval requests is paced, all delivered', async () => {
    const partners = Array.from({ length: 16 }, (_, i) => `Burst Partner ${i}`);
    for (const name of partners) {
      const out = await h.t.app.parts.workflow.submit(
        { personId: 'u-anna', platform: 'teams' },
        { ...deltares, partner: { name, type: 'knowledge-institution' } },
      );
      if (!out.ok) throw new Error('submit refused');
    }
    h.t.app.parts.outboxLoop.kick();
    await eventually(() => {
      const delivered = partners.filter((p) =>
        h.fc.to(BRAM).some((c) => c.status === 201 && textOf(c.activity).includes(p)),
      );
      expect(delivered).toHaveLength(partners.length);
    }, 15_000);
    const at = h.fc.to(BRAM).map((c) => c.at);
    const mostInASecond = Math.max(...at.map((t) => at.filter((u) => u >= t && u < t + 1000).length));
    expect(mostInASecond).toBeLessThanOrEqual(7);
    expect(h.fc.to(BRAM).filter((c) => c.status !== 201)).toEqual([]);
  });

  it('a 403 is not retried: Bram is unreachable, the case goes to an alternate approver, the alliance team is told', async () => {
    h.fc.script(
      (c) => c.conversationId === BRAM,
      [{ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'not in roster' } } }],
    );
    const caseId = await submit();
    const alert = await h.fc.waitFor((c) => c.conversationId === ALLIANCE_CHANNEL, 15_000);
    expect(textOf(alert.activity)).toMatch(/niet bereikbaar/);
    const c = await h.t.app.parts.workflow.getCase(caseId);
    expect(c?.assigneeId).not.toBe('u-bram');
    expect(c?.state).toBe('open');
    const alternate = personalChat(c?.assigneeId ?? '');
    const request = await h.fc.waitFor((x) => x.conversationId === alternate && cardOf(x.activity) !== null);
    expect(textOf(request.activity)).toMatch(/Deltares/);
    actionWith(cardOf(request.activity), (k) => k?.decision === 'approve');
    const bram = await h.t.app.parts.store.db
      .selectFrom('people')
      .select('unreachable_on')
      .where('id', '=', 'u-bram')
      .executeTakeFirstOrThrow();
    expect(bram.unreachable_on).toBe('teams');
    // The outbox's mark: Bram's request is dead, so it is never tried again and the count is final.
    await eventually(async () => {
      const rows = await h.t.app.parts.store.db
        .selectFrom('outbox')
        .select(['status', 'target'])
        .where('kind', '=', 'approval_request')
        .execute();
      expect(rows.filter((r) => JSON.parse(r.target).person === 'u-bram').map((r) => r.status)).toEqual([
        'dead',
      ]);
    });
    expect(h.fc.to(BRAM).map((x) => x.status)).toEqual([403]);
  });

  it('a card update that meets 412 is tried once more; a card gone (404) is posted anew with the current state', async () => {
    const caseId = await submit();
    const request = await h.fc.waitFor((c) => c.conversationId === BRAM && c.status === 201);
    h.fc.script(
      (c) => c.method === 'PUT' && c.conversationId === BRAM,
      [
        { status: 412 },
        { status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } },
      ],
    );
    const approve = actionWith(cardOf(request.activity), (k) => k?.decision === 'approve');
    expect((await h.post(h.invoke('u-bram', request.id!, approve.verb, approve.data))).status).toBe(200);
    const anew = await h.fc.waitFor(
      (c) =>
        c.conversationId === BRAM &&
        c.method === 'POST' &&
        c.at > request.at &&
        /Goedgekeurd door Bram/.test(textOf(c.activity)),
    );
    expect(
      h.fc
        .to(BRAM)
        .filter((c) => c.method === 'PUT')
        .map((c) => c.status),
    ).toEqual([412, 404]);
    expect(await h.t.app.parts.workflow.getCase(caseId)).toMatchObject({ state: 'approved' });
    await eventually(async () => {
      const refs = await h.t.app.parts.store.db
        .selectFrom('case_messages')
        .select('ref')
        .where('case_id', '=', caseId)
        .execute();
      expect(refs.map((r) => JSON.parse(r.ref).activityId)).toEqual([anew.id]);
    });
  });
});

describe('Teams in the local demo (no app id): channels the Playground may not have', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    // Only personal chats: like a Playground started without Koers's configuration.
    h = await startTeamsHarness({ channels: false });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('posts the strategy channel summary to the channel id, and on 404 into the personal chat under "#strategiekanaal"', async () => {
    h.fc.script(
      (c) => c.conversationId === STRATEGY_CHANNEL,
      [{ status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found' } } }],
    );
    const out = await h.t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'teams' },
      { ...deltares, budget: 5_000 },
    );
    expect(out).toMatchObject({ ok: true, case: { state: 'registered' } });
    const headed = await h.fc.waitFor(
      (c) => c.conversationId.startsWith('a:personal-') && /#strategiekanaal/.test(textOf(c.activity)),
      15_000,
    );
    expect(textOf(headed.activity)).toMatch(/Deltares/);
    expect(h.fc.to(STRATEGY_CHANNEL).map((c) => c.status)).toEqual([404]);
  });
});
