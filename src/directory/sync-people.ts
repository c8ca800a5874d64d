// One directory sync: read the directory (Entra ID or Slack), plan against the people Koers
// knows, and apply the plan through the store's directory port: add and change people, record
// every role raise in the audit log, deactivate leavers (kept for history) and hand their open
// cases on with a notice, and move cases recorded under a platform id to the person. `--dry-run`
// plans and reports without applying.
import type { DirectoryPerson, KnownPerson } from '../domain/directory/directory-person.js';
import { planSync, type SyncPlan } from '../domain/directory/plan-sync.js';
import type { DirectorySection } from '../domain/strategy/strategy-schema.js';

/** What a sync needs of the store. */
export interface DirectoryStorePort {
  knownPeople(): Promise<KnownPerson[]>;
  /** Applies the whole plan in one transaction; returns how many records moved to their person. */
  apply(plan: SyncPlan, at: string, actor: string): Promise<{ movedRecords: number }>;
  /** After the commit: a leaver's open cases go to someone else on the line, with a notice. */
  handOn(personId: string, why: string): Promise<number>;
}

export interface SyncReport {
  plan: SyncPlan;
  warnings: string[];
  applied: boolean;
  reassignedCases: number;
  movedRecords: number;
}

export interface SyncOptions {
  directory: DirectorySection;
  roles: ReadonlyArray<string>;
  read: () => Promise<{ people: DirectoryPerson[]; warnings: string[] }>;
  store: DirectoryStorePort;
  now: Date;
  dryRun?: boolean;
  force?: boolean;
  actor: string;
}

export async function syncPeople(o: SyncOptions): Promise<SyncReport> {
  const [read, known] = await Promise.all([o.read(), o.store.knownPeople()]);
  const plan = planSync({
    known,
    directory: read.people,
    rules: o.directory.roles,
    roles: o.roles,
    ...(o.force ? { force: true } : {}),
  });
  const warnings = [...read.warnings];
  if (plan.heldBack)
    warnings.push(
      `not deactivating anyone: ${plan.heldBack.count} of ${plan.heldBack.of} people are missing from the directory's answer (more than a tenth: an empty or partial answer?); run with --force if they really left`,
    );
  if (o.dryRun) return { plan, warnings, applied: false, reassignedCases: 0, movedRecords: 0 };
  const { movedRecords } = await o.store.apply(plan, o.now.toISOString(), o.actor);
  let reassignedCases = 0;
  for (const id of plan.deactivations) reassignedCases += await o.store.handOn(id, 'gone from the directory');
  return { plan, warnings, applied: true, reassignedCases, movedRecords };
}

/** The report as `koers sync-people` prints it: one line per add, change, raise and deactivation. */
export function syncReportLines(r: SyncReport): string[] {
  const lines: string[] = [];
  const p = r.plan;
  for (const a of p.adds)
    lines.push(`add ${a.id}: ${a.values.name} <${a.values.email ?? '-'}> as ${a.values.role}`);
  for (const c of p.changes) {
    const fields = Object.entries(c.fields).map(([k, v]) => `${k} ${show(v?.from)} -> ${show(v?.to)}`);
    if (c.links) fields.unshift('linked to the directory');
    lines.push(`change ${c.id}: ${fields.join('; ')}`);
  }
  for (const x of p.raises)
    lines.push(`raise ${x.id}: ${x.from} -> ${x.to} (rule ${x.rule + 1} of directory.roles)`);
  for (const id of p.deactivations) lines.push(`deactivate ${id}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const verb = r.applied ? 'done' : 'dry run, nothing written';
  lines.push(
    `${verb}: ${p.adds.length} added, ${p.changes.length} changed, ${p.raises.length} raised, ${p.deactivations.length} deactivated${r.applied ? `, ${r.reassignedCases} open cases handed on, ${r.movedRecords} records moved to their person` : ''}`,
  );
  return lines;
}

function show(v: unknown): string {
  return v === null || v === undefined ? '-' : String(v);
}
