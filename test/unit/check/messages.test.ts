// The words of a check: in the right language, amounts as Intl formats them, names not ids,
// and every reason saying what the limit is and whose it is.
import { describe, expect, it } from 'vitest';
import {
  check,
  explorations,
  NBSP,
  portfolio,
  proposal,
  relationship,
  strategy,
} from './strategy-factory.js';

const messageOf = (items: ReadonlyArray<{ code: string; message: string }>, code: string) => {
  const found = items.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code} in ${JSON.stringify(items)}`);
  return found.message;
};

describe('amounts', () => {
  it('are Dutch in nl: € 25.000 with a no-break space', () => {
    const m = messageOf(check(strategy(), proposal({ budget: 25_000 })).reasons, 'budget_over_mandate');
    expect(m).toContain(`€${NBSP}25.000`);
    expect(m).toContain(`€${NBSP}10.000`);
  });

  it('are English in en: €25,000', () => {
    const m = messageOf(
      check(strategy(), proposal({ budget: 25_000 }), undefined, { locale: 'en' }).reasons,
      'budget_over_mandate',
    );
    expect(m).toContain('€25,000');
    expect(m).toContain('€10,000');
  });

  it('show cents only when there are any', () => {
    const m = messageOf(check(strategy(), proposal({ budget: 10_000.5 })).reasons, 'budget_over_mandate');
    expect(m).toContain(`€${NBSP}10.000,50`);
    expect(m).toContain(`€${NBSP}10.000)`);
  });
});

describe('the language', () => {
  const over = proposal({ budget: 25_000, months: 18, intensity: 'programme' });

  it("is the strategy's locale by default (nl)", () => {
    const r = check(strategy(), over);
    for (const x of [...r.reasons, ...r.suggestions]) expect(x.message).toMatch(/uw mandaat/);
  });

  it("is the strategy's locale by default (en)", () => {
    const r = check(strategy('organisation: { name: Test Province, locale: en }'), over);
    for (const x of [...r.reasons, ...r.suggestions]) expect(x.message).toMatch(/your mandate/);
  });

  it('is the one asked for, over the strategy’s', () => {
    const r = check(strategy(), over, undefined, { locale: 'en' });
    for (const x of [...r.reasons, ...r.suggestions]) {
      expect(x.message).toMatch(/your mandate/);
      expect(x.message).not.toMatch(/mandaat/);
    }
  });

  it('applies to notices too', () => {
    const port = portfolio([relationship({ partner: 'TU Delft', owner: 'u-carla' })]);
    const p = proposal({ priority: null, partner: { type: 'commercial' }, requester: { role: 'board' } });
    const nl = check(strategy(), p, port).notices.map((n) => n.message);
    const en = check(strategy(), p, port, { locale: 'en' }).notices.map((n) => n.message);
    expect(nl).toHaveLength(3);
    expect(nl[0]).toContain('beslist u daar zelf over');
    expect(nl[1]).toContain('verkenning');
    expect(nl[2]).toContain('werkt al met TU Delft');
    expect(en[0]).toContain('that decision is yours');
    expect(en[1]).toContain('exploration');
    expect(en[2]).toContain('already works with TU Delft');
  });
});

describe('every reason names the limit and whose it is, by name', () => {
  const s = strategy(`
roles:
  - { id: employee, name: { nl: Medewerker, en: Staff member }, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12, priorities: [climate-water] } }
  - { id: manager, name: { nl: Afdelingshoofd, en: Head of department }, mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36 } }
  - { id: director, name: { nl: Directeur, en: Director }, mandate: { maxIntensity: alliance, maxBudget: 1000000, maxMonths: 60 } }
