// Relationships written straight into the register, for digest tests that need a known portfolio.
import type { Kysely } from 'kysely';
import { partnerKey } from '../../../src/domain/portfolio/partner-key.js';
import type { Database } from '../../../src/store/schema.js';

export interface SeedRelationship {
  partner: string;
  owner: string;
  unit: string | null;
  priority: string | null;
  intensity: string;
  budget: number;
  status?: 'active' | 'ended' | 'planned';
  confidential?: boolean;
  reviewDue?: string | null;
  endDate?: string | null;
  createdAt?: string;
  partnerType?: string;
  source?: 'import' | 'check' | 'exception';
}

/** Inserts the rows in batches; returns their ids in order. */
export async function seedRelationships(
  db: Kysely<Database>,
  rows: ReadonlyArray<SeedRelationship>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => {
      const at = r.createdAt ?? '2026-01-05T09:00:00.000Z';
      return {
        partner: r.partner,
        partner_key: partnerKey(r.partner),
        partner_type: r.partnerType ?? 'government',
        priority: r.priority,
        intensity: r.intensity,
        budget: r.budget,
        months: 12,
        owner_id: r.owner,
        unit: r.unit,
        status: r.status ?? 'active',
        start_date: at.slice(0, 10),
        end_date: r.endDate ?? null,
        review_due: r.reviewDue === undefined ? '2027-01-05' : r.reviewDue,
        case_id: null,
        direction: 'shared',
        confidential: r.confidential ? 1 : 0,
        source: r.source ?? 'import',
        created_at: at,
        updated_at: at,
      };
    });
    const inserted = await db.insertInto('relationships').values(batch).returning('id').execute();
    ids.push(...inserted.map((r) => Number(r.id)));
  }
  return ids;
}
