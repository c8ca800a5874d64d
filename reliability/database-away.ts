// C3: the database away. PostgreSQL behind a TCP proxy that black-holes every byte for 30 s
// (a few seconds in --short; the shared server is never stopped); SQLite write-locked by another
// connection for as long. Slack must get its acknowledgement within its 3 s throughout, /readyz
// must say not ready (PostgreSQL), and within 5 s of the database's return Koers answers again;
// no request is acknowledged and then lost: each is either answered, or told nothing was recorded.
import BetterSqlite3 from 'better-sqlite3';
import { posts, textOf } from '../test/integration/slack/slack-helpers.js';
import { type SlackTestApp, startSlackApp } from '../test/integration/slack/slack-test-app.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { dmMessage, slashCommand } from '../test/support/slack-sender.js';
import { startTcpProxy } from '../test/support/tcp-proxy.js';
import { type Campaign, fmt, ms, percentile, type RowGroup, row, sleep, until } from './campaign.js';

const BUSY = /er is niets vastgelegd|nothing was recorded/i;
const SLACK_ACK_MS = 3_000;

interface Outage {
  requests: number;
  lateAcks: number;
  p99: number;
  busy: number;
  answeredLater: number;
  lost: number;
  readyDuring: boolean | null;
  recoveryMs: number;
}

/** Sends a slash command and a DM every 250 ms while `away` lasts; then checks each was answered or told. */
async function during(
  c: Campaign,
  t: SlackTestApp,
  fake: FakeSlack,
  awayMs: number,
  restore: () => void,
  checkReady: boolean,
): Promise<Outage> {
  const acks: number[] = [];
  const sent: Array<{ kind: 'command' | 'dm'; user: string; responseUrl?: string; ack?: string }> = [];
  const jobs: Array<Promise<void>> = [];
  let readyDuring: boolean | null = null;
  const end = Date.now() + awayMs;
  let i = 0;
  while (Date.now() < end) {
    const k = i++;
    // Each request from its own person: an answer is then easy to tell apart.
    const user = ['U_u-anna', 'U_u-bram', 'U_u-carla', 'U_u-dirk', 'U_u-eva', 'U_u-ilse'][k % 6] as string;
    const started = performance.now();
    if (k % 2 === 0) {
      const responseUrl = fake.responseUrl(`c3-${k}-${Date.now()}`);
      const entry: (typeof sent)[number] = { kind: 'command', user, responseUrl };
      sent.push(entry);
      jobs.push(
        t.slack.command(slashCommand(user, 'status', responseUrl)).then((r) => {
          acks.push(performance.now() - started);
          entry.ack = r.status === 200 ? r.body : `HTTP ${r.status}`;
          c.captured.answers.push(r.body);
        }),
      );
    } else {
      const entry: (typeof sent)[number] = { kind: 'dm', user };
      sent.push(entry);
      jobs.push(
        t.slack.event(dmMessage(user, 'help')).then((r) => {
          acks.push(performance.now() - started);
          entry.ack = r.status === 200 ? '' : `HTTP ${r.status}`;
        }),
      );
    }
    if (checkReady && k === 4) {
      const r = await fetch(`${t.url}/readyz`).catch(() => null);
      readyDuring = r ? r.status === 200 : false;
    }
    await sleep(250);
  }
  await Promise.all(jobs);
  const dmBefore = new Map<string, number>();
  restore();
  const back = Date.now();
  // Recovery: a fresh request answered normally (not "nothing recorded").
  let recoveryMs = Number.POSITIVE_INFINITY;
  for (;;) {
    const r = await t.slack.command(
      slashCommand('U_u-gijs', 'status', fake.responseUrl(`c3-back-${Date.now()}`)),
    );
    const ready = checkReady ? (await fetch(`${t.url}/readyz`)).status === 200 : true;
    if (r.status === 200 && !BUSY.test(r.body) && ready) {
      recoveryMs = Date.now() - back;
      break;
    }
    if (Date.now() - back > 30_000) break;
    await sleep(100);
  }
  // Every request: answered in its ack, told nothing was recorded, or answered later (response_url / DM).
  await sleep(Number(process.env.C3_WAIT ?? 3_000));
  if (process.env.KOERS_CAMPAIGN_DEBUG)
    for (const l of t.logs.filter((x) => /"level":(40|50)/.test(x))) c.note(l.slice(0, 600));
  let busy = 0;
  let answeredLater = 0;
  let lost = 0;
  for (const s of sent) {
    if (s.kind === 'command') {
      if (s.ack && BUSY.test(s.ack)) busy++;
      else if (s.ack && s.ack.length > 0) answeredLater++;
      else {
        const path = new URL(String(s.responseUrl)).pathname;
        const got = fake.calls.filter((x) => x.method === 'response_url' && x.path === path);
        if (got.some((x) => BUSY.test(JSON.stringify(x.args)))) busy++;
        else if (got.length > 0) answeredLater++;
        else {
          lost++;
          c.note(`C3 lost: command from ${s.user}, ack ${JSON.stringify(s.ack)}`);
        }
      }
    }
  }
  for (const s of sent.filter((x) => x.kind === 'dm')) dmBefore.set(s.user, (dmBefore.get(s.user) ?? 0) + 1);
  for (const [user, asked] of dmBefore) {
    const got = posts(fake, dmOf(user)).filter((p) => p.at >= back - awayMs - 1_000);
    const told = got.filter((p) => BUSY.test(textOf(p)) || BUSY.test(String(p.args.text ?? ''))).length;
    busy += Math.min(told, asked);
    answeredLater += Math.min(got.length - told, asked - Math.min(told, asked));
    if (asked > got.length) c.note(`C3 lost: ${asked - got.length} of ${asked} DMs from ${user}`);
    lost += Math.max(0, asked - got.length);
  }
  return {
    requests: sent.length,
    lateAcks: acks.filter((a) => a >= SLACK_ACK_MS).length + (sent.length - acks.length),
    p99: percentile(acks, 99),
    busy,
    answeredLater,
    lost,
    readyDuring,
    recoveryMs,
  };
}

