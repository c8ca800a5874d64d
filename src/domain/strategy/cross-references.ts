// Checks the zod schema cannot express: references between sections, unique ids, rising
// decision lines and mandates that never shrink going up.
import { Cron } from 'croner';
import { closestId } from './closest-id.js';
import type { StrategyIssue } from './strategy-issues.js';
import type { Mandate, Person } from './strategy-schema.js';

/** What the checks read of a strategy file: a StrategyFile, or what can be salvaged of a broken one. */
export interface CrossReferenceInput {
  priorities: ReadonlyArray<{ id: string }>;
  partnerTypes: ReadonlyArray<{ id: string }>;
  intensities: ReadonlyArray<{ id: string }>;
  roles: ReadonlyArray<{ id: string; mandate: Mandate }>;
  decisionLines: { default: string[]; byPriority?: Record<string, string[]> | undefined };
  exploration?: { maxIntensity: string } | undefined;
  digest?: { cron: string; timezone: string } | undefined;
  people?: ReadonlyArray<Person> | undefined;
  directory?:
    | {
        source: string;
        roles: ReadonlyArray<{
          role: string;
          field?: string | undefined;
          jobTitle?: string | undefined;
          department?: string | undefined;
        }>;
      }
    | undefined;
}

/**
 * The id a salvaged item gets when the schema rejected its own (salvage-strategy.ts): no
 * reference can name it, and while a section holds one, references to that section's ids are
 * not reported as unknown (they may well have meant the item whose id is broken).
 */
export const unreadableId = (index: number): string => `\u0000${index}`;
const isUnreadable = (id: string) => id.startsWith('\u0000');

/** The ids of one section, for resolving references to it. */
interface IdSection {
  noun: string;
  ids: ReadonlySet<string>;
  /** False when an item's id could not be read: an unknown reference may be that item. */
  readable: boolean;
}

/** `uncheckedMandates`: indices of roles whose mandate is not compared with the one below it. */
export function crossReferenceIssues(
  s: CrossReferenceInput,
  uncheckedMandates: ReadonlySet<number> = new Set(),
): StrategyIssue[] {
  const issues: StrategyIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const priorities = idSection(s.priorities, 'priorities', 'priority', add);
  idSection(s.partnerTypes, 'partnerTypes', 'partner type', add);
  const intensities = idSection(s.intensities, 'intensities', 'intensity', add);
  const roles = idSection(s.roles, 'roles', 'role', add);
  // First occurrence wins, so a duplicate id (reported above) does not also reorder the ranks.
  const intensityRank = firstIndexById(s.intensities);
  const roleRank = firstIndexById(s.roles);
  // An unknown id is reported once, where it is written, with the closest known id. The checks
  // that compare ids (mandates going up, decision lines rising) leave it out, so it does not
  // come back as their follow-on errors.
  const checkReference = (
    ids: IdSection,
    value: string,
    path: string,
    issue: Partial<StrategyIssue> = {},
  ): void => {
    if (!ids.ids.has(value) && ids.readable) issues.push(unknownReference(ids, value, path, issue));
  };

  s.roles.forEach((role, i) => {
    const at = `roles[${i}].mandate`;
    const m = role.mandate;
    if (m.maxIntensity !== undefined) checkReference(intensities, m.maxIntensity, `${at}.maxIntensity`);
    if (Array.isArray(m.priorities)) {
      m.priorities.forEach((p, j) => {
        checkReference(priorities, p, `${at}.priorities[${j}]`);
      });
    }
    const below = i > 0 ? s.roles[i - 1] : undefined;
    if (below && !uncheckedMandates.has(i) && !uncheckedMandates.has(i - 1)) {
      for (const shrink of mandateShrinks(below.mandate, m, intensityRank, priorities.ids)) {
        add(
          `${at}.${shrink}`,
          `the mandate of ${roleName(role.id, i)} is smaller than that of ${roleName(below.id, i - 1)} below it`,
        );
      }
    }
  });

  const checkLine = (line: string[], path: string) => {
    let previous = -1;
    line.forEach((roleId, j) => {
      const rank = roleRank.get(roleId);
      if (rank === undefined) {
        checkReference(roles, roleId, `${path}[${j}]`, {
          message: `unknown role "${roleId}" (a decision line names only roles)`,
        });
        return;
      }
      if (rank <= previous) {
        add(
          `${path}[${j}]`,
          `"${roleId}" does not rank above the step before it (a decision line rises through roles)`,
        );
      }
      previous = Math.max(previous, rank);
    });
  };
  checkLine(s.decisionLines.default, 'decisionLines.default');
  for (const [priority, line] of Object.entries(s.decisionLines.byPriority ?? {})) {
    const path = `decisionLines.byPriority.${priority}`;
    // An override for a priority the file does not have never applies, so it cannot lift or
    // tighten anything: a warning, not an error.
    checkReference(priorities, priority, path, {
      message: `unknown priority "${priority}": this override never applies`,
      severity: 'warning',
    });
    checkLine(line, path);
  }

  if (s.exploration) checkReference(intensities, s.exploration.maxIntensity, 'exploration.maxIntensity');

  if (s.digest) {
    if (!isTimeZone(s.digest.timezone)) add('digest.timezone', `unknown time zone "${s.digest.timezone}"`);
    else if (!isCron(s.digest.cron, s.digest.timezone))
      add('digest.cron', `invalid cron expression "${s.digest.cron}"`);
  }

  s.directory?.roles.forEach((rule, i) => {
    const at = `directory.roles[${i}]`;
    checkReference(roles, rule.role, `${at}.role`);
    if (s.directory?.source === 'slack' && (rule.jobTitle || rule.department))
      add(
        at,
        'on Slack, a role comes from an admin-managed profile field (field and value): people edit their own title',
      );
    if (s.directory?.source === 'entra' && rule.field)
      add(at, 'from Entra ID, a role comes from jobTitle or department');
  });

  // With a role id unreadable, a person's unknown role may be that role: not reported.
  if (s.people) issues.push(...peopleIssues(s.people, roles.ids, 'people', roles.readable));
  return issues;
}

