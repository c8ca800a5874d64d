// The digest's numbers against a known portfolio, on both backends: a seeded register plus a
// week of real checks, decisions, an exception and reviews through the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/digest/digest-model.js';
import { partnerKey } from '../../src/domain/portfolio/partner-key.js';
import { portfolioChartSvg } from '../../src/jobs/chart/portfolio-chart-svg.js';
import { renderChartPng } from '../../src/jobs/chart/render-chart-png.js';
import { computeDigest } from '../../src/jobs/compute-digest.js';
import { digestSchedule } from '../../src/jobs/digest-schedule.js';
import { submitReview } from '../../src/jobs/reviews.js';
import { digestText, digestView } from '../../src/jobs/views/digest-view.js';
import { portfolioSummaryView } from '../../src/jobs/views/portfolio-summary-view.js';
import { seedRelationships } from '../jobs/support/seed-portfolio.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const EK = 'Energie en Klimaat';
const WB = 'Water en Bodem';
const MOB = 'Mobiliteit';
const AT = 'Alliantieteam';
const OCCURRENCE = new Date('2026-11-30T07:00:00.000Z'); // Monday 08:00 in Amsterdam
const as = (personId: string) => ({ personId, platform: 'slack' as const });

describe.each(BACKENDS)('the digest of a known portfolio on %s', (backend) => {
  let f: WorkflowFixture;
  let digest: Digest;
  let ids: number[];

  beforeAll(async () => {
    f = await workflowFixture(backend);
    const r = (
      partner: string,
      owner: string,
      unit: string,
      priority: string | null,
      intensity: string,
      budget: number,
      extra = {},
    ) => ({
      partner,
      owner,
      unit,
      priority,
      intensity,
      budget,
      ...extra,
    });
    ids = await seedRelationships(f.ts.store.db, [
      r('Gemeente Gouda', 'u-anna', EK, 'energy-transition', 'project', 10_000),
      r('TU Delft', 'u-bram', EK, 'energy-transition', 'project', 10_000),
      r('Stichting Geheim', 'u-anna', EK, 'energy-transition', 'project', 10_000, { confidential: true }),
      r('Energie Coöperatie', 'u-anna', EK, 'energy-transition', 'programme', 10_000),
      r('Netbeheer West', 'u-bram', EK, 'energy-transition', 'programme', 10_000),
      r('Warmtebedrijf', 'u-anna', EK, 'energy-transition', 'project', 10_000),
      r('Gemeente Gouda', 'u-joost', WB, 'climate-water', 'project', 10_000),
      r('Waterschap Rijnland', 'u-joost', WB, 'climate-water', 'project', 10_000), // [7] reviewed this week
      r('Waterschap Rijnland', 'u-joost', WB, 'climate-water', 'project', 10_000),
      r('Geheim', 'u-ilse', WB, 'climate-water', 'project', 10_000),
      r('Deltares', 'u-ilse', WB, 'climate-water', 'project', 10_000, { reviewDue: '2026-10-01' }),
      r('Bouwfonds', 'u-fatima', MOB, 'housing', 'exchange', 1_000),
      r('Gemeente Gouda', 'u-fatima', MOB, 'mobility', 'project', 10_000),
      r('Vervoerder', 'u-fatima', MOB, 'mobility', 'project', 10_000),
      r('Boerencollectief', 'u-joost', WB, 'nature', 'project', 10_000),
      r('Natuurmonumenten', 'u-ilse', WB, 'nature', 'project', 10_000, { reviewDue: '2026-10-01' }),
      r('GGD', 'u-gijs', AT, 'health', 'project', 20_000, { reviewDue: '2026-10-01' }),
      r('RIVM', 'u-gijs', AT, 'health', 'project', 20_000), // [17] reviewed in June
      r('Luchtmeetnet', 'u-gijs', AT, 'health', 'project', 20_000),
      r('Geluidslab', 'u-gijs', AT, 'health', 'project', 20_000),
      r('Denktank Noord', 'u-gijs', AT, null, 'exchange', 2_000), // [20] ended by its review this week
      r('Living Lab Zuid', 'u-gijs', AT, null, 'exchange', 2_000),
      r('Oud Partner', 'u-anna', EK, 'energy-transition', 'project', 5_000, {
        status: 'ended',
        endDate: '2026-11-25',
        reviewDue: null,
      }),
    ]);
    await f.ts.store.db
      .insertInto('reviews')
      .values({
        relationship_id: ids[17] as number,
        reviewer_id: 'u-gijs',
        outcome: 'continue',
        delivered: 'Metingen',
        rating: 4,
        due_date: null,
        platform: 'slack',
        at: '2026-06-01T10:00:00.000Z',
      })
      .execute();

    const step = () => f.clock.advanceHours(0.1);
    const submit = async (over: Parameters<typeof proposal>[0], who = 'u-anna') => {
      step();
      const out = await f.wf.submit(as(who), proposal(over));
      if (!out.ok) throw new Error('submit refused');
      return out.case;
    };
    await submit({ requester: ANNA }); // within mandate; TU Delft already works with Bram
    const b1 = await submit({
      requester: ANNA,
      partner: { name: 'Partner B1', type: 'government' },
      budget: 11_000,
    });
    const b2 = await submit({
      requester: ANNA,
      partner: { name: 'Partner B2', type: 'government' },
      priority: 'climate-water',
      budget: 12_000,
    });
    await submit({
      requester: ANNA,
      partner: { name: 'Partner B3', type: 'government' },
      priority: 'housing',
      budget: 12_500,
    });
    await submit({ requester: ANNA, partner: { name: 'Partner B4', type: 'government' }, budget: 40_000 });
    await submit({
      requester: ANNA,
      partner: { name: 'Geheime Partner', type: 'government' },
      budget: 11_000,
      confidential: true,
    });
    const tobacco = await submit({
      requester: ANNA,
      partner: { name: 'Sigaren NV', type: 'tobacco-industry' },
      priority: 'nature',
    });
    await submit(
      {
        requester: { id: 'u-fatima', role: 'employee' },
        partner: { name: 'Verkenner', type: 'civil-society' },
        priority: null,
        intensity: 'exchange',
        budget: 1_000,
      },
      'u-fatima',
    );
    expect([b1.state, tobacco.state]).toEqual(['open', 'advised_against']);

    step();
    expect(
      (await f.wf.decide(as('u-bram'), { action: 'approve', caseId: b1.id, step: 0, version: 1 })).ok,
    ).toBe(true);
    expect(
      (
        await f.wf.decide(as('u-bram'), {
          action: 'reject',
          caseId: b2.id,
          step: 0,
          version: 1,
          reason: 'Past niet',
        })
      ).ok,
    ).toBe(true);
    const exception = await f.wf.requestException(as('u-anna'), tobacco.id, 'Eenmalig');
    if (!exception.ok) throw new Error('exception refused');
    expect(
      (await f.wf.decide(as('u-eva'), { action: 'approve', caseId: exception.case.id, step: 0, version: 1 }))
        .ok,
    ).toBe(true);

    step();
    const deps = {
      db: f.ts.store.handle,
      backend,
      strategy: () => f.strategy,
      clock: f.clock.now,
      platforms: () => ['slack' as const],
    };
    expect(
      await submitReview(deps, as('u-joost'), ids[7] as number, {
        outcome: 'continue',
        delivered: 'Twee pilots',
        rating: 4,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await submitReview(deps, as('u-gijs'), ids[20] as number, {
        outcome: 'end',
        delivered: 'Weinig opgeleverd',
        rating: 2,
      }),
    ).toMatchObject({
      ok: true,
      relationship: { status: 'ended', endDate: '2026-11-23' },
    });

    const period = digestSchedule(f.strategy.file.digest.cron, f.strategy.file.digest.timezone).periodOf(
      OCCURRENCE,
    );
    digest = await computeDigest({
      db: f.ts.store.handle,
      backend,
      strategy: f.strategy,
      period,
      asOf: OCCURRENCE,
    });
  });
  afterAll(async () => {
    await f.drop();
  });

  it('covers the week before the run', () => {
    expect(digest.period).toMatchObject({
      start: '2026-11-23T07:00:00.000Z',
      end: '2026-11-30T07:00:00.000Z',
      label: '2026-W48',
    });
  });

  it('counts this week: checks by verdict, decisions, new and ended relationships', () => {
    const w = digest.thisWeek;
    expect(w.checks).toEqual({ within_mandate: 2, escalate: 5, outside_strategy: 1, total: 8 });
    expect(w.decisions).toEqual({
      approved: 1,
      rejected: 1,
      exceptionsGranted: 1,
      exceptionsRefused: 0,
      withdrawn: 0,
    });
    expect(w.registered).toBe(4);
    expect(w.imported).toBe(0);
    expect(w.ended).toBe(2);
    expect(w.newRelationships.map((r) => r.partner).sort()).toEqual([
      'Partner B1',
      'Sigaren NV',
      'TU Delft',
      'Verkenner',
    ]);
    expect(w.endedRelationships.map((r) => r.partner).sort()).toEqual(['Denktank Noord', 'Oud Partner']);
  });

  it('lists what waits, oldest first, with step, holder and the pass-up flag; a confidential case unnamed', () => {
    const wt = digest.waiting;
    expect(wt).toMatchObject({ total: 3, pastPassUp: 3, passUpAfterHours: 72 });
    expect(wt.oldest.map((c) => [c.partner, c.stepRole, c.holderName, c.pastPassUp])).toEqual([
      ['Partner B3', 'team-lead', 'Bram Bakker', true],
      ['Partner B4', 'team-lead', 'Bram Bakker', true],
      [null, 'team-lead', 'Bram Bakker', true],
    ]);
    expect(wt.oldest[0]?.ageHours).toBe(165); // opened at 09:24 on the 23rd
  });

  it('puts the portfolio next to the priorities and flags housing (high, little) and health (low, much)', () => {
    const p = digest.portfolio;
    expect(p.active).toBe(25);
    expect(p.budget).toBe(255_000);
    const by = Object.fromEntries(p.priorities.map((m) => [String(m.id), m]));
    expect(by['energy-transition']).toMatchObject({
      relationships: 8,
      budget: 76_000,
      byIntensity: { project: 6, programme: 2 },
      flag: null,
    });
    expect(by.housing).toMatchObject({ relationships: 1, budget: 1_000, flag: 'under_invested' });
    expect(by.health).toMatchObject({ relationships: 4, budget: 80_000, flag: 'over_invested' });
    expect(by.nature).toMatchObject({ relationships: 3, flag: null });
    expect(by['climate-water']?.flag).toBeNull();
    expect(by.health?.budgetShare).toBeCloseTo(80 / 252);
    expect(by.housing?.expectedShare).toBeCloseTo(3 / 14);
    expect(p.exploration).toEqual({ active: 2, share: 2 / 25, maxActive: 4, left: 2 });
  });

  it('finds the fragmented partners by partner key, and the units with the most partners', () => {
    const fr = digest.fragmentation;
    expect(fr.partnersWithSeveral).toBe(3);
    expect(fr.partners).toEqual([
      {
        partnerKey: partnerKey('Gemeente Gouda'),
        partner: 'Gemeente Gouda',
        relationships: 3,
        units: 3,
        owners: 3,
      },
      { partnerKey: partnerKey('Geheim'), partner: null, relationships: 2, units: 2, owners: 2 },
      { partnerKey: partnerKey('TU Delft'), partner: 'TU Delft', relationships: 2, units: 1, owners: 2 },
    ]);
    expect(fr.units).toEqual([
      { unit: EK, partners: 8, relationships: 9 },
      { unit: WB, partners: 6, relationships: 7 },
      { unit: AT, partners: 5, relationships: 5 },
      { unit: MOB, partners: 4, relationships: 4 },
    ]);
  });

  it('reports value: reviews done with outcomes and rating, reviews due, relationships never reviewed', () => {
    const v = digest.value;
    expect(v).toMatchObject({
      reviewsInPeriod: 2,
      outcomes: { continue: 1, adjust: 0, end: 1 },
      averageRating: 3,
      reviewsDue: 3,
      neverReviewed: 23,
    });
    expect(v.reported.map((r) => [r.partner, r.outcome, r.rating]).sort()).toEqual([
      ['Denktank Noord', 'end', 2],
      ['Waterschap Rijnland', 'continue', 4],
    ]);
  });

  it('gives the calibration signals: themes that escalate, rules fired and never fired, exceptions, the pinching mandate', () => {
    const c = digest.calibration;
    expect(c.themes.slice(0, 3).map((t) => [t.priority, t.escalated, t.checks])).toEqual([
      ['energy-transition', 3, 4],
      ['climate-water', 1, 1],
      ['housing', 1, 1],
    ]);
    const fired = Object.fromEntries(c.rules.filter((r) => r.window > 0).map((r) => [r.code, r.window]));
    expect(fired).toEqual({
      budget_over_mandate: 5,
      partner_type_excluded: 1,
      exploration: 1,
      existing_relationship: 1,
    });
    expect(c.neverFiredInWindow).toEqual([
      'beyond_all_mandates',
      'exploration_exhausted',
      'partner_type_conditional',
      'intensity_over_mandate',
      'duration_over_mandate',
      'priority_not_in_mandate',
    ]);
    expect(c.exceptionsGranted).toBe(1);
    expect(c.pinchingMandates).toEqual([
      { role: 'employee', limit: 'budget', limitValue: 10_000, overLimit: 5, nearLimit: 4, pinches: true },
    ]);
  });

  it('never names a confidential partner, in the data, the views or the chart', async () => {
    const everything = [
      JSON.stringify(digest),
      digestText(digest, 'nl'),
      digestText(digest, 'en'),
      JSON.stringify(digestView(digest, 'nl')),
      JSON.stringify(portfolioSummaryView(digest, 'en')),
      portfolioChartSvg(digest, 'nl'),
    ].join('\n');
    expect(everything).not.toMatch(/Geheime Partner|Stichting Geheim/);
    expect(digestText(digest, 'nl')).toContain('vertrouwelijke partner');
    expect(digestText(digest, 'en')).toContain('confidential partner');
    const png = (await renderChartPng(portfolioChartSvg(digest, 'nl'))).png;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
