// Who may see a case, as a pure rule. Anyone in the organisation may see an ordinary case's state
// (a card in a shared chat shows it to everyone there). A confidential case only its requester,
// whoever holds it now (or stands in while they are away), whoever decided on it, and whoever was
// sent its card: not everyone who knows or guesses a case id. What the rule needs to know about
// the viewer's part in the case costs reads, so it says which fact it needs next, cheapest first.

/** What the rule reads of the case itself. */
export interface ViewedCase {
  confidential: boolean;
  requesterId: string;
  assigneeId: string | null;
}

/** What is known so far of the viewer's part in a confidential case (absent: not asked yet). */
export interface ViewerPart {
  /** They decided on it (or someone decided on their behalf), or were sent a card of it. */
  tookPart?: boolean;
  /** It waits for them now (as the assignee's stand-in). */
  waitsFor?: boolean;
}

/** The answer, or the fact about the viewer it depends on (ask it, then ask the rule again). */
export type ViewAnswer = boolean | keyof ViewerPart;

export function mayViewCase(c: ViewedCase, viewerId: string, part: ViewerPart = {}): ViewAnswer {
  if (!c.confidential || c.requesterId === viewerId || c.assigneeId === viewerId) return true;
  if (part.tookPart === undefined) return 'tookPart';
  if (part.tookPart) return true;
  if (part.waitsFor === undefined) return 'waitsFor';
  return part.waitsFor;
}
