import http from 'node:http';

/**
 * Requests sent byte for byte as written: supertest and fetch normalise paths (dot segments,
 * `//`, backslashes), which is exactly what an attacker does not do.
 */
export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation, no encoding. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked, without Content-Length (a limit must hold on either). */
  chunked?: boolean;
  /** The client address (any 127.0.0.0/8 address works on Linux): throttles key on it. */
  from?: string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export const LOOPBACK = '127.0.0.1';

/** The gateway's port, from the URL global-setup settled on. */
export function gatewayPort(): number {
  const url = process.env.GATEWAY_URL;
  if (!url) throw new Error('GATEWAY_URL is not set: the abuse suite runs through tests/support/global-setup.ts');
  return Number(new URL(url).port);
}

/** One request on a fresh connection; rejects on a dropped connection or no answer in time. */
export function send(port: number, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers: Record<string, string> = { ...request.headers };
    if (body && !request.chunked) headers['content-length'] = String(body.length);
    if (body && request.chunked) headers['transfer-encoding'] = 'chunked';
    const req = http.request(
      { host: LOOPBACK, port, path: request.path, method: request.method, headers, agent: false, localAddress: request.from, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
