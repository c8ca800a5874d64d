// The writes of one use case, collected first and then sent together: on PostgreSQL as one
// statement (each write a data-modifying common table expression, so the whole batch is one round
// trip), on SQLite one after another in the same transaction (in process, where a statement costs
// no round trip). The writes of one batch must not depend on each other's results: ids are
// reserved before (see submit-context.ts), and the statement's sub-writes see the same snapshot.
import type { Insertable, QueryCreator, Selectable, Transaction } from 'kysely';
import type { AuditHead } from './audit-log.js';
import type { Backend } from './backend.js';
import type { Database } from './schema.js';

type Table = keyof Database;

/** One write, built on whichever query creator runs it (the transaction, or a CTE's). */
// biome-ignore lint/suspicious/noExplicitAny: the query builders of different tables have no common typed form.
type Build = (db: QueryCreator<Database>) => any;

export class WriteBatch<R extends Table = never> {
  private readonly writes: Build[] = [];
  private returningAt = -1;

  /** Rows to insert; `ignoreDuplicates` skips a row whose unique key is already there. */
  insert<T extends Table>(
    into: T,
    rows: ReadonlyArray<Insertable<Database[T]>>,
    o: { ignoreDuplicates?: boolean } = {},
  ): this {
    if (rows.length === 0) return this;
    const values = [...rows] as never;
    this.writes.push((db) => {
      const q = db.insertInto(into).values(values);
      return o.ignoreDuplicates ? q.onConflict((oc) => oc.doNothing()) : q;
    });
    return this;
  }

  /** The one insert whose row the batch gives back (as the store holds it). */
  insertReturning<T extends Table>(into: T, row: Insertable<Database[T]>): WriteBatch<T> {
    this.returningAt = this.writes.length;
    const value = row as never;
    this.writes.push((db) => db.insertInto(into).values(value).returningAll());
    return this as unknown as WriteBatch<T>;
  }

  /** Moves the audit chain's head (read and locked earlier in the transaction). */
  setAuditHead(head: AuditHead): this {
    this.writes.push((db) =>
      db.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1),
    );
    return this;
  }

  get size(): number {
    return this.writes.length;
  }

  /** Runs every write in `trx`; gives back the row of `insertReturning`, if there was one. */
  async run(trx: Transaction<Database>, backend: Backend): Promise<Selectable<Database[R]> | undefined> {
    if (this.writes.length === 0) return undefined;
    if (backend === 'sqlite') {
      let returned: Selectable<Database[R]> | undefined;
      for (const [i, build] of this.writes.entries()) {
        const rows = (await build(trx).execute()) as Array<Selectable<Database[R]>>;
        if (i === this.returningAt) returned = rows[0];
      }
      return returned;
    }
    // biome-ignore lint/suspicious/noExplicitAny: a chain of CTEs whose names are made here.
    let q: any = trx;
    for (const [i, build] of this.writes.entries()) q = q.with(`w${i}`, build);
    const final =
      this.returningAt >= 0
        ? q.selectFrom(`w${this.returningAt}`).selectAll()
        : q.selectNoFrom((eb: { lit: (v: number) => { as: (a: string) => unknown } }) => [
            eb.lit(1).as('done'),
          ]);
    const rows = (await final.execute()) as Array<Selectable<Database[R]>>;
    return this.returningAt >= 0 ? rows[0] : undefined;
  }
}
