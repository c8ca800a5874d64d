// A person a platform says cannot be reached (Teams 403 MessageWritesBlocked, BotNotInConversationRoster,
// 404 conversation): marked unreachable, and every open case they hold goes to an alternate
// approver for the same step (or up the line), with the alliance team told. Nothing is decided.
import { appendAudit } from '../store/audit-log.js';
import { casesHeldBy } from '../store/case-repo.js';
import { markPersonUnreachable } from '../store/people-repo.js';
import { inUnitOfWork } from '../store/store-handle.js';
import { compareAndSet, isConflict, loadCaseForUpdate, SYSTEM } from './case-writes.js';
import { openAtStep } from './submit-proposal.js';
import type { WorkflowDeps } from './workflow-deps.js';

export async function markUnreachable(
  deps: WorkflowDeps,
  personId: string,
  platform: string,
  why: string,
): Promise<number[]> {
  const now = deps.clock();
  const at = now.toISOString();
  await markPersonUnreachable(deps.db, personId, platform, at);
  return handOnHeldCases(deps, personId, { platform, why, reason: 'unreachable' });
}

/**
 * Every open case a person holds goes to an alternate approver for the same step (or up the
 * line), with the alliance team told why: the person cannot be reached, or has left (gone from
 * the directory; the sync marked them inactive first, so the routing passes them by).
 */
export async function handOnHeldCases(
  deps: WorkflowDeps,
  personId: string,
  o: { platform: string; why: string; reason: 'unreachable' | 'left' },
): Promise<number[]> {
  const { platform, why } = o;
  const now = deps.clock();
  const at = now.toISOString();
  const held = await casesHeldBy(deps.db, personId);
  const moved: number[] = [];
  for (const seen of held) {
    try {
      await inUnitOfWork(deps.db, async (trx) => {
        const c = await loadCaseForUpdate(deps, trx, seen.id);
        if (!c || c.version !== seen.version || c.assigneeId !== personId) return;
        const version = await compareAndSet(trx, c, {}, at);
        await appendAudit(trx, deps.backend, {
          at,
          actorId: SYSTEM.personId,
          action: o.reason === 'left' ? 'reassigned_left' : 'reassigned_unreachable',
          caseId: c.id,
          platform,
          data: { from: personId, step: c.step, why },
        });
        await openAtStep(
          deps,
          trx,
          deps.strategy(),
          c.id,
          SYSTEM,
          c.steps,
          c.step,
          version,
          now,
          [
            { kind: 'case_update' },
            {
              kind: 'alliance_alert',
              reason: o.reason,
              detail: { person: personId, role: c.steps[c.step], why },
            },
          ],
          c.requesterId,
        );
        moved.push(c.id);
      });
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }
  return moved;
}
