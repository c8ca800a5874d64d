// The channel contract: the same conversations, with the same expected outcomes, on every chat
// platform. A scenario drives the platform only through its Driver (drivers.ts) and then checks
// two things: what the store holds (case state, decisions, the register, read with Kysely from the
// test's database) and what the platform's fake recorded (who was told, the view kind where the
// payload carries it, and the facts a person reads: the partner, the verdict, who decides).
// Anything a platform does differently from this contract shows up as that platform's failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ViewKind } from '../../src/conversation/index.js';
import type { Backend } from '../../src/store/backend.js';
import { BACKENDS } from '../support/test-stores.js';
import { DRIVERS, type Driver, type Outbound } from './drivers.js';

const ANNA = 'u-anna';
const BRAM = 'u-bram';

/**
 * Anna types a check about a knowledge institution for an energy project, answering each question
 * of the guided check as the bundled example strategy asks them; returns the verdict she read.
 * Her mandate (employee) goes to € 10.000, so the budget decides whether Bram (her team lead) has to.
 */
async function typedCheck(d: Driver, partner: string, budget: number): Promise<string> {
  const first = await d.startCheck(ANNA, `mag ik met ${partner} een project over energie starten?`);
  expect(first).toContain(`Wat voor partij is ${partner}?`);
  await d.answer(ANNA, '1'); // knowledge institution
  await d.answer(ANNA, String(budget));
  await d.answer(ANNA, '6'); // months
  await d.answer(ANNA, '1'); // we need them
  const summary = await d.answer(ANNA, 'nee'); // not confidential
  expect(summary).toContain(`Partner: ${partner}`);
  return d.answer(ANNA, 'ja');
}

/** A message to `to` with every fact in its text and, where the platform tells it, of `kind`. */
function sent(d: Driver, to: string, kind: ViewKind | null, facts: ReadonlyArray<string | RegExp>) {
  return (o: Outbound) =>
    o.to === to &&
    (kind === null || !d.recoverable.has(kind) || o.kind === kind) &&
    facts.every((f) => (typeof f === 'string' ? o.text.includes(f) : f.test(o.text)));
}

const ofKind = (d: Driver, to: string, kind: ViewKind) =>
  d.outbound().filter((o) => o.to === to && o.kind === kind && o.how === 'post');

async function caseOf(d: Driver, partner: string) {
  return d.db
    .selectFrom('cases')
    .select(['id', 'state', 'verdict', 'assignee_id', 'requester_id'])
    .where('partner', '=', partner)
    .executeTakeFirstOrThrow();
}

