// S1–S5: requests from Slack. Forged and mutated signatures and timestamps (S1, S2) are refused
// with a bodiless 401 and change nothing; a captured click replayed (S3) and an event retried by
// Slack, across two replicas on PostgreSQL (S4), have one effect; with the database 2 s slow
// (S5) every request is still acknowledged within Slack's 3 s.
import fc from 'fast-check';
import { rowCounts } from '../test/integration/slack/slack-helpers.js';
import {
  SIGNING_SECRET,
  type SlackTestApp,
  startSlackApp,
} from '../test/integration/slack/slack-test-app.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';

import {
  blockActions,
  dmMessage,
  type SendOptions,
  type SlackResponse,
  signSlack,
  slashCommand,
} from '../test/support/slack-sender.js';
import { startTcpProxy } from '../test/support/tcp-proxy.js';
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
import { approvalRequests, decisionsOf, slackPosts } from './slack-cases.js';

type Forgery =
  | { kind: 'wrong_secret'; secret: string }
  | { kind: 'body_bit'; at: number; bit: number }
  | { kind: 'signature_char'; at: number; to: string }
  | { kind: 'timestamp_shift'; by: number }
  | { kind: 'other_body' }
  | { kind: 'no_signature' }
  | { kind: 'no_timestamp' }
  | { kind: 'v1' }
  | { kind: 'non_hex'; text: string }
  | { kind: 'length'; cut: number }
  | { kind: 'twice'; header: 'signature' | 'timestamp' }
  | { kind: 'empty_body' }
  | { kind: 'garbage'; text: string }
  | { kind: 'timestamp_text'; text: string }
  | { kind: 'stale'; by: number };

