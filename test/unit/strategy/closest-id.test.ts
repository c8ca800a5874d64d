// "Did you mean …?": the nearest id by edit distance, and only when it is near enough to be a typo.
import { describe, expect, it } from 'vitest';
import { closestId } from '../../../src/domain/strategy/closest-id.js';
import { editDistance } from '../../../src/domain/text/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['alliance', 'alliance', 0],
    ['allianc', 'alliance', 1],
    ['projct', 'project', 1],
    ['mangaer', 'manager', 1], // a swap of two letters counts as one
    ['kitten', 'sitting', 3],
    ['', 'board', 5],
  ])('%s -> %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestId', () => {
  const intensities = ['exchange', 'project', 'programme', 'alliance'];

  it('suggests the nearest id within two edits', () => {
    expect(closestId('allianc', intensities)).toBe('alliance');
    expect(closestId('progamme', intensities)).toBe('programme');
    expect(closestId('exchnge', intensities)).toBe('exchange');
    expect(closestId('mangaer', ['employee', 'manager', 'director'])).toBe('manager');
  });

  it('says nothing when every id is three or more edits away', () => {
    expect(closestId('allianc', ['exchange', 'project', 'programme'])).toBeUndefined();
    expect(closestId('teamleader', ['employee', 'team-lead', 'manager'])).toBeUndefined();
  });

  it('allows one edit only when an id is under five letters', () => {
    expect(closestId('bord', ['manager', 'board'])).toBe('board');
    expect(closestId('brd', ['manager', 'board'])).toBeUndefined();
    expect(closestId('boards', ['hr'])).toBeUndefined();
    expect(closestId('hr-x', ['hr'])).toBeUndefined();
    expect(closestId('hrx', ['hr'])).toBe('hr');
  });

  it('takes the nearest, and the first listed on a tie', () => {
    expect(closestId('projec', ['programme', 'project'])).toBe('project');
    expect(closestId('abcdx', ['abcdy', 'abcdz'])).toBe('abcdy');
  });
});
