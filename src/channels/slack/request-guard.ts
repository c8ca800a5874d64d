// Checks on POST /slack/events before Bolt sees the request. Bolt verifies the signature (with a
// constant-time compare) and refuses timestamps more than five minutes in the past by the machine
// clock; it lets any future timestamp through. Here a timestamp more than 300 s from Koers's clock
// in either direction is refused, and a declared body over the cap is
// refused before a byte of it is read (Bolt's own bodyLimit catches bodies sent without a length).
// Refusals are bodiless, as Bolt's are: nothing tells a caller which check failed. Then the body is
// read here, its signature checked (Bolt's own function, on Koers's clock) and its shape
// (slack-body-shape.ts): Bolt gets only signed bodies it can handle, already buffered, and does
// not verify them again (every request reaches Bolt through here: slack-channel.ts turns its own
// check off, which saved a second HMAC of every body).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';
import { readBody } from '../../http/http-server.js';
import { arrivedBody, checkSlackBody, isSslCheck } from './slack-body-shape.js';

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

export function refuse(req: IncomingMessage, res: ServerResponse, status: 200 | 400 | 401 | 413): void {
  // Read nothing more; close the connection so an oversized body is not drained.
  res.writeHead(status, { 'content-length': '0', ...(status === 413 ? { connection: 'close' } : {}) }).end();
  req.resume();
}

export interface AdmitOptions {
  signingSecret: string;
  nowMs: number;
  logger: Logger;
  bodyLimitBytes?: number;
}

/**
 * Runs every check before Bolt: true when Bolt should take the request (its body is then buffered
 * on it as Bolt's `rawBody`); false when it has been answered here.
 */
export async function admitSlackRequest(
  req: IncomingMessage,
  res: ServerResponse,
  o: AdmitOptions,
): Promise<boolean> {
  const limit = o.bodyLimitBytes ?? SLACK_BODY_LIMIT_BYTES;
  const answer = (status: 200 | 400 | 401 | 413, why: string) => {
    o.logger.info({ why, status }, status >= 400 ? 'slack request refused' : 'slack request acknowledged');
    refuse(req, res, status);
    return false;
  };
  const headers = checkSlackRequest(req, o.nowMs, limit);
  if (!headers.ok) return answer(headers.status, headers.why);
  const raw = await readBody(req, limit);
  if (raw === null) return answer(413, 'body too large');
  const text = raw.toString('utf8');
  const contentType = req.headers['content-type'];
  // Slack's SSL check is unsigned: Bolt gets it without whatever else such a body carries, so an
  // unsigned body cannot smuggle a command in beside `ssl_check=1`.
  const body = arrivedBody(text, contentType);
  if (isSslCheck(body)) {
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.from('ssl_check=1');
    return true;
  }
  const signature = req.headers['x-slack-signature'];
  const signed =
    typeof signature === 'string' &&
    isValidSlackRequest({
      signingSecret: o.signingSecret,
      body: text,
      headers: {
        'x-slack-signature': signature,
        'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
      },
      nowMilliseconds: o.nowMs,
    });
  if (!signed) return answer(401, 'bad signature');
  const shape = checkSlackBody(body);
  if (!shape.ok) return answer(shape.status, shape.why);
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
  return true;
}