const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc.record({
    kind: fc.constant('wrong_secret' as const),
    secret: fc.string({ minLength: 1, maxLength: 40 }),
  }),
  fc.record({ kind: fc.constant('body_bit' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('signature_char' as const),
    at: fc.integer({ min: 3, max: 66 }),
    to: fc.constantFrom(...'0123456789abcdef'),
  }),
  fc.record({
    kind: fc.constant('timestamp_shift' as const),
    by: fc.integer({ min: -250, max: 250 }).filter((v) => v !== 0),
  }),
  fc.constant({ kind: 'other_body' as const }),
  fc.constant({ kind: 'no_signature' as const }),
  fc.constant({ kind: 'no_timestamp' as const }),
  fc.constant({ kind: 'v1' as const }),
  fc.record({ kind: fc.constant('non_hex' as const), text: fc.string({ minLength: 1, maxLength: 70 }) }),
  fc.record({
    kind: fc.constant('length' as const),
    cut: fc.integer({ min: -20, max: 20 }).filter((v) => v !== 0),
  }),
  fc.record({
    kind: fc.constant('twice' as const),
    header: fc.constantFrom('signature' as const, 'timestamp' as const),
  }),
  fc.constant({ kind: 'empty_body' as const }),
  fc.record({ kind: fc.constant('garbage' as const), text: fc.string({ maxLength: 100 }) }),
  fc.record({
    kind: fc.constant('timestamp_text' as const),
    text: fc.string({ minLength: 1, maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('stale' as const), by: fc.integer({ min: 301, max: 10_000_000 }) }),
);

const headerSafe = (s: string) => s.replace(/[^\x21-\x7e]/g, 'x');

/** The request a forgery makes of a good one: body, content type and send options. */
function forge(f: Forgery, nowS: number, body: string): { body: string; options: SendOptions } {
  const good = signSlack(SIGNING_SECRET, nowS, body);
  switch (f.kind) {
    case 'wrong_secret':
      return { body, options: { timestamp: nowS, secret: `${SIGNING_SECRET}${f.secret}` } };
    case 'body_bit': {
      const bytes = Buffer.from(body, 'utf8');
      const at = f.at % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ (1 << f.bit);
      return { body: bytes.toString('latin1'), options: { timestamp: nowS, signature: good } };
    }
    case 'signature_char': {
      const current = good[f.at];
      const to = current === f.to ? (f.to === '0' ? '1' : '0') : f.to;
      return {
        body,
        options: { timestamp: nowS, signature: `${good.slice(0, f.at)}${to}${good.slice(f.at + 1)}` },
      };
    }
    case 'timestamp_shift':
      return { body, options: { timestamp: nowS + f.by, signature: good } };
    case 'other_body':
      return { body, options: { timestamp: nowS, signature: signSlack(SIGNING_SECRET, nowS, `${body} `) } };
    case 'no_signature':
      return { body, options: { timestamp: nowS, signature: null } };
    case 'no_timestamp':
      return { body, options: { timestamp: nowS, headers: { 'x-slack-request-timestamp': '' } } };
    case 'v1':
      return { body, options: { timestamp: nowS, signature: good.replace('v0=', 'v1=') } };
    case 'non_hex':
      return { body, options: { timestamp: nowS, signature: `v0=${headerSafe(f.text)}g` } };
    case 'length':
      return {
        body,
        options: {
          timestamp: nowS,
          signature: f.cut < 0 ? good.slice(0, f.cut) : `${good}${'a'.repeat(f.cut)}`,
        },
      };
    case 'twice':
      return {
        body,
        options: {
          timestamp: nowS,
          signature: good,
          headers:
            f.header === 'signature'
              ? { 'x-slack-signature': [good, good] }
              : { 'x-slack-request-timestamp': [String(nowS), String(nowS)] },
        },
      };
    case 'empty_body':
      return { body: '', options: { timestamp: nowS, signature: good } };
    case 'garbage':
      return { body, options: { timestamp: nowS, signature: headerSafe(f.text) } };
    case 'timestamp_text':
      return {
        body,
        options: {
          timestamp: nowS,
          signature: good,
          headers: { 'x-slack-request-timestamp': `${nowS}${headerSafe(f.text)}` },
        },
      };
    case 'stale': {
      const ts = nowS - f.by;
      return { body, options: { timestamp: ts, signature: signSlack(SIGNING_SECRET, ts, body) } };
    }
  }
}

/** S1 and S2 on one app whose clock is fixed a minute ahead (so Koers's ±300 s rule decides). */
async function forgedRequests(c: Campaign, fake: FakeSlack): Promise<RowResult[]> {
  const nowS = Math.floor(Date.now() / 1000) + 60;
  const t = await startSlackApp({ fake, clock: () => new Date(nowS * 1000) });
  c.captured.logs.push(t.logs);
  const out: RowResult[] = [];
  try {
    const db = t.app.parts.store.db;
    if (c.wants('S1')) {
      const n = c.n(400, 10_000);
      const forgeries = fc.sample(forgery, { numRuns: n, seed: 20261203 });
      const before = await rowCounts(db);
      const callsBefore = fake.calls.length;
      const latencies: number[] = [];
      let accepted = 0;
      let withBody = 0;
      let controls = 0;
      let controlsOk = 0;
      await pool(forgeries, 2, async (f, i) => {
        const event = {
          type: 'event_callback',
          team_id: 'T0KOERS',
          event_id: `EvForged${i}`,
          event: dmMessage('U_u-anna', 'check'),
        };
        const forged = forge(f, nowS, JSON.stringify(event));
        const started = performance.now();
        let r: SlackResponse;
        try {
          r = await t.slack.post(forged.body, 'application/json', forged.options);
        } catch {
          // A header Node will not even send is no request; count it refused.
          return;
        }
        latencies.push(performance.now() - started);
        c.captured.answers.push(r.body);
        if (r.status < 400) accepted++;
        if (r.body !== '') withBody++;
        // Every tenth: a valid request beside them (one with no effect, so the counts stay).
        if (i % 10 === 0) {
          controls++;
          const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: `c${i}` });
          const ok = await t.slack.post(body, 'application/json', { timestamp: nowS });
          if (ok.status === 200 && ok.body === JSON.stringify({ challenge: `c${i}` })) controlsOk++;
        }
      });
      const after = await rowCounts(db);
      const writes = Object.keys(after).filter((k) => after[k] !== before[k]).length;
      const calls = fake.calls.length - callsBefore;
      // And real turns, signed right, are taken.
      const turns = c.n(10, 50);
      let turnsOk = 0;
      for (let i = 0; i < turns; i++) {
        const r = await t.slack.event(dmMessage('U_u-bram', 'help'));
        if (r.status === 200) turnsOk++;
      }
      const answered = await until(() => slackPosts(fake, dmOf('U_u-bram')).length >= turns, 20_000);
      const p99 = percentile(latencies, 99);
      out.push(
        row(
          'S1',
          `${fmt(n)} forged or mutated requests (15 kinds), ${fmt(controls + turns)} valid`,
          `${accepted} accepted, ${withBody} with a body, ${writes} tables written, ${calls} Slack calls; valid ${controlsOk + turnsOk}/${controls + turns} accepted${answered ? '' : ' (turns unanswered)'}; refusal p99 ${ms(p99)}${timedNote(c)}`,
          '0 accepted, bodiless, 0 writes, 0 calls; every valid accepted; p99 < 50 ms',
          accepted === 0 &&
            withBody === 0 &&
            writes === 0 &&
            calls === 0 &&
            controlsOk === controls &&
            turnsOk === turns &&
            answered &&
            timed(c, p99 < 50),
        ),
      );
    }
    if (c.wants('S2')) {
      const boundaries = [-301, -300, -299, 0, 299, 300, 301];
      const random = fc.sample(fc.integer({ min: -900, max: 900 }), { numRuns: c.n(200, 2_000), seed: 7 });
      const offsets = [...boundaries, ...random];
      let wrong = 0;
      await pool(offsets, 8, async (offset, i) => {
        const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: `s2-${i}` });
        const r = await t.slack.post(body, 'application/json', { timestamp: nowS + offset });
        const expected = Math.abs(offset) > 300 ? 401 : 200;
        const bodyOk = expected === 200 ? r.body === JSON.stringify({ challenge: `s2-${i}` }) : r.body === '';
        if (r.status !== expected || !bodyOk) wrong++;
      });
      out.push(
        row(
          'S2',
          `${fmt(offsets.length)} signed requests at ${boundaries.join('/')} s and random offsets in ±900 s`,
          `${offsets.length - wrong}/${offsets.length} answered as the ±300 s rule says`,
          '100 % (401 bodiless beyond 300 s either way, taken within)',
          wrong === 0,
        ),
      );
    }
  } finally {
    await t.drop();
  }
  return out;
}

