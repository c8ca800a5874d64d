// The example strategy with a `directory:` section instead of its `people:` list (or beside it),
// and a directory of any size for a fake Microsoft Graph: one director, managers, team leads and
// employees, each reporting to the one above, some away.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGraphUser } from './fake-graph.js';

const EXAMPLE = join(fileURLToPath(new URL('../../', import.meta.url)), 'config/strategy.example.yaml');

export const ENTRA_ROLES = `  roles:
    - { jobTitle: "Directeur*", role: director }
    - { jobTitle: "Afdelingshoofd*", role: manager }
    - { jobTitle: "Teamleider*", role: team-lead }
`;

/** The example strategy's YAML with `directory:` added; `keepPeople` keeps its `people:` too. */
export function strategyWithDirectory(directory: string, o: { keepPeople?: boolean } = {}): string {
  const text = readFileSync(EXAMPLE, 'utf8');
  const at = text.indexOf('\npeople:');
  const base = o.keepPeople || at < 0 ? text : text.slice(0, at + 1);
  return `${base.trimEnd()}\n\ndirectory:\n${directory}`;
}

/** `size` people: e-0 the director, then managers, team leads and employees (ids e-N). */
export function organisation(size: number): FakeGraphUser[] {
  const users: FakeGraphUser[] = [];
  const managers = Math.max(1, Math.floor(size / 100));
  const leads = Math.max(1, Math.floor(size / 20));
  for (let i = 0; i < size; i++) {
    const kind =
      i === 0 ? 'director' : i <= managers ? 'manager' : i <= managers + leads ? 'lead' : 'employee';
    const managerId =
      kind === 'director'
        ? null
        : kind === 'manager'
          ? 'e-0'
          : kind === 'lead'
            ? `e-${1 + (i % managers)}`
            : `e-${1 + managers + (i % leads)}`;
    users.push({
      id: `e-${i}`,
      displayName: `Medewerker ${i}`,
      mail: `m${i}@provincie.example`,
      jobTitle:
        kind === 'director'
          ? 'Directeur Leefomgeving'
          : kind === 'manager'
            ? `Afdelingshoofd ${i}`
            : kind === 'lead'
              ? `Teamleider ${i}`
              : 'Beleidsmedewerker',
      department: kind === 'director' ? 'Directie' : `Afdeling ${i % 7}`,
      preferredLanguage: i % 10 === 3 ? 'en-GB' : 'nl-NL',
      managerId,
      ...(i % 50 === 5
        ? { autoReplies: { status: 'scheduled' as const, start: '2026-12-01', end: '2026-12-24' } }
        : {}),
      ...(i === 9 ? { autoReplies: { status: 'alwaysEnabled' as const } } : {}),
    });
  }
  return users;
}
