import { describe, expect, it } from 'vitest';
import { encodeActionPayload, parseActionPayload } from '../../../src/conversation/view.js';

describe('action payloads from clicks', () => {
  it('round-trips every kind', () => {
    const payloads = [
      { type: 'dialog', value: 'knowledge-institution', step: 'partnerType' },
      { type: 'start_check' },
      { type: 'submit_check_form' },
      { type: 'decide', caseId: 'case-7', step: 1, version: 4, decision: 'pass_up' },
      { type: 'request_exception', caseId: 'case-7' },
      { type: 'withdraw', caseId: 'case-7' },
      { type: 'answer_info', caseId: 'case-7' },
      { type: 'show_case', caseId: 'case-7' },
    ] as const;
    for (const p of payloads) expect(parseActionPayload(encodeActionPayload(p))).toEqual(p);
  });

  it.each([
    ['not JSON', '{decide'],
    ['an unknown type', { type: 'delete_everything' }],
    ['an unknown decision', { type: 'decide', caseId: 'c', step: 0, version: 0, decision: 'approve_all' }],
    ['a smuggled extra field', { type: 'withdraw', caseId: 'c', asUser: 'u-eva' }],
    ['a negative version', { type: 'decide', caseId: 'c', step: 0, version: -1, decision: 'approve' }],
    ['an empty case id', { type: 'withdraw', caseId: '' }],
    ['an oversized value', JSON.stringify({ type: 'withdraw', caseId: 'c'.repeat(3000) })],
    ['a number', 42],
  ])('refuses %s', (_name, raw) => {
    expect(parseActionPayload(raw)).toBeNull();
  });
});
