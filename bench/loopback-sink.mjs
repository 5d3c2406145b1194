/**
 * The delivery bench's webhook receiver, run as a child process (`fork`, IPC channel) so that the
 * sender and the receiver do not share one event loop. A bare `node:http` server on 127.0.0.1 that
 * answers every request `200 {"ok":true}` at once, counts requests and records when each one fully
 * arrived (`performance.timeOrigin + performance.now()`, ms since the epoch, sub-millisecond) and the
 * id it carries (the first `bench-<digits>` in the body, else in the URL; -1 without one).
 *
 * IPC (parent → sink, the sink answers each with the same `type`):
 *   { type: 'reset' }                    forget the requests so far
 *   { type: 'clock' }                    { at }: the sink's clock now, to estimate the offset between processes
 *   { type: 'waitFor', count }           { count, lastAt, bytes, cpu } once `count` requests have arrived since the reset
 *   { type: 'progress' }                 { count, lastAt, bytes, cpu } (bytes: request bodies; cpu: process.cpuUsage())
 *   { type: 'arrivals' }                 { ids, times }: every request since the reset, in arrival order
 *   { type: 'close' }                    closes the server and exits
 * On start it sends { type: 'ready', port }.
 */
import http from 'node:http';

const ID = /bench-(\d+)/;
const ANSWER = '{"ok":true}';
const ANSWER_HEADERS = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(ANSWER)) };

let ids = [];
let times = [];
let lastAt = 0;
let bytes = 0;
/** Outstanding `waitFor`: answered when the count reaches it. */
let waiting = 0;

const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.send?.(message);
const progress = () => ({ count: times.length, lastAt, bytes, cpu: process.cpuUsage() });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const at = now();
    const body = Buffer.concat(chunks);
    bytes += body.length;
    const match = ID.exec(body.toString('latin1')) ?? ID.exec(req.url ?? '');
    ids.push(match ? Number(match[1]) : -1);
    times.push(at);
    lastAt = at;
    res.writeHead(200, ANSWER_HEADERS);
    res.end(ANSWER);
    if (waiting > 0 && times.length >= waiting) {
      waiting = 0;
      send({ type: 'waitFor', ...progress() });
    }
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 70_000;

process.on('message', (message) => {
  switch (message?.type) {
    case 'reset':
      ids = [];
      times = [];
      lastAt = 0;
      bytes = 0;
      waiting = 0;
      send({ type: 'reset' });
      break;
    case 'clock':
      send({ type: 'clock', at: now() });
      break;
    case 'waitFor':
      if (times.length >= message.count) send({ type: 'waitFor', ...progress() });
      else waiting = message.count;
      break;
    case 'progress':
      send({ type: 'progress', ...progress() });
      break;
    case 'arrivals':
      send({ type: 'arrivals', ids, times });
      break;
    case 'close':
      server.closeAllConnections();
      server.close(() => process.exit(0));
      break;
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: server.address().port }));
