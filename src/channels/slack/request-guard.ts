// Checks on POST /slack/events before Bolt sees the request. Bolt verifies the signature (with a
// constant-time compare) and refuses timestamps more than five minutes in the past by the machine
// clock; it lets any future timestamp through. Here a timestamp more than 300 s from Koers's clock
// in either direction is refused (RELIABILITY-MATRIX S2), and a declared body over the cap is
// refused before a byte of it is read (Bolt's own bodyLimit catches bodies sent without a length).
// Refusals are bodiless, as Bolt's are: nothing tells a caller which check failed.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_TIMESTAMP_SKEW_S = 300;
/** Slack's largest payloads (a modal with long texts) are far below this. */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 413; why: string };

export function checkSlackRequest(
  req: IncomingMessage,
  nowMs: number,
  bodyLimitBytes = SLACK_BODY_LIMIT_BYTES,
): GuardVerdict {
  const declared = req.headers['content-length'];
  if (declared !== undefined && !(Number(declared) <= bodyLimitBytes))
    return { ok: false, status: 413, why: 'body too large' };
  const header = req.headers['x-slack-request-timestamp'];
  // A repeated header arrives joined ("1, 2") or as a list: either way not one number.
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header))
    return { ok: false, status: 401, why: 'no usable timestamp' };
  const skew = Math.abs(Math.floor(nowMs / 1000) - Number(header));
  if (skew > MAX_TIMESTAMP_SKEW_S) return { ok: false, status: 401, why: 'timestamp outside five minutes' };
  return { ok: true };
}

export function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 413): void {
  // Read nothing more; close the connection so an oversized body is not drained.
  res.writeHead(status, { 'content-length': '0', ...(status === 413 ? { connection: 'close' } : {}) }).end();
  req.resume();
}
