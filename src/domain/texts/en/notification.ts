import type { NotificationTexts } from '../notification-texts.js';

export const notificationEn: NotificationTexts = {
  alliance: {
    title: 'For the alliance team',
    why: (why) => `Why: ${why}`,
    confidentialPartner: 'a confidential partner',
    reasons: {
      no_holder: (ref, partner, roles) =>
        `Case ${ref} (${partner}) cannot be assigned: nobody holds the role ${roles} on the decision line.`,
      step_skipped: (ref, partner, roles) =>
        `Case ${ref} (${partner}) skipped a step because nobody holds the role ${roles}.`,
      stuck_at_last_step: (ref, partner, roles) =>
        `Case ${ref} (${partner}) has waited longer than the pass-up time at the highest step (${roles}). Nothing is ever decided by silence: would you follow it up?`,
      unreachable: (ref, partner) =>
        `Case ${ref} (${partner}): the decider cannot be reached and the case went to someone else.`,
      left: (ref, partner) =>
        `Case ${ref} (${partner}): the decider is no longer in the organisation's directory and the case went to someone else.`,
    },
  },
  chartAlt: (label) => `Portfolio by priority and intensity, ${label}`,
};
