// Who may see a case: an ordinary case anyone; a confidential one only those with a part in it,
// asking about the viewer's part only when the case itself does not answer.
import { describe, expect, it } from 'vitest';
import { mayViewCase, type ViewedCase } from '../../../src/domain/workflow/may-view-case.js';

const secret: ViewedCase = { confidential: true, requesterId: 'u-anna', assigneeId: 'u-bram' };

describe('mayViewCase', () => {
  it('shows an ordinary case to anyone, without asking anything', () => {
    expect(mayViewCase({ ...secret, confidential: false }, 'u-someone')).toBe(true);
  });

  it('shows a confidential case to its requester and to whoever holds it now', () => {
    expect(mayViewCase(secret, 'u-anna')).toBe(true);
    expect(mayViewCase(secret, 'u-bram')).toBe(true);
  });

  it('asks first whether anyone else took part in it, then whether it waits for them', () => {
    expect(mayViewCase(secret, 'u-carla')).toBe('tookPart');
    expect(mayViewCase(secret, 'u-carla', { tookPart: true })).toBe(true);
    expect(mayViewCase(secret, 'u-carla', { tookPart: false })).toBe('waitsFor');
    expect(mayViewCase(secret, 'u-carla', { tookPart: false, waitsFor: true })).toBe(true);
  });

  it('hides a confidential case from someone with no part in it', () => {
    expect(mayViewCase(secret, 'u-carla', { tookPart: false, waitsFor: false })).toBe(false);
    expect(mayViewCase({ ...secret, assigneeId: null }, 'u-bram', { tookPart: false, waitsFor: false })).toBe(
      false,
    );
  });
});
