// Amounts in the check's sentences: whole euros are written by Koers itself, everything else by
// Intl, and both must read exactly as Intl writes them (a reader sees one style).
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../src/domain/i18n/format.js';

const intl = (amount: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount);

describe('formatMoney', () => {
  it('writes "€ 25.000" in Dutch (with a no-break space) and "€25,000" in English', () => {
    expect(formatMoney(25_000, 'EUR', 'nl')).toBe('€\u00a025.000');
    expect(formatMoney(25_000, 'EUR', 'en')).toBe('€25,000');
    expect(formatMoney(1_234_567, 'EUR', 'nl')).toBe('€\u00a01.234.567');
  });

  const amounts = [0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 100_000, 999_999, 1_000_000];
  let seed = 11;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    amounts.push(seed % 10 ** (1 + (i % 15)));
  }
  amounts.push(Number.MAX_SAFE_INTEGER, -5, -25_000, 12.5, 0.99, 1e21);

  it.each([
    ['nl', 'nl-NL'],
    ['en', 'en-GB'],
  ] as const)('writes %s amounts of euros exactly as Intl does (%s)', (locale, intlLocale) => {
    const differ = amounts.filter((a) => formatMoney(a, 'EUR', locale) !== intl(a, 'EUR', intlLocale));
    expect(differ).toEqual([]);
  });

  it('leaves other currencies to Intl', () => {
    expect(formatMoney(25_000, 'USD', 'en')).toBe(intl(25_000, 'USD', 'en-GB'));
    expect(formatMoney(25_000, 'GBP', 'nl')).toBe(intl(25_000, 'GBP', 'nl-NL'));
  });
});
