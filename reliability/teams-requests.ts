// T1–T3: requests from Teams, with real Bot Framework tokens (RS256, a local OpenID server).
// Mutated and forged tokens (T1) are refused bodiless (403 for a key without endorsements) and
// reach nothing; a resent activity (T2) has one effect; Action.Execute clicked at once from
// several clients or by two people (T3) decides once, and every click gets a card back.
import { createHmac, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { teamsChannelWith } from '../src/channels/teams/teams-channel.js';
import {
  actionsOf,
  actionWith,
  cardOf,
  personalChat,
  startTeamsHarness,
  type TeamsHarness,
} from '../test/integration/teams/teams-harness.js';
import { captureLogger } from '../test/jobs/support/scheduler-fixture.js';
import { type OpenIdServer, startOpenIdServer } from '../test/support/openid-server.js';
import { FixedOutboundCredentials } from '../test/support/outbound-credentials.js';
import { ANNA, proposal } from '../test/support/proposals.js';
import {
  type Campaign,
  fmt,
  ms,
  percentile,
  pool,
  type RowGroup,
  type RowResult,
  row,
  timed,
  timedNote,
  until,
} from './campaign.js';

const APP_ID = '7b2c0c1e-koers-campaign-app';
const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

type Mutant =
  | 'alg_none'
  | 'hs256_public_key'
  | 'unknown_kid'
  | 'unpublished_key'
  | 'wrong_iss'
  | 'wrong_aud'
  | 'expired'
  | 'not_yet'
  | 'no_serviceurl'
  | 'other_serviceurl'
  | 'no_endorsement'
  | 'no_header'
  | 'not_bearer'
  | 'flip_signature'
  | 'flip_payload'
  | 'truncated'
  | 'garbage';

const KINDS: Mutant[] = [
  'alg_none',
  'hs256_public_key',
  'unknown_kid',
  'unpublished_key',
  'wrong_iss',
  'wrong_aud',
  'expired',
  'not_yet',
  'no_serviceurl',
  'other_serviceurl',
  'no_endorsement',
  'no_header',
  'not_bearer',
  'flip_signature',
  'flip_payload',
  'truncated',
  'garbage',
];

function flip(part: string, at: number): string {
  const bytes = Buffer.from(part, 'base64url');
  const i = at % Math.max(1, bytes.length);
  bytes[i] = (bytes[i] ?? 0) ^ (1 << (at % 8));
  return b64url(bytes);
}

async function startHarness(
  c: Campaign,
): Promise<{ h: TeamsHarness; openid: OpenIdServer; publicPem: string }> {
  const openid = await startOpenIdServer();
  const captured = captureLogger();
  const lines = captured.lines;
  const h = await startTeamsHarness({
    logger: captured.logger,
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-the-campaign',
      KOERS_BOT_OPENID_METADATA: openid.metadataUrl,
    },
    channel: teamsChannelWith({
      credentialsFactory: new FixedOutboundCredentials({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-used-by-the-campaign',
      }),
    }),
    install: false,
  });
  // The campaign's secrets scan reads these lines as text.
  const asText: string[] = [];
  const original = lines.push.bind(lines);
  lines.push = (...items) => {
    for (const i of items) asText.push(JSON.stringify(i));
    return original(...items);
  };
  c.captured.logs.push(asText);
  const meta = (await (await fetch(openid.metadataUrl)).json()) as { jwks_uri: string };
  const jwks = (await (await fetch(meta.jwks_uri)).json()) as {
    keys: Array<{ kid: string; n: string; e: string }>;
  };
  const key = jwks.keys.find((k) => k.kid === 'koers-test-key');
  const publicPem = createPublicKey({ key: { kty: 'RSA', n: key?.n, e: key?.e }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { h, openid, publicPem };
}

async function forgedTokens(
  c: Campaign,
  h: TeamsHarness,
  openid: OpenIdServer,
  publicPem: string,
): Promise<RowResult> {
  const valid = () => ({ aud: APP_ID, serviceurl: h.fc.url, appid: 'channel-app' });
  const n = c.n(300, 10_000);
  const plans = fc.sample(
    fc.record({ kind: fc.constantFrom(...KINDS), at: fc.nat(), text: fc.string({ maxLength: 60 }) }),
    {
      numRuns: n,
      seed: 15,
    },
  );
  const now = () => Math.floor(Date.now() / 1000);
  const header = (kind: Mutant, at: number, text: string): Record<string, string> => {
    const good = openid.mint(valid());
    const [hd, pl, sg] = good.split('.') as [string, string, string];
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    switch (kind) {
      case 'alg_none':
        return bearer(`${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${pl}.`);
      case 'hs256_public_key': {
        const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'koers-test-key' }))}.${pl}`;
        return bearer(`${input}.${b64url(createHmac('sha256', publicPem).update(input).digest())}`);
      }
      case 'unknown_kid':
        return bearer(openid.mint(valid(), { kid: `kid-${at}` }));
      case 'unpublished_key':
        return bearer(openid.mint(valid(), { key: 'unpublished' }));
      case 'wrong_iss':
        return bearer(openid.mint({ ...valid(), iss: `https://issuer-${at % 97}.example` }));
      case 'wrong_aud':
        return bearer(openid.mint({ ...valid(), aud: `another-app-${at % 97}` }));
      case 'expired': {
        const exp = now() - 301 - (at % 100_000);
        return bearer(openid.mint({ ...valid(), nbf: exp - 3600, iat: exp - 3600, exp }));
      }
      case 'not_yet': {
        const nbf = now() + 301 + (at % 100_000);
        return bearer(openid.mint({ ...valid(), nbf, iat: nbf, exp: nbf + 3600 }));
      }
      case 'no_serviceurl': {
        const { serviceurl: _gone, ...rest } = valid();
        return bearer(openid.mint(rest));
      }
      case 'other_serviceurl':
        return bearer(openid.mint({ ...valid(), serviceurl: `https://evil-${at % 97}.example/` }));
      case 'no_endorsement':
        return bearer(openid.mint(valid(), { key: 'bare' }));
      case 'no_header':
        return {};
      case 'not_bearer':
        return { authorization: `Basic ${good}` };
      case 'flip_signature':
        return bearer(`${hd}.${pl}.${flip(sg, at)}`);
      case 'flip_payload':
        return bearer(`${hd}.${flip(pl, at)}.${sg}`);
      case 'truncated':
        return bearer(good.slice(0, Math.max(1, at % good.length)));
      case 'garbage':
        return bearer(text.replace(/[^\x21-\x7e]/g, 'x') || 'x');
    }
  };
  const latencies: number[] = [];
  let accepted = 0;
  let withBody = 0;
  let wrongStatus = 0;
  let controls = 0;
  let controlsOk = 0;
  await pool(plans, 2, async (p, i) => {
    const headers = header(p.kind, p.at, p.text);
    const started = performance.now();
    const r = await h.post(h.message('u-anna', 'status'), headers);
    latencies.push(performance.now() - started);
    c.captured.answers.push(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    if (r.status < 400) accepted++;
    if (r.body !== null) withBody++;
    if (r.status !== (p.kind === 'no_endorsement' ? 403 : 401)) wrongStatus++;
    if (i % 10 === 0) {
      controls++;
      const ok = await h.post(h.message('u-bram', 'status'), {
        authorization: `Bearer ${openid.mint(valid())}`,
      });
      if (ok.status === 200) controlsOk++;
    }
  });
  const reached = h.fc.to(personalChat('u-anna')).length;
  await until(() => h.fc.to(personalChat('u-bram')).length >= controls, 20_000);
  const answered = h.fc.to(personalChat('u-bram')).length;
  const p99 = percentile(latencies, 99);
  return row(
    'T1',
    `${fmt(n)} mutated or forged tokens (${KINDS.length} kinds), ${fmt(controls)} valid`,
    `${accepted} accepted, ${wrongStatus} not 401 (403 without endorsement), ${withBody} with a body, ${reached} connector calls for them; valid ${controlsOk}/${controls} accepted, ${answered} answered; refusal p99 ${ms(p99)}${timedNote(c)}`,
    '0 accepted, bodiless; every valid accepted; p99 < 50 ms',
    accepted === 0 &&
      wrongStatus === 0 &&
      withBody === 0 &&
      reached === 0 &&
      controlsOk === controls &&
      answered >= controls &&
      timed(c, p99 < 50),
  );
}

