// Streams a CSV file record by record with the line each record starts on (the header is
// line 1), so a file of any size is read in bounded memory.
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

export interface CsvRecord {
  /** The line the record starts on (1 = the header). */
  line: number;
  cells: string[];
}

/** Opens the CSV anew on every call: an import reads its file twice. */
export type CsvSource = () => Readable;

export function csvFile(path: string): CsvSource {
  return () => createReadStream(path);
}

export function csvText(text: string): CsvSource {
  return () => Readable.from([text]);
}

/** The CSV cannot be parsed at all (an unclosed quote, say): no record after it can be trusted. */
export class CsvSyntaxError extends Error {
  readonly code = 'KOERS_CSV_SYNTAX';
  constructor(
    readonly line: number,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'CsvSyntaxError';
  }
}

const NEWLINE = /\r\n|\r|\n/g;

export async function* csvRecords(source: CsvSource): AsyncGenerator<CsvRecord> {
  // Lines are counted here rather than with csv-parse's `info` option, which doubles the parse
  // time of a large file (and counts a CRLF inside a quoted cell as two lines). Empty lines come
  // through as one empty cell: counted, then skipped.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
  // pipeline() destroys the file stream when the reader stops early or the parser fails.
  pipeline(source(), parser, () => {});
  let line = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const start = line;
      line++;
      for (const cell of cells)
        if (cell.includes('\n') || cell.includes('\r')) line += cell.match(NEWLINE)?.length ?? 0;
      if (cells.length === 1 && (cells[0] as string).trim() === '') continue;
      yield { line: start, cells };
    }
  } catch (err) {
    if (err instanceof CsvError)
      throw new CsvSyntaxError(typeof err.lines === 'number' ? err.lines : line, err.message, { cause: err });
    throw err;
  }
}
