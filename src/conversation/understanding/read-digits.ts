// A number written in digits, with the separators people use in Dutch and English. One kind of
// separator followed by exactly three digits is a thousands separator (`12.500`, `12,500`,
// `1.250.000`); one separator followed by one or two digits is the decimal sign (`12,5`,
// `12.50`); with both kinds, the last is the decimal sign (`1.250,50`, `1,250.50`). Anything
// else (`12.50.0`, `1.2.3`, `12.5000`) could mean more than one amount: it is ambiguous, and the
// person is asked.

export type Digits = { ok: true; value: number } | { ok: false; reason: 'ambiguous' };

const DIGITS = /^\d[\d.,'’\u00a0\u202f]*$/u;

/** The token as a number; null when it is not digits at all. */
export function readDigits(token: string): Digits | null {
  const t = token.replace(/[,.]-$/u, '').replace(/['’\u00a0\u202f]/gu, '');
  if (!DIGITS.test(t) || /[.,]$/u.test(t)) return null;
  if (/^\d+$/u.test(t)) return { ok: true, value: Number(t) };
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [whole = '', fraction = ''] = t.split(decimal);
    if (t.split(decimal).length !== 2 || whole.includes(decimal) || !groupedByThousands(whole, thousands))
      return { ok: false, reason: 'ambiguous' };
    if (fraction.includes(thousands) || fraction.length > 2) return { ok: false, reason: 'ambiguous' };
    return { ok: true, value: Number(`${whole.split(thousands).join('')}.${fraction}`) };
  }
  const sep = lastDot !== -1 ? '.' : ',';
  const parts = t.split(sep);
  if (parts.length === 2) {
    const [head = '', tail = ''] = parts;
    if (tail.length === 3 && head.length <= 3 && !/^0\d/u.test(head) && head !== '0')
      return { ok: true, value: Number(head + tail) };
    if (tail.length === 3 && head === '0') return { ok: true, value: Number(`0.${tail}`) };
    if (tail.length <= 2) return { ok: true, value: Number(`${head}.${tail}`) };
    return { ok: false, reason: 'ambiguous' };
  }
  return groupedByThousands(t, sep)
    ? { ok: true, value: Number(parts.join('')) }
    : { ok: false, reason: 'ambiguous' };
}

function groupedByThousands(s: string, sep: string): boolean {
  const parts = s.split(sep);
  const [head = '', ...rest] = parts;
  if (rest.length === 0) return /^\d+$/u.test(head);
  return /^\d{1,3}$/u.test(head) && rest.every((p) => /^\d{3}$/u.test(p));
}
