// Reviews on both backends: the owner is asked once when the review is due, answers, the next
// review moves a review period on, and `end` ends the relationship in the register.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REVIEW_FIELDS } from '../../src/domain/digest/review-answer.js';
import {
  promptDueReviews,
  REVIEWS_PER_MESSAGE,
  type ReviewRequestPayload,
  type ReviewSubject,
  submitReview,
} from '../../src/jobs/reviews.js';
import { reviewPromptView, reviewRequestView } from '../../src/jobs/views/review-request-view.js';
import { verifyAudit } from '../../src/store/audit-log.js';
import { outboxOf } from '../jobs/support/scheduler-fixture.js';
import { seedRelationships } from '../jobs/support/seed-portfolio.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const as = (personId: string) => ({ personId, platform: 'slack' as const });

describe.each(BACKENDS)('reviews on %s', (backend) => {
  let f: WorkflowFixture;
  let ids: number[];
  let deps: Parameters<typeof promptDueReviews>[0];

  beforeEach(async () => {
    f = await workflowFixture(backend, { platforms: ['slack', 'teams'] });
    f.clock.current = new Date('2026-11-23T09:00:00.000Z');
    ids = await seedRelationships(f.ts.store.db, [
      {
        partner: 'Deltares',
        owner: 'u-joost',
        unit: 'Water en Bodem',
        priority: 'climate-water',
        intensity: 'project',
        budget: 8_000,
        reviewDue: '2026-11-23',
      },
      {
        partner: 'Stichting Geheim',
        owner: 'u-anna',
        unit: 'Energie en Klimaat',
        priority: null,
        intensity: 'exchange',
        budget: 2_000,
        reviewDue: '2026-11-01',
        confidential: true,
      },
      {
        partner: 'Later BV',
        owner: 'u-anna',
        unit: 'Energie en Klimaat',
        priority: 'housing',
        intensity: 'project',
        budget: 1_000,
        reviewDue: '2026-11-24',
      },
      {
        partner: 'Onbekend',
        owner: 'slack:U999',
        unit: null,
        priority: 'health',
        intensity: 'project',
        budget: 1_000,
        reviewDue: '2026-11-01',
      },
    ]);
    deps = {
      db: f.ts.store.handle,
      backend,
      strategy: () => f.strategy,
      clock: f.clock.now,
      platforms: () => ['slack', 'teams'],
    };
  });
  afterEach(async () => {
    await f.drop();
  });

  it('asks each owner once, on the platforms they are on, when the review date has come', async () => {
    const other = await f.ts.reopen();
    const first =
      backend === 'postgres'
        ? await Promise.all([promptDueReviews(deps), promptDueReviews({ ...deps, db: other.handle })])
        : [await promptDueReviews(deps), await promptDueReviews({ ...deps, db: other.handle })];
    expect(first.flatMap((r) => r.prompted).sort((a, b) => a - b)).toEqual([ids[0], ids[1], ids[3]]);
    expect((await promptDueReviews(deps)).prompted).toEqual([]);
    const rows = await outboxOf(f.ts.store.db, 'review_request');
    // The example people are on Slack only; an unknown person is reached by their platform id.
    expect(rows.map((r) => [r.dedupe_key, r.platform, r.target])).toEqual(
      expect.arrayContaining([
        ['review:u-joost:2026-11-23:slack', 'slack', { person: 'u-joost' }],
        ['review:u-anna:2026-11-23:slack', 'slack', { person: 'u-anna' }],
        ['review:slack:U999:2026-11-23:slack', 'slack', { person: 'slack:U999' }],
      ]),
    );
    expect(rows).toHaveLength(3);
    const payload = rows.find((r) => r.target.person === 'u-joost')
      ?.payload as unknown as ReviewRequestPayload;
    expect(payload).toMatchObject({
      date: '2026-11-23',
      more: 0,
      subjects: [
        {
          relationshipId: ids[0],
          dueDate: '2026-11-23',
          partner: 'Deltares',
          priorityName: { nl: 'Klimaatadaptatie en water', en: 'Climate adaptation and water' },
          currency: 'EUR',
        },
      ],
    });
    const subject = payload.subjects[0] as ReviewSubject;
    // One relationship due: the message is its form.
    const view = reviewPromptView(payload, 'nl');
    const form = view.blocks.find((b) => b.type === 'form');
    expect(form?.type === 'form' && form.fields.map((x) => x.id)).toEqual([
      REVIEW_FIELDS.outcome,
      REVIEW_FIELDS.delivered,
      REVIEW_FIELDS.rating,
    ]);
    expect(form?.type === 'form' && form.submit.action).toEqual({
      type: 'submit_review',
      relationshipId: String(ids[0]),
      dueDate: '2026-11-23',
    });
    expect(view.fallbackText).toContain('Deltares');
    expect(reviewRequestView(subject, 'en').title).toBe('Time for a review');
  });

  it('sends an owner at most one message a day, listing at most 10 relationships; the rest come on the next days', async () => {
    const many = await seedRelationships(
      f.ts.store.db,
      Array.from({ length: 15 }, (_, i) => ({
        partner: `Partner ${String(i).padStart(2, '0')}`,
        owner: 'u-gijs',
        unit: null,
        priority: 'housing',
        intensity: 'project',
        budget: 1_000,
        reviewDue: '2026-11-20',
      })),
    );
    const gijs = async () =>
      (await outboxOf(f.ts.store.db, 'review_request')).filter((r) => r.target.person === 'u-gijs');
    const first = await promptDueReviews(deps);
    expect(first.prompted.filter((id) => many.includes(id))).toHaveLength(REVIEWS_PER_MESSAGE);
    const day1 = await gijs();
    expect(day1.map((r) => r.dedupe_key)).toEqual(['review:u-gijs:2026-11-23:slack']);
    const payload = day1[0]?.payload as unknown as ReviewRequestPayload;
    expect(payload.subjects.map((x) => x.partner)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Partner ${String(i).padStart(2, '0')}`),
    );
    expect(payload.more).toBe(5);
    // Several due: a list, each with a button that opens its form.
    const view = reviewPromptView(payload, 'nl');
    const buttons = view.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => b.action)).toEqual(
      payload.subjects.map((x) => ({
        type: 'submit_review',
        relationshipId: String(x.relationshipId),
        dueDate: '2026-11-20',
      })),
    );

    // Later the same day: nothing more for Gijs.
    f.clock.current = new Date('2026-11-23T17:00:00.000Z');
    expect((await promptDueReviews(deps)).prompted.filter((id) => many.includes(id))).toEqual([]);
    expect(await gijs()).toHaveLength(1);

    // The next day: the other five, in one message.
    f.clock.current = new Date('2026-11-24T09:00:00.000Z');
    expect((await promptDueReviews(deps)).prompted.filter((id) => many.includes(id))).toHaveLength(5);
    const day2 = (await gijs()).slice(1);
    expect(day2.map((r) => r.dedupe_key)).toEqual(['review:u-gijs:2026-11-24:slack']);
    expect((day2[0]?.payload as unknown as ReviewRequestPayload | undefined)?.subjects).toHaveLength(5);
  });

  it('stores the owner answer and moves the next review a review period on; the same form twice records once', async () => {
    const id = ids[0] as number;
    const answer = {
      [REVIEW_FIELDS.outcome]: 'adjust',
      [REVIEW_FIELDS.delivered]: 'Een model voor de polder',
      [REVIEW_FIELDS.rating]: '4',
    };
    const first = await submitReview(deps, as('u-joost'), id, answer, { dueDate: '2026-11-23' });
    expect(first).toMatchObject({
      ok: true,
      answer: { outcome: 'adjust', rating: 4 },
      relationship: { status: 'active', reviewDue: '2027-11-23' },
    });
    expect(await submitReview(deps, as('u-joost'), id, answer, { dueDate: '2026-11-23' })).toEqual({
      ok: false,
      refusal: 'already_reviewed',
    });
    const stored = await f.ts.store.db
      .selectFrom('reviews')
      .selectAll()
      .where('relationship_id', '=', id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reviewer_id: 'u-joost',
      outcome: 'adjust',
      rating: 4,
      due_date: '2026-11-23',
      delivered: 'Een model voor de polder',
    });
    // A year on, the next review is asked for again (a new dedupe key: the new date).
    f.clock.current = new Date('2027-11-23T09:00:00.000Z');
    expect((await promptDueReviews(deps)).prompted).toContain(id);
    expect((await outboxOf(f.ts.store.db, 'review_request')).map((r) => r.dedupe_key)).toContain(
      'review:u-joost:2027-11-23:slack',
    );
    expect((await verifyAudit(f.ts.store.handle)).ok).toBe(true);
  });

  it('ends the relationship in the register when the owner says end', async () => {
    const id = ids[1] as number;
    const out = await submitReview(deps, as('u-anna'), id, { outcome: 'end', delivered: 'Klaar', rating: 3 });
    expect(out).toMatchObject({
      ok: true,
      relationship: { status: 'ended', endDate: '2026-11-23', reviewDue: null },
    });
    const rel = await f.ts.store.db
      .selectFrom('relationships')
      .select(['status', 'end_date', 'review_due'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(rel).toEqual({ status: 'ended', end_date: '2026-11-23', review_due: null });
    expect(
      await submitReview(deps, as('u-anna'), id, { outcome: 'continue', delivered: 'x', rating: 3 }),
    ).toEqual({ ok: false, refusal: 'ended' });
    const audit = await f.audit();
    expect(audit.at(-1)).toMatchObject({
      action: 'relationship_ended',
      actor_id: 'u-anna',
      data: { relationshipId: id, outcome: 'end', rating: 3 },
    });
  });

  it('refuses anyone but the owner, a bad answer and an unknown relationship, and changes nothing', async () => {
    const id = ids[0] as number;
    expect(await submitReview(deps, as('u-gijs'), id, { outcome: 'end', delivered: 'x', rating: 1 })).toEqual(
      { ok: false, refusal: 'not_owner' },
    );
    const bad = await submitReview(deps, as('u-joost'), id, { outcome: 'end', delivered: '', rating: 9 });
    expect(bad).toMatchObject({ ok: false, refusal: 'invalid_answer' });
    expect(
      await submitReview(deps, as('u-joost'), 999_999, { outcome: 'end', delivered: 'x', rating: 1 }),
    ).toEqual({ ok: false, refusal: 'not_found' });
    expect(await f.ts.store.db.selectFrom('reviews').selectAll().execute()).toEqual([]);
    const rel = await f.ts.store.db
      .selectFrom('relationships')
      .select(['status', 'review_due'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(rel).toEqual({ status: 'active', review_due: '2026-11-23' });
  });
});
