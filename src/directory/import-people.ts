// `koers import-people CSV`: the people directory from a CSV (id, name and role required),
// validated as the strategy file's `people:` section is (known roles, no reports-to cycles),
// except that reports-to and delegates may also be people already in the store. All rows or none.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { peopleIssues } from '../domain/strategy/cross-references.js';
import { type Person, PersonSchema } from '../domain/strategy/strategy-schema.js';
import { type CsvSource, CsvSyntaxError, csvRecords } from '../portfolio/csv-records.js';
import { type CsvHeader, readHeaderOf } from '../portfolio/register-row.js';
import { appendAudit } from '../store/audit-log.js';
import type { Backend } from '../store/backend.js';
import { allPeople, type PersonRow, upsertPeople } from '../store/people-repo.js';
import { type Db, inUnitOfWork } from '../store/store-handle.js';

export const PEOPLE_COLUMNS = [
  'id',
  'name',
  'role',
  'unit',
  'reports_to',
  'email',
  'slack_id',
  'teams_id',
  'language',
  'absent_from',
  'absent_until',
  'delegate',
  'notify',
] as const;
export const REQUIRED_PEOPLE_COLUMNS = ['id', 'name', 'role'] as const;

/** Person fields (strategy schema) -> CSV columns, to name the column of a problem. */
const COLUMN_OF: Readonly<Record<string, string>> = {
  reportsTo: 'reports_to',
  slack: 'slack_id',
  teams: 'teams_id',
  'absent.from': 'absent_from',
  'absent.until': 'absent_until',
  absent: 'absent_until',
};

export interface PeopleImportReport {
  people: number;
  added: number;
  updated: number;
  dryRun: boolean;
}

export type PeopleImportResult = { ok: true; report: PeopleImportReport } | { ok: false; problems: string[] };

export interface PeopleImportOptions {
  now: Date;
  dryRun?: boolean;
  actorId?: string;
}

export async function importPeople(
  db: Db,
  backend: Backend,
  strategy: Strategy,
  source: CsvSource,
  options: PeopleImportOptions,
): Promise<PeopleImportResult> {
  const read = await readPeopleCsv(source);
  if (!read.ok) return read;
  const { people, lines } = read;
  const stored = await allPeople(db);
  const problems = crossCheck(people, lines, stored, new Set(strategy.roles.keys()));
  if (problems.length > 0) return { ok: false, problems };

  const storedIds = new Set(stored.map((p) => p.id));
  const added = people.filter((p) => !storedIds.has(p.id)).length;
  const report: PeopleImportReport = {
    people: people.length,
    added,
    updated: people.length - added,
    dryRun: options.dryRun === true,
  };
  if (options.dryRun || people.length === 0) return { ok: true, report };
  const at = options.now.toISOString();
  await inUnitOfWork(db, async (tx) => {
    await upsertPeople(tx, people, at);
    await appendAudit(tx, backend, {
      at,
      actorId: options.actorId ?? 'cli',
      action: 'people.import',
      platform: 'cli',
      data: { people: people.length, added, updated: report.updated },
    });
  });
  return { ok: true, report };
}

type ReadPeople = { ok: true; people: Person[]; lines: number[] } | { ok: false; problems: string[] };

/** The rows as people, every row's problems at once, each with its line (the header is line 1). */
export async function readPeopleCsv(source: CsvSource): Promise<ReadPeople> {
  const people: Person[] = [];
  const lines: number[] = [];
  const problems: string[] = [];
  let header: CsvHeader | null = null;
  try {
    for await (const { line, cells } of csvRecords(source)) {
      if (header === null) {
        const h = readHeaderOf(cells, REQUIRED_PEOPLE_COLUMNS, new Set(PEOPLE_COLUMNS));
        if (!h.ok) return h;
        header = h.header;
        continue;
      }
      const parsed = personFromCells(cells, header);
      if (parsed.ok) {
        people.push(parsed.person);
        lines.push(line);
      } else problems.push(`line ${line}: ${parsed.problems.join('; ')}`);
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { ok: false, problems: [err.describe()] };
    throw err;
  }
  if (header === null) return { ok: false, problems: ['the file is empty: a header row is required'] };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, people, lines };
}

