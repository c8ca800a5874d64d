import { describe, expect, it } from 'vitest';
import { encodeActionPayload, parseActionPayload } from '../../../src/conversation/view.js';

describe('action payloads from clicks', () => {
  it('round-trips every kind', () => {
    const payloads = [
      { type: 'dialog', value: 'knowledge-institution', step: 'partnerType' },
      { type: 'start_check' },
      { type: 'submit_check_form' },
      { type: 'decide', caseId: '7', step: 1, version: 4, decision: 'pass_up' },
      { type: 'request_exception', caseId: '7' },
      { type: 'withdraw', caseId: '7' },
      { type: 'answer_info', caseId: '7' },
      { type: 'show_case', caseId: '7' },
    ] as const;
    for (const p of payloads) expect(parseActionPayload(encodeActionPayload(p))).toEqual(p);
  });

  it.each([
    ['not JSON', '{decide'],
    ['an unknown type', { type: 'delete_everything' }],
    ['an unknown decision', { type: 'decide', caseId: '7', step: 0, version: 0, decision: 'approve_all' }],
    ['a smuggled extra field', { type: 'withdraw', caseId: '7', asUser: 'u-eva' }],
    ['a negative version', { type: 'decide', caseId: '7', step: 0, version: -1, decision: 'approve' }],
    ['an oversized value', JSON.stringify({ type: 'withdraw', caseId: '7'.repeat(3000) })],
    ['a bad case id with a smuggled field', { type: 'withdraw', caseId: '3e0', asUser: 'u-eva' }],
    ['a number', 42],
  ])('refuses %s', (_name, raw) => {
    expect(parseActionPayload(raw)).toBeNull();
  });

  it.each(['3e0', '0x3', ' 3', '3 ', '03', '+3', '-3', '3.0', 'abc', '1e30', '', '1234567890123', '٣'])(
    'takes %j for no case id: a case action with it is refused, never read as a number',
    (caseId) => {
      const decide = { type: 'decide', caseId, step: 0, version: 1, decision: 'approve' };
      expect(parseActionPayload(decide)).toEqual({ type: 'invalid_case_id', attempted: 'decide' });
      expect(parseActionPayload({ type: 'show_case', caseId })).toEqual({
        type: 'invalid_case_id',
        attempted: 'show_case',
      });
    },
  );

  it('takes the largest well-formed id as one (the store then finds no case for it)', () => {
    expect(parseActionPayload({ type: 'withdraw', caseId: '999999999999' })).toEqual({
      type: 'withdraw',
      caseId: '999999999999',
    });
  });
});
