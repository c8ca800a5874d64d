// What a chat turn leaves in the store when it fails or races, on both backends, through the real
// store functions: a failed turn gives its dedupe key back only when none of its writes was
// committed; two turns on one conversation never overwrite each other (the later writer runs
// again on the state the earlier one left).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConversationState,
  loadConversation,
  saveConversation,
  withConversationTurn,
} from '../../src/application/conversation-store.js';
import { runClaimed } from '../../src/application/event-claims.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const AT = NOW.toISOString();

describe.each(BACKENDS)('turn state on %s', (backend) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeTestStore(backend);
  });
  afterEach(async () => {
    await ts.drop();
  });

  const db = () => ts.store.db;
  const handle = () => ts.store.handle;
  const fail = () => {
    throw new Error('the turn failed');
  };
  const writeSomething = (key: string) =>
    db().insertInto('job_state').values({ key, value: 'x', updated_at: AT }).execute();

  describe('dedupe keys of failed turns', () => {
    it('gives the key back when the turn fails before writing anything: the retry runs', async () => {
      await expect(runClaimed(handle(), 'ev-1', NOW, async () => fail())).rejects.toThrow('the turn failed');
      expect(await runClaimed(handle(), 'ev-1', NOW, async () => 'second try')).toEqual({
        duplicate: false,
        value: 'second try',
      });
      expect(await runClaimed(handle(), 'ev-1', NOW, async () => 'third')).toEqual({ duplicate: true });
    });

    it('gives the key back when the turn’s only write was rolled back with it', async () => {
      await expect(
        runClaimed(handle(), 'ev-2', NOW, () =>
          db()
            .transaction()
            .execute(async (trx) => {
              await trx
                .insertInto('job_state')
                .values({ key: 'rolled-back', value: 'x', updated_at: AT })
                .execute();
              fail();
            }),
        ),
      ).rejects.toThrow('the turn failed');
      expect(await db().selectFrom('job_state').selectAll().execute()).toEqual([]);
      expect((await runClaimed(handle(), 'ev-2', NOW, async () => 1)).duplicate).toBe(false);
    });

    it('keeps the key when the turn failed after a committed write: its retry cannot repeat it', async () => {
      await expect(
        runClaimed(handle(), 'ev-3', NOW, async () => {
          await writeSomething('committed-outside-a-transaction');
          fail();
        }),
      ).rejects.toThrow('the turn failed');
      await expect(
        runClaimed(handle(), 'ev-4', NOW, async () => {
          await db()
            .transaction()
            .execute((trx) =>
              trx
                .insertInto('job_state')
                .values({ key: 'committed-in-one', value: 'x', updated_at: AT })
                .execute(),
            );
          fail();
        }),
      ).rejects.toThrow('the turn failed');
      expect(await runClaimed(handle(), 'ev-3', NOW, async () => 1)).toEqual({ duplicate: true });
      expect(await runClaimed(handle(), 'ev-4', NOW, async () => 1)).toEqual({ duplicate: true });
    });

    it('does not count another turn’s write, running at the same time, as this turn’s', async () => {
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const failing = runClaimed(handle(), 'ev-5', NOW, async () => {
        await held;
        fail();
      });
      const other = runClaimed(handle(), 'ev-6', NOW, async () => {
        await writeSomething('the other turn');
        release();
      });
      await other;
      await expect(failing).rejects.toThrow('the turn failed');
      expect((await runClaimed(handle(), 'ev-5', NOW, async () => 1)).duplicate).toBe(false);
    });
  });

  describe('two turns on one conversation', () => {
    const KEY = 'conv:slack:U1';
    type Trail = { kind: 'check'; dialog: string[] };
    const trail = (s: ConversationState | null) => (s?.kind === 'check' ? (s.dialog as string[]) : []);
    const state = (dialog: string[]): Trail => ({ kind: 'check', dialog });
    /** A promise and the function that resolves it. */
    const signal = () => {
      let fire = () => {};
      const fired = new Promise<void>((r) => {
        fire = r;
      });
      return { fire, fired };
    };

    it('the later writer runs again on the state the earlier one left, so neither answer is lost', async () => {
      await saveConversation(handle(), KEY, state(['start']), AT);
      const firstRead = signal();
      const secondWrote = signal();
      const runsOfFirst: string[][] = [];
      // The first turn reads, then waits (as a turn waits on the store) while the second one
      // reads and writes; only then does the first write.
      const first = withConversationTurn(async () => {
        const seen = trail(await loadConversation(handle(), KEY));
        runsOfFirst.push(seen);
        if (runsOfFirst.length === 1) {
          firstRead.fire();
          await secondWrote.fired;
        }
        await saveConversation(handle(), KEY, state([...seen, 'first']), AT);
      });
      await firstRead.fired;
      await withConversationTurn(async () => {
        const seen = trail(await loadConversation(handle(), KEY));
        await saveConversation(handle(), KEY, state([...seen, 'second']), AT);
      });
      secondWrote.fire();
      await first;
      expect(runsOfFirst).toEqual([['start'], ['start', 'second']]);
      expect(trail(await loadConversation(handle(), KEY))).toEqual(['start', 'second', 'first']);
      const row = await db().selectFrom('conversation_state').select('version').executeTakeFirstOrThrow();
      expect(Number(row.version)).toBe(3);
    });

    it('a turn that loses twice (three turns at once) runs again each time, so no answer is lost', async () => {
      await saveConversation(handle(), KEY, state(['start']), AT);
      const firstRead = [signal(), signal()];
      const otherWrote = [signal(), signal()];
      const runsOfFirst: string[][] = [];
      // The first turn reads, then waits while another turn writes; twice.
      const first = withConversationTurn(async () => {
        const seen = trail(await loadConversation(handle(), KEY));
        const run = runsOfFirst.push(seen) - 1;
        if (run < 2) {
          firstRead[run]?.fire();
          await otherWrote[run]?.fired;
        }
        await saveConversation(handle(), KEY, state([...seen, 'first']), AT);
      });
      for (const [i, name] of ['second', 'third'].entries()) {
        await firstRead[i]?.fired;
        await withConversationTurn(async () => {
          const seen = trail(await loadConversation(handle(), KEY));
          await saveConversation(handle(), KEY, state([...seen, name]), AT);
        });
        otherWrote[i]?.fire();
      }
      await first;
      expect(runsOfFirst).toEqual([['start'], ['start', 'second'], ['start', 'second', 'third']]);
      expect(trail(await loadConversation(handle(), KEY))).toEqual(['start', 'second', 'third', 'first']);
    });

    it('a turn that ended the conversation is not undone by an earlier turn writing after it', async () => {
      await saveConversation(handle(), KEY, state(['start']), AT);
      const firstRead = signal();
      const ended = signal();
      let runs = 0;
      const first = withConversationTurn(async () => {
        const seen = await loadConversation(handle(), KEY);
        runs++;
        if (runs === 1) {
          firstRead.fire();
          await ended.fired;
        }
        // On the fresh state there is no conversation to continue.
        if (seen) await saveConversation(handle(), KEY, state([...trail(seen), 'first']), AT);
      });
      await firstRead.fired;
      await withConversationTurn(async () => {
        await loadConversation(handle(), KEY);
        await saveConversation(handle(), KEY, null, AT);
      });
      ended.fire();
      await first;
      expect(runs).toBe(2);
      expect(await loadConversation(handle(), KEY)).toBeNull();
    });

    it('a loser that already committed another effect leaves the winner’s state and does not run again', async () => {
      await saveConversation(handle(), KEY, state(['start']), AT);
      const firstRead = signal();
      const secondWrote = signal();
      let runs = 0;
      const first = withConversationTurn(async () => {
        const seen = trail(await loadConversation(handle(), KEY));
        runs++;
        await writeSomething('a decision, say');
        firstRead.fire();
        await secondWrote.fired;
        await saveConversation(handle(), KEY, state([...seen, 'first']), AT);
      });
      await firstRead.fired;
      await withConversationTurn(async () => {
        const seen = trail(await loadConversation(handle(), KEY));
        await saveConversation(handle(), KEY, state([...seen, 'second']), AT);
      });
      secondWrote.fire();
      await first;
      expect(runs).toBe(1);
      expect(trail(await loadConversation(handle(), KEY))).toEqual(['start', 'second']);
    });
  });
});
