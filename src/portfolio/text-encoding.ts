// Files people give Koers (registers, people lists, strategies) are UTF-8, or say what they are.
// A file saved by an older spreadsheet as Latin-1 would otherwise be read with its accented letters
// broken ("Caf\uFFFD"): it is refused with the first line that is not UTF-8, unless the operator
// names its encoding (`--encoding windows-1252`), in which case it is converted as it is read.
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';

export const UTF8 = 'utf-8';

/** The file is not valid UTF-8; `line` is the first line with bytes that are not. */
export class NotUtf8Error extends Error {
  readonly code = 'KOERS_NOT_UTF8';
  constructor(readonly line: number) {
    super(`line ${line}: not valid UTF-8`);
    this.name = 'NotUtf8Error';
  }
}

const NEWLINE = 0x0a;

/** The first line (1-based) of `bytes` that is not valid UTF-8, or null when all of it is. */
export function firstBadUtf8Line(bytes: Uint8Array): number | null {
  if (isUtf8(bytes)) return null;
  // A multi-byte character never contains a newline byte, so line by line is exact.
  let line = 1;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
    if (!isUtf8(slice)) return line;
    if (end === -1) return line;
    line++;
    start = end + 1;
  }
}

/** The canonical name of an encoding label TextDecoder knows (`latin1` is windows-1252), else null. */
export function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** A stream of the file's bytes as UTF-8: checked when the file is UTF-8, converted when it is not. */
export function toUtf8(encoding: string = UTF8): Transform {
  return encoding === UTF8 ? new Utf8Check() : new Decode(encoding);
}

/** Passes UTF-8 through, or fails with the first line that is not. */
class Utf8Check extends Transform {
  private line = 1;
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // A character cut by the chunk's end waits for the rest of it.
    const complete = completeLength(bytes);
    const whole = bytes.subarray(0, complete);
    this.carry = Buffer.from(bytes.subarray(complete));
    const bad = firstBadUtf8Line(whole);
    if (bad !== null) {
      done(new NotUtf8Error(this.line + bad - 1));
      return;
    }
    for (let i = whole.indexOf(NEWLINE); i !== -1; i = whole.indexOf(NEWLINE, i + 1)) this.line++;
    done(null, whole);
  }

  override _flush(done: TransformCallback): void {
    done(this.carry.length > 0 ? new NotUtf8Error(this.line) : null);
  }
}

/** Converts another encoding (e.g. windows-1252) to UTF-8. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  constructor(encoding: string) {
    super();
    this.decoder = new TextDecoder(encoding);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'));
  }

  override _flush(done: TransformCallback): void {
    const rest = this.decoder.decode();
    done(null, rest === '' ? undefined : Buffer.from(rest, 'utf8'));
  }
}

/** How many bytes of `bytes` end on a character boundary (a cut character's start byte and on is left). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const b = bytes[i] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i < need ? i : n;
  }
  return n;
}
