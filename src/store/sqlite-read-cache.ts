// The hot reads' answers (prepared-query.ts), kept while the SQLite database has not changed since
// they were read. Every read outside a transaction costs SQLite a read transaction of its own (a
// look at the WAL index and two file locks: ~5 µs here before the first row), and a chat turn
// makes five or six of them, mostly the same ones as the turn before. Whether anything changed:
//
// - a write made in this process, by any connection: every statement that may write bumps a
//   counter shared by the process (noteSqliteWrite, called where statements are prepared), so a
//   write of ours, committed or not, or of a second connection to the same file in this process,
//   is seen by the very next read;
// - a commit by another process (`koers import`, a second server by mistake): SQLite's
//   `PRAGMA data_version` moves. Asking costs a read transaction of its own, so it is asked once
//   per turn of the event loop: the reads of one chat turn (which run one after another without
//   giving the loop back) see the database as it was when the first of them ran, as if they had
//   run in one read transaction, and the next turn of the loop asks again.
//
// When either moved, every answer is dropped. Answers are frozen: a caller that changed one would
// change it for the next reader.
import type BetterSqlite3 from 'better-sqlite3';

/** More distinct reads than this between two changes (many people at once): start again. */
const MAX_ANSWERS = 2_000;

let processWrites = 0;

/** A statement that may change the database is about to run (any connection of this process). */
export function noteSqliteWrite(): void {
  processWrites++;
}

export type RowReader = (text: string, params: ReadonlyArray<unknown>) => unknown[];

export function sqliteReadCache(raw: BetterSqlite3.Database, read: RowReader): RowReader {
  const othersCommits = raw.prepare('pragma data_version').pluck();
  const answers = new Map<string, unknown[]>();
  let writesAt = -1;
  let othersAt = -1;
  /** data_version was asked in this turn of the event loop. */
  let askedThisTurn = false;
  const nextTurn = () => {
    askedThisTurn = false;
  };
  return (text, params) => {
    let others = othersAt;
    if (!askedThisTurn) {
      others = othersCommits.get() as number;
      askedThisTurn = true;
      setImmediate(nextTurn).unref();
    }
    if (processWrites !== writesAt || others !== othersAt || answers.size >= MAX_ANSWERS) {
      answers.clear();
      writesAt = processWrites;
      othersAt = others;
    }
    const key = `${text}\u0000${JSON.stringify(params)}`;
    let rows = answers.get(key);
    if (rows === undefined) {
      rows = read(text, params);
      for (const row of rows) Object.freeze(row);
      Object.freeze(rows);
      answers.set(key, rows);
    }
    return rows;
  };
}