async function resentActivities(c: Campaign, h: TeamsHarness, token: () => string): Promise<RowResult> {
  const n = c.n(40, 400);
  const latencies: number[] = [];
  let not200 = 0;
  const ids: string[] = [];
  await pool(
    Array.from({ length: n }, (_, i) => i),
    4,
    async (i) => {
      // A turn that records something (a check begins); read-only words (status, who) are
      // answered again on a resend by design: they change nothing.
      const activity = h.message('u-carla', 'check');
      ids.push(String(activity.id));
      const send = async () => {
        const started = performance.now();
        const r = await h.post(activity, { authorization: `Bearer ${token()}` });
        latencies.push(performance.now() - started);
        if (r.status !== 200) not200++;
      };
      // Teams resends after 15 s without an answer; here at once (half) or after the first answer.
      if (i % 2 === 0) await Promise.all([send(), send()]);
      else {
        await send();
        await send();
      }
    },
  );
  const replies = () => h.fc.to(personalChat('u-carla')).filter((x) => x.method === 'POST');
  await until(() => replies().length >= n, 20_000);
  await until(() => false, 1_000);
  const perActivity = new Map<string, number>();
  for (const r of replies())
    perActivity.set(String(r.activityId), (perActivity.get(String(r.activityId)) ?? 0) + 1);
  const doubles = ids.filter((id) => (perActivity.get(id) ?? 0) > 1).length;
  if (process.env.KOERS_CAMPAIGN_DEBUG) {
    for (const l of c.captured.logs.flat().filter((x) => /"level":(50|40)/.test(x))) c.note(l.slice(0, 1500));
  }
  if (process.env.KOERS_CAMPAIGN_DEBUG)
    for (const id of ids.filter((x) => (perActivity.get(x) ?? 0) > 1))
      c.note(
        JSON.stringify(
          replies()
            .filter((r) => r.activityId === id)
            .map((r) => [
              r.at,
              String(r.activity.text ?? '').slice(0, 200),
              JSON.stringify(r.activity.attachments ?? '').slice(0, 300),
            ]),
        ),
      );
  const unanswered = ids.filter((id) => (perActivity.get(id) ?? 0) === 0).length;
  const p99 = percentile(latencies, 99);
  return row(
    'T2',
    `${fmt(n)} activities that start a check, each delivered twice (same activity id; at once or one after another)`,
    `${doubles} answered twice, ${unanswered} unanswered, ${not200} not 200; p99 ${ms(p99)}${timedNote(c)}`,
    '0 duplicates; p99 < 5 s',
    doubles === 0 && unanswered === 0 && not200 === 0 && timed(c, p99 < 5000),
  );
}

