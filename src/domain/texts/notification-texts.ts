// The words of the messages Koers sends on its own: a signal to the alliance team when a case
// cannot go its way, and the digest chart's description.

export interface NotificationTexts {
  alliance: {
    title: string;
    /** The platform's own words for why it could not reach a decider. */
    why: (why: string) => string;
    confidentialPartner: string;
    /** Each signal names the case (`#12`), its partner and the roles concerned. */
    reasons: Record<
      'no_holder' | 'step_skipped' | 'stuck_at_last_step' | 'unreachable' | 'left',
      (ref: string, partner: string, roles: string) => string
    >;
  };
  chartAlt: (label: string) => string;
}
