// A relationship of the register as Koers reads it (from an imported CSV, a decided case): the
// one shape the portfolio, the store and the views share.

export type RelationshipStatus = 'planned' | 'active' | 'ended';

/** A row of the register, validated. */
export interface RegisterRow {
  partner: string;
  partnerKey: string;
  partnerType: string;
  priority: string | null;
  intensity: string;
  owner: string;
  status: RelationshipStatus;
  unit: string | null;
  budget: number;
  months: number;
  start: string | null;
  end: string | null;
  reviewDue: string | null;
}
