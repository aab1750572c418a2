import request from 'supertest';

/** The gateway the integration tests drive (set by global-setup). */
export function gateway(): ReturnType<typeof request> {
  const url = process.env.GATEWAY_URL;
  if (!url) throw new Error('GATEWAY_URL is not set: integration tests run through tests/support/global-setup.ts');
  return request(url);
}

/** Polls `read` until `accept` holds, for state that settles asynchronously (events). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}
