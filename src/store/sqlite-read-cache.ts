// The hot reads' answers (prepared-query.ts), kept while the SQLite database has not changed since
// they were read. Every read outside a transaction costs SQLite a read transaction of its own (a
// look at the WAL index: ~5 µs here before the first row), and a chat turn makes five or six of
// them, mostly the same ones as the turn before. Whether anything changed is two counters SQLite
// keeps for this purpose: `total_changes()`, the rows this connection has inserted, updated or
// deleted since it opened (a write of ours, committed or not), and `PRAGMA data_version`, which
// moves when another connection commits (another process on the same file: `koers import`, a
// second server by mistake). When either moved, every answer is dropped. Answers are frozen: a
// caller that changed one would change it for the next reader.
import type BetterSqlite3 from 'better-sqlite3';

/** More distinct reads than this between two changes (many people at once): start again. */
const MAX_ANSWERS = 2_000;

export type RowReader = (text: string, params: ReadonlyArray<unknown>) => unknown[];

export function sqliteReadCache(raw: BetterSqlite3.Database, read: RowReader): RowReader {
  const ownChanges = raw.prepare('select total_changes()').pluck();
  const othersCommits = raw.prepare('pragma data_version').pluck();
  const answers = new Map<string, unknown[]>();
  let readAt = -1;
  let othersAt = -1;
  return (text, params) => {
    const own = ownChanges.get() as number;
    const others = othersCommits.get() as number;
    if (own !== readAt || others !== othersAt || answers.size >= MAX_ANSWERS) {
      answers.clear();
      readAt = own;
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