async function doubleInvokes(c: Campaign, h: TeamsHarness, token: () => string): Promise<RowResult> {
  const n = c.n(20, 200);
  const db = h.t.app.parts.store.db;
  const BRAM = personalChat('u-bram');
  // Bram's chat is known to Koers once he has written to it (the harness installs nobody here).
  for (const who of ['u-bram', 'u-ilse', 'u-anna'])
    await h.post(h.message(who, 'help'), { authorization: `Bearer ${token()}` });
  const cases: Array<{ id: number; partner: string }> = [];
  for (let i = 0; i < n; i++) {
    const partner = `T3 Partner ${i} ${Date.now().toString(36)}`;
    const out = await h.t.app.parts.workflow.submit(
      { personId: 'u-anna', platform: 'teams' },
      proposal({
        requester: ANNA,
        partner: { name: partner, type: 'knowledge-institution' },
        budget: 20_000,
      }),
    );
    if (!out.ok || out.case.state !== 'open') throw new Error('expected an open case');
    cases.push({ id: out.case.id, partner });
  }
  h.t.app.parts.outboxLoop.kick();
  // The approval request of a case: the card in Bram's chat whose decide actions name it.
  const cardFor = (partner: string) => {
    const id = cases.find((k) => k.partner === partner)?.id;
    return h.fc.calls.find(
      (x) =>
        x.method === 'POST' &&
        x.conversationId === BRAM &&
        JSON.stringify(cardOf(x.activity) ?? '').includes(partner) &&
        actionsOf(cardOf(x.activity)).some(
          (a) => a.data?.koers?.type === 'decide' && Number(a.data.koers.caseId) === id,
        ),
    );
  };
  await until(() => cases.every((k) => cardFor(k.partner)), 60_000 + n * 300);
  const plans = fc.sample(
    fc.record({ clicks: fc.integer({ min: 2, max: 10 }), otherApprover: fc.boolean() }),
    {
      numRuns: n,
      seed: 31,
    },
  );
  const latencies: number[] = [];
  let clicks = 0;
  let notCard = 0;
  let cardsMissing = 0;
  await pool(cases, 2, async (k, i) => {
    const request = cardFor(k.partner);
    if (!request) {
      cardsMissing++;
      return;
    }
    const approve = actionWith(
      cardOf(request.activity),
      (x) => x?.type === 'decide' && x.decision === 'approve',
    );
    const reject = actionWith(
      cardOf(request.activity),
      (x) => x?.type === 'decide' && x.decision === 'reject',
    );
    const plan = plans[i] ?? { clicks: 2, otherApprover: false };
    const answers = await Promise.all(
      Array.from({ length: plan.clicks }, async (_, j) => {
        // Bram on desktop and phone; sometimes Ilse (not on this case) clicks reject in the same moment.
        const who = plan.otherApprover && j === 1 ? 'u-ilse' : 'u-bram';
        const act = j % 3 === 2 ? reject : approve;
        const started = performance.now();
        const r = await h.post(
          h.invoke(who, String(request.id), act.verb, { ...act.data, reason: 'campaign' }),
          {
            authorization: `Bearer ${token()}`,
          },
        );
        latencies.push(performance.now() - started);
        return r;
      }),
    );
    clicks += answers.length;
    for (const a of answers) {
      const body = a.body as { statusCode?: number; type?: string } | null;
      if (
        a.status !== 200 ||
        body?.statusCode !== 200 ||
        body.type !== 'application/vnd.microsoft.card.adaptive'
      )
        notCard++;
    }
  });
  const rows = await db
    .selectFrom('decisions')
    .select('case_id')
    .where(
      'case_id',
      'in',
      cases.map((k) => k.id),
    )
    .execute();
  const per = new Map<number, number>();
  for (const r of rows) per.set(Number(r.case_id), (per.get(Number(r.case_id)) ?? 0) + 1);
  const doubles = [...per.values()].filter((v) => v > 1).length;
  const undecided = cases.filter((k) => !per.has(k.id)).length;
  const p99 = percentile(latencies, 99);
  return row(
    'T3',
    `${fmt(n)} cases, each clicked 2–10 times at once with Action.Execute (${fmt(clicks)} invokes; some with another person beside)`,
    `${doubles} double decisions, ${undecided} undecided, ${notCard} invokes answered without a card, ${cardsMissing} cards missing; invoke p99 ${ms(p99)}`,
    '0 double decisions; every click answered 200 with the current card',
    doubles === 0 && undecided === 0 && notCard === 0 && cardsMissing === 0,
  );
}

const group: RowGroup = {
  rows: ['T1', 'T2', 'T3'],
  async run(c) {
    const { h, openid, publicPem } = await startHarness(c);
    const token = () => openid.mint({ aud: APP_ID, serviceurl: h.fc.url, appid: 'channel-app' });
    try {
      const out: RowResult[] = [];
      // A row whose run fails is reported as failed; the others still run.
      const attempt = async (id: string, run: () => Promise<RowResult>) => {
        try {
          out.push(await run());
        } catch (err) {
          c.note(`${id}: ${(err as Error).stack ?? String(err)}`);
          out.push(
            row(id, '-', `the row's run failed: ${String((err as Error).message).slice(0, 200)}`, '-', false),
          );
        }
      };
      if (c.wants('T1')) await attempt('T1', () => forgedTokens(c, h, openid, publicPem));
      if (c.wants('T2')) await attempt('T2', () => resentActivities(c, h, token));
      if (c.wants('T3')) await attempt('T3', () => doubleInvokes(c, h, token));
      return out;
    } finally {
      await h.stop();
      await openid.close();
    }
  },
};
export default group;
