import { describe, expect, it } from 'vitest';
import { parseAmountAnswer, parseMonthsAnswer, readNumber } from '../../../src/conversation/parse-number.js';

describe('amounts', () => {
  it.each([
    ['€ 12.500', 12500],
    ['12500', 12500],
    ['12,5k', 12500],
    ['12.5k', 12500],
    ['€25,000', 25000],
    ['25000 euro', 25000],
    ['EUR 1.250.000', 1250000],
    ['€ 12.500,50', 12500.5],
    ['1,5 mln', 1500000],
    ['25 000', 25000],
    ['0', 0],
    ['geen', 0],
    ['none', 0],
    ['ongeveer 8.000 euro', 8000],
  ])('reads %j as %d', (input, value) => {
    expect(parseAmountAnswer(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['a lot', 'invalid'],
    ['5 or 6 thousand', 'invalid'],
    ['-5', 'negative'],
    ['€ -100', 'negative'],
    ['9999999999999', 'too_large'],
    ['12 maanden', 'invalid'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseAmountAnswer(input)).toEqual({ ok: false, reason });
  });

  it('reads one separator before three digits as thousands, otherwise as the decimal sign', () => {
    expect(readNumber('12.500')).toBe(12500);
    expect(readNumber('12,5')).toBe(12.5);
    expect(readNumber('0.500')).toBe(0.5);
    expect(readNumber('1.250.000')).toBe(1250000);
    expect(readNumber('1,250.75')).toBe(1250.75);
  });
});

describe('durations', () => {
  it.each([
    ['6', 6],
    ['6 maanden', 6],
    ['18 mnd.', 18],
    ['2 jaar', 24],
    ['1,5 jaar', 18],
    ['6 months', 6],
    ['2 years', 24],
    ['een jaar', 12],
    ['half a year', 6],
    ['0', 0],
  ])('reads %j as %d months', (input, value) => {
    expect(parseMonthsAnswer(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['soon', 'invalid'],
    ['-2', 'negative'],
    ['100 jaar', 'too_large'],
    ['6 weeks', 'invalid'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseMonthsAnswer(input)).toEqual({ ok: false, reason });
  });
});
