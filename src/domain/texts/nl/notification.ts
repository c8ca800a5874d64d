import type { NotificationTexts } from '../notification-texts.js';

export const notificationNl: NotificationTexts = {
  alliance: {
    title: 'Signaal voor het alliantieteam',
    why: (why) => `Reden: ${why}`,
    confidentialPartner: 'een vertrouwelijke partner',
    reasons: {
      no_holder: (ref, partner, roles) =>
        `Zaak ${ref} (${partner}) kan niet worden toegewezen: niemand vervult de rol ${roles} op de besluitvormingslijn.`,
      step_skipped: (ref, partner, roles) =>
        `Zaak ${ref} (${partner}) sloeg een stap over omdat niemand de rol ${roles} vervult.`,
      stuck_at_last_step: (ref, partner, roles) =>
        `Zaak ${ref} (${partner}) wacht al langer dan de doorzettermijn op de hoogste stap (${roles}). Er wordt nooit bij stilzwijgen besloten: wilt u navragen?`,
      unreachable: (ref, partner) =>
        `Zaak ${ref} (${partner}): de beslisser is niet bereikbaar en de zaak is naar een ander gestuurd.`,
      left: (ref, partner) =>
        `Zaak ${ref} (${partner}): de beslisser staat niet meer in de personenlijst van de organisatie en de zaak is naar een ander gestuurd.`,
    },
  },
  chartAlt: (label) => `Portfolio per prioriteit en intensiteit, ${label}`,
};
