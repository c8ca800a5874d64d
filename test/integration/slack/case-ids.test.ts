// Case ids from a click are taken only as written by Koers: decimal digits without a sign, a
// leading zero, spaces or an exponent. "3e0", "0x3" and " 3" were all case 3 to Number(), and on
// PostgreSQL "abc" or 1e30 ended in a database error with no reply and no audit row. Each is now a
// refusal the clicker is told about, recorded as a refused decision; the case is untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmOf, type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { escalatedCase } from '../../support/proposals.js';
import { blockActions } from '../../support/slack-sender.js';
import { BACKENDS } from '../../support/test-stores.js';
import { decisionButton, outboxPosts, posts, textOf } from './slack-helpers.js';
import { type SlackTestApp, startSlackApp } from './slack-test-app.js';

const BRAM = 'U_u-bram';

describe.each(BACKENDS)('case ids in clicks (%s)', (backend) => {
  let fake: FakeSlack;
  let t: SlackTestApp;
  let caseId: number;
  let approve: ReturnType<typeof decisionButton>;
  let ts: string;
  beforeAll(async () => {
    fake = await startFakeSlack();
    t = await startSlackApp({ fake, backend });
    const opened = await escalatedCase(t.app.parts.workflow);
    caseId = opened.id;
    t.app.parts.outboxLoop.kick();
    await fake.waitFor(() => outboxPosts(fake, dmOf(BRAM)).length > 0);
    const request = outboxPosts(fake, dmOf(BRAM))[0];
    approve = decisionButton(request, 'approve');
    ts = fake.messages(dmOf(BRAM))[0]?.ts ?? '';
  });
  afterAll(async () => {
    await t.drop();
    await fake.close();
  });

  /** Bram clicks approve with the case id replaced; resolves with what he is told. */
  async function clickWith(id: string): Promise<string> {
    const dm = dmOf(BRAM);
    const before = posts(fake, dm).length;
    const value = JSON.stringify({ ...approve.action, caseId: id });
    const r = await t.slack.interaction(
      blockActions(BRAM, { action_id: approve.action_id, value }, { channel: dm, messageTs: ts }),
    );
    expect(r.status).toBe(200);
    await fake.waitFor(() => posts(fake, dm).length > before);
    return textOf(posts(fake, dm).at(-1));
  }

  const refusedAudit = async () =>
    (
      await t.app.parts.store.db
        .selectFrom('audit_log')
        .select(['actor_id', 'case_id', 'data'])
        .where('action', '=', 'decision_refused')
        .orderBy('seq')
        .execute()
    ).map((r) => ({ actor: r.actor_id, caseId: r.case_id, data: JSON.parse(r.data) }));

  const state = async () =>
    (
      await t.app.parts.store.db
        .selectFrom('cases')
        .select(['state', 'version'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).state;

  it.each([
    ['with an exponent (3e0)', (id: number) => `${id}e0`],
    ['in hexadecimal (0x3)', (id: number) => `0x${id.toString(16)}`],
    ['after a space', (id: number) => ` ${id}`],
    ['with a leading zero', (id: number) => `0${id}`],
    ['as letters', () => 'abc'],
    ['as 1e30', () => '1e30'],
  ] as const)(
    'refuses a case id written %s, says so, records it, and decides nothing',
    async (_how, write) => {
      const id = write(caseId);
      const before = (await refusedAudit()).length;
      expect(await clickWith(id)).toContain('Dat is geen geldig zaaknummer; er is niets gedaan.');
      const audit = await refusedAudit();
      expect(audit.slice(before)).toEqual([
        {
          actor: 'u-bram',
          caseId: null,
          data: { attempted: 'decide', step: null, version: null, refusal: 'invalid_case_id' },
        },
      ]);
      expect(await state()).toBe('open');
    },
  );

  it('refuses a well-formed id no case has, beyond what the store holds, as not found', async () => {
    const before = (await refusedAudit()).length;
    expect(await clickWith('999999999999')).toContain('Die zaak bestaat niet (meer).');
    expect((await refusedAudit()).slice(before)).toEqual([
      {
        actor: 'u-bram',
        caseId: null,
        data: expect.objectContaining({ attempted: 'approve', refusal: 'not_found', caseId: 999999999999 }),
      },
    ]);
    expect(await state()).toBe('open');
  });

  it('still decides with the id as Koers wrote it (the control)', async () => {
    expect(await clickWith(String(caseId))).toContain('Goedgekeurd');
    expect(await state()).toBe('approved');
  });
});
