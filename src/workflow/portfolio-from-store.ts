// The check's view of the register, read with two indexed queries (never a scan).
import type { Kysely, Transaction } from 'kysely';
import type { ExistingRelationship, PortfolioView } from '../domain/portfolio/portfolio-view.js';
import type { Database } from '../store/schema.js';

export async function portfolioViewFor(
  db: Kysely<Database> | Transaction<Database>,
  key: string,
): Promise<PortfolioView> {
  const [matches, exploring] = await Promise.all([
    db
      .selectFrom('relationships')
      .select(['partner', 'owner_id', 'priority', 'partner_type', 'intensity', 'unit'])
      .where('partner_key', '=', key)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('relationships')
      .select(db.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .where('priority', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const existing: ExistingRelationship[] = matches.map((m) => ({
    partner: m.partner,
    owner: m.owner_id,
    priority: m.priority,
    partnerType: m.partner_type,
    intensity: m.intensity,
    unit: m.unit,
    status: 'active',
  }));
  const count = Number(exploring.n);
  return { activeWith: (k) => (k === key ? existing : []), activeExplorationCount: () => count };
}
