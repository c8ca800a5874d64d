// LIMIT as a literal in the SQL. SQLite (3.46 and later, as bundled with better-sqlite3) plans
// with the value of a bound LIMIT parameter and so re-prepares the statement every time it is
// bound: about 15 µs of parsing per run of a `select *` from cases, more than the query itself.
// Our limits are our own integers, so they go into the text, and a cached statement stays valid.
import { type RawBuilder, sql } from 'kysely';

export function literalLimit(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`limit must be a whole number >= 0, not ${n}`);
  return sql.lit(n);
}