function personFromCells(
  cells: ReadonlyArray<string>,
  header: CsvHeader,
): { ok: true; person: Person } | { ok: false; problems: string[] } {
  if (cells.length !== header.width)
    return { ok: false, problems: [`${cells.length} column(s), the header has ${header.width}`] };
  const cell = (name: string): string | undefined => {
    const i = header.index.get(name);
    const v = i === undefined ? '' : (cells[i] ?? '').trim();
    return v === '' ? undefined : v;
  };
  const from = cell('absent_from');
  const until = cell('absent_until');
  if ((from === undefined) !== (until === undefined)) {
    return { ok: false, problems: ['absent_from and absent_until go together: give both or neither'] };
  }
  const raw = {
    id: cell('id') ?? '',
    name: cell('name') ?? '',
    role: cell('role') ?? '',
    unit: cell('unit'),
    reportsTo: cell('reports_to'),
    email: cell('email'),
    slack: cell('slack_id'),
    teams: cell('teams_id'),
    language: cell('language'),
    absent: from !== undefined && until !== undefined ? { from, until } : undefined,
    delegate: cell('delegate'),
    notify: cell('notify'),
  };
  const parsed = PersonSchema.safeParse(raw);
  if (parsed.success) return { ok: true, person: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const field = i.path.map(String).join('.');
      return `${COLUMN_OF[field] ?? field}: ${i.message}`;
    }),
  };
}

/**
 * The file's people against each other and the store: known roles, existing reports-to and
 * delegates (in the file or the store), no cycles, platform ids not taken by someone else.
 */
function crossCheck(
  people: Person[],
  lines: number[],
  stored: PersonRow[],
  roleIds: ReadonlySet<string>,
): string[] {
  const inFile = new Set(people.map((p) => p.id));
  const storedById = new Map(stored.map((p) => [p.id, p]));
  const others: Person[] = stored.filter((p) => !inFile.has(p.id)).map(personOf);
  const problems: string[] = [];
  for (const issue of peopleIssues([...people, ...others], roleIds, 'people')) {
    const m = /^people\[(\d+)\]\.?(.*)$/.exec(issue.path);
    const i = Number(m?.[1]);
    // Problems of people only in the store were there before this file; not the file's to fix.
    if (!m || i >= people.length) continue;
    const field = m[2] ?? '';
    problems.push(`line ${lines[i]}: ${COLUMN_OF[field] ?? field}: ${issue.message}`);
  }
  for (const platform of ['slack', 'teams'] as const) {
    const column = platform === 'slack' ? 'slack_id' : 'teams_id';
    const holder = new Map<string, string>();
    for (const p of others) if (p[platform]) holder.set(p[platform] as string, p.id);
    people.forEach((p, i) => {
      // A platform id left empty keeps the one the store has (upsertPeople).
      const id = p[platform] ?? storedById.get(p.id)?.[column] ?? undefined;
      if (id === undefined) return;
      const taken = holder.get(id);
      if (taken !== undefined && taken !== p.id)
        problems.push(`line ${lines[i]}: ${column}: "${id}" is already the ${column} of ${taken}`);
      else holder.set(id, p.id);
    });
  }
  return problems.sort((a, b) => lineOf(a) - lineOf(b));
}

function lineOf(problem: string): number {
  return Number(/^line (\d+)/.exec(problem)?.[1] ?? 0);
}

function personOf(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    unit: r.unit ?? undefined,
    reportsTo: r.reports_to ?? undefined,
    email: r.email ?? undefined,
    slack: r.slack_id ?? undefined,
    teams: r.teams_id ?? undefined,
    language: r.language === 'nl' || r.language === 'en' ? r.language : undefined,
    absent: r.absent_from && r.absent_until ? { from: r.absent_from, until: r.absent_until } : undefined,
    delegate: r.delegate_id ?? undefined,
    notify: r.notify_on === 'slack' || r.notify_on === 'teams' ? r.notify_on : undefined,
  };
}