decisionLines: { default: [manager, director] }
`);

  it('intensity_over_mandate: the intensity, the limit and the role, by their names', () => {
    const m = messageOf(
      check(s, proposal({ priority: 'climate-water', intensity: 'programme' })).reasons,
      'intensity_over_mandate',
    );
    expect(m).toContain('Structureel programma');
    expect(m).toContain('Project');
    expect(m).toContain('Medewerker');
    expect(m).not.toMatch(/\bprogramme\b|\bemployee\b/);
  });

  it('budget_over_mandate: the budget, the limit and the role', () => {
    const m = messageOf(
      check(s, proposal({ priority: 'climate-water', budget: 25_000 })).reasons,
      'budget_over_mandate',
    );
    expect(m).toBe(`Het budget (€${NBSP}25.000) is hoger dan uw mandaat als Medewerker (€${NBSP}10.000).`);
  });

  it('duration_over_mandate: the months, the limit and the role', () => {
    const m = messageOf(
      check(s, proposal({ priority: 'climate-water', months: 18 }), undefined, { locale: 'en' }).reasons,
      'duration_over_mandate',
    );
    expect(m).toBe('The duration (18 months) is longer than your mandate as Staff member (12 months).');
  });

  it('priority_not_in_mandate: the priority and the ones the role does cover, by name', () => {
    const m = messageOf(
      check(s, proposal({ priority: 'energy-transition' })).reasons,
      'priority_not_in_mandate',
    );
    expect(m).toContain('Energietransitie');
    expect(m).toContain('Klimaat en water');
    expect(m).toContain('Medewerker');
    expect(m).not.toMatch(/energy-transition|climate-water/);
  });

  it('partner_type_conditional: the type, its condition and the role that decides', () => {
    const m = messageOf(
      check(s, proposal({ priority: 'climate-water', partner: { type: 'commercial' } })).reasons,
      'partner_type_conditional',
    );
    expect(m).toContain('commerciële partij');
    expect(m).toContain('alleen na aanbesteding');
    expect(m).toContain('daarover beslist het afdelingshoofd.');
  });

  it('partner_type_excluded: the type, by name, and that the strategy excludes it', () => {
    const m = messageOf(
      check(s, proposal({ partner: { type: 'tobacco-industry' } }), undefined, { locale: 'en' }).reasons,
      'partner_type_excluded',
    );
    expect(m).toContain('tobacco industry');
    expect(m).toContain('excludes');
    expect(m).not.toContain('tobacco-industry');
  });

  it('beyond_all_mandates: the widest mandate on the line, its role and its limits', () => {
    const m = messageOf(
      check(s, proposal({ priority: 'climate-water', budget: 2_000_000 })).reasons,
      'beyond_all_mandates',
    );
    expect(m).toContain('Directeur');
    expect(m).toContain(`€${NBSP}1.000.000`);
    expect(m).toContain('60 maanden');
    expect(m).toContain('Strategische alliantie');
  });

  it('exploration_exhausted (full): how many are active and how many the strategy allows', () => {
    const m = messageOf(
      check(s, proposal({ priority: null }), portfolio(explorations(2))).reasons,
      'exploration_exhausted',
    );
    expect(m).toContain('er lopen al 2');
    expect(m).toContain('staat er 2 tegelijk toe');
  });

  it("exploration_exhausted (intensity, budget): the allowance's limits", () => {
    const r = check(s, proposal({ priority: null, intensity: 'project', budget: 6000 }), undefined, {
      locale: 'en',
    });
    const m = messageOf(r.reasons, 'exploration_exhausted');
    expect(m).toContain('Knowledge exchange');
    expect(m).toContain('€5,000');
    expect(m).toContain('€6,000');
  });

  it('exploration_exhausted (no section): that the strategy has no allowance', () => {
    const m = messageOf(
      check(strategy('exploration: ~'), proposal({ priority: null }), undefined, { locale: 'en' }).reasons,
      'exploration_exhausted',
    );
    expect(m).toContain('no allowance for exploration');
  });

  it('existing_relationship: the owner by display name, the partner and what the relationship is', () => {
    const port = portfolio([
      relationship({
        partner: 'TU Delft',
        owner: 'u-carla',
        intensity: 'programme',
        priority: 'energy-transition',
      }),
    ]);
    const r = check(s, proposal({ priority: 'climate-water' }), port, {
      nameOf: (id) => (id === 'u-carla' ? 'Carla Jansen' : id),
    });
    expect(r.notices[0]).toMatchObject({ code: 'existing_relationship', owner: 'u-carla' });
    expect(r.notices[0]?.message).toBe(
      'Carla Jansen werkt al met TU Delft samen (Structureel programma, Energietransitie).',
    );
  });

  it('a role without a name is shown by its id', () => {
    const unnamed = strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12 } }
  - { id: manager, mandate: {} }
decisionLines: { default: [manager] }
`);
    const m = messageOf(check(unnamed, proposal({ budget: 25_000 })).reasons, 'budget_over_mandate');
    expect(m).toContain('als employee');
  });
});
