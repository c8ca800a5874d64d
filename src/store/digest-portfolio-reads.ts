// The digest's reads of the portfolio, its fragmentation and the value reported in reviews: GROUP BY over the active
// register, so the work grows with the register but the memory does not.
import { sql } from 'kysely';
import {
  type Fragmentation,
  LIST_LIMIT,
  type ReviewOutcome,
  type Value,
} from '../domain/digest/digest-model.js';
import { BUSY_UNITS_LIST, FRAGMENTED_MIN_RELATIONSHIPS } from '../domain/digest/fragmentation.js';
import type { DigestPeriod } from '../domain/digest/period.js';
import type { MixRow } from '../domain/digest/priority-flags.js';
import { type Db, sqlOf } from './store-handle.js';

export async function mixRows(db: Db): Promise<MixRow[]> {
  const rows = await sqlOf(db)
    .selectFrom('relationships')
    .select([
      'priority',
      'intensity',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`coalesce(sum(budget), 0)`.as('budget'),
    ])
    .where('status', '=', 'active')
    .groupBy(['priority', 'intensity'])
    .execute();
  return rows.map((r) => ({
    priority: r.priority,
    intensity: r.intensity,
    relationships: Number(r.n),
    budget: Number(r.budget),
  }));
}

export async function fragmentation(handle: Db): Promise<Fragmentation> {
  const db = sqlOf(handle);
  // Distinct units count known units only; a relationship without a unit still has an owner.
  const units = sql<number>`count(distinct unit)`;
  const owners = sql<number>`count(distinct owner_id)`;
  const [groups, busyUnits] = await Promise.all([
    // Index-only (relationships_fragmentation): keys, counts and the total number of such partners.
    db
      .selectFrom('relationships')
      .select([
        'partner_key',
        (eb) => eb.fn.countAll<number>().as('n'),
        units.as('units'),
        owners.as('owners'),
        sql<number>`count(*) over ()`.as('total'),
      ])
      .where('status', '=', 'active')
      .groupBy('partner_key')
      .having((eb) => eb.fn.countAll(), '>=', FRAGMENTED_MIN_RELATIONSHIPS)
      .having((eb) => eb.or([eb(units, '>', 1), eb(owners, '>', 1)]))
      .orderBy('n', 'desc')
      .orderBy('units', 'desc')
      .orderBy('partner_key')
      .limit(LIST_LIMIT)
      .execute(),
    db
      .selectFrom('relationships')
      .select([
        'unit',
        sql<number>`count(distinct partner_key)`.as('partners'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('status', '=', 'active')
      .where('unit', 'is not', null)
      .groupBy('unit')
      .orderBy('partners', 'desc')
      .orderBy('n', 'desc')
      .orderBy('unit')
      .limit(BUSY_UNITS_LIST)
      .execute(),
  ]);
  // Names for the listed partners only. One confidential relationship hides the partner's name;
  // `min` picks one spelling.
  const keys = groups.map((g) => g.partner_key);
  const names =
    keys.length === 0
      ? []
      : await db
          .selectFrom('relationships')
          .select([
            'partner_key',
            sql<string | null>`case when max(confidential) = 1 then null else min(partner) end`.as('partner'),
          ])
          .where('status', '=', 'active')
          .where('partner_key', 'in', keys)
          .groupBy('partner_key')
          .execute();
  const nameOf = new Map(names.map((r) => [r.partner_key, r.partner]));
  return {
    partnersWithSeveral: Number(groups[0]?.total ?? 0),
    partners: groups.map((r) => ({
      partnerKey: r.partner_key,
      partner: nameOf.get(r.partner_key) ?? null,
      relationships: Number(r.n),
      units: Number(r.units),
      owners: Number(r.owners),
    })),
    units: busyUnits.map((u) => ({
      unit: u.unit ?? '',
      partners: Number(u.partners),
      relationships: Number(u.n),
    })),
  };
}

export async function value(handle: Db, p: DigestPeriod): Promise<Value> {
  const db = sqlOf(handle);
  const [outcomes, due, never, reported] = await Promise.all([
    db
      .selectFrom('reviews')
      .select([
        'outcome',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(rating), 0)`.as('rating_sum'),
        sql<number>`count(rating)`.as('rated'),
      ])
      .where('at', '>=', p.start)
      .where('at', '<', p.end)
      .groupBy('outcome')
      .execute(),
    db
      .selectFrom('relationships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .where('review_due', '<', p.endDate)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('relationships as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('reviews as v')
              .select(sql.lit(1).as('one'))
              .whereRef('v.relationship_id', '=', 'r.id'),
          ),
        ),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('reviews as v')
      .innerJoin('relationships as r', 'r.id', 'v.relationship_id')
      .select([
        'v.relationship_id',
        sql<string | null>`case when r.confidential = 1 then null else r.partner end`.as('partner'),
        'v.outcome',
        'v.rating',
        'v.delivered',
        'v.reviewer_id',
        'v.at',
      ])
      .where('v.at', '>=', p.start)
      .where('v.at', '<', p.end)
      .orderBy('v.at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(LIST_LIMIT)
      .execute(),
  ]);
  const counts: Record<ReviewOutcome, number> = { continue: 0, adjust: 0, end: 0 };
  let ratingSum = 0;
  let rated = 0;
  for (const o of outcomes) {
    counts[o.outcome] = Number(o.n);
    ratingSum += Number(o.rating_sum);
    rated += Number(o.rated);
  }
  return {
    reviewsInPeriod: counts.continue + counts.adjust + counts.end,
    outcomes: counts,
    averageRating: rated === 0 ? null : Math.round((ratingSum / rated) * 10) / 10,
    reviewsDue: Number(due.n),
    neverReviewed: Number(never.n),
    reported: reported.map((r) => ({
      relationshipId: Number(r.relationship_id),
      partner: r.partner,
      outcome: r.outcome,
      rating: r.rating === null ? null : Number(r.rating),
      delivered: r.delivered.length > 280 ? `${r.delivered.slice(0, 279)}…` : r.delivered,
      reviewerId: r.reviewer_id,
      at: r.at,
    })),
  };
}
