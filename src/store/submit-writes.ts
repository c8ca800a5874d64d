// The writes of one submit, from what it read (submit-context.ts) and what the check decided: the
// case (its id reserved by the context read), its audit rows continuing the locked chain head, the
// register's relationship when it was within the mandate, the outbox rows and the idempotency key.
// One batch (write-batch.ts): on PostgreSQL one statement, so a submit stays at four round trips.
import { type AuditEntry, type AuditHead, chainAudit } from './audit-log.js';
import type { Backend } from './backend.js';
import { type CaseRecord, caseFromRow } from './case-record.js';
import { caseRow, type NewCase } from './case-repo.js';
import { type OutboxMessage, outboxRows } from './outbox.js';
import { batchCaseRelationship, type CaseRelationship } from './relationship-repo.js';
import { type Tx, trxOf } from './store-handle.js';
import { WriteBatch } from './write-batch.js';

export interface SubmitWrites {
  /** The new case, with the id the context read reserved. */
  case: NewCase & { id: number };
  /** An escalation's first step and assignee. */
  assignment: { step: number; assigneeId: string | null; at: string } | null;
  /** The chain head the context read locked, and the entries that continue it. */
  auditHead: AuditHead;
  audit: ReadonlyArray<AuditEntry>;
  relationship: CaseRelationship | null;
  outbox: { at: string; messages: ReadonlyArray<OutboxMessage> } | null;
  /** The submit's idempotency key, claimed for the case. */
  event: { key: string; ref: string; at: string } | null;
}

/** Writes a submit in one batch; answers the case as stored. */
export async function writeSubmit(
  tx: Tx,
  backend: Backend,
  w: SubmitWrites,
): Promise<CaseRecord | undefined> {
  const { id, ...fields } = w.case;
  const row = { ...caseRow(fields), id };
  if (w.assignment) {
    row.step = w.assignment.step;
    row.assignee_id = w.assignment.assigneeId;
    row.assigned_at = w.assignment.at;
  }
  const chained = chainAudit(w.auditHead, w.audit);
  const out = new WriteBatch()
    .insertReturning('cases', row)
    .insert('audit_log', chained.rows)
    .setAuditHead(chained.head);
  if (w.relationship) batchCaseRelationship(out, w.relationship);
  if (w.outbox) out.insert('outbox', outboxRows(w.outbox.at, w.outbox.messages), { ignoreDuplicates: true });
  if (w.event) out.insert('processed_events', [w.event]);
  const stored = await out.run(trxOf(tx), backend);
  return stored ? caseFromRow(stored) : undefined;
}
