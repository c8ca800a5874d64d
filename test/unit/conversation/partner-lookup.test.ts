import { describe, expect, it } from 'vitest';
import {
  continueCheck,
  type DialogInput,
  startCheck,
  type Turn,
} from '../../../src/conversation/guided-check.js';
import { partnerToLookUp, partnerToLookUpAtStart } from '../../../src/conversation/partner-lookup.js';
import { deltaresLines, makeContext, restored, strategy } from './fixtures.js';

// An async store cannot answer existingWith synchronously; the caller prefetches the name these
// helpers predict. They must predict exactly what the dialog will look up.
describe('the partner a turn will look up', () => {
  it('is predicted before every turn of a winding dialog', () => {
    const calls: string[] = [];
    const ctx = makeContext({
      existingWith: (name) => {
        calls.push(name);
        return name === 'Deltares' ? deltaresLines : [];
      },
    });
    const message = 'mag ik met Deltares een project over energie starten?';
    let turn: Turn = startCheck(ctx, message);
    expect(calls).toEqual([partnerToLookUpAtStart(strategy, message)]);

    const inputs: Array<DialogInput | string> = [
      'terug',
      'hulp',
      '  TU Delft  ',
      'terug',
      { kind: 'choice', value: '~submit' },
      { kind: 'choice', value: 'Gemeente\u202eLeiden', step: 'partner' },
      'stop',
    ];
    for (const input of inputs) {
      const i: DialogInput = typeof input === 'string' ? { kind: 'text', text: input } : input;
      const stored = restored(turn);
      const predicted = partnerToLookUp(stored, i);
      calls.length = 0;
      turn = continueCheck(ctx, stored, i);
      expect(calls, JSON.stringify(input)).toEqual(predicted === null ? [] : [predicted]);
    }
  });

  it('is nothing at a start without a partner, or for an unreadable state', () => {
    expect(partnerToLookUpAtStart(strategy, 'toets iets over energie')).toBeNull();
    expect(partnerToLookUpAtStart(strategy)).toBeNull();
    expect(partnerToLookUp('corrupt', { kind: 'text', text: 'Deltares' })).toBeNull();
  });
});
