// R1: slow clients and body floods on the webhook. Many sockets trickle their headers a byte
// at a time, others send chunked bodies far over the 1 MB cap, while signed requests keep
// coming: the floods get 413 (bodies) or are cut off, the real requests are answered, the event
// loop stays responsive and memory does not grow with the flood.

import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startSlackApp } from '../test/integration/slack/slack-test-app.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { fmt, ms, percentile, type RowGroup, row, sleep, timed, timedNote } from './campaign.js';

function chunkedFlood(url: string, mb: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(-1));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < mb * 16) {
        sent++;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

const group: RowGroup = {
  rows: ['R1'],
  async run(c) {
    const fake = await startFakeSlack();
    const t = await startSlackApp({ fake });
    c.captured.logs.push(t.logs);
    const sockets: Socket[] = [];
    const lag = monitorEventLoopDelay({ resolution: 10 });
    try {
      const port = Number(new URL(t.url).port);
      const seconds = c.n(5, 30);
      const slowClients = c.n(100, 500);
      const rssBefore = process.memoryUsage().rss;
      lag.enable();
      // Slow-loris: headers one byte at a time.
      const header = `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}\r\n`;
      let closedByServer = 0;
      for (let i = 0; i < slowClients; i++) {
        const s = connect(port, '127.0.0.1');
        s.on('error', () => {});
        s.on('close', () => {
          closedByServer++;
        });
        sockets.push(s);
      }
      let byte = 0;
      const trickle = setInterval(() => {
        for (const s of sockets) if (!s.destroyed) s.write(header[byte % header.length] ?? 'x');
        byte++;
      }, 1000);
      // Real requests all along.
      const latencies: number[] = [];
      let answered = 0;
      let sent = 0;
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        sent++;
        const started = performance.now();
        const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: `r1-${sent}` });
        const r = await t.slack.post(body, 'application/json');
        latencies.push(performance.now() - started);
        if (r.status === 200) answered++;
        await sleep(50);
      }
      lag.disable();
      // Then bodies far over the cap, chunked (no length to refuse them by). They are written from
      // this process, so the event loop is measured before them, not during.
      const floods = Array.from({ length: c.n(10, 40) }, () => chunkedFlood(`${t.url}/slack/events`, 8));
      const statuses = await Promise.all(floods);
      const after = await t.slack.post(
        JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'after' }),
        'application/json',
      );
      if (after.status === 200) answered++;
      sent++;
      clearInterval(trickle);
      const refused = statuses.filter((s) => s >= 400 || s === -1).length;
      const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
      const maxLagMs = lag.max / 1e6;
      return [
        row(
          'R1',
          `${slowClients} slow-loris sockets for ${seconds} s, ${floods.length} chunked bodies of 8 MB, ${fmt(sent)} signed requests beside them`,
          `${refused}/${floods.length} floods refused (4xx before the body was read, or cut off); ${answered}/${sent} real requests answered (p99 ${ms(percentile(latencies, 99))}); ${closedByServer} slow sockets closed by the server so far; longest event-loop delay among the slow sockets ${ms(maxLagMs)}; RSS ${rssGrowthMb >= 0 ? '+' : ''}${rssGrowthMb.toFixed(0)} MB${timedNote(c)}`,
          'floods refused; every real request answered; event loop delay < 100 ms; RSS stable (< +100 MB)',
          refused === floods.length && answered === sent && timed(c, maxLagMs < 100) && rssGrowthMb < 100,
        ),
      ];
    } finally {
      for (const s of sockets) s.destroy();
      await t.drop();
      await fake.close();
    }
  },
};
export default group;
