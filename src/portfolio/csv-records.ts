// Streams a CSV file record by record with the line each record starts on (the header is
// line 1), so a file of any size is read in bounded memory: the file is checked as UTF-8 (or
// converted from the encoding the operator names) as it is read, and a record over
// MAX_RECORD_BYTES stops the read at once rather than being gathered whole.
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { NotUtf8Error, toUtf8, UTF8 } from './text-encoding.js';

/** The longest record (all its cells) read; a register's rows are a few hundred bytes. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvRecord {
  /** The line the record starts on (1 = the header). */
  line: number;
  cells: string[];
}

/** Opens the CSV anew on every call: an import reads its file twice. */
export type CsvSource = () => Readable;

/** A CSV file in `encoding` (default UTF-8, checked), read as UTF-8. */
export function csvFile(path: string, encoding: string = UTF8): CsvSource {
  return () => {
    const file = createReadStream(path);
    const text = toUtf8(encoding);
    file.on('error', (err) => text.destroy(err));
    text.on('close', () => file.destroy());
    return file.pipe(text);
  };
}

export function csvText(text: string): CsvSource {
  return () => Readable.from([text]);
}

/**
 * The CSV cannot be read on (an unclosed quote, a record over MAX_RECORD_BYTES, bytes that are not
 * UTF-8): no record after it can be trusted. `message` says what, for a person.
 */
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

  /** One line for the person who gave the file. */
  describe(): string {
    return `line ${this.line}: ${this.message}`;
  }
}

const NEWLINE = /\r\n|\r|\n/g;

export async function* csvRecords(source: CsvSource): AsyncGenerator<CsvRecord> {
  // Lines are counted here rather than with csv-parse's `info` option, which doubles the parse
  // time of a large file (and counts a CRLF inside a quoted cell as two lines). Empty lines come
  // through as one empty cell: counted, then skipped.
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
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
    if (err instanceof NotUtf8Error)
      throw new CsvSyntaxError(
        err.line,
        'not valid UTF-8 (save the file as UTF-8, or give its encoding, e.g. --encoding windows-1252)',
        { cause: err },
      );
    if (err instanceof CsvError && err.code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvSyntaxError(
        line,
        `a record over ${MAX_RECORD_BYTES / 1024 / 1024} MB; the file was not read further`,
        {
          cause: err,
        },
      );
    if (err instanceof CsvError)
      throw new CsvSyntaxError(
        typeof err.lines === 'number' ? err.lines : line,
        `not valid CSV (${err.message})`,
        {
          cause: err,
        },
      );
    throw err;
  }
}
