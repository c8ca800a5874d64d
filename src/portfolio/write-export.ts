// An export of many rows (the register, the cases) as CSV or one JSON array, read a page at a
// time in id order and written as it goes, so a large store never sits in memory whole.

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSource<Item> {
  /** The CSV header line. */
  header: string;
  /** The next page: up to `size` items with an id above `after`, with those ids. */
  pageAfter: (after: number, size: number) => Promise<Array<{ id: number; item: Item }>>;
  /** One item as a CSV line (with its line end). */
  csv: (item: Item) => string;
  /** One item as a JSON array element (indented, no separator). */
  json: (item: Item) => string;
}

/** Writes every item of `source` in `format` through `write` (awaited: back-pressure); returns the count. */
export async function writeExport<Item>(
  source: ExportSource<Item>,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
  pageSize = 1000,
): Promise<number> {
  let count = 0;
  await write(format === 'csv' ? source.header : '[');
  for (let after = 0; ; ) {
    const page = await source.pageAfter(after, pageSize);
    if (page.length === 0) break;
    let chunk = '';
    for (const { item } of page) {
      chunk += format === 'csv' ? source.csv(item) : `${count === 0 ? '\n' : ',\n'}${source.json(item)}`;
      count++;
    }
    await write(chunk);
    after = page[page.length - 1]?.id ?? after;
    if (page.length < pageSize) break;
  }
  if (format === 'json') await write(count === 0 ? ']\n' : '\n]\n');
  return count;
}
