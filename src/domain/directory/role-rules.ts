// Roles from directory fields, by the strategy's rules: the first rule that matches wins; a
// person no rule matches gets the lowest role. Patterns ignore case and take `*` as a wildcard.
import type { DirectoryRoleRule } from '../strategy/strategy-schema.js';
import type { DirectoryPerson } from './directory-person.js';

export interface RoleChoice {
  role: string;
  /** The rule that gave it (its index in the strategy's list); null: the lowest role, by default. */
  rule: number | null;
}

export function roleFor(
  person: DirectoryPerson,
  rules: ReadonlyArray<DirectoryRoleRule>,
  lowest: string,
): RoleChoice {
  for (const [i, rule] of rules.entries()) {
    if (rule.jobTitle !== undefined && !matches(rule.jobTitle, person.jobTitle)) continue;
    if (rule.department !== undefined && !matches(rule.department, person.department)) continue;
    if (rule.field !== undefined && !matches(rule.value ?? '*', person.managedFields?.[rule.field])) continue;
    return { role: rule.role, rule: i };
  }
  return { role: lowest, rule: null };
}

/** `Teamleider*` matches "Teamleider Water"; case is ignored; an empty value matches nothing. */
export function matches(pattern: string, value: string | null | undefined): boolean {
  if (value === null || value === undefined || value.trim() === '') return false;
  const re = new RegExp(
    `^${pattern
      .trim()
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'iu',
  );
  return re.test(value.trim());
}
