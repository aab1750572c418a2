import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The local stand-in for a notification channel: the `notifications` output binding posts
 * here. Each notification is appended to a log and kept (the last 10,000) for GET /received.
 */
const port = Number(process.env.PORT ?? 7010);
const logFile = process.env.SINK_LOG;
const received: unknown[] = [];

const server = createServer((req, res) => {
  if (req.method === 'POST') {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      let parsed: unknown = body;
      try {
        parsed = JSON.parse(body);
      } catch {
        // kept as text
      }
      received.push(parsed);
      if (received.length > 10_000) received.shift();
      if (logFile) appendFileSync(logFile, `${JSON.stringify({ at: new Date().toISOString(), notification: parsed })}\n`);
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'GET' && req.url?.startsWith('/received')) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: received }));
    return;
  }
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200).end();
    return;
  }
  res.writeHead(404).end();
});

// Loopback locally; a pod sets HOST=0.0.0.0 so that the customercenter's sidecar reaches it.
server.listen(port, process.env.HOST ?? '127.0.0.1');
const stop = (): void => void server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