function idSection(
  items: ReadonlyArray<{ id: string }>,
  name: string,
  noun: string,
  add: (path: string, message: string) => void,
): IdSection {
  const ids = new Set<string>();
  let readable = true;
  items.forEach((item, i) => {
    if (isUnreadable(item.id)) readable = false;
    else if (ids.has(item.id)) add(`${name}[${i}].id`, `duplicate ${noun} id "${item.id}"`);
    ids.add(item.id);
  });
  return { noun, ids, readable };
}

function unknownReference(
  ids: Pick<IdSection, 'noun' | 'ids'>,
  value: string,
  path: string,
  issue: Partial<StrategyIssue>,
): StrategyIssue {
  const suggestion = closestId(
    value,
    [...ids.ids].filter((id) => !isUnreadable(id)),
  );
  return {
    path,
    message: `unknown ${ids.noun} "${value}"`,
    ...issue,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

function roleName(id: string, index: number): string {
  return isUnreadable(id) ? `roles[${index}]` : `"${id}"`;
}

function firstIndexById(items: ReadonlyArray<{ id: string }>): Map<string, number> {
  const out = new Map<string, number>();
  items.forEach((item, i) => {
    if (!out.has(item.id)) out.set(item.id, i);
  });
  return out;
}

/**
 * The limits of `upper` that are tighter than those of `lower` (a missing limit is no limit).
 * An unknown intensity or priority is not compared: it is reported where it is written.
 */
function mandateShrinks(
  lower: Mandate,
  upper: Mandate,
  intensityRank: ReadonlyMap<string, number>,
  priorityIds: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const rank = (id: string | undefined) => (id === undefined ? Infinity : intensityRank.get(id));
  const upperRank = rank(upper.maxIntensity);
  const lowerRank = rank(lower.maxIntensity);
  if (upperRank !== undefined && lowerRank !== undefined && upperRank < lowerRank) out.push('maxIntensity');
  if ((upper.maxBudget ?? Infinity) < (lower.maxBudget ?? Infinity)) out.push('maxBudget');
  if ((upper.maxMonths ?? Infinity) < (lower.maxMonths ?? Infinity)) out.push('maxMonths');
  if (upper.priorities !== 'all') {
    const allowed = new Set(upper.priorities);
    if (lower.priorities === 'all' || lower.priorities.some((p) => priorityIds.has(p) && !allowed.has(p)))
      out.push('priorities');
  }
  return out;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isCron(pattern: string, timezone: string): boolean {
  try {
    new Cron(pattern, { paused: true, timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A people directory: unique ids, known roles, existing managers and delegates, no reports-to
 * cycles. `checkRoles` false: roles are not checked (the strategy's role ids could not all be read).
 */
export function peopleIssues(
  people: ReadonlyArray<Person>,
  roleIds: ReadonlySet<string>,
  section: string,
  checkRoles = true,
): StrategyIssue[] {
  const issues: StrategyIssue[] = [];
  const byId = new Map<string, number>();
  people.forEach((p, i) => {
    if (byId.has(p.id))
      issues.push({ path: `${section}[${i}].id`, message: `duplicate person id "${p.id}"` });
    else byId.set(p.id, i);
  });
  const roles = { noun: 'role', ids: roleIds };
  const persons = { noun: 'person', ids: new Set(byId.keys()) };
  const at = (i: number, field: string) => `${section}[${i}].${field}`;
  people.forEach((p, i) => {
    if (checkRoles && !roleIds.has(p.role)) issues.push(unknownReference(roles, p.role, at(i, 'role'), {}));
    if (p.reportsTo !== undefined && !byId.has(p.reportsTo)) {
      issues.push(unknownReference(persons, p.reportsTo, at(i, 'reportsTo'), {}));
    }
    if (p.delegate !== undefined) {
      if (!byId.has(p.delegate)) issues.push(unknownReference(persons, p.delegate, at(i, 'delegate'), {}));
      else if (p.delegate === p.id)
        issues.push({ path: at(i, 'delegate'), message: 'a person cannot be their own delegate' });
    }
    if (p.absent && p.absent.until < p.absent.from) {
      issues.push({ path: at(i, 'absent.until'), message: 'the absence ends before it starts' });
    }
  });
  const reportsTo = new Map(people.map((p) => [p.id, p.reportsTo]));
  people.forEach((p, i) => {
    const seen = new Set<string>([p.id]);
    let next = p.reportsTo;
    while (next !== undefined && reportsTo.has(next)) {
      if (seen.has(next)) {
        if (next === p.id) {
          issues.push({
            path: `${section}[${i}].reportsTo`,
            message: `reports-to cycle: ${[...seen, next].join(' -> ')}`,
          });
        }
        break;
      }
      seen.add(next);
      next = reportsTo.get(next);
    }
  });
  return issues;
}
