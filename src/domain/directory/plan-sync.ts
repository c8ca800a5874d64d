// What a directory sync would do to the people Koers knows: who it adds, what it changes, whose
// role it raises, whom it deactivates. Pure: the caller fetched both sides and applies the plan
// (or, for `--dry-run`, prints it). Rules:
// - a directory person is the known person with the same directory id, else the same e-mail
//   (ignoring case), else the same Slack or Teams id;
// - a field the strategy's `people:` or a CSV set is never overwritten; the directory fills the rest;
// - a person the directory knew before and has no more is deactivated (kept for history), unless
//   that would deactivate more than a tenth of them (an empty or partial answer): then nobody is,
//   and the plan says why, unless forced.
import type { DirectoryRoleRule } from '../strategy/strategy-schema.js';
import type { DirectoryPerson, KnownPerson, PersonField } from './directory-person.js';
import { roleFor } from './role-rules.js';

export const MAX_DEACTIVATED_SHARE = 0.1;

export interface PersonValues {
  name: string;
  email: string | null;
  role: string;
  unit: string | null;
  reportsTo: string | null;
  slackId: string | null;
  teamsId: string | null;
  language: 'nl' | 'en' | null;
  absentFrom: string | null;
  absentUntil: string | null;
}

export interface PlannedAdd {
  id: string;
  directoryId: string;
  values: PersonValues;
}

export interface PlannedChange {
  id: string;
  directoryId: string;
  /** Each changed field with what it was and what it becomes. */
  fields: Partial<Record<keyof PersonValues | 'active', { from: unknown; to: unknown }>>;
  /** The person is matched to the directory for the first time (by e-mail or a platform id). */
  links?: true;
}

export interface PlannedRaise {
  id: string;
  from: string;
  to: string;
  /** The strategy rule that gives the new role (its index). */
  rule: number;
}

export interface SyncPlan {
  adds: PlannedAdd[];
  changes: PlannedChange[];
  raises: PlannedRaise[];
  deactivations: string[];
  /** Set when deactivations were held back: how many would have gone, out of how many. */
  heldBack: { count: number; of: number } | null;
}

export interface PlanInput {
  known: ReadonlyArray<KnownPerson>;
  directory: ReadonlyArray<DirectoryPerson>;
  rules: ReadonlyArray<DirectoryRoleRule>;
  /** Role ids, lowest first (rank = position). */
  roles: ReadonlyArray<string>;
  force?: boolean;
}

