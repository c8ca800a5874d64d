// Checks the zod schema cannot express: references between sections, unique ids, rising
// decision lines and mandates that never shrink going up.
import { Cron } from 'croner';
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
}

/** `uncheckedMandates`: indices of roles whose mandate is not compared with the one below it. */
export function crossReferenceIssues(
  s: CrossReferenceInput,
  uncheckedMandates: ReadonlySet<number> = new Set(),
): StrategyIssue[] {
  const issues: StrategyIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const priorityIds = uniqueIds(s.priorities, 'priorities', 'priority', add);
  uniqueIds(s.partnerTypes, 'partnerTypes', 'partner type', add);
  const intensityIds = uniqueIds(s.intensities, 'intensities', 'intensity', add);
  const roleIds = uniqueIds(s.roles, 'roles', 'role', add);
  // First occurrence wins, so a duplicate id (reported above) does not also reorder the ranks.
  const intensityRank = firstIndexById(s.intensities);
  const roleRank = firstIndexById(s.roles);

  s.roles.forEach((role, i) => {
    const at = `roles[${i}].mandate`;
    const m = role.mandate;
    if (m.maxIntensity !== undefined && !intensityIds.has(m.maxIntensity)) {
      add(`${at}.maxIntensity`, `unknown intensity "${m.maxIntensity}"`);
    }
    if (Array.isArray(m.priorities)) {
      m.priorities.forEach((p, j) => {
        if (!priorityIds.has(p)) add(`${at}.priorities[${j}]`, `unknown priority "${p}"`);
      });
    }
    const below = i > 0 ? s.roles[i - 1] : undefined;
    if (below && !uncheckedMandates.has(i) && !uncheckedMandates.has(i - 1)) {
      for (const shrink of mandateShrinks(below.mandate, m, intensityRank)) {
        add(`${at}.${shrink}`, `the mandate of "${role.id}" is smaller than that of "${below.id}" below it`);
      }
    }
  });

  const checkLine = (line: string[], path: string) => {
    let previous = -1;
    line.forEach((roleId, j) => {
      const rank = roleRank.get(roleId);
      if (rank === undefined) {
        add(`${path}[${j}]`, `unknown role "${roleId}" (a decision line names only roles)`);
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
    if (!priorityIds.has(priority)) {
      issues.push({
        path,
        message: `unknown priority "${priority}": this override never applies`,
        severity: 'warning',
      });
    }
    checkLine(line, path);
  }

  if (s.exploration && !intensityIds.has(s.exploration.maxIntensity)) {
    add('exploration.maxIntensity', `unknown intensity "${s.exploration.maxIntensity}"`);
  }

  if (s.digest) {
    if (!isTimeZone(s.digest.timezone)) add('digest.timezone', `unknown time zone "${s.digest.timezone}"`);
    else if (!isCron(s.digest.cron, s.digest.timezone))
      add('digest.cron', `invalid cron expression "${s.digest.cron}"`);
  }

  if (s.people) issues.push(...peopleIssues(s.people, roleIds, 'people'));
  return issues;
}

function uniqueIds(
  items: ReadonlyArray<{ id: string }>,
  section: string,
  noun: string,
  add: (path: string, message: string) => void,
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) add(`${section}[${i}].id`, `duplicate ${noun} id "${item.id}"`);
    seen.add(item.id);
  });
  return seen;
}

function firstIndexById(items: ReadonlyArray<{ id: string }>): Map<string, number> {
  const out = new Map<string, number>();
  items.forEach((item, i) => {
    if (!out.has(item.id)) out.set(item.id, i);
  });
  return out;
}

/** The limits of `upper` that are tighter than those of `lower` (a missing limit is no limit). */
function mandateShrinks(lower: Mandate, upper: Mandate, intensityRank: Map<string, number>): string[] {
  const out: string[] = [];
  const rank = (id: string | undefined) =>
    id === undefined ? Infinity : (intensityRank.get(id) ?? Infinity);
  if (rank(upper.maxIntensity) < rank(lower.maxIntensity)) out.push('maxIntensity');
  if ((upper.maxBudget ?? Infinity) < (lower.maxBudget ?? Infinity)) out.push('maxBudget');
  if ((upper.maxMonths ?? Infinity) < (lower.maxMonths ?? Infinity)) out.push('maxMonths');
  if (upper.priorities !== 'all') {
    const allowed = new Set(upper.priorities);
    if (lower.priorities === 'all' || lower.priorities.some((p) => !allowed.has(p))) out.push('priorities');
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

/** A people directory: unique ids, known roles, existing managers and delegates, no reports-to cycles. */
export function peopleIssues(
  people: ReadonlyArray<Person>,
  roleIds: ReadonlySet<string>,
  section: string,
): StrategyIssue[] {
  const issues: StrategyIssue[] = [];
  const byId = new Map<string, number>();
  people.forEach((p, i) => {
    if (byId.has(p.id))
      issues.push({ path: `${section}[${i}].id`, message: `duplicate person id "${p.id}"` });
    else byId.set(p.id, i);
  });
  people.forEach((p, i) => {
    if (!roleIds.has(p.role))
      issues.push({ path: `${section}[${i}].role`, message: `unknown role "${p.role}"` });
    if (p.reportsTo !== undefined && !byId.has(p.reportsTo)) {
      issues.push({ path: `${section}[${i}].reportsTo`, message: `unknown person "${p.reportsTo}"` });
    }
    if (p.delegate !== undefined) {
      if (!byId.has(p.delegate))
        issues.push({ path: `${section}[${i}].delegate`, message: `unknown person "${p.delegate}"` });
      else if (p.delegate === p.id)
        issues.push({ path: `${section}[${i}].delegate`, message: 'a person cannot be their own delegate' });
    }
    if (p.absent && p.absent.until < p.absent.from) {
      issues.push({ path: `${section}[${i}].absent.until`, message: 'the absence ends before it starts' });
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
