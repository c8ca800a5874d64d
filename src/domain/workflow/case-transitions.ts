// What a decision does to a case, as pure rules.

import type { DecisionCommand, Refusal } from './authorize-decision.js';
import type { CaseSnapshot, CaseState } from './case-model.js';

export type Transition =
  | { ok: true; kind: 'final'; action: 'approve' | 'reject'; state: CaseState }
  | { ok: true; kind: 'move'; action: 'endorse' | 'pass_up'; toStep: number }
  | { ok: true; kind: 'ask_info'; action: 'ask_info' }
  | { ok: false; refusal: Refusal };

export function transitionFor(c: CaseSnapshot, command: DecisionCommand): Transition {
  switch (command.action) {
    case 'approve':
      // Approval at a step whose role does not cover the proposal is an endorsement: the case
      // moves on. The check's route ends at the first role that covers it; a case passed up
      // beyond its route is at a role that covers it too (mandates never shrink going up).
      if (c.step < c.routeLength - 1)
        return { ok: true, kind: 'move', action: 'endorse', toStep: c.step + 1 };
      return { ok: true, kind: 'final', action: 'approve', state: 'approved' };
    case 'reject':
      if (!command.reason || command.reason.trim() === '') return { ok: false, refusal: 'reason_required' };
      return { ok: true, kind: 'final', action: 'reject', state: 'rejected' };
    case 'ask_info':
      return { ok: true, kind: 'ask_info', action: 'ask_info' };
    case 'pass_up':
      if (c.step + 1 >= c.steps.length) return { ok: false, refusal: 'no_higher_step' };
      return { ok: true, kind: 'move', action: 'pass_up', toStep: c.step + 1 };
  }
}
