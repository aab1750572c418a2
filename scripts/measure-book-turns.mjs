// What an order costs the book, on a running stack: the book sidecar's API calls per order
// (its daprd's dapr_http_server_request_count, by method and status) and CPU per order of the
// book app, its daprd, PostgreSQL, Redis and the order app and daprd (/proc, each process with
// its descendants), over N orders (every cancelEvery-th cancelled), until the book's sidecar
// is quiet again. A quick instrument for one change; `npm run bench` is the benchmark.
// usage: node scripts/measure-book-turns.mjs <dataDir> <gatewayPort> <bookMetricsPort> [orders=600] [concurrency=20] [books=1] [cancelEvery=5]
// e.g.   node scripts/measure-book-turns.mjs .data 8088 9101 600 20 1 5
import { readFileSync, readdirSync } from 'node:fs';
const [dataDir, gw, metricsPort, nOrders = '600', conc = '20', nBooks = '1', cancelEvery = '5'] = process.argv.slice(2);
const base = `http://127.0.0.1:${gw}`;
const json = async (method, path, body, token) => {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: await r.json().catch(() => undefined) };
};
const pids = JSON.parse(readFileSync(`${dataDir}/run/pids.json`, 'utf8'));
const groupOf = (name) => pids.find((p) => p.name === name)?.pid;
const tick = () => {
  // CPU of each named process with all its descendants (postgres backends leave the group).
  const procs = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), pgrp: Number(f[2]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {}
  }
  const total = (root) => {
    let sum = 0;
    for (const [pid, p] of procs) {
      let cur = pid, hops = 0;
      while (cur && cur !== root && hops++ < 20) cur = procs.get(cur)?.ppid ?? 0;
      if (cur === root || p.pgrp === root) sum += p.ticks;
    }
    return sum;
  };
  return total;
};
const cpu = () => { const total = tick(); const out = {}; for (const n of ['book-app', 'book-daprd', 'postgres', 'redis', 'order-app', 'order-daprd']) out[n] = total(groupOf(n)) * 10; return out; };
const calls = async () => {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  let total = 0; const by = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('dapr_http_server_request_count{')) continue;
    const v = Number(line.split(' ').pop()); total += v;
    by[line.slice(31, line.lastIndexOf('}'))] = v;
  }
  return { total, by };
};
const admin = (await json('POST', '/auth/login', { email: 'admin@bookstore.local', password: readFileSync(`${dataDir}/admin-password`, 'utf8').trim() })).body.token;
const books = [];
for (let i = 0; i < Number(nBooks); i++) books.push((await json('POST', '/books', { title: `measure ${Date.now()} ${i}`, price: 1000, stock: 1000000 }, admin)).body.bookId);
const cust = (await json('POST', '/customers', { name: 'M', email: `m${Date.now()}@example.com`, password: 'long enough' })).body.token;
await new Promise((r) => setTimeout(r, 3000));
const c0 = await calls(); const u0 = cpu(); const t0 = Date.now();
let next = 0; const statuses = {}; const placed = [];
await Promise.all(Array.from({ length: Number(conc) }, async () => {
  while (next < Number(nOrders)) {
    const i = next++;
    const r = await json('POST', '/orders', { bookId: books[i % books.length], qty: 1 }, cust);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 201) placed.push(r.body.orderId);
  }
}));
const tOrders = Date.now() - t0;
let cancelled = 0;
for (let i = 0; i < placed.length; i += Number(cancelEvery)) { const r = await json('POST', `/orders/${placed[i]}/cancel`, {}, cust); if (r.status === 200) cancelled++; }
// wait until the book's sidecar is quiet (events drained)
let last = -1; for (;;) { await new Promise((r) => setTimeout(r, 2000)); const c = (await calls()).total; if (c === last) break; last = c; }
const c1 = await calls(); const u1 = cpu();
const n = placed.length;
const diff = {}; for (const k of Object.keys(c1.by)) { const d = c1.by[k] - (c0.by[k] ?? 0); if (d > 0) diff[k] = +(d / n).toFixed(3); }
const cpuPer = {}; for (const k of Object.keys(u1)) cpuPer[k] = +((u1[k] - u0[k]) / n).toFixed(3);
console.log(JSON.stringify({ orders: n, cancelled, statuses, orderPhaseMs: tOrders, ordersPerS: +(n / (tOrders / 1000)).toFixed(1), bookSidecarCallsPerOrder: +((c1.total - c0.total) / n).toFixed(3), byRoute: diff, cpuMsPerOrder: cpuPer }, null, 1));
