// The benches compare Koers with bare apps doing the same work; this checks the part of "the same
// work" that is easiest to get wrong: both sides of each bench make the same outbound calls per
// request (counted at the fake Slack Web API and at the fake Bot Connector), after a warm-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, type SlackScenario, startPair } from '../../bench/slack.js';
import { startTeamsPair } from '../../bench/teams.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

const N = 20;

/** Calls by method and channel (`chat.postMessage DU_u-anna`). */
function perMethod(
  calls: ReadonlyArray<{ method: string; args: Record<string, unknown> }>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) {
    const key = c.args.channel === undefined ? c.method : `${c.method} ${String(c.args.channel)}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

describe('Slack benches: Koers and the bare Bolt app make the same Web API calls per request', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  for (const scenario of ['status', 'submit'] as SlackScenario[]) {
    it(scenario, { timeout: 120_000 }, async () => {
      const pair = await startPair(fake, scenario);
      try {
        const counted: Record<string, Record<string, number>> = {};
        for (const side of ['koers', 'bare'] as const) {
          await load(fake, pair[side].port, pair.work, `warm-${side}`, 5);
          await new Promise((r) => setTimeout(r, 200));
          fake.calls.length = 0;
          await load(fake, pair[side].port, pair.work, `count-${side}`, N);
          // Anything a side sends after its answers (an outbox) is counted too.
          await new Promise((r) => setTimeout(r, 1_000));
          counted[side] = perMethod(fake.calls);
        }
        expect(counted.koers).toEqual(counted.bare);
        if (scenario === 'status') expect(counted.koers).toEqual({});
        else expect(counted.koers).toEqual({ 'chat.postMessage DU_u-anna': N });
      } finally {
        pair.close();
      }
    });
  }
});

describe('Teams bench: Koers and the bare botbuilder bot send the same replies per activity', () => {
  for (const withAppId of [true, false]) {
    it(withAppId ? 'with an app id and tokens' : 'without an app id', { timeout: 120_000 }, async () => {
      const pair = await startTeamsPair(withAppId);
      try {
        const counted: Record<string, number> = {};
        for (const side of ['koers', 'bare'] as const) {
          await pair.load(side, `warm-${side}`, 5);
          await new Promise((r) => setTimeout(r, 200));
          const before = pair.connectorCalls();
          await pair.load(side, `count-${side}`, N);
          await new Promise((r) => setTimeout(r, 1_000));
          counted[side] = pair.connectorCalls() - before;
        }
        expect(counted.koers).toBe(N);
        expect(counted.bare).toBe(N);
        // And the same reply: an Adaptive Card of the same size.
        expect(pair.replySizes.bare).toBe(pair.replySizes.koers);
      } finally {
        await pair.close();
      }
    });
  }
});
