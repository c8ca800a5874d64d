import type { CheckTexts } from '../check-texts.js';

const yours = 'valt het binnen uw mandaat: dan beslist u zelf.';

export const checkNl: CheckTexts = {
  mandate: {
    own: (role) => `uw mandaat als ${role}`,
    of: (who, role) => `het mandaat van ${who} als ${role}`,
  },
  limits: {
    intensity: (x) => `intensiteit tot ${x}`,
    budget: (x) => `budget tot ${x}`,
    duration: (x) => `looptijd tot ${x}`,
    priorities: (names) => `prioriteiten ${names}`,
    noPriorities: 'geen prioriteiten',
    none: 'zonder grenzen',
  },
  reason: {
    partner_type_excluded: (org, type, why) =>
      `De samenwerkingsstrategie van ${org} sluit samenwerking met een ${type} uit${why}.`,
    beyond_all_mandates: (steps, top, limits) =>
      `Dit voorstel past in geen enkel mandaat op de besluitvormingslijn (${steps}); ook het ruimste, van ${top}, gaat niet verder dan ${limits}.`,
    exploration_exhausted: {
      no_allowance: (org) =>
        `Dit voorstel valt onder geen van de prioriteiten, en de samenwerkingsstrategie van ${org} biedt geen speelruimte voor verkenning.`,
      full: (active, max) =>
        `De speelruimte voor verkenning is vol: er lopen al ${active} verkennende samenwerkingen, de strategie staat er ${max} tegelijk toe.`,
      intensity: (max, intensity) =>
        `Verkenning buiten de prioriteiten gaat volgens de strategie tot ${max}; dit voorstel is een ${intensity}.`,
      budget: (budget, max) => `Het budget (${budget}) is hoger dan de speelruimte voor verkenning (${max}).`,
    },
    partner_type_conditional: (org, type, why, decider) =>
      `Met een ${type} werkt ${org} alleen onder voorwaarden samen${why}; daarover beslist ${decider}.`,
    intensity_over_mandate: (intensity, mandate, limit) =>
      `De intensiteit (${intensity}) gaat verder dan ${mandate} (tot ${limit}).`,
    budget_over_mandate: (budget, mandate, limit) =>
      `Het budget (${budget}) is hoger dan ${mandate} (${limit}).`,
    duration_over_mandate: (duration, mandate, limit) =>
      `De looptijd (${duration}) is langer dan ${mandate} (${limit}).`,
    priority_not_in_mandate: (priority, mandate, scope) =>
      `De prioriteit ${priority} valt niet binnen ${mandate} (dat omvat ${scope}).`,
  },
  notice: {
    partner_type_conditional: (org, type, why, role) =>
      `Met een ${type} werkt ${org} alleen onder voorwaarden samen${why}; als ${role} beslist u daar zelf over.`,
    exploration: (after, max) =>
      `Dit voorstel valt onder geen van de prioriteiten en telt als verkenning: daarmee worden ${after} van de ${max} plekken in de speelruimte gebruikt.`,
    existing_relationship: (owner, partner, what) => `${owner} werkt al met ${partner} samen (${what}).`,
    exploration_word: 'verkenning',
  },
  beyond: {
    budget: (budget, whose, limit) =>
      `het budget (${budget}) is hoger dan het mandaat van ${whose} (${limit})`,
    intensity: (intensity, whose, upTo) =>
      `de intensiteit (${intensity}) gaat verder dan het mandaat van ${whose} (tot ${upTo})`,
    duration: (duration, whose, limit) =>
      `de looptijd (${duration}) is langer dan het mandaat van ${whose} (${limit})`,
    priority: (priority, whose) => `de prioriteit ${priority} valt buiten het mandaat van ${whose}`,
  },
  suggestion: {
    lower_budget: (to, alone) =>
      `Met een budget van hoogstens ${to} ${alone ? yours : 'blijft het budget binnen uw mandaat.'}`,
    shorten_duration: (to, alone) =>
      `Met een looptijd van hoogstens ${to} ${alone ? yours : 'blijft de looptijd binnen uw mandaat.'}`,
    lower_intensity: (to, from, alone) =>
      `Als ${to} in plaats van ${from} ${alone ? 'is het aan u om te beslissen.' : 'blijft de intensiteit binnen uw mandaat.'}`,
    choose_priority: (names, alone) =>
      `Onder een prioriteit binnen uw mandaat (${names}) ${alone ? 'beslist u zelf.' : 'valt het thema binnen uw mandaat.'}`,
    link_priority: (names) =>
      `Draagt het bij aan ${names}? Kies dan die prioriteit: dan is geen speelruimte voor verkenning nodig.`,
    combined: 'Met deze aanpassingen samen valt het binnen uw mandaat: dan beslist u zelf.',
    request_exception: (decider) =>
      `U kunt een uitzondering vragen${decider ? `; daarover beslist ${decider}` : ''}.`,
  },
};
