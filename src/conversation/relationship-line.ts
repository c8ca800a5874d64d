// One existing relationship with a partner, as the register tells it (names, not ids): shown when
// a person names a partner in a check, on a case, and in "who works with X".
import type { RelationshipStatus } from '../domain/portfolio/register-row.js';

export type { RelationshipStatus };

export interface RelationshipLine {
  ownerName: string;
  unit?: string | null;
  intensityName: string;
  status: RelationshipStatus;
  /** The partner's name as registered (may differ from what was asked for a near match). */
  partnerName?: string;
  priorityName?: string | null;
  /** Found by a fuzzy "near match", not by the partner key: possibly another partner. */
  near?: boolean;
}

/** "Project, Energy transition, active": what a relationship is, for one line of text. */
export function relationshipWhat(r: RelationshipLine, status: Record<RelationshipStatus, string>): string {
  return [r.intensityName, r.priorityName, status[r.status]]
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .join(', ');
}
