// O1–O5: what Koers sends, when the platforms push back. Slack: a 429 with Retry-After is waited
// out and the message posted once, a channel gets at most one post a second (O1); a post Slack
// accepted before the connection broke, or a 5xx, is retried without a second post (O2); a
// strategy channel that is gone is tried once and the summary kept (O5). Teams: 429/412/502/504
// retried until delivered, 403/404 never retried and the person marked unreachable, at most 7
// sends a second to a conversation (O3); a card update that fails falls back to a new post with
// the current state (O4).
import { startSlackApp } from '../test/integration/slack/slack-test-app.js';
import {
  actionWith,
  cardOf,
  personalChat,
  startTeamsHarness,
  textOf,
} from '../test/integration/teams/teams-harness.js';
import { dmOf, type FakeCall, startFakeSlack } from '../test/support/fake-slack.js';
import { ANNA, proposal } from '../test/support/proposals.js';
import { type Campaign, type RowGroup, type RowResult, row, until } from './campaign.js';

const BRAM_DM = dmOf('U_u-bram');
const STRATEGY = 'C0STRATEGY';
let serial = 0;
const partnerName = (tag: string) => `${tag} Outbound ${++serial} ${Date.now().toString(36)}`;
const mentions = (call: FakeCall, partner: string) => JSON.stringify(call.args).includes(partner);

async function slackRows(c: Campaign): Promise<RowResult[]> {
  const fake = await startFakeSlack();
  const t = await startSlackApp({ fake });
  c.captured.logs.push(t.logs);
  const out: RowResult[] = [];
  const submit = async (partner: string, escalate: boolean) => {
    const r = await t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: escalate ? 20_000 : 5_000,
      }),
    );
    if (!r.ok) throw new Error('submit refused');
    t.app.parts.outboxLoop.kick();
    return r.case;
  };
  const postCalls = (channel: string, partner: string) =>
    fake.calls.filter(
      (x) => x.method === 'chat.postMessage' && x.args.channel === channel && mentions(x, partner),
    );
  try {
    // How each trial's first post is answered.
    const first = new Map<
      string,
      | { kind: 'rate_limited'; retryAfterS: number }
      | { kind: 'accept_then_reset' }
      | { kind: 'http'; status: number }
      | { kind: 'error'; error: string }
    >();
    fake.script('chat.postMessage', ({ args }) => {
      for (const [partner, answer] of first)
        if (JSON.stringify(args).includes(partner)) {
          first.delete(partner);
          return answer;
        }
      return undefined;
    });
    if (c.wants('O1')) {
      const trials = c.n(2, 10);
      const partners = Array.from({ length: trials }, () => partnerName('O1'));
      for (const p of partners) first.set(p, { kind: 'rate_limited', retryAfterS: 2 });
      for (const p of partners) await submit(p, true);
      const burst = Array.from({ length: c.n(4, 10) }, () => partnerName('O1burst'));
      for (const p of burst) await submit(p, false);
      await until(
        () =>
          partners.every((p) => postCalls(BRAM_DM, p).some((x) => x.outcome === 'ok')) &&
          burst.every((p) => postCalls(STRATEGY, p).some((x) => x.outcome === 'ok')),
        20_000 + trials * 3_000,
      );
      let early = 0;
      let undelivered = 0;
      let dups = 0;
      for (const p of partners) {
        const calls = postCalls(BRAM_DM, p);
        const limited = calls.find((x) => x.outcome === '429');
        const ok = calls.filter((x) => x.outcome === 'ok');
        if (ok.length === 0) undelivered++;
        if (ok.length > 1) dups += ok.length - 1;
        // No call to that channel before Retry-After ran out.
        if (
          limited &&
          fake.calls.some(
            (x) =>
              x.method === 'chat.postMessage' &&
              x.args.channel === BRAM_DM &&
              x.at > limited.at &&
              x.at < limited.at + 2_000,
          )
        )
          early++;
      }
      const channelPosts = (ch: string) =>
        fake.calls
          .filter((x) => x.method === 'chat.postMessage' && x.args.channel === ch && x.outcome === 'ok')
          .map((x) => x.at);
      let tooClose = 0;
      for (const ch of [BRAM_DM, STRATEGY]) {
        const at = channelPosts(ch);
        for (let i = 1; i < at.length; i++) if ((at[i] ?? 0) - (at[i - 1] ?? 0) < 1_000) tooClose++;
      }
      const burstDelivered = burst.filter((p) =>
        postCalls(STRATEGY, p).some((x) => x.outcome === 'ok'),
      ).length;
      out.push(
        row(
          'O1',
          `${trials} posts answered 429 (Retry-After 2 s) first, and a burst of ${burst.length} to one channel`,
          `${early} calls before Retry-After ended, ${undelivered} undelivered, ${dups} posted twice; ${tooClose} posts less than 1 s after the previous one in their channel; burst ${burstDelivered}/${burst.length} delivered`,
          '0 early calls; 100 % delivered; 0 duplicates; ≤ 1 post/s per channel',
          early === 0 && undelivered === 0 && dups === 0 && tooClose === 0 && burstDelivered === burst.length,
        ),
      );
    }
    if (c.wants('O2')) {
      const trials = c.n(3, 12);
      const kinds = [
        { kind: 'accept_then_reset' as const },
        { kind: 'http' as const, status: 500 },
        { kind: 'http' as const, status: 502 },
      ];
      const partners = Array.from({ length: trials }, () => partnerName('O2'));
      partners.forEach((p, i) => {
        first.set(p, kinds[i % kinds.length] as { kind: 'accept_then_reset' });
      });
      for (const p of partners) await submit(p, true);
      const delivered = (p: string) =>
        fake.messages(BRAM_DM).filter((m) => JSON.stringify(m.blocks).includes(p)).length;
      await until(() => partners.every((p) => delivered(p) >= 1), 30_000 + trials * 3_000);
      await until(async () => {
        const rows = await t.app.parts.store.db
          .selectFrom('outbox')
          .select('status')
          .where('kind', '=', 'approval_request')
          .execute();
        return rows.every((r) => r.status === 'sent');
      }, 20_000);
      const lost = partners.filter((p) => delivered(p) === 0).length;
      const dups = partners.reduce((a, p) => a + Math.max(0, delivered(p) - 1), 0);
      out.push(
        row(
          'O2',
          `${trials} posts whose first try met a reset after Slack accepted it, a 500 or a 502`,
          `${lost} lost, ${dups} second messages in the channel (a reset post is found by its metadata before a re-post)`,
          '0 lost; 0 duplicates (Slack can be asked, so none is allowed)',
          lost === 0 && dups === 0,
        ),
      );
    }
    if (c.wants('O5')) {
      const errors = ['not_in_channel', 'channel_not_found', 'is_archived'];
      const trials = c.n(3, 9);
      const partners = Array.from({ length: trials }, () => partnerName('O5'));
      partners.forEach((p, i) => {
        first.set(p, { kind: 'error', error: errors[i % errors.length] as string });
      });
      const ids: number[] = [];
      for (const p of partners) ids.push((await submit(p, false)).id);
      const rows = () =>
        t.app.parts.store.db
          .selectFrom('outbox')
          .select(['status', 'last_error', 'case_id'])
          .where('kind', '=', 'strategy_summary')
          .where('case_id', 'in', ids)
          .execute();
      await until(async () => (await rows()).every((r) => r.status === 'dead'), 20_000);
      await until(() => false, 2_000);
      const kept = (await rows()).filter(
        (r) => r.status === 'dead' && errors.includes(String(r.last_error)),
      ).length;
      const tries = partners.map((p) => postCalls(STRATEGY, p).length);
      const retries = tries.reduce((a, n) => a + Math.max(0, n - 1), 0);
      out.push(
        row(
          'O5',
          `${trials} summaries to a strategy channel that answers ${errors.join(' / ')}`,
          `${retries} retries; ${kept}/${trials} summaries kept in the store (dead, with the error, for an operator)`,
          '0 retries; 0 lost summaries',
          retries === 0 && kept === trials,
        ),
      );
    }
  } finally {
    await t.drop();
    await fake.close();
  }
  return out;
}

