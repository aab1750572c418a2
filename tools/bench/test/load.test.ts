import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from '../src/http';
import { closedLoop, openLoop } from '../src/load';

/** A local server that answers every request after `delayMs`: a shop slower than the rate asked of it. */
function slowServer(delayMs: number): Promise<Server> {
  const server = createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    }, delayMs);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the load generator', () => {
  let server: Server;
  let client: Client;

  beforeAll(async () => {
    server = await slowServer(50);
    // One connection: requests beyond one queue in the generator, as they would in a busy shop.
    client = new Client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 1);
  });

  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('when the shop is slower than the open loop rate, then latency counts the queueing from each intended send time', async () => {
    const records = await openLoop(client, 50, 400, () => ({ op: 'call', call: { method: 'POST', path: '/orders', body: {} } }));
    expect(records).toHaveLength(20);
    const intended = records.map((r) => r.intended).sort((a, b) => a - b);
    // The schedule kept its rate: 20 ms apart, whatever the answers did.
    for (let i = 1; i < intended.length; i += 1) expect(intended[i]! - intended[i - 1]!).toBeCloseTo(20, 6);
    // 20 answers of 50 ms one after another take 1 s; the last was meant to leave at 380 ms.
    const worst = Math.max(...records.map((r) => r.end - r.intended));
    expect(worst).toBeGreaterThan(500);
    expect(records.every((r) => r.status === 201)).toBe(true);
  });

  it('when the loop is closed, then each user waits for its answer and latency is the service time', async () => {
    const records = await closedLoop(client, 1, 300, () => ({ op: 'call', call: { method: 'GET', path: '/' } }));
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records.length).toBeLessThanOrEqual(7);
    for (const r of records) expect(r.end - r.intended).toBeLessThan(300);
  });
});
