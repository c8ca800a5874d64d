// Cases waiting for Bram on the Slack test app, with the approval request Koers posted him
// (its message ts and its approve button), for rows that click them; and what came of them.
import {
  decisionButton,
  type FoundButton,
  outboxPosts,
  posts,
} from '../test/integration/slack/slack-helpers.js';
import type { SlackTestApp } from '../test/integration/slack/slack-test-app.js';
import { dmOf, type FakeCall, type FakeSlack } from '../test/support/fake-slack.js';
import { ANNA, proposal } from '../test/support/proposals.js';
import { until } from './campaign.js';

export interface WaitingCase {
  caseId: number;
  partner: string;
  ts: string;
  approve: FoundButton;
  reject: FoundButton;
}

export const slackPosts = (fake: FakeSlack, channel: string): FakeCall[] => posts(fake, channel);

let serial = 0;

/** Anna's proposals over her mandate, `n` of them, each posted to Bram by the outbox. */
export async function approvalRequests(
  t: SlackTestApp,
  fake: FakeSlack,
  n: number,
  tag: string,
): Promise<WaitingCase[]> {
  const made: Array<{ caseId: number; partner: string }> = [];
  for (let i = 0; i < n; i++) {
    const partner = `${tag} Partner ${++serial} ${Date.now().toString(36)}`;
    const out = await t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'slack' },
      proposal({
        requester: ANNA,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: 20_000,
      }),
    );
    if (!out.ok || out.case.state !== 'open') throw new Error('expected an open case');
    made.push({ caseId: out.case.id, partner });
  }
  t.app.parts.outboxLoop.kick();
  const bram = dmOf('U_u-bram');
  // By the case id in the post's metadata: a message may name other cases too (a reminder, a list).
  const posted = () => {
    const byPartner = new Map<string, FakeCall>();
    const byCase = new Map<number, FakeCall>();
    for (const p of outboxPosts(fake, bram, 'approval_request')) {
      const meta = p.args.metadata as { event_payload?: { case_id?: unknown } } | undefined;
      byCase.set(Number(meta?.event_payload?.case_id), p);
    }
    for (const m of made) {
      const p = byCase.get(m.caseId);
      if (p) byPartner.set(m.partner, p);
    }
    return byPartner;
  };
  if (!(await until(() => posted().size >= made.length, 30_000 + n * 1_500)))
    throw new Error(`only ${posted().size} of ${made.length} approval requests were posted`);
  const requests = posted();
  const messages = fake.messages(bram);
  return made.map((m) => {
    const call = requests.get(m.partner);
    const ts =
      messages.find(
        (x) =>
          Number(
            (x.metadata as { event_payload?: { case_id?: unknown } } | undefined)?.event_payload?.case_id,
          ) === m.caseId && JSON.stringify(x.blocks).includes(m.partner),
      )?.ts ?? '';
    return { ...m, ts, approve: decisionButton(call, 'approve'), reject: decisionButton(call, 'reject') };
  });
}

/** Decisions per case. */
export async function decisionsOf(t: SlackTestApp, caseIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = await t.app.parts.store.db
      .selectFrom('decisions')
      .select('case_id')
      .where('case_id', 'in', caseIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(Number(r.case_id), (out.get(Number(r.case_id)) ?? 0) + 1);
  }
  return out;
}