async function decisionsOf(d: Driver, caseId: number) {
  return d.db
    .selectFrom('decisions')
    .select(['action', 'decider_id', 'reason'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

async function relationshipsWith(d: Driver, partner: string) {
  return d.db
    .selectFrom('relationships')
    .select(['owner_id', 'status', 'case_id'])
    .where('partner', '=', partner)
    .execute();
}

/** Waits for Anna's escalated check about `partner` to reach Bram as a decision request. */
async function escalated(d: Driver, partner: string) {
  const verdict = await typedCheck(d, partner, 20_000);
  expect(
    d
      .outbound()
      .filter((o) => o.to === ANNA)
      .at(-1)?.kind,
  ).toBe('verdict');
  // The verdict names who decides now.
  expect(verdict).toContain(`Uitkomst van de toets: ${partner}`);
  expect(verdict).toContain('Hiervoor is een besluit op de besluitvormingslijn nodig.');
  expect(verdict).toContain('Voorgelegd aan Bram Bakker (Teamleider)');
  const c = await caseOf(d, partner);
  expect(c).toMatchObject({ state: 'open', verdict: 'escalate', assignee_id: BRAM, requester_id: ANNA });
  const request = await d.waitFor(
    sent(d, BRAM, 'approval', [`Samenwerking met ${partner}`, 'Anna de Vries vraagt om een besluit']),
  );
  expect(request.decisions).toEqual(expect.arrayContaining(['approve', 'reject']));
  // One decision request, to Bram only.
  expect(d.outbound().filter((o) => o.how === 'post' && o.decisions.length > 0)).toHaveLength(1);
  return { caseId: Number(c.id) };
}

export function channelContract(platform: 'slack' | 'teams'): void {
  describe.each(BACKENDS)(`the channel contract on ${platform} (%s)`, (backend: Backend) => {
    let d: Driver;
    beforeEach(async () => {
      d = await DRIVERS[platform](backend);
    });
    afterEach(async () => {
      await d.stop();
    });

    it('a check within the mandate: go-ahead, the case registered, the relationship in the register', async () => {
      const verdict = await typedCheck(d, 'TU Delft', 5_000);
      expect(verdict).toContain('Uitkomst van de toets: TU Delft');
      expect(verdict).toContain('Binnen uw mandaat: u kunt verder.');
      expect(verdict).toContain('Vastgelegd in het samenwerkingsportfolio.');

      // The same views in the same order on both platforms, each saying what it is.
      expect(
        d
          .outbound()
          .filter((o) => o.to === ANNA)
          .map((o) => o.kind),
      ).toEqual(['question', 'question', 'question', 'question', 'question', 'confirm', 'verdict']);

      const c = await caseOf(d, 'TU Delft');
      expect(c).toMatchObject({ state: 'registered', verdict: 'within_mandate', assignee_id: null });
      expect(await decisionsOf(d, Number(c.id))).toEqual([]);
      expect(await relationshipsWith(d, 'TU Delft')).toEqual([
        { owner_id: ANNA, status: 'active', case_id: c.id },
      ]);

      // The strategy channel hears of it; nobody is asked to decide.
      await d.waitFor(
        sent(d, 'strategy', 'summary', ['Samenwerking met TU Delft', 'Vastgelegd binnen mandaat: TU Delft.']),
      );
      expect(d.outbound().filter((o) => o.decisions.length > 0)).toEqual([]);
      expect(d.outbound().filter((o) => o.to === BRAM)).toEqual([]);
    });

    it('an escalation: Bram gets the decision request, approves from it; the case approved, Anna told', async () => {
      const { caseId } = await escalated(d, 'Deltares');

      const shown = await d.click(BRAM, 'approve');
      expect(shown).toContain('Goedgekeurd. De aanvrager en het strategiekanaal horen het.');

      expect(await caseOf(d, 'Deltares')).toMatchObject({ state: 'approved' });
      expect(await decisionsOf(d, caseId)).toEqual([{ action: 'approve', decider_id: BRAM, reason: null }]);
      expect(await relationshipsWith(d, 'Deltares')).toEqual([
        { owner_id: ANNA, status: 'active', case_id: caseId },
      ]);

      // Anna is told, the strategy channel gets the summary, Bram's request shows the decision
      // without its buttons.
      await d.waitFor(sent(d, ANNA, 'update', [/Uw voorstel voor Deltares is goedgekeurd door Bram Bakker/]));
      await d.waitFor(
        sent(d, 'strategy', 'summary', ['Goedgekeurd door Bram Bakker (Teamleider): Deltares.']),
      );
      await d.waitFor(
        (o) => o.to === BRAM && o.how === 'update' && /Goedgekeurd door Bram Bakker om/.test(o.text),
      );
      const updates = d.outbound().filter((o) => o.to === BRAM && o.how === 'update');
      expect(updates.at(-1)?.decisions).toEqual([]);
      if (d.recoverable.has('update')) expect(ofKind(d, ANNA, 'update')).toHaveLength(1);
    });

    it('a refusal: Bram rejects with a reason; the case rejected, nothing registered, Anna told why', async () => {
      const { caseId } = await escalated(d, 'Deltares');

      await d.click(BRAM, 'reject', { reason: 'Dubbel met het programma van Carla' });

      expect(await caseOf(d, 'Deltares')).toMatchObject({ state: 'rejected' });
      expect(await decisionsOf(d, caseId)).toEqual([
        { action: 'reject', decider_id: BRAM, reason: 'Dubbel met het programma van Carla' },
      ]);
      expect(await relationshipsWith(d, 'Deltares')).toEqual([]);

      await d.waitFor(
        sent(d, ANNA, 'update', [/afgewezen door Bram Bakker/i, 'Dubbel met het programma van Carla']),
      );
      await d.waitFor(sent(d, 'strategy', 'summary', [/Afgewezen door Bram Bakker/, 'Deltares']));
      await d.waitFor(
        (o) => o.to === BRAM && o.how === 'update' && /Afgewezen door Bram Bakker om/.test(o.text),
      );
    });

    it('a stale click: approve again, and reject on the outdated card; one decision, and Bram sees it was decided', async () => {
      const { caseId } = await escalated(d, 'Deltares');
      await d.click(BRAM, 'approve');
      await d.waitFor(sent(d, ANNA, 'update', [/goedgekeurd door Bram Bakker/]));

      // The same button once more (a second tab, a delayed client): the decision shown, not
      // repeated. The platforms word this differently, and the contract asks only what both do:
      // Slack runs the click as a new turn and says "Over deze zaak is al beslist." beside the
      // updated message; Teams takes the identical Action.Execute (same card, person and data) for
      // a repeat of the first and answers with the current card, which shows the decision.
      const again = await d.click(BRAM, 'approve', { card: 'first' });
      expect(again).toContain('Goedgekeurd door Bram Bakker om');
      expect(again).not.toContain('Goedgekeurd. De aanvrager en het strategiekanaal horen het.');

      // Another decision on the card as it was first delivered: refused in words.
      const outdated = await d.click(BRAM, 'reject', { card: 'first', reason: 'Toch niet' });
      expect(outdated).toContain('Over deze zaak is al beslist.');

      expect(await caseOf(d, 'Deltares')).toMatchObject({ state: 'approved' });
      expect(await decisionsOf(d, caseId)).toEqual([{ action: 'approve', decider_id: BRAM, reason: null }]);
      // Anna and the strategy channel heard of the one decision once.
      await new Promise((r) => setTimeout(r, 300));
      const toAnna = d.outbound().filter((o) => o.to === ANNA && /goedgekeurd door Bram Bakker/.test(o.text));
      expect(toAnna).toHaveLength(1);
      expect(d.outbound().filter((o) => o.to === ANNA && /afgewezen/i.test(o.text))).toEqual([]);
      expect(d.outbound().filter((o) => o.to === 'strategy' && /Bram Bakker/.test(o.text))).toHaveLength(1);
    });

    it('who works with a partner: the answer names who does', async () => {
      await typedCheck(d, 'TU Delft', 5_000);
      expect(await relationshipsWith(d, 'TU Delft')).toEqual([
        expect.objectContaining({ owner_id: ANNA, status: 'active' }),
      ]);

      const answer = await d.ask(BRAM, 'wie werkt met TU Delft?');
      expect(answer).toContain('Wie werkt met TU Delft?');
      expect(
        d
          .outbound()
          .filter((o) => o.to === BRAM)
          .map((o) => o.kind),
      ).toEqual(['who']);
      expect(answer).toContain('Anna de Vries (Energie en Klimaat): Project, Energietransitie, lopend');

      // Asking changes nothing.
      expect(await d.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
      // And someone nobody works with is not made up.
      const none = await d.ask(BRAM, 'wie werkt met Rijkswaterstaat?');
      expect(none).not.toContain('Anna de Vries');
    });
  });
}
