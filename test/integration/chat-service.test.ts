// The channel-neutral chat: a person completes a guided check by typing, it escalates, and the
// manager decides from the button; refusals come back as words and the current case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionPayload } from '../../src/conversation/index.js';
import { type ChatFixture, chatFixture, viewText } from '../support/chat-fixture.js';
import { ANNA, proposal } from '../support/proposals.js';

const anna = { platform: 'slack' as const, userId: 'U_u-anna' };
const bram = { platform: 'slack' as const, userId: 'U_u-bram' };

function decideButton(
  views: { blocks: Array<{ type: string; buttons?: Array<{ action: ActionPayload }> }> }[],
  decision: string,
): ActionPayload {
  for (const v of views)
    for (const b of v.blocks)
      for (const btn of b.buttons ?? [])
        if (btn.action.type === 'decide' && btn.action.decision === decision) return btn.action;
  throw new Error(`no ${decision} button`);
}

describe('chat service', () => {
  let f: ChatFixture;
  beforeEach(async () => {
    f = await chatFixture('sqlite');
  });
  afterEach(async () => {
    await f.drop();
  });

  it('guides a check typed in Dutch to an escalation, and the team lead approves from the button', async () => {
    // Carla already works with TU Delft (registered within her own mandate).
    const carla = await f.wf.submit(
      { personId: 'u-carla', platform: 'slack' },
      {
        partner: { name: 'TU Delft', type: 'knowledge-institution' },
        priority: 'energy-transition',
        intensity: 'programme',
        budget: 100_000,
        months: 24,
        direction: 'shared',
        requester: { id: 'u-carla', role: 'manager' },
      },
    );
    expect(carla).toMatchObject({ ok: true, case: { state: 'registered' } });
    const say = async (text: string) =>
      (await f.chat.handle(anna, { kind: 'text', text })).views.map(viewText).join('\n---\n');
    const first = await say('mag ik met TU Delft een project over energie starten?');
    expect(first).toMatch(/Carla Jansen/); // the existing relationship, shown as soon as the partner is known
    expect(first).toMatch(/Kennisinstelling/);
    await say('1'); // knowledge institution
    await say('20000');
    await say('6');
    await say('1'); // we need them
    await say('nee'); // not confidential
    const verdict = await say('ja');
    expect(verdict).toMatch(/Bram Bakker/);
    expect(verdict).toMatch(/€\u00a020\.000/);

    const c = await f.ts.store.db
      .selectFrom('cases')
      .selectAll()
      .where('requester_id', '=', 'u-anna')
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      state: 'open',
      assignee_id: 'u-bram',
      partner: 'TU Delft',
      budget: 20000,
      months: 6,
    });

    const status = await f.chat.handle(bram, { kind: 'text', text: 'status' });
    expect(viewText(status.views[0])).toMatch(/TU Delft/);
    const shown = await f.chat.handle(bram, {
      kind: 'action',
      action: { type: 'show_case', caseId: String(c.id) },
    });
    const approve = decideButton(shown.views as never, 'approve');
    const decided = await f.chat.handle(bram, { kind: 'action', action: approve });
    expect(viewText(decided.views[0])).toMatch(/Goedgekeurd/);
    expect(viewText(decided.replace)).toMatch(/Bram Bakker/);
    expect(await f.wf.getCase(Number(c.id))).toMatchObject({ state: 'approved' });

    const again = await f.chat.handle(bram, { kind: 'action', action: approve });
    expect(viewText(again.views[0])).toMatch(/al beslist|verouderd/);

    const own = await f.chat.handle(anna, { kind: 'action', action: approve });
    expect(viewText(own.views[0])).toMatch(/al beslist|verouderd|eigen/);
  });

  it('drops a repeated event key', async () => {
    const a = await f.chat.handle(anna, { kind: 'text', text: 'help' }, { dedupeKey: 'slack:Ev1' });
    expect(a.views).toHaveLength(1);
    const b = await f.chat.handle(anna, { kind: 'text', text: 'help' }, { dedupeKey: 'slack:Ev1' });
    expect(b).toMatchObject({ duplicate: true, views: [] });
  });

  it('asks for a reason before a rejection and takes the typed reason as the decision', async () => {
    const out = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'Deltares', type: 'knowledge-institution' },
        priority: 'climate-water',
        budget: 30_000,
        direction: 'shared',
      }),
    );
    if (!out.ok) throw new Error();
    const reject: ActionPayload = {
      type: 'decide',
      caseId: String(out.case.id),
      step: 0,
      version: 1,
      decision: 'reject',
    };
    const first = await f.chat.handle(bram, { kind: 'action', action: reject });
    expect(first.form?.blocks.some((b) => b.type === 'form')).toBe(true);
    expect(await f.wf.getCase(out.case.id)).toMatchObject({ state: 'open' });
    const typed = await f.chat.handle(bram, { kind: 'text', text: 'Dubbel met het programma van Carla' });
    expect(viewText(typed.views[0])).toMatch(/Afgewezen/);
    expect(await f.wf.getCase(out.case.id)).toMatchObject({ state: 'rejected' });
  });

  it('refuses a rejection of a decided case at once, without asking for a reason first', async () => {
    const out = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'TNO', type: 'knowledge-institution' },
        priority: 'climate-water',
        budget: 30_000,
        direction: 'shared',
      }),
    );
    if (!out.ok) throw new Error();
    const card = { type: 'decide' as const, caseId: String(out.case.id), step: 0, version: 1 };
    await f.chat.handle(bram, { kind: 'action', action: { ...card, decision: 'approve' } });
    expect(await f.wf.getCase(out.case.id)).toMatchObject({ state: 'approved' });

    const late = await f.chat.handle(bram, { kind: 'action', action: { ...card, decision: 'reject' } });
    expect(late.form).toBeUndefined();
    expect(viewText(late.views[0])).toBe('Over deze zaak is al beslist.');
    // Nor does the next message count as a reason for it.
    const typed = await f.chat.handle(bram, { kind: 'text', text: 'Toch niet' });
    expect(typed.views.map(viewText).join('\n')).not.toMatch(/Afgewezen/);
    expect(await f.wf.getCase(out.case.id)).toMatchObject({ state: 'approved' });
  });

  it('refuses the requester a rejection of their own case without asking for a reason', async () => {
    const out = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'KNMI', type: 'knowledge-institution' },
        priority: 'climate-water',
        budget: 30_000,
        direction: 'shared',
      }),
    );
    if (!out.ok) throw new Error();
    const own = await f.chat.handle(anna, {
      kind: 'action',
      action: { type: 'decide', caseId: String(out.case.id), step: 0, version: 1, decision: 'reject' },
    });
    expect(own.form).toBeUndefined();
    expect(viewText(own.views[0])).toBe('U kunt niet beslissen over uw eigen voorstel.');
  });

  it('refuses demo as outside the local demo', async () => {
    const r = await f.chat.handle(anna, { kind: 'text', text: 'demo als Bram' });
    expect(viewText(r.views[0])).toMatch(/alleen in de lokale demo/);
  });

  it('answers the portfolio word with the register against the priorities', async () => {
    const f2 = await chatFixture('sqlite');
    try {
      const chat = (await import('../../src/application/chat-service.js')).createChatService({
        db: f2.ts.store.handle,
        workflow: f2.wf,
        strategy: () => f2.strategy,
        clock: f2.clock.now,
        logger: (await import('pino')).default({ level: 'silent' }),
        demo: false,
        portfolioView: async (locale) => ({
          kind: 'portfolio' as const,
          title: 'p',
          blocks: [],
          fallbackText: `portfolio in ${locale}`,
        }),
      });
      // The first message ever also gets the welcome, in the same view: the answer follows it.
      const r = await chat.handle(anna, { kind: 'text', text: 'portfolio' });
      expect(viewText(r.views.find((v) => v.kind === 'portfolio'))).toBe('portfolio in nl');
    } finally {
      await f2.drop();
    }
  });

  it('stores an owner’s review from the review form, once, and refuses anyone else', async () => {
    const out = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'Energie Samen', type: 'network' },
        intensity: 'exchange',
        budget: 0,
        direction: 'shared',
      }),
    );
    if (!out.ok) throw new Error();
    const rel = await f.ts.store.db
      .selectFrom('relationships')
      .selectAll()
      .where('case_id', '=', out.case.id)
      .executeTakeFirstOrThrow();
    const action = {
      type: 'submit_review' as const,
      relationshipId: String(rel.id),
      dueDate: rel.review_due ?? '',
    };
    const values = {
      review_outcome: 'end',
      review_delivered: 'Twee bijeenkomsten, weinig resultaat',
      review_rating: '2',
    };
    // A button of the day's review list (no values yet) opens the form, for the owner only.
    const opened = await f.chat.handle(anna, { kind: 'action', action });
    expect(opened.form?.title).toBe('Tijd voor een evaluatie');
    expect((await f.chat.handle(bram, { kind: 'action', action })).form).toBeUndefined();
    const other = await f.chat.handle(bram, { kind: 'action', action, values });
    expect(viewText(other.views[0])).toMatch(/Alleen de eigenaar/);
    const r = await f.chat.handle(anna, { kind: 'action', action, values });
    expect(viewText(r.views[0])).toMatch(/beëindigd/);
    const after = await f.ts.store.db
      .selectFrom('relationships')
      .select(['status'])
      .where('id', '=', rel.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('ended');
    const again = await f.chat.handle(anna, { kind: 'action', action, values });
    expect(viewText(again.views[0])).toMatch(/al beëindigd|al ingevuld/);
  });

  it('does not show a case to someone who only knows its id', async () => {
    const out = await f.wf.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: 'Geheime Partner B.V.', type: 'knowledge-institution' },
        budget: 30_000,
        direction: 'shared',
        confidential: true,
      }),
    );
    if (!out.ok) throw new Error();
    const show = { type: 'show_case' as const, caseId: String(out.case.id) };
    const stranger = await f.chat.handle(
      { platform: 'slack', userId: 'U_u-joost' },
      { kind: 'action', action: show },
    );
    expect(viewText(stranger.views[0])).not.toMatch(/Geheime/);
    expect(stranger.replace).toBeUndefined();
    const click = await f.chat.handle(
      { platform: 'slack', userId: 'U_u-joost' },
      {
        kind: 'action',
        action: { type: 'decide', caseId: String(out.case.id), step: 0, version: 1, decision: 'approve' },
      },
    );
    expect(click.replace).toBeUndefined();
    expect(JSON.stringify(click.views)).not.toMatch(/Geheime/);
    const assignee = await f.chat.handle(bram, { kind: 'action', action: show });
    expect(viewText(assignee.views[0])).toMatch(/Geheime Partner/);
  });
});
