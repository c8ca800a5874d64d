// `koers check` through the real, built command (docs/check.md §4).
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_PROPOSAL,
  EXAMPLE_PORTFOLIO,
  EXAMPLE_STRATEGY,
  type KoersRun,
  koers,
  scratch,
} from './run-koers.js';

const NBSP = '\u00a0';

function expectBadInput(run: KoersRun) {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.errors.length).toBeGreaterThan(0);
  expect(run.stderr).not.toContain('    at ');
  expect(run.stderr).not.toMatch(/Error:|TypeError|ZodError/);
}

const proposalFile = (proposal: unknown) =>
  scratch({ 'proposal.json': JSON.stringify(proposal) })['proposal.json'] as string;

const check = (proposal: unknown, ...more: string[]) =>
  koers(['check', '--strategy', EXAMPLE_STRATEGY, '--proposal', proposalFile(proposal), ...more]);

describe.concurrent('koers check', () => {
  it('gives the contract §4 example: escalate, the route, and the reason in Dutch with € 25.000', async () => {
    const run = await check(CONTRACT_PROPOSAL);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.verdict).toBe('escalate');
    expect(out.route).toEqual(['team-lead']);
    expect(out.reasons).toEqual([
      {
        code: 'budget_over_mandate',
        message: `Het budget (€${NBSP}25.000) is hoger dan uw mandaat als Medewerker (€${NBSP}10.000).`,
      },
    ]);
    expect(out.notices).toEqual([]);
    expect(out.suggestions.map((s: { code: string }) => s.code)).toEqual(['lower_budget']);
  });

  it('prints one JSON object on stdout', async () => {
    const run = await check(CONTRACT_PROPOSAL);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual([
      'verdict',
      'route',
      'reasons',
      'notices',
      'suggestions',
    ]);
  });

  it('speaks English with --lang en: €25,000', async () => {
    const run = await check(CONTRACT_PROPOSAL, '--lang', 'en');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).reasons[0].message).toBe(
      'The budget (€25,000) is above your mandate as Employee (€10,000).',
    );
  });

  it('reads the proposal from stdin with --proposal -', async () => {
    const run = await koers(
      ['check', '--strategy', EXAMPLE_STRATEGY, '--proposal', '-'],
      JSON.stringify(CONTRACT_PROPOSAL),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'escalate', route: ['team-lead'] });
  });

  it('exits 0 for an outside_strategy verdict too, with the exception route', async () => {
    const run = await check({
      ...CONTRACT_PROPOSAL,
      partner: { name: 'Tabak BV', type: 'tobacco-industry' },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'outside_strategy', route: ['executive'] });
  });

  it('exits 0 within the mandate, with an empty route', async () => {
    const run = await check({ ...CONTRACT_PROPOSAL, budget: 10000 });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'within_mandate', route: [], reasons: [] });
  });

  it('with --portfolio, gives an existing_relationship notice with the owner, matched on the partner key', async () => {
    const run = await check(
      { ...CONTRACT_PROPOSAL, partner: { name: '  tu  DELFT ', type: 'knowledge-institution' } },
      '--portfolio',
      EXAMPLE_PORTFOLIO,
    );
    expect(run.code).toBe(0);
    const notices = JSON.parse(run.stdout).notices;
    expect(notices).toEqual([
      {
        code: 'existing_relationship',
        message: 'Carla Jansen werkt al met TU Delft samen (Structureel programma, Energietransitie).',
        owner: 'u-carla',
        partner: 'TU Delft',
      },
    ]);
  });

  it('with --portfolio, counts active exploratory relationships against the allowance', async () => {
    const csv = [
      'partner,partner_type,priority,intensity,owner,status',
      ...['A', 'B', 'C', 'D'].map((p) => `Verkenner ${p},network,,exchange,u-anna,active`),
      'Verkenner E,network,,exchange,u-anna,ended',
    ].join('\n');
    const files = scratch({ 'portfolio.csv': csv });
    const exploring = { ...CONTRACT_PROPOSAL, priority: null, intensity: 'exchange', budget: 1000 };
    const full = await check(exploring, '--portfolio', files['portfolio.csv'] as string);
    expect(JSON.parse(full.stdout)).toMatchObject({ verdict: 'outside_strategy' });
    expect(JSON.parse(full.stdout).reasons.map((r: { code: string }) => r.code)).toEqual([
      'exploration_exhausted',
    ]);
    const empty = await check(exploring);
    expect(JSON.parse(empty.stdout).notices.map((r: { code: string }) => r.code)).toEqual(['exploration']);
  });

  it('rejects bad portfolio rows with their line numbers: exit 2', async () => {
    const csv = [
      'partner,partner_type,priority,intensity,owner,status',
      'TU Delft,knowledge-institution,energy-transition,project,u-carla,active',
      'Deltares,knowledge-institution,climate-water',
      'TNO,knowledge-institution,,exchange,u-bram,paused',
    ].join('\n');
    const files = scratch({ 'portfolio.csv': csv });
    const run = await check(CONTRACT_PROPOSAL, '--portfolio', files['portfolio.csv'] as string);
    expectBadInput(run);
    expect(run.errors).toHaveLength(2);
    expect(run.errors[0]).toContain('line 3');
    expect(run.errors[1]).toContain('line 4');
    expect(run.errors[1]).toContain('paused');
  });

  it('rejects a portfolio without the required columns', async () => {
    const files = scratch({ 'portfolio.csv': 'partner,owner\nTU Delft,u-carla\n' });
    const run = await check(CONTRACT_PROPOSAL, '--portfolio', files['portfolio.csv'] as string);
    expectBadInput(run);
    expect(run.errors).toEqual([expect.stringContaining('line 1')]);
    expect(run.errors[0]).toContain('status');
  });
});