export function planSync(input: PlanInput): SyncPlan {
  const lowest = input.roles[0] ?? '';
  const rank = (role: string) => input.roles.indexOf(role);
  const byDirectoryId = new Map<string, KnownPerson>();
  const byEmail = new Map<string, KnownPerson>();
  const byPlatform = new Map<string, KnownPerson>();
  for (const p of input.known) {
    if (p.directoryId) byDirectoryId.set(p.directoryId, p);
    if (p.email) byEmail.set(p.email.toLowerCase(), p);
    if (p.slackId) byPlatform.set(`slack:${p.slackId}`, p);
    if (p.teamsId) byPlatform.set(`teams:${p.teamsId.toLowerCase()}`, p);
  }
  const usedIds = new Set(input.known.map((p) => p.id));
  const matched = new Map<string, KnownPerson | null>();
  const idOf = new Map<string, string>();
  for (const d of input.directory) {
    const known =
      byDirectoryId.get(d.directoryId) ??
      (d.email ? byEmail.get(d.email.toLowerCase()) : undefined) ??
      (d.slackId ? byPlatform.get(`slack:${d.slackId}`) : undefined) ??
      (d.teamsId ? byPlatform.get(`teams:${d.teamsId.toLowerCase()}`) : undefined) ??
      null;
    matched.set(d.directoryId, known);
    idOf.set(d.directoryId, known ? known.id : newId(d, usedIds));
  }
  const idByEmail = new Map<string, string>();
  for (const d of input.directory)
    if (d.email) idByEmail.set(d.email.toLowerCase(), idOf.get(d.directoryId) ?? '');
  const managerOf = (d: DirectoryPerson): string | null => {
    if (d.managerDirectoryId) return idOf.get(d.managerDirectoryId) ?? null;
    if (d.managerEmail)
      return (
        idByEmail.get(d.managerEmail.toLowerCase()) ?? byEmail.get(d.managerEmail.toLowerCase())?.id ?? null
      );
    return null;
  };

  const plan: SyncPlan = { adds: [], changes: [], raises: [], deactivations: [], heldBack: null };
  for (const d of input.directory) {
    const id = idOf.get(d.directoryId) as string;
    const choice = roleFor(d, input.rules, lowest);
    const wanted: PersonValues = {
      name: d.name,
      email: d.email,
      role: choice.role,
      unit: d.department ?? null,
      reportsTo: managerOf(d),
      slackId: d.slackId ?? null,
      teamsId: d.teamsId ?? null,
      language: d.language ?? null,
      absentFrom: d.absence === undefined ? null : (d.absence?.from ?? null),
      absentUntil: d.absence === undefined ? null : (d.absence?.until ?? null),
    };
    const known = matched.get(d.directoryId) ?? null;
    if (!known) {
      plan.adds.push({ id, directoryId: d.directoryId, values: wanted });
      continue;
    }
    const fields: PlannedChange['fields'] = {};
    const set = <K extends keyof PersonValues>(
      k: K,
      owner: PersonField,
      from: PersonValues[K],
      to: PersonValues[K],
    ) => {
      if (known.owned.has(owner) || to === null || from === to) return;
      fields[k] = { from, to };
    };
    set('name', 'name', known.name, wanted.name);
    set('email', 'email', known.email, wanted.email);
    set('unit', 'unit', known.unit, wanted.unit);
    set('reportsTo', 'reportsTo', known.reportsTo, wanted.reportsTo);
    set('slackId', 'slackId', known.slackId, wanted.slackId);
    set('teamsId', 'teamsId', known.teamsId, wanted.teamsId);
    set('language', 'language', known.language, wanted.language);
    if (!known.owned.has('absence') && d.absence !== undefined) {
      if (known.absentFrom !== wanted.absentFrom)
        fields.absentFrom = { from: known.absentFrom, to: wanted.absentFrom };
      if (known.absentUntil !== wanted.absentUntil)
        fields.absentUntil = { from: known.absentUntil, to: wanted.absentUntil };
    }
    if (!known.owned.has('role') && known.role !== wanted.role) {
      fields.role = { from: known.role, to: wanted.role };
      if (choice.rule !== null && rank(wanted.role) > rank(known.role))
        plan.raises.push({ id, from: known.role, to: wanted.role, rule: choice.rule });
    }
    if (!known.active) fields.active = { from: false, to: true };
    const linked = known.directoryId === d.directoryId;
    if (Object.keys(fields).length > 0 || !linked)
      plan.changes.push({ id, directoryId: d.directoryId, fields, ...(linked ? {} : { links: true }) });
  }

  const present = new Set(input.directory.map((d) => d.directoryId));
  const linked = input.known.filter((p) => p.directoryId !== null && p.active);
  const gone = linked.filter((p) => !present.has(p.directoryId as string)).map((p) => p.id);
  if (gone.length > 0 && !input.force && gone.length > MAX_DEACTIVATED_SHARE * linked.length) {
    plan.heldBack = { count: gone.length, of: linked.length };
  } else plan.deactivations = gone;
  return plan;
}

/** `u-` and the e-mail's local part (or the name), made unique. */
function newId(d: DirectoryPerson, used: Set<string>): string {
  const base = `u-${slug(d.email?.split('@')[0] ?? d.name) || slug(d.directoryId)}`.slice(0, 60);
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