async function teamsRows(c: Campaign): Promise<RowResult[]> {
  const out: RowResult[] = [];
  const h = await startTeamsHarness();
  const BRAM = personalChat('u-bram');
  try {
    const submit = async (partner: string) => {
      const r = await h.t.app.parts.workflow.submit(
        { personId: 'u-anna', platform: 'teams' },
        proposal({
          requester: ANNA,
          partner: { name: partner, type: 'knowledge-institution' },
          budget: 20_000,
        }),
      );
      if (!r.ok) throw new Error('submit refused');
      h.t.app.parts.outboxLoop.kick();
      return r.case;
    };
    const callsFor = (partner: string) =>
      h.fc.calls.filter((x) => JSON.stringify(x.activity ?? '').includes(partner));
    if (c.wants('O3')) {
      const transient = [429, 412, 502, 504];
      const trials = c.n(4, 16);
      const partners = Array.from({ length: trials }, () => partnerName('O3'));
      partners.forEach((p, i) => {
        const status = transient[i % transient.length] as number;
        h.fc.script(
          (x) =>
            x.method === 'POST' && x.conversationId === BRAM && JSON.stringify(x.activity ?? '').includes(p),
          [{ status, ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}) }],
        );
      });
      for (const p of partners) await submit(p);
      await until(
        () => partners.every((p) => callsFor(p).some((x) => x.status === 201)),
        30_000 + trials * 2_000,
      );
      const undelivered = partners.filter((p) => !callsFor(p).some((x) => x.status === 201)).length;
      const dups = partners.reduce(
        (a, p) => a + Math.max(0, callsFor(p).filter((x) => x.status === 201).length - 1),
        0,
      );
      // Permanent refusals: a 403 or 404 for one person's chat; each tried once.
      const permanent = c.n(2, 6);
      let retried = 0;
      let notMarked = 0;
      for (let i = 0; i < permanent; i++) {
        const status = i % 2 === 0 ? 403 : 404;
        const who = i % 2 === 0 ? 'u-bram' : 'u-bram';
        const conv = personalChat(who);
        await h.t.app.parts.store.db.updateTable('people').set({ unreachable_on: null }).execute();
        const p = partnerName('O3perm');
        h.fc.script(
          (x) => x.conversationId === conv && JSON.stringify(x.activity ?? '').includes(p),
          [
            {
              status,
              body: {
                error: {
                  code: status === 403 ? 'BotNotInConversationRoster' : 'ConversationNotFound',
                  message: 'scripted',
                },
              },
            },
          ],
        );
        const k = await submit(p);
        await until(async () => {
          const rows = await h.t.app.parts.store.db
            .selectFrom('outbox')
            .select(['status', 'target'])
            .where('case_id', '=', k.id)
            .where('kind', '=', 'approval_request')
            .execute();
          return rows.some((r) => JSON.parse(r.target).person === who && r.status === 'dead');
        }, 15_000);
        await until(() => false, 500);
        const tries = h.fc.calls.filter(
          (x) =>
            x.conversationId === conv && JSON.stringify(x.activity ?? '').includes(p) && x.status === status,
        ).length;
        if (tries !== 1) retried += Math.max(0, tries - 1);
        const person = await h.t.app.parts.store.db
          .selectFrom('people')
          .select('unreachable_on')
          .where('id', '=', who)
          .executeTakeFirstOrThrow();
        if (person.unreachable_on !== 'teams') notMarked++;
      }
      // At most 7 sends a second to any one conversation, over the whole run.
      let fastest = 0;
      const byConversation = new Map<string, number[]>();
      for (const x of h.fc.calls)
        byConversation.set(x.conversationId, [...(byConversation.get(x.conversationId) ?? []), x.at]);
      for (const at of byConversation.values()) {
        at.sort((a, b) => a - b);
        for (let i = 0; i < at.length; i++) {
          let j = i;
          while (j + 1 < at.length && (at[j + 1] ?? 0) - (at[i] ?? 0) < 1_000) j++;
          fastest = Math.max(fastest, j - i + 1);
        }
      }
      out.push(
        row(
          'O3',
          `${trials} proactive sends meeting ${transient.join('/')} first, ${permanent} meeting 403/404`,
          `${undelivered} undelivered, ${dups} delivered twice; ${retried} retries of a 403/404, ${notMarked} recipients not marked unreachable; most sends to one conversation in a second: ${fastest}`,
          '100 % delivered on transient; 0 retries on 403/404; ≤ 7 sends/s per conversation',
          undelivered === 0 && dups === 0 && retried === 0 && notMarked === 0 && fastest <= 7,
        ),
      );
      await h.t.app.parts.store.db.updateTable('people').set({ unreachable_on: null }).execute();
    }
    if (c.wants('O4')) {
      const trials = c.n(2, 8);
      let wrong = 0;
      let fellBack = 0;
      for (let i = 0; i < trials; i++) {
        const p = partnerName('O4');
        const k = await submit(p);
        await until(() => callsFor(p).some((x) => x.conversationId === BRAM && x.status === 201), 15_000);
        const request = callsFor(p).find((x) => x.conversationId === BRAM && x.status === 201);
        if (!request) {
          wrong++;
          continue;
        }
        h.fc.script(
          (x) => x.method === 'PUT' && x.conversationId === BRAM && x.activityId === request.id,
          i % 2 === 0
            ? [
                { status: 412 },
                { status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } },
              ]
            : [{ status: 403, body: { error: { code: 'Forbidden', message: 'no' } } }],
        );
        const approve = actionWith(cardOf(request.activity), (x) => x?.decision === 'approve');
        const r = await h.post(h.invoke('u-bram', String(request.id), approve.verb, approve.data));
        const posted = await until(
          () =>
            h.fc.calls.some(
              (x) =>
                x.conversationId === BRAM &&
                x.method === 'POST' &&
                x.at > request.at &&
                /Goedgekeurd door Bram/.test(textOf(x.activity)) &&
                textOf(x.activity).includes(p),
            ),
          15_000,
        );
        const state = await h.t.app.parts.workflow.getCase(k.id);
        if (r.status !== 200 || state?.state !== 'approved') wrong++;
        if (posted) fellBack++;
      }
      out.push(
        row(
          'O4',
          `${trials} decisions whose card update met 412 then 404, or 403`,
          `${wrong} decisions lost or refused; the current state posted anew in ${fellBack}/${trials}`,
          'decision durability 100 %; user-visible state correct ≥ 99.9 %',
          wrong === 0 && fellBack === trials,
        ),
      );
    }
  } finally {
    await h.stop();
  }
  return out;
}

const group: RowGroup = {
  rows: ['O1', 'O2', 'O3', 'O4', 'O5'],
  async run(c) {
    const out: RowResult[] = [];
    if (c.wants('O1') || c.wants('O2') || c.wants('O5')) out.push(...(await slackRows(c)));
    if (c.wants('O3') || c.wants('O4')) out.push(...(await teamsRows(c)));
    const order = ['O1', 'O2', 'O3', 'O4', 'O5'];
    return out.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  },
};
export default group;
