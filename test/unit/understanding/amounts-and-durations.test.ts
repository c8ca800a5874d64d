// Amounts and durations as people type them: read as meant, said back when read from words or
// rounded, and asked back when they could mean two things.
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../src/conversation/understanding/parse-amount.js';
import { parseDuration } from '../../../src/conversation/understanding/parse-duration.js';
import { readDigits } from '../../../src/conversation/understanding/read-digits.js';

describe('amounts', () => {
  it.each([
    ['12.500', 12500],
    ['€ 12.500,-', 12500],
    ['12,500', 12500],
    ['12500', 12500],
    ['12,5k', 12500],
    ['12.5k', 12500],
    ['45k', 45000],
    ['€45K', 45000],
    ['€25,000', 25000],
    ['25000 euro', 25000],
    ['EUR 1.250.000', 1250000],
    ['€ 12.500,50', 12500.5],
    ['1,2 miljoen', 1200000],
    ['1,5 mln', 1500000],
    ['25 000', 25000],
    ['anderhalve ton', 150000],
    ['een ton', 100000],
    ['twintigduizend', 20000],
    ['vijfentwintig duizend', 25000],
    ['vijfentwintigduizend', 25000],
    ['twenty thousand', 20000],
    ['twenty-five thousand', 25000],
    ['one hundred and fifty thousand', 150000],
    ['half a million', 500000],
    ['twintigduizned', 20000],
    ['ongeveer 8000 euro', 8000],
    ['niks, alleen uren', 0],
    ['0', 0],
    ['geen', 0],
    ['nothing', 0],
  ])('reads %j as %d', (input, value) => {
    expect(parseAmount(input)).toMatchObject({ ok: true, value });
  });

  it('says how it read what was not plain digits', () => {
    expect(parseAmount('12500')).toMatchObject({ inferred: null });
    expect(parseAmount('12.500')).toMatchObject({ inferred: 'separators' });
    expect(parseAmount('twintigduizend')).toMatchObject({ inferred: 'words' });
  });

  it.each([
    ['12.50.0', 'ambiguous'],
    ['1.2.3', 'ambiguous'],
    ['12.5000', 'ambiguous'],
    ['between 5 and 10k', 'ambiguous'],
    ['5000 of 6000', 'ambiguous'],
    ['a lot', 'invalid'],
    ['12 maanden', 'invalid'],
    ['-5', 'negative'],
    ['€ -100', 'negative'],
    ['9999999999999', 'too_large'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason });
  });

  it('reads one separator before exactly three digits as thousands, in both languages', () => {
    expect(readDigits('12.500')).toEqual({ ok: true, value: 12500 });
    expect(readDigits('12,500')).toEqual({ ok: true, value: 12500 });
    expect(readDigits('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(readDigits('1.250.000')).toEqual({ ok: true, value: 1250000 });
    expect(readDigits('1,250.75')).toEqual({ ok: true, value: 1250.75 });
    expect(readDigits('1.25.000')).toEqual({ ok: false, reason: 'ambiguous' });
  });
});

describe('durations', () => {
  it.each([
    ['6', 6, null],
    ['6 maanden', 6, null],
    ['18 mnd.', 18, null],
    ['acht maanden', 8, 'words'],
    ['twaalf maanden', 12, 'words'],
    ['2 jaar', 24, 'years'],
    ['1,5 jaar', 18, 'years'],
    ['anderhalf jaar', 18, 'words'],
    ['vijf jaar', 60, 'words'],
    ['een half jaar', 6, null],
    ['a year and a half', 18, null],
    ['two months', 2, 'words'],
    ['2 weken', 1, 'rounded'],
    ['6 weeks', 2, 'rounded'],
    ['een maand of zes', 6, 'words'],
    ['twee jaar en drie maanden', 27, 'words'],
    ['12 maanden, mogelijk verlengen', 12, null],
    ['six monts', 6, 'words'],
  ])('reads %j as %d months (%s)', (input, months, inferred) => {
    expect(parseDuration(input)).toEqual({ ok: true, months, inferred });
  });

  it.each([
    ['tot eind volgend jaar', 'ambiguous'],
    ['soon', 'invalid'],
    ['-2', 'negative'],
    ['100 jaar', 'too_large'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseDuration(input)).toEqual({ ok: false, reason });
  });
});
