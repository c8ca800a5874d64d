// Writing CSV cells that are safe to open in a spreadsheet (OWASP "CSV injection"): a cell that
// starts with = + - @ (or a tab or CR, which some spreadsheets skip before reading a formula) gets
// a leading `'`, so it is shown as text and never run as a formula. The import undoes this
// (register-row.ts `unneutralise`), so an export imports as the register it came from.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\n`;
}
