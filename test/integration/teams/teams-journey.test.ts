// The Teams channel end to end against a fake Bot Connector: a check by form card that escalates,
// the approval with Action.Execute, the cards refreshed for everyone, the requester told, the
// strategy channel post; the ask-info round trip; a refused non-assignee; re-sent activities.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALLIANCE_CHANNEL,
  actionWith,
  cardOf,
  personalChat,
  STRATEGY_CHANNEL,
  startTeamsHarness,
  type TeamsHarness,
  textOf,
} from './teams-harness.js';

const ANNA = personalChat('u-anna');
const BRAM = personalChat('u-bram');

const FORM = {
  partnerName: 'TU Delft',
  partnerType: 'knowledge-institution',
  priority: 'energy-transition',
  intensity: 'project',
  budget: '20000',
  months: '6',
  direction: 'we_need',
  confidential: 'false',
};

describe('Teams: the whole journey against the fake connector', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  const db = () => h.t.app.parts.store.db;
  const annasCase = () =>
    db().selectFrom('cases').selectAll().where('requester_id', '=', 'u-anna').executeTakeFirstOrThrow();

  /** Anna types `toets` and sends the form card; returns the form card's activity id. */
  async function checkByCard(values: Record<string, string> = FORM): Promise<string> {
    expect((await h.post(h.message('u-anna', 'toets formulier'))).status).toBe(200);
    const form = await h.fc.waitFor(
      (c) =>
        c.conversationId === ANNA && JSON.stringify(cardOf(c.activity) ?? '').includes('Input.ChoiceSet'),
    );
    const submit = actionWith(cardOf(form.activity), (k) => k?.type === 'submit_check_form');
    expect(submit.type).toBe('Action.Submit');
    expect((await h.post(h.submit('u-anna', form.id!, { ...submit.data, ...values }))).status).toBe(200);
    return form.id!;
  }

  it('check by form card -> escalation -> Bram approves with Action.Execute -> cards refreshed, Anna told, strategy channel post', async () => {
    const formId = await checkByCard();
    // The form card becomes the verdict card.
    const verdict = await h.fc.waitFor(
      (c) => c.method === 'PUT' && c.conversationId === ANNA && c.activityId === formId,
    );
    expect(textOf(verdict.activity)).toMatch(/Bram Bakker/);
    expect(cardOf(verdict.activity).body[0].style).toBe('warning');
    const c = await annasCase();
    expect(c).toMatchObject({ state: 'open', assignee_id: 'u-bram', partner: 'TU Delft' });

    // Bram gets the approval card: Universal Actions, refreshed for him.
    const request = await h.fc.waitFor(
      (x) => x.method === 'POST' && x.conversationId === BRAM && cardOf(x.activity) !== null,
    );
    const card = cardOf(request.activity);
    expect(card.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'refresh' },
      userIds: ['29:u-bram'],
    });
    const approve = actionWith(card, (k) => k?.type === 'decide' && k.decision === 'approve');
    expect(approve.type).toBe('Action.Execute');

    const answer = await h.post(h.invoke('u-bram', request.id!, approve.verb, approve.data));
    expect(answer.status).toBe(200);
    const body = answer.body as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textOf({ attachments: [{ contentType: body.type, content: body.value }] })).toMatch(
      /Goedgekeurd door Bram Bakker om \d\d:\d\d/,
    );
    expect(await h.t.app.parts.workflow.getCase(Number(c.id))).toMatchObject({ state: 'approved' });

    // Every card about the case is updated in place; the requester and the strategy channel hear.
    const refreshed = await h.fc.waitFor(
      (x) => x.method === 'PUT' && x.conversationId === BRAM && x.activityId === request.id,
    );
    expect(textOf(refreshed.activity)).toMatch(/Goedgekeurd door Bram Bakker/);
    expect(JSON.stringify(cardOf(refreshed.activity))).not.toContain('"verb":"koers"');
    const told = await h.fc.waitFor(
      (x) => x.method === 'POST' && x.conversationId === ANNA && /goedgekeurd/i.test(textOf(x.activity)),
    );
    expect(textOf(told.activity)).toMatch(/TU Delft/);
    const channel = await h.fc.waitFor((x) => x.conversationId === STRATEGY_CHANNEL);
    expect(textOf(channel.activity)).toMatch(/TU Delft/);
    expect(textOf(channel.activity)).toMatch(/Bram Bakker/);
    expect(h.fc.to(ALLIANCE_CHANNEL)).toEqual([]);
  });

  it('a check form with mistakes comes back with the message on each field, in place', async () => {
    const formId = await checkByCard({ ...FORM, budget: 'veel', priority: '' });
    const again = await h.fc.waitFor((c) => c.method === 'PUT' && c.activityId === formId);
    const text = textOf(again.activity);
    expect(text).toMatch(/Vul dit in/);
    expect(JSON.stringify(cardOf(again.activity))).toContain('"color":"Attention"');
    expect(await db().selectFrom('cases').selectAll().execute()).toEqual([]);
  });

  it('ask-info round trip: Bram asks, Anna answers through the card form, the case is back with Bram', async () => {
    await checkByCard();
    const c = await annasCase();
    const request = await h.fc.waitFor(
      (x) => x.method === 'POST' && x.conversationId === BRAM && cardOf(x.activity) !== null,
    );
    const ask = actionWith(cardOf(request.activity), (k) => k?.decision === 'ask_info');

    // Without a question the card turns into the question form (for Bram only).
    const form = await h.post(h.invoke('u-bram', request.id!, ask.verb, ask.data));
    const formCard = (form.body as { value: unknown }).value;
    expect(JSON.stringify(formCard)).toContain('"id":"question"');
    const send = actionWith(formCard, (k) => k?.decision === 'ask_info');
    const asked = await h.post(
      h.invoke('u-bram', request.id!, send.verb, { ...send.data, question: 'Wat is het budget per jaar?' }),
    );
    expect(asked.status).toBe(200);
    expect(await h.t.app.parts.workflow.getCase(Number(c.id))).toMatchObject({ state: 'info_requested' });

    const question = await h.fc.waitFor(
      (x) =>
        x.conversationId === ANNA &&
        /Wat is het budget per jaar/.test(textOf(x.activity)) &&
        cardOf(x.activity) !== null,
    );
    const answer = actionWith(cardOf(question.activity), (k) => k?.type === 'answer_info');
    await h.post(h.submit('u-anna', question.id!, answer.data));
    const answerForm = await h.fc.waitFor(
      (x) => x.conversationId === ANNA && JSON.stringify(cardOf(x.activity) ?? '').includes('"id":"answer"'),
    );
    const sendAnswer = actionWith(cardOf(answerForm.activity), (k) => k?.type === 'answer_info');
    await h.post(h.submit('u-anna', answerForm.id!, { ...sendAnswer.data, answer: '10.000 euro per jaar' }));
    await h.fc.waitFor(
      (x) => x.conversationId === ANNA && /antwoord is doorgestuurd/.test(textOf(x.activity)),
    );
    expect(await h.t.app.parts.workflow.getCase(Number(c.id))).toMatchObject({
      state: 'open',
      assigneeId: 'u-bram',
    });
    // Bram's card shows the answer.
    await h.fc.waitFor((x) => x.conversationId === BRAM && /10\.000 euro per jaar/.test(textOf(x.activity)));
  });

  it('a click by someone who may not decide is answered with the current card, never an error', async () => {
    await checkByCard();
    const c = await annasCase();
    const request = await h.fc.waitFor(
      (x) => x.method === 'POST' && x.conversationId === BRAM && cardOf(x.activity) !== null,
    );
    const approve = actionWith(cardOf(request.activity), (k) => k?.decision === 'approve');
    // Ilse is a team lead too, but not on this case; Anna is the requester.
    for (const who of ['u-ilse', 'u-anna']) {
      const answer = await h.post(h.invoke(who, request.id!, approve.verb, approve.data));
      expect(answer.status).toBe(200);
      const body = answer.body as { statusCode: number; value: unknown };
      expect(body.statusCode).toBe(200);
      const shown = textOf({
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: body.value }],
      });
      expect(shown).toMatch(/Wacht op een besluit van Bram Bakker|ligt niet bij u|eigen voorstel/);
      expect(JSON.stringify(body.value)).not.toContain('"verb":"koers"');
    }
    expect(await h.t.app.parts.workflow.getCase(Number(c.id))).toMatchObject({
      state: 'open',
      assigneeId: 'u-bram',
    });
    const refusals = await db()
      .selectFrom('decisions')
      .selectAll()
      .where('case_id', '=', Number(c.id))
      .execute();
    expect(refusals).toEqual([]);
  });

  it('a re-sent activity and a double click produce one case', async () => {
    expect((await h.post(h.message('u-anna', 'toets formulier'))).status).toBe(200);
    const form = await h.fc.waitFor(
      (c) =>
        c.conversationId === ANNA && JSON.stringify(cardOf(c.activity) ?? '').includes('Input.ChoiceSet'),
    );
    const submit = actionWith(cardOf(form.activity), (k) => k?.type === 'submit_check_form');
    const activity = h.submit('u-anna', form.id!, { ...submit.data, ...FORM });
    const before = h.fc.calls.length;
    // Teams re-sends the same activity (same id) when it got no answer in time…
    const [a, b] = await Promise.all([h.post(activity), h.post(activity)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // …and a double click sends the same card data twice with new ids.
    expect((await h.post(h.submit('u-anna', form.id!, { ...submit.data, ...FORM }))).status).toBe(200);
    expect(await db().selectFrom('cases').selectAll().execute()).toHaveLength(1);
    await h.fc.waitFor((c) => c.method === 'PUT' && c.activityId === form.id);
    expect(h.fc.calls.slice(before).filter((c) => c.conversationId === ANNA)).toHaveLength(1);

    // A typed message re-sent: one answer (the first question, and nothing else).
    const typed = h.message('u-anna', 'toets');
    const n = h.fc.to(ANNA).length;
    await h.post(typed);
    await h.post(typed);
    expect(h.fc.to(ANNA).length).toBe(n + 1);
    expect(JSON.stringify(cardOf(h.fc.to(ANNA).at(-1)?.activity) ?? '')).not.toContain('Input.ChoiceSet');
    // Words that only read (status) change nothing: a re-sent one is simply answered again.
    const status = h.message('u-anna', 'status');
    await h.post(status);
    await h.post(status);
    expect(h.fc.to(ANNA).length).toBe(n + 3);
  });

  it('answers the same words typed step by step', async () => {
    const say = async (text: string) => {
      const n = h.fc.to(ANNA).length;
      expect((await h.post(h.message('u-anna', text))).status).toBe(200);
      return h.fc
        .to(ANNA)
        .slice(n)
        .map((c) => textOf(c.activity))
        .join('\n');
    };
    await say('mag ik met TU Delft een project over energie starten?');
    await say('1');
    await say('20000');
    await say('6');
    await say('1');
    await say('nee');
    expect(await say('ja')).toMatch(/Bram Bakker/);
    expect(await annasCase()).toMatchObject({ state: 'open', assignee_id: 'u-bram' });
  });
});
