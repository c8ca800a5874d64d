// `koers export --cases`: the audit trail of every case, for a person or a spreadsheet. Cases are
// read a page at a time in id order, each page with its decisions, and written as they go (one
// JSON array of objects with nested decisions, or CSV with one row per case and the decisions
// folded into one readable cell). Confidential partners are named: the file is the operator's.
import { OPEN_STATES } from '../domain/workflow/case-model.js';
import { csvLine } from '../portfolio/csv-cell.js';
import { type ExportFormat, writeExport } from '../portfolio/write-export.js';
import { casesAfter, decisionsOfCases, type StoredDecision } from '../store/case-export-reads.js';
import type { DecisionAction } from '../store/case-repo.js';
import type { Db } from '../store/store-handle.js';
import type { CaseRecord } from './case-record.js';

export interface ExportedDecision {
  action: DecisionAction;
  by: string;
  /** Whom the decider stood in for, as their delegate while they were away. */
  on_behalf_of: string | null;
  /** The step of the case's line (0 = its first), and that step's role. */
  step: number;
  step_role: string;
  reason: string | null;
  at: string;
}

export interface ExportedCase {
  id: number;
  kind: CaseRecord['kind'];
  /** For an exception: the advised-against check it asks an exception to. */
  parent_case_id: number | null;
  partner: string;
  partner_type: string;
  priority: string | null;
  intensity: string;
  budget: number;
  months: number;
  direction: string;
  confidential: boolean;
  description: string | null;
  verdict: CaseRecord['verdict'];
  /** The check's route: role ids, in order. */
  route: string[];
  state: CaseRecord['state'];
  requester: string;
  requester_role: string;
  /** Who the case waits for; null once it is closed. */
  assignee: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  decisions: ExportedDecision[];
}

/** The CSV's columns, in order: every field of ExportedCase, the decisions folded into one cell. */
export const CASE_COLUMNS = [
  'id',
  'kind',
  'parent_case_id',
  'partner',
  'partner_type',
  'priority',
  'intensity',
  'budget',
  'months',
  'direction',
  'confidential',
  'description',
  'verdict',
  'route',
  'state',
  'requester',
  'requester_role',
  'assignee',
  'created_at',
  'updated_at',
  'closed_at',
  'decisions',
] as const satisfies ReadonlyArray<keyof ExportedCase>;

export interface CaseExportOptions {
  /** Only cases created on or after this date (YYYY-MM-DD, from 00:00 UTC). */
  since?: string;
  /** Cases read per query (default 1,000). */
  pageSize?: number;
}

/** Writes every case in `format` through `write` (awaited: back-pressure); returns the case count. */
export async function exportCases(
  db: Db,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
  options: CaseExportOptions = {},
): Promise<number> {
  const since = options.since === undefined ? undefined : `${options.since}T00:00:00.000Z`;
  return writeExport(
    {
      header: csvLine(CASE_COLUMNS),
      pageAfter: async (after, size) => {
        const page = await casesAfter(db, after, since, size);
        if (page.length === 0) return [];
        const decisions = await decisionsOf(
          db,
          page.map((c) => c.id),
        );
        return page.map((row) => ({ id: row.id, item: exportedCase(row, decisions.get(row.id) ?? []) }));
      },
      csv: (c) => csvLine(caseCells(c)),
      json: indented,
    },
    format,
    write,
    options.pageSize,
  );
}

/** The decisions of a page of cases, each case's in the order they were taken. */
async function decisionsOf(db: Db, caseIds: number[]): Promise<Map<number, ExportedDecision[]>> {
  const rows = await decisionsOfCases(db, caseIds);
  const out = new Map<number, ExportedDecision[]>();
  for (const r of rows) {
    const id = r.caseId;
    const list = out.get(id) ?? [];
    list.push(exportedDecision(r));
    out.set(id, list);
  }
  return out;
}

function exportedDecision(r: StoredDecision): ExportedDecision {
  return {
    action: r.action,
    by: r.deciderId,
    on_behalf_of: r.onBehalfOf,
    step: r.step,
    step_role: r.stepRole,
    reason: r.reason,
    at: r.at,
  };
}

export function exportedCase(c: CaseRecord, decisions: ExportedDecision[]): ExportedCase {
  const p = c.proposal;
  return {
    id: c.id,
    kind: c.kind,
    parent_case_id: c.parentCaseId,
    partner: p.partner.name,
    partner_type: p.partner.type,
    priority: p.priority,
    intensity: p.intensity,
    budget: p.budget ?? 0,
    months: p.months ?? 0,
    direction: p.direction,
    confidential: c.confidential,
    description: p.description ?? null,
    verdict: c.verdict,
    route: c.steps.slice(0, c.routeLength),
    state: c.state,
    requester: c.requesterId,
    requester_role: c.requesterRole,
    assignee: OPEN_STATES.has(c.state) ? c.assigneeId : null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    closed_at: c.closedAt,
    decisions,
  };
}

function caseCells(c: ExportedCase): Array<string | number | null> {
  return CASE_COLUMNS.map((column) => {
    if (column === 'route') return c.route.join(' > ');
    if (column === 'confidential') return c.confidential ? 'yes' : 'no';
    if (column === 'decisions') return c.decisions.map(decisionText).join('; ');
    return c[column];
  });
}

/** One decision as a person reads it: `approve by u-dirk for u-carla at step manager 2026-11-02T10:00Z: "…"`. */
export function decisionText(d: ExportedDecision): string {
  const behalf = d.on_behalf_of === null ? '' : ` for ${d.on_behalf_of}`;
  const step = d.step_role === '' ? '' : ` at step ${d.step_role}`;
  const reason = d.reason === null ? '' : `: ${JSON.stringify(d.reason)}`;
  return `${d.action} by ${d.by}${behalf}${step} ${toMinute(d.at)}${reason}`;
}

/** `2026-11-02T10:00:00.000Z` -> `2026-11-02T10:00Z`. */
function toMinute(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:/.test(iso) && iso.endsWith('Z') ? `${iso.slice(0, 16)}Z` : iso;
}

/** A case as a JSON array element: pretty-printed, indented under the array's bracket. */
function indented(c: ExportedCase): string {
  return JSON.stringify(c, null, 2)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