const group: RowGroup = {
  rows: ['C3'],
  async run(c) {
    const awayMs = c.n(3_000, 30_000);
    const fake = await startFakeSlack();
    try {
      // PostgreSQL, black-holed.
      const proxy = await startTcpProxy('127.0.0.1', 5432);
      const direct = await startSlackApp({ fake, backend: 'postgres' });
      await direct.stop();
      const t = await startSlackApp({
        fake,
        databaseUrl: direct.databaseUrl.replace('127.0.0.1:5432', `127.0.0.1:${proxy.port}`),
      });
      c.captured.logs.push(t.logs);
      let pg: Outage;
      try {
        await until(async () => (await fetch(`${t.url}/readyz`)).status === 200, 10_000);
        proxy.blackhole();
        pg = await during(c, t, fake, awayMs, () => proxy.restore(), true);
      } finally {
        proxy.restore();
        await t.stop();
        await proxy.close();
        await direct.drop();
      }
      // SQLite, write-locked by another connection (as an import holds it).
      const s = await startSlackApp({ fake });
      c.captured.logs.push(s.logs);
      const other = new BetterSqlite3(s.databaseUrl.slice('sqlite:'.length));
      let lite: Outage;
      try {
        other.exec('begin immediate');
        lite = await during(c, s, fake, awayMs, () => other.exec('rollback'), false);
      } finally {
        if (other.inTransaction) other.exec('rollback');
        other.close();
        await s.drop();
      }
      const ok = (o: Outage) => o.lateAcks === 0 && o.lost === 0 && o.recoveryMs <= 5_000;
      return [
        row(
          'C3',
          `database away ${awayMs / 1000} s: PostgreSQL black-holed (${fmt(pg.requests)} requests), SQLite write-locked (${fmt(lite.requests)} requests)`,
          `PostgreSQL: ${pg.lateAcks} acks over 3 s (p99 ${ms(pg.p99)}), /readyz ${pg.readyDuring ? 'TRUE' : 'false'} while away, ${pg.busy} told nothing was recorded, ${pg.answeredLater} answered, ${pg.lost} acknowledged but lost, recovery ${ms(pg.recoveryMs)}; SQLite: ${lite.lateAcks} acks over 3 s (p99 ${ms(lite.p99)}), ${lite.busy} told nothing was recorded, ${lite.answeredLater} answered, ${lite.lost} lost, recovery ${ms(lite.recoveryMs)}`,
          'acks < 3 s; /readyz false; 0 acknowledged but lost; recovery ≤ 5 s',
          ok(pg) && ok(lite) && pg.readyDuring === false,
        ),
      ];
    } finally {
      await fake.close();
    }
  },
};
export default group;
