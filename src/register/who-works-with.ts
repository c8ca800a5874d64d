// "Who works with partner X?": the relationships with the same partner key, and near matches
// (`TU Delft` / `Technische Universiteit Delft`). Near candidates come from SQL LIKE on the
// key's significant words, capped, and are scored here: the register is never read whole. The
// patterns go to the database as one array parameter, so the query is the same whatever the name
// (one OR per pattern made the statement grow with the words, until SQLite refused it).
import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { NEAR_MATCH_THRESHOLD, nearMatchPatterns, nearMatchScore } from '../domain/portfolio/near-match.js';
import { capLookup, partnerKey } from '../domain/portfolio/partner-key.js';
import type { Backend } from '../store/backend.js';
import { literalLimit } from '../store/literal-limit.js';
import type { Database } from '../store/schema.js';
import type { RelationshipStatus } from './register-row.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PartnerRelationship {
  id: number;
  partner: string;
  ownerId: string;
  /** From the people directory; null when the owner is not in it. */
  ownerName: string | null;
  unit: string | null;
  intensity: string;
  priority: string | null;
  status: RelationshipStatus;
  start: string | null;
}

export interface NearRelationship extends PartnerRelationship {
  /** 0..1, see nearMatchScore. */
  score: number;
}

export interface WhoWorksWith {
  key: string;
  exact: PartnerRelationship[];
  near: NearRelationship[];
}

export interface WhoWorksWithOptions {
  /** Most rows in each of `exact` and `near` (default 20). */
  limit?: number;
  /** Most near candidates read from the store before scoring (default 500). */
  candidates?: number;
  /** Confidential relationships are left out unless asked for. */
  includeConfidential?: boolean;
}

const STATUS_ORDER = sql<number>`case relationships.status when 'active' then 0 when 'planned' then 1 else 2 end`;

export async function whoWorksWith(
  db: Db,
  name: string,
  options: WhoWorksWithOptions = {},
): Promise<WhoWorksWith> {
  const key = partnerKey(capLookup(name).name);
  const limit = options.limit ?? 20;
  if (key === '') return { key, exact: [], near: [] };
  const base = () => {
    let q = db
      .selectFrom('relationships')
      .leftJoin('people', 'people.id', 'relationships.owner_id')
      .select([
        'relationships.id',
        'relationships.partner',
        'relationships.partner_key',
        'relationships.owner_id',
        'people.name as owner_name',
        'relationships.unit',
        'relationships.intensity',
        'relationships.priority',
        'relationships.status',
        'relationships.start_date',
      ]);
    if (!options.includeConfidential) q = q.where('relationships.confidential', '=', 0);
    return q;
  };

  const exactRows = await base()
    .where('relationships.partner_key', '=', key)
    .orderBy(STATUS_ORDER)
    .orderBy('relationships.id')
    .limit(literalLimit(limit))
    .execute();

  const patterns = nearMatchPatterns(key);
  const candidateRows =
    patterns.length === 0
      ? []
      : await base()
          .where('relationships.partner_key', '<>', key)
          .where(likeAny(backendOf(db), patterns))
          .orderBy('relationships.id')
          .limit(literalLimit(options.candidates ?? 500))
          .execute();

  const near = candidateRows
    .map((r) => ({ ...toRelationship(r), score: nearMatchScore(key, r.partner_key) }))
    .filter((r) => r.score >= NEAR_MATCH_THRESHOLD)
    .sort(
      (a, b) =>
        b.score - a.score ||
        statusRank(a.status) - statusRank(b.status) ||
        a.partner.localeCompare(b.partner) ||
        a.id - b.id,
    )
    .slice(0, limit);
  return { key, exact: exactRows.map(toRelationship), near };
}

/** partner_key LIKE any of `patterns`, with the patterns as one parameter. */
function likeAny(backend: Backend, patterns: ReadonlyArray<string>): RawBuilder<SqlBool> {
  return backend === 'postgres'
    ? sql<SqlBool>`relationships.partner_key like any(${[...patterns]}::text[])`
    : sql<SqlBool>`exists (select 1 from json_each(${JSON.stringify(patterns)}) as p where relationships.partner_key like p.value)`;
}

function backendOf(db: Db): Backend {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

function statusRank(status: RelationshipStatus): number {
  return status === 'active' ? 0 : status === 'planned' ? 1 : 2;
}

function toRelationship(r: {
  id: number;
  partner: string;
  owner_id: string;
  owner_name: string | null;
  unit: string | null;
  intensity: string;
  priority: string | null;
  status: RelationshipStatus;
  start_date: string | null;
}): PartnerRelationship {
  return {
    id: Number(r.id),
    partner: r.partner,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    unit: r.unit,
    intensity: r.intensity,
    priority: r.priority,
    status: r.status,
    start: r.start_date,
  };
}