/** S3: a captured approve click replayed 2–20 times (at once and one after another): one decision. */
async function replayedClicks(c: Campaign, fake: FakeSlack): Promise<RowResult> {
  const t = await startSlackApp({ fake });
  c.captured.logs.push(t.logs);
  try {
    // Bram's DM takes one post a second: the approval requests set the pace here.
    const cases = c.n(8, 120);
    const requests = await approvalRequests(t, fake, cases, 'S3');
    const replays = fc.sample(fc.record({ times: fc.integer({ min: 2, max: 20 }), together: fc.boolean() }), {
      numRuns: cases,
      seed: 3,
    });
    let sent = 0;
    let not200 = 0;
    await pool(requests, 4, async (req, i) => {
      const plan = replays[i] ?? { times: 2, together: true };
      const payload = blockActions('U_u-bram', req.approve, { channel: dmOf('U_u-bram'), messageTs: req.ts });
      const send = (): Promise<number> =>
        t.slack.interaction(payload).then((r) => (r.status === 200 ? 0 : 1));
      sent += plan.times;
      if (plan.together)
        not200 += (await Promise.all(Array.from({ length: plan.times }, () => send()))).reduce(
          (a, b) => a + b,
          0,
        );
      else for (let k = 0; k < plan.times; k++) not200 += await send();
    });
    const extra = await until(async () => {
      const d = await decisionsOf(
        t,
        requests.map((r) => r.caseId),
      );
      return [...d.values()].reduce((a, b) => a + b, 0) >= cases;
    }, 30_000);
    // Let the repeats end, then count.
    await until(() => false, 1_000);
    const decided = await decisionsOf(
      t,
      requests.map((r) => r.caseId),
    );
    const doubles = [...decided.values()].filter((n) => n > 1).length;
    const missing = requests.filter((r) => (decided.get(r.caseId) ?? 0) === 0).length;
    // The outbox paces the strategy channel (one post a second): its rows are counted, not its posts.
    const summaries = (
      await t.app.parts.store.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'strategy_summary')
        .where(
          'case_id',
          'in',
          requests.map((r) => r.caseId),
        )
        .execute()
    ).length;
    return row(
      'S3',
      `${fmt(cases)} captured approve clicks, each replayed 2–20 times (${fmt(sent)} requests)`,
      `${doubles} cases with more than one decision, ${missing} undecided${extra ? '' : ' (timed out)'}, ${not200} answers other than 200, ${summaries} strategy summaries for ${cases} cases`,
      '0 extra decisions or messages; every replay answered 200',
      doubles === 0 && missing === 0 && not200 === 0 && summaries === cases,
    );
  } finally {
    await t.drop();
  }
}

