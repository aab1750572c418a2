import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { daprdArgs, httpStatus, isPortFree, waitFor, postgresConnectionString, ROOT, runtimeBinaries, SidecarPorts, sleep, Supervisor } from '@bookstore/stack';
import { Client } from '../http';
import { Target } from '../target';
import { FLOOR, FLOOR_ROLES, FloorRole } from './names';
import { floorComponents, floorConfiguration } from './resources';

/** The floor's ports: beside the shop's, moved by the same offset (app 7030+, Dapr HTTP 3530+, ...). */
export function floorPorts(offset: number, index: number): SidecarPorts {
  return {
    app: 7030 + offset + index,
    http: 3530 + offset + index,
    grpc: 20130 + offset + index,
    internalGrpc: 20230 + offset + index,
    metrics: 9130 + offset + index,
    appMetrics: 9170 + offset + index,
  };
}

export interface Floor {
  edgeUrl: string;
  /** Process group leaders, by process name (`floor-edge-app`, `floor-edge-daprd`, ...). */
  processes: Map<string, number>;
  stop(): Promise<void>;
}

const secret = (): string => randomBytes(32).toString('base64url');

/**
 * Starts the floor's six apps, each with its own daprd (the stack's daprd binary, Sentry,
 * placement, scheduler, Redis and PostgreSQL), and waits until one call makes it through.
 */
export async function startFloor(target: Target, offset: number, log: (line: string) => void): Promise<Floor> {
  const dir = join(target.data, 'bench', 'floor');
  const resources = join(dir, 'components');
  mkdirSync(resources, { recursive: true });
  for (const [file, text] of Object.entries(floorComponents(ROOT))) writeFileSync(join(resources, file), text);
  const runDir = join(target.data, 'run', 'bench-floor');
  await Supervisor.killLeftovers(runDir);
  const supervisor = new Supervisor(join(target.data, 'logs'), runDir);
  const bin = runtimeBinaries(target.data);
  const trustAnchors = readFileSync(join(target.data, 'sentry', 'ca.crt'), 'utf8');
  const ports = new Map(FLOOR_ROLES.map((role, i) => [role, floorPorts(offset, i)]));
  for (const p of ports.values()) {
    for (const port of Object.values(p)) if (!(await isPortFree(port))) throw new Error(`the floor's port ${port} is taken`);
  }
  const stop = (): Promise<void> => supervisor.stopAll([FLOOR_ROLES.map((r) => `${FLOOR.apps[r]}-app`), FLOOR_ROLES.map((r) => `${FLOOR.apps[r]}-daprd`)]);
  try {
    for (const role of FLOOR_ROLES) startOne(role, ports.get(role)!);
    const edgeUrl = `http://127.0.0.1:${ports.get('edge')!.app}`;
    // Every sidecar up before the first call: each one joining placement re-disseminates the
    // actor table, which holds actor calls for a moment.
    for (const p of ports.values()) await waitFor('a floor sidecar', async () => (await httpStatus(`http://127.0.0.1:${p.http}/v1.0/healthz`)) === 204, 60_000);
    await firstCall(edgeUrl);
    const processes = new Map(supervisor.processes.filter((m) => m.child.pid).map((m) => [m.name, m.child.pid!]));
    log(`  floor up: ${FLOOR_ROLES.length} apps, ${FLOOR_ROLES.length} sidecars`);
    return { edgeUrl, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }

  function startOne(role: FloorRole, p: SidecarPorts): void {
    const appId = FLOOR.apps[role];
    const tokens = { daprApiToken: secret(), appApiToken: secret() };
    const config = join(dir, `${appId}.yaml`);
    writeFileSync(config, floorConfiguration(role));
    const env = { ...process.env, DAPR_API_TOKEN: tokens.daprApiToken, APP_API_TOKEN: tokens.appApiToken };
    supervisor.start(`${appId}-app`, process.execPath, [join(__dirname, 'app.js')], {
      env: { ...env, FLOOR_ROLE: role, APP_PORT: String(p.app), DAPR_HTTP_PORT: String(p.http) },
    });
    supervisor.start(`${appId}-daprd`, bin.daprd, daprdArgs({ appId, ports: p, plan: target.plan, config, resources: [resources] }), {
      cwd: target.data,
      env: {
        ...env,
        BOOKSTORE_REDIS_ADDR: `127.0.0.1:${target.plan.redis}`,
        BOOKSTORE_REDIS_PASSWORD: target.credentials.redisPassword,
        BOOKSTORE_PG_CONNECTION: postgresConnectionString(target.plan, target.credentials.postgresPassword),
        DAPR_TRUST_ANCHORS: trustAnchors,
      },
    });
  }
}

/** Placement needs a moment to place the first FloorActor: retry one call until it answers 201. */
async function firstCall(edgeUrl: string): Promise<void> {
  const client = new Client(edgeUrl, 1, 5_000);
  try {
    const deadline = Date.now() + 90_000;
    let last = '';
    while (Date.now() < deadline) {
      const answer = await client.send({ method: 'POST', path: '/order', body: { actorId: '0' } });
      if (answer.status === 201) return;
      last = `${answer.status} ${answer.error ?? JSON.stringify(answer.body)}`;
      await sleep(500);
    }
    throw new Error(`the floor did not answer a call within 90 s (last: ${last}); see .data/logs/floor-*.log`);
  } finally {
    await client.close();
  }
}
