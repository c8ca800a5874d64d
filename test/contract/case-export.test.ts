// `koers export --cases` on every backend: cases made by the real workflow come out in id order
// with their proposal, verdict, route, state, people and decisions (delegates named with whom
// they stood in for), as JSON or as CSV that is safe to open in a spreadsheet, a page at a time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../src/portfolio/export-register.js';
import { CASE_COLUMNS, type CaseExportOptions, exportCases } from '../../src/workflow/export-cases.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { peopleWithSlack, type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const as = (personId: string) => ({ personId, platform: 'slack' as const });
const anna = as('u-anna');
const HOSTILE_PARTNER = '=HYPERLINK("http://evil.example","click")';

describe.each(BACKENDS)('case export on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    const strategy = exampleStrategy();
    f = await workflowFixture(backend, {
      strategy,
      people: peopleWithSlack(strategy, {
        'u-bram': { delegate: 'u-ilse', absent: { from: '2026-11-25', until: '2026-11-26' } },
      }),
    });
  });
  afterEach(async () => {
    await f.drop();
  });

  const at = (iso: string) => {
    f.clock.current = new Date(iso);
  };
  const submitted = async (p: Parameters<typeof proposal>[0]) => {
    const out = await f.wf.submit(anna, proposal(p));
    if (!out.ok) throw new Error('submit refused');
    return out.case;
  };
  const decided = async (
    who: string,
    caseId: number,
    step: number,
    version: number,
    action: 'approve' | 'reject' = 'approve',
    reason?: string,
  ) => {
    const out = await f.wf.decide(as(who), { action, caseId, step, version, reason });
    if (!out.ok) throw new Error(`${who} could not ${action} case ${caseId}: ${out.refusal}`);
  };
  const exported = async (format: ExportFormat, options: CaseExportOptions = {}) => {
    const chunks: string[] = [];
    const count = await exportCases(f.ts.store.handle, format, (c) => void chunks.push(c), options);
    return { text: chunks.join(''), chunks, count };
  };

  /** Seven cases over three days: registered, approved in two steps, rejected, advised against
   * with an exception, approved by a delegate, and one still open. */
  async function sevenCases() {
    at('2026-11-23T09:00:00.000Z');
    const registered = await submitted({
      requester: ANNA,
      partner: { name: 'Geheime Partner', type: 'knowledge-institution' },
      priority: null,
      intensity: 'exchange',
      budget: 3000,
      confidential: true,
    });
    const twoSteps = await submitted({
      requester: ANNA,
      intensity: 'programme',
      budget: 100_000,
      months: 24,
    });
    at('2026-11-23T10:00:00.000Z');
    await decided('u-bram', twoSteps.id, 0, 1);
    at('2026-11-23T11:00:00.000Z');
    await decided('u-carla', twoSteps.id, 1, 2);
    const rejected = await submitted({
      requester: ANNA,
      partner: { name: HOSTILE_PARTNER, type: 'commercial' },
      priority: 'housing',
      intensity: 'exchange',
      budget: 20_000,
      description: '@team: tweede poging',
    });
    await decided('u-bram', rejected.id, 0, 1, 'reject', 'Geen budget; "later" misschien');
    at('2026-11-24T23:59:59.999Z');
    const advised = await submitted({
      requester: ANNA,
      partner: { name: 'Sigaren NV', type: 'tobacco-industry' },
    });
    const exception = await f.wf.requestException(anna, advised.id, 'Preventieproject');
    if (!exception.ok) throw new Error('exception refused');
    at('2026-11-25T00:00:00.000Z');
    const byDelegate = await submitted({ requester: ANNA, budget: 20_000, direction: 'shared' });
    at('2026-11-25T10:00:00.000Z');
    await decided('u-ilse', byDelegate.id, 0, 1);
    const open = await submitted({ requester: ANNA, budget: 20_000, direction: 'they_need' });
    return { registered, twoSteps, rejected, advised, exception: exception.case, byDelegate, open };
  }

  it('writes an empty JSON array and the CSV header alone when there are no cases', async () => {
    expect(JSON.parse((await exported('json')).text)).toEqual([]);
    expect(await exported('csv')).toMatchObject({ text: `${CASE_COLUMNS.join(',')}\n`, count: 0 });
  });

  it('writes every case as JSON in id order, with its proposal, route, state and decisions in order', async () => {
    const c = await sevenCases();
    const { text, count } = await exported('json');
    const cases = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(count).toBe(7);
    expect(cases.map((x) => x.id)).toEqual([
      c.registered.id,
      c.twoSteps.id,
      c.rejected.id,
      c.advised.id,
      c.exception.id,
      c.byDelegate.id,
      c.open.id,
    ]);
    expect(cases[1]).toEqual({
      id: c.twoSteps.id,
      kind: 'check',
      parent_case_id: null,
      partner: 'TU Delft',
      partner_type: 'knowledge-institution',
      priority: 'energy-transition',
      intensity: 'programme',
      budget: 100_000,
      months: 24,
      direction: 'we_need',
      confidential: false,
      description: null,
      verdict: 'escalate',
      route: ['team-lead', 'manager'],
      state: 'approved',
      requester: 'u-anna',
      requester_role: 'employee',
      assignee: null,
      created_at: '2026-11-23T09:00:00.000Z',
      updated_at: '2026-11-23T11:00:00.000Z',
      closed_at: '2026-11-23T11:00:00.000Z',
      decisions: [
        {
          action: 'endorse',
          by: 'u-bram',
          on_behalf_of: null,
          step: 0,
          step_role: 'team-lead',
          reason: null,
          at: '2026-11-23T10:00:00.000Z',
        },
        {
          action: 'approve',
          by: 'u-carla',
          on_behalf_of: null,
          step: 1,
          step_role: 'manager',
          reason: null,
          at: '2026-11-23T11:00:00.000Z',
        },
      ],
    });
    // Confidential partners are named here: the export is the operator's.
    expect(cases[0]).toMatchObject({
      partner: 'Geheime Partner',
      priority: null,
      confidential: true,
      verdict: 'within_mandate',
      route: [],
      state: 'registered',
      decisions: [],
    });
    expect(cases[2]).toMatchObject({
      partner: HOSTILE_PARTNER,
      priority: 'housing',
      state: 'rejected',
      decisions: [{ action: 'reject', by: 'u-bram', reason: 'Geen budget; "later" misschien' }],
    });
    expect(cases[3]).toMatchObject({
      verdict: 'outside_strategy',
      route: ['executive'],
      state: 'exception_requested',
    });
    expect(cases[4]).toMatchObject({
      kind: 'exception',
      parent_case_id: c.advised.id,
      state: 'open',
      assignee: 'u-eva',
    });
    expect(cases[5]).toMatchObject({
      direction: 'shared',
      state: 'approved',
      decisions: [{ action: 'approve', by: 'u-ilse', on_behalf_of: 'u-bram', step_role: 'team-lead' }],
    });
    expect(cases[6]).toMatchObject({
      direction: 'they_need',
      state: 'open',
      assignee: 'u-bram',
      decisions: [],
    });
  });

  it('writes CSV with one row per case, the decisions folded into one cell, formulas neutralised', async () => {
    const c = await sevenCases();
    const { text, count } = await exported('csv');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(count + 1);
    expect(lines[0]).toBe(
      'id,kind,parent_case_id,partner,partner_type,priority,intensity,budget,months,direction,confidential,description,verdict,route,state,requester,requester_role,assignee,created_at,updated_at,closed_at,decisions',
    );
    expect(lines[1]).toBe(
      `${c.registered.id},check,,Geheime Partner,knowledge-institution,,exchange,3000,6,we_need,yes,,within_mandate,,registered,u-anna,employee,,2026-11-23T09:00:00.000Z,2026-11-23T09:00:00.000Z,2026-11-23T09:00:00.000Z,`,
    );
    expect(lines[2]).toBe(
      `${c.twoSteps.id},check,,TU Delft,knowledge-institution,energy-transition,programme,100000,24,we_need,no,,escalate,team-lead > manager,approved,u-anna,employee,,2026-11-23T09:00:00.000Z,2026-11-23T11:00:00.000Z,2026-11-23T11:00:00.000Z,endorse by u-bram at step team-lead 2026-11-23T10:00Z; approve by u-carla at step manager 2026-11-23T11:00Z`,
    );
    expect(lines[3]).toBe(
      `${c.rejected.id},check,,"'=HYPERLINK(""http://evil.example"",""click"")",commercial,housing,exchange,20000,6,we_need,no,'@team: tweede poging,escalate,team-lead,rejected,u-anna,employee,,2026-11-23T11:00:00.000Z,2026-11-23T11:00:00.000Z,2026-11-23T11:00:00.000Z,"reject by u-bram at step team-lead 2026-11-23T11:00Z: ""Geen budget; \\""later\\"" misschien"""`,
    );
    expect(lines[6]).toMatch(/,approve by u-ilse for u-bram at step team-lead 2026-11-25T10:00Z$/);
  });

  it('keeps the cases created on or after --since (from 00:00 UTC that day)', async () => {
    const c = await sevenCases();
    const ids = async (since: string) =>
      (JSON.parse((await exported('json', { since })).text) as Array<{ id: number }>).map((x) => x.id);
    expect(await ids('2026-11-25')).toEqual([c.byDelegate.id, c.open.id]);
    expect(await ids('2026-11-24')).toEqual([c.advised.id, c.exception.id, c.byDelegate.id, c.open.id]);
    expect(await ids('2026-11-23')).toHaveLength(7);
    expect(await ids('2026-11-26')).toEqual([]);
  });

  it('reads a page of cases at a time and writes each page as it is read', async () => {
    await sevenCases();
    const whole = await exported('json');
    const paged = await exported('json', { pageSize: 2 });
    expect(paged.text).toBe(whole.text);
    // '[', pages of 2, 2, 2 and 1 case(s), ']'.
    expect(paged.chunks).toHaveLength(6);
    expect((await exported('csv', { pageSize: 3 })).text).toBe((await exported('csv')).text);
  });
});