/** S4: events retried by Slack (Retry-Num 1–3), landing on replicas A, B, A, B. */
async function retriedEvents(c: Campaign, fake: FakeSlack): Promise<RowResult> {
  const a = await startSlackApp({ fake, backend: 'postgres' });
  const b = await startSlackApp({ fake, databaseUrl: a.databaseUrl });
  c.captured.logs.push(a.logs, b.logs);
  try {
    const events = c.n(40, 400);
    const user = 'U_u-carla';
    const dm = dmOf(user);
    const before = slackPosts(fake, dm).length;
    const acks: number[] = [];
    let not200 = 0;
    await pool(
      Array.from({ length: events }, (_, i) => i),
      4,
      async (i) => {
        const event = dmMessage(user, 'help');
        const eventId = `EvS4${i}x${Date.now()}`;
        const deliveries = [a, b, a, b];
        const sendOne = async (k: number) => {
          const app = deliveries[k] as SlackTestApp;
          const started = performance.now();
          const r = await app.slack.event(event, {
            eventId,
            ...(k > 0
              ? { headers: { 'x-slack-retry-num': String(k), 'x-slack-retry-reason': 'http_timeout' } }
              : {}),
          });
          acks.push(performance.now() - started);
          if (r.status !== 200) not200++;
        };
        // The first delivery and its immediate retry at once (Slack's timeout), the later two after.
        await Promise.all([sendOne(0), sendOne(1)]);
        await sendOne(2);
        await sendOne(3);
      },
    );
    const dupMsg = '"msg":"slack request seen before; nothing done"';
    const settled = await until(
      () =>
        [...a.logs, ...b.logs].filter((l) => l.includes(dupMsg)).length >= 3 * events &&
        slackPosts(fake, dm).length - before >= events,
      30_000,
    );
    await until(() => false, 500);
    const answers = slackPosts(fake, dm).length - before;
    const p99 = percentile(acks, 99);
    return row(
      'S4',
      `${fmt(events)} events on PostgreSQL, each delivered 4 times (Retry-Num 0–3) to replicas A, B, A, B`,
      `${answers} answers for ${events} events${settled ? '' : ' (did not settle)'}, ${not200} acks other than 200, ack p99 ${ms(p99)}${timedNote(c)}`,
      'exactly 1 effect per event; ack p99 < 1 s',
      answers === events && not200 === 0 && timed(c, p99 < 1000),
    );
  } finally {
    await b.stop();
    await a.drop();
  }
}

/** S5: the database 2 s slow (a TCP proxy delays every packet): every request acknowledged in time. */
async function slowDatabase(c: Campaign, fake: FakeSlack): Promise<RowResult> {
  const proxy = await startTcpProxy('127.0.0.1', 5432);
  const direct = await startSlackApp({ fake, backend: 'postgres' });
  await direct.stop();
  const viaProxy = direct.databaseUrl.replace('127.0.0.1:5432', `127.0.0.1:${proxy.port}`);
  const t = await startSlackApp({ fake, databaseUrl: viaProxy });
  c.captured.logs.push(t.logs);
  try {
    proxy.delay(2_000);
    const seconds = c.n(5, 60);
    const acks: number[] = [];
    let not200 = 0;
    let retried = 0;
    const jobs: Array<Promise<void>> = [];
    const end = Date.now() + seconds * 1000;
    let i = 0;
    while (Date.now() < end) {
      const k = i++;
      const started = performance.now();
      const send =
        k % 2 === 0
          ? t.slack.command(slashCommand('U_u-dirk', 'status', fake.responseUrl(`s5-${k}`)))
          : t.slack.event(dmMessage('U_u-dirk', 'help'));
      jobs.push(
        send.then(
          (r) => {
            const took = performance.now() - started;
            acks.push(took);
            if (r.status !== 200) not200++;
            // Slack would have sent a retry for an ack over 3 s.
            if (took >= 3000) retried++;
          },
          () => {
            not200++;
          },
        ),
      );
      await new Promise((r) => setTimeout(r, 50)); // 20 requests a second
    }
    await Promise.all(jobs);
    const p99 = percentile(acks, 99);
    const max = Math.max(0, ...acks);
    return row(
      'S5',
      `${fmt(i)} slash commands and events at 20/s for ${seconds} s, PostgreSQL 2 s slow`,
      `${acks.length - retried}/${i} acknowledged within 3 s (p99 ${ms(p99)}, max ${ms(max)}), ${not200} not 200`,
      '100 % acknowledged < 3 s; 0 retries needed',
      retried === 0 && not200 === 0 && acks.length === i,
    );
  } finally {
    proxy.delay(0);
    await t.stop();
    await proxy.close();
    await direct.drop();
  }
}

const group: RowGroup = {
  rows: ['S1', 'S2', 'S3', 'S4', 'S5'],
  async run(c) {
    const fake = await startFakeSlack();
    try {
      const out: RowResult[] = [];
      // A row whose run fails is reported as failed; the others still run.
      const attempt = async (ids: string[], run: () => Promise<RowResult | RowResult[]>) => {
        try {
          const r = await run();
          out.push(...(Array.isArray(r) ? r : [r]));
        } catch (err) {
          c.note(`${ids.join(', ')}: ${(err as Error).stack ?? String(err)}`);
          for (const id of ids)
            out.push(
              row(
                id,
                '-',
                `the row's run failed: ${String((err as Error).message).slice(0, 200)}`,
                '-',
                false,
              ),
            );
        }
      };
      if (c.wants('S1') || c.wants('S2')) await attempt(['S1', 'S2'], () => forgedRequests(c, fake));
      if (c.wants('S3')) await attempt(['S3'], () => replayedClicks(c, fake));
      if (c.wants('S4')) await attempt(['S4'], () => retriedEvents(c, fake));
      if (c.wants('S5')) await attempt(['S5'], () => slowDatabase(c, fake));
      return out;
    } finally {
      await fake.close();
    }
  },
};
export default group;