describe.concurrent('koers check, bad input: exit 2, one clear line per problem, no stack trace', () => {
  it('unknown ids, one line each', async () => {
    const run = await check({
      ...CONTRACT_PROPOSAL,
      partner: { name: 'X', type: 'bank' },
      priority: 'space',
      intensity: 'merger',
      requester: { id: 'u-anna', role: 'king' },
    });
    expectBadInput(run);
    expect(run.errors).toHaveLength(4);
    expect(run.errors[0]).toMatch(/proposal\.partner\.type: unknown partner type "bank"$/);
    expect(run.errors[1]).toMatch(/proposal\.priority: unknown priority "space"$/);
    expect(run.errors[2]).toMatch(/proposal\.intensity: unknown intensity "merger"$/);
    expect(run.errors[3]).toMatch(/proposal\.requester\.role: unknown role "king"$/);
  });

  it('negative numbers', async () => {
    const run = await check({ ...CONTRACT_PROPOSAL, budget: -5, months: -1 });
    expectBadInput(run);
    expect(run.errors).toHaveLength(2);
    expect(run.errors[0]).toContain('proposal.budget');
    expect(run.errors[1]).toContain('proposal.months');
  });

  it('an empty partner name', async () => {
    const run = await check({ ...CONTRACT_PROPOSAL, partner: { name: ' ', type: 'knowledge-institution' } });
    expectBadInput(run);
    expect(run.errors).toEqual([
      expect.stringMatching(/proposal\.partner\.name: the partner name is empty$/),
    ]);
  });

  it('a missing field', async () => {
    const { intensity: _, ...proposal } = CONTRACT_PROPOSAL;
    const run = await check(proposal);
    expectBadInput(run);
    expect(run.errors).toEqual([expect.stringMatching(/proposal\.intensity: is required$/)]);
  });

  it('an unknown field', async () => {
    const run = await check({ ...CONTRACT_PROPOSAL, budjet: 5 });
    expectBadInput(run);
    expect(run.errors).toEqual([expect.stringMatching(/proposal\.budjet: unknown field "budjet"$/)]);
  });

  it('malformed JSON', async () => {
    const files = scratch({ 'proposal.json': '{ "partner": ' });
    const run = await koers([
      'check',
      '--strategy',
      EXAMPLE_STRATEGY,
      '--proposal',
      files['proposal.json'] as string,
    ]);
    expectBadInput(run);
    expect(run.errors).toEqual([expect.stringContaining('not valid JSON')]);
  });

  it('malformed JSON on stdin', async () => {
    const run = await koers(['check', '--strategy', EXAMPLE_STRATEGY, '--proposal', '-'], 'nope');
    expectBadInput(run);
    expect(run.errors).toEqual([expect.stringMatching(/^stdin: .*not valid JSON/)]);
  });

  it('an unreadable proposal file', async () => {
    const run = await koers([
      'check',
      '--strategy',
      EXAMPLE_STRATEGY,
      '--proposal',
      '/nonexistent/proposal.json',
    ]);
    expectBadInput(run);
    expect(run.errors).toEqual(['/nonexistent/proposal.json: cannot read the proposal (no such file)']);
  });

  it('an unreadable strategy file', async () => {
    const run = await koers([
      'check',
      '--strategy',
      '/nonexistent/strategy.yaml',
      '--proposal',
      proposalFile(CONTRACT_PROPOSAL),
    ]);
    expectBadInput(run);
    expect(run.errors).toEqual(['/nonexistent/strategy.yaml: cannot read the strategy file (no such file)']);
  });

  it('a portfolio that is a directory', async () => {
    const files = scratch({});
    const run = await check(CONTRACT_PROPOSAL, '--portfolio', files.dir);
    expectBadInput(run);
    expect(run.errors).toEqual([`${files.dir}: cannot read the portfolio (is a directory)`]);
  });

  it('a missing --strategy', async () => {
    const run = await koers(['check', '--proposal', proposalFile(CONTRACT_PROPOSAL)]);
    expectBadInput(run);
    expect(run.errors[0]).toBe('--strategy is required');
  });

  it('an unknown option', async () => {
    const run = await koers(['check', '--strategy', EXAMPLE_STRATEGY, '--propsal', 'x.json']);
    expectBadInput(run);
  });

  it('a --lang other than nl or en', async () => {
    const run = await check(CONTRACT_PROPOSAL, '--lang', 'de');
    expectBadInput(run);
    expect(run.errors[0]).toContain('--lang');
  });

  it('a broken strategy: every problem with its path', async () => {
    const run = await koers([
      'check',
      '--strategy',
      'test/fixtures/strategies/broken/three-problems.yaml',
      '--proposal',
      proposalFile(CONTRACT_PROPOSAL),
    ]);
    expectBadInput(run);
    expect(run.errors).toHaveLength(3);
    expect(run.errors[0]).toContain('roles[1].mandate.maxBuget');
  });
});
