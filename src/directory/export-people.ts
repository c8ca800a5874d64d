// `koers export --people`: the people as Koers knows them (from the strategy, a CSV and the
// directory), in id order, as CSV with the people import's column names or as one JSON array.
// Leavers are included, marked inactive.

import { csvLine } from '../portfolio/csv-cell.js';
import type { ExportFormat } from '../portfolio/export-register.js';
import { allPeopleById } from '../store/people-repo.js';
import type { Db } from '../store/store-handle.js';

export const PEOPLE_EXPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'role',
  'unit',
  'reports_to',
  'slack_id',
  'teams_id',
  'language',
  'absent_from',
  'absent_until',
  'active',
  'notify',
] as const;

export async function exportPeople(
  db: Db,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const rows = await allPeopleById(db);
  const people = rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    unit: r.unit,
    reports_to: r.reports_to,
    slack_id: r.slack_id,
    teams_id: r.teams_id,
    language: r.language,
    absent_from: r.absent_from,
    absent_until: r.absent_until,
    active: Number(r.active) !== 0,
    notify: r.notify_on,
  }));
  if (format === 'csv') {
    let out = csvLine(PEOPLE_EXPORT_COLUMNS);
    for (const p of people)
      out += csvLine(PEOPLE_EXPORT_COLUMNS.map((c) => (c === 'active' ? (p.active ? 'yes' : 'no') : p[c])));
    await write(out);
  } else
    await write(
      people.length === 0 ? '[]\n' : `[\n${people.map((p) => `  ${JSON.stringify(p)}`).join(',\n')}\n]\n`,
    );
  return people.length;
}
