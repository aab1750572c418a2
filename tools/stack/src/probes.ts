import { createConnection, createServer } from 'node:net';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Sends one inline command to Redis (after AUTH) and answers its reply line. */
export function redisCommand(port: number, password: string, command: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timeout')));
    // Pipelined: AUTH's reply first, then the command's.
    socket.on('connect', () => socket.write(`AUTH ${password}\r\n${command}\r\n`));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      const lines = data.split('\r\n');
      if (lines.length > 2) {
        data = lines[1]!;
        socket.end();
        resolve(data.trim());
      }
    });
    socket.on('error', reject);
  });
}

export async function httpStatus(url: string, timeoutMs = 1_000, headers: Record<string, string> = {}): Promise<number> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls `check` until it passes or `timeoutMs` runs out. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`${what} was not ready after ${Math.round(timeoutMs / 1000)} s`);
}
