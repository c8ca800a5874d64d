// A proposal's input errors (docs/check.md §2): unknown ids, negative numbers and empty
// partner names are input errors, not verdicts; every problem at once, each with its path.
import { describe, expect, it } from 'vitest';
import { parseProposal } from '../../../src/domain/check/proposal.js';
import { proposal, strategy } from './strategy-factory.js';

const s = strategy();
const problems = (raw: unknown) => {
  const r = parseProposal(raw, s);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('parseProposal', () => {
  it('accepts the contract’s shape, with budget and months optional', () => {
    const { budget: _b, months: _m, ...raw } = proposal();
    expect(parseProposal(raw, s)).toEqual({ ok: true, proposal: raw });
    expect(parseProposal({ ...raw, priority: null }, s).ok).toBe(true);
  });

  it('rejects unknown partner type, priority, intensity and role, all at once', () => {
    const raw = proposal({
      partner: { type: 'bank' },
      priority: 'space',
      intensity: 'merger',
      requester: { role: 'king' },
    });
    expect(problems(raw)).toEqual([
      'partner.type: unknown partner type "bank"',
      'priority: unknown priority "space"',
      'intensity: unknown intensity "merger"',
      'requester.role: unknown role "king"',
    ]);
  });

  it('rejects negative numbers', () => {
    expect(problems(proposal({ budget: -1, months: -0.5 })).map((p) => p.split(':')[0])).toEqual([
      'budget',
      'months',
    ]);
  });

  it('rejects an empty or blank partner name', () => {
    expect(problems(proposal({ partner: { name: '' } }))).toEqual([
      'partner.name: the partner name is empty',
    ]);
    expect(problems(proposal({ partner: { name: '  \t ' } }))).toEqual([
      'partner.name: the partner name is empty',
    ]);
  });

  it('rejects a missing field', () => {
    const { direction: _, ...raw } = proposal();
    expect(problems(raw)).toEqual(['direction: is required']);
  });

  it('rejects a missing priority: null must be said', () => {
    const { priority: _, ...raw } = proposal();
    expect(problems(raw)).toEqual(['priority: is required']);
  });

  it('rejects an unknown field', () => {
    expect(problems({ ...proposal(), budjet: 5 })).toEqual(['budjet: unknown field "budjet"']);
  });

  it('rejects a direction outside we_need, they_need, shared', () => {
    expect(problems({ ...proposal(), direction: 'both' }).map((p) => p.split(':')[0])).toEqual(['direction']);
  });

  it('rejects what is not an object', () => {
    expect(problems([1, 2]).length).toBeGreaterThan(0);
    expect(problems(null).length).toBeGreaterThan(0);
  });
});
