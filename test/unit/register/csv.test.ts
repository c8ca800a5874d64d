// Reading and writing register CSV: line numbers (the header is line 1), formula neutralising.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../src/portfolio/csv-cell.js';
import { type CsvRecord, CsvSyntaxError, csvRecords, csvText } from '../../../src/portfolio/csv-records.js';
import { unneutralise } from '../../../src/portfolio/register-row.js';

async function records(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of csvRecords(csvText(text))) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('numbers records by the line they start on, skipping empty lines', async () => {
    const rs = await records('a,b\n1,2\n\n3,4\n');
    expect(rs.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', '4']],
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('counts a quoted cell over two lines once (%s)', async (_name, nl) => {
    const text = ['a,b', '1,2', '"x', 'y",3', '', '4,5', ''].join(nl);
    const rs = await records(text);
    expect(rs.map((r) => r.line)).toEqual([1, 2, 3, 6]);
    expect(rs[2]?.cells[0]).toBe(`x${nl}y`);
  });

  it('drops a byte-order mark', async () => {
    expect((await records('\ufeffpartner\nX\n'))[0]?.cells).toEqual(['partner']);
  });

  it('reports broken CSV with its line', async () => {
    const read = records('a,b\n1,2\n"bad"x,1\n');
    await expect(read).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(read).rejects.toMatchObject({ line: 3 });
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+31 6 1234', "'+31 6 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j as a formula', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and new lines, and leaves plain text alone', () => {
    expect(csvCell('Wageningen University & Research')).toBe('Wageningen University & Research');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('writes numbers and empty cells as they are', () => {
    expect(csvLine([1, null, 180000, 0.5, undefined])).toBe('1,,180000,0.5,\n');
  });

  it('is undone by the import', () => {
    for (const v of ['=HYPERLINK("x")', '+1', '-1', '@x', "'plain", 'plain']) {
      const cell = csvCell(v)
        .replace(/^"(.*)"$/s, '$1')
        .replaceAll('""', '"');
      expect(unneutralise(cell)).toBe(v);
    }
  });
});
