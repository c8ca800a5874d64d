// Signed bodies of the wrong shape: each is answered at once, without a body (400, or 200 where
// Slack only wants an acknowledgement), nothing is recorded, and the server keeps serving. Bolt
// alone crashes on a `null` body, answers 500 to a click without a user, and holds what it cannot
// route for 3 s before a 404. The signatures are real; only the shapes are wrong.
import { stringify } from 'node:querystring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { blockActions, dmMessage, slashCommand, viewSubmission } from '../../support/slack-sender.js';
import { rowCounts } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

interface Case {
  name: string;
  body: string;
  type: string;
  status: number;
}
const c = (name: string, body: string, type: string, status: number): Case => ({ name, body, type, status });

describe('signed Slack bodies of the wrong shape', () => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  beforeAll(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake });
  });
  afterAll(async () => {
    await t.drop();
    await fake.close();
  });

  const form = (payload: unknown) => stringify({ payload: JSON.stringify(payload) });
  const click = () =>
    blockActions(
      'U_u-anna',
      { action_id: 'a1', value: '{"type":"start_check"}' },
      { channel: 'DU_u-anna', messageTs: '1.1' },
    );
  const submit = () => viewSubmission('U_u-anna', { private_metadata: '{"a":"{}"}' }, {});
  const withoutUser = () => {
    const { user: _user, ...rest } = click();
    return rest;
  };

  const cases: Case[] = [
    c('a JSON null', 'null', JSON_TYPE, 400),
    c('a form payload of null', stringify({ payload: 'null' }), FORM, 400),
    c('a JSON array', '[]', JSON_TYPE, 400),
    c('a JSON number', '1', JSON_TYPE, 400),
    c('a JSON string', '"event_callback"', JSON_TYPE, 400),
    c('not JSON at all', '{"type":', JSON_TYPE, 400),
    c(
      'an event_callback without an event',
      JSON.stringify({ type: 'event_callback', event_id: 'Ev1' }),
      JSON_TYPE,
      400,
    ),
    c(
      'an event_callback whose event is null',
      JSON.stringify({ type: 'event_callback', event: null }),
      JSON_TYPE,
      400,
    ),
    c(
      'an event whose user is null',
      JSON.stringify({ type: 'event_callback', event: { ...dmMessage('U_u-anna', 'hi'), user: null } }),
      JSON_TYPE,
      400,
    ),
    c('an envelope of an unknown type', JSON.stringify({ type: 'something_else' }), JSON_TYPE, 400),
    c('block_actions without a user', form(withoutUser()), FORM, 400),
    c('block_actions with no actions', form({ ...click(), actions: [] }), FORM, 400),
    c('block_actions with a null channel', form({ ...click(), channel: null }), FORM, 400),
    c('view_submission with view: null', form({ ...submit(), view: null }), FORM, 400),
    c(
      'view_submission of a modal Koers never opens',
      form({ ...submit(), view: { id: 'V1', callback_id: 'other' } }),
      FORM,
      400,
    ),
    c(
      'a payload of an unknown type',
      form({ type: 'shortcut', user: { id: 'U1' }, callback_id: 'x' }),
      FORM,
      400,
    ),
    c(
      'a block_actions payload that also carries an event',
      form({ ...click(), event: { type: 'message' } }),
      FORM,
      400,
    ),
    c(
      'a slash command that is not /koers',
      stringify({ ...slashCommand('U_u-anna', 'help', 'http://x'), command: '/other' }),
      FORM,
      400,
    ),
    c('a slash command without a user', stringify({ command: '/koers', trigger_id: 't1' }), FORM, 400),
    c('a form body that is neither', stringify({ hello: 'world' }), FORM, 400),
    c(
      'app_rate_limited (acknowledged)',
      JSON.stringify({ type: 'app_rate_limited', minute_rate_limited: 1 }),
      JSON_TYPE,
      200,
    ),
    c('view_closed (acknowledged)', form({ ...submit(), type: 'view_closed' }), FORM, 200),
  ];

  it.each(cases)(
    '$name gets $status without a body, at once, and records nothing',
    async ({ body, type, status }) => {
      const db = t.app.parts.store.db;
      const before = await rowCounts(db);
      const callsBefore = fake.calls.length;
      // Bolt would hold an unroutable body for 3 s and then answer 404: the status tells them apart.
      const r = await t.slack.post(body, type);
      expect(r.status).toBe(status);
      expect(r.body).toBe('');
      // Answered before Bolt saw it: nothing can still be running for it.
      expect(await rowCounts(db)).toEqual(before);
      expect(fake.calls.slice(callsBefore)).toEqual([]);
    },
  );

  it('keeps serving: a well-formed request after all of them is answered', async () => {
    const r = await t.slack.post(
      JSON.stringify({ type: 'url_verification', challenge: 'still-here' }),
      JSON_TYPE,
    );
    expect(r).toMatchObject({ status: 200, body: JSON.stringify({ challenge: 'still-here' }) });
    const callsBefore = fake.calls.length;
    expect((await t.slack.event(dmMessage('U_u-anna', 'help'))).status).toBe(200);
    await fake.waitFor((calls) => calls.slice(callsBefore).some((c) => c.method === 'chat.postMessage'));
  });

  it('still refuses a malformed body that is not signed with 401, not 400', async () => {
    const r = await t.slack.post('null', JSON_TYPE, { secret: 'not-the-signing-secret' });
    expect(r).toMatchObject({ status: 401, body: '' });
  });
});
