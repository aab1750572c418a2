#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialFiles } from './credentials';
import { configurationYaml, pubsubScopes } from './dapr-policy';
import { dataDir, ROOT } from './paths';
import { portPlan, SERVICES } from './ports';
import { Supervisor } from './processes';
import { startStack, takenPorts } from './stack';

function portsTable(): string {
  const { entries } = portPlan();
  const rows = entries.map((e) => `| ${e.process} | ${e.what} | ${e.port} | \`${e.variable}\` |`);
  return ['| process | what | port | override |', '|---|---|---|---|', ...rows].join('\n');
}

async function up(): Promise<void> {
  const leftovers = Supervisor.leftovers(join(dataDir(), 'run'));
  const taken = await takenPorts(portPlan().entries);
  if (leftovers.length > 0 && taken.length === 0) {
    // A launcher killed outright left processes that hold no ports any more: clear them.
    await Supervisor.killLeftovers(join(dataDir(), 'run'));
  }
  const started = Date.now();
  const stack = await startStack();
  const { plan } = stack;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nThe bookstore is up (ready in ${seconds} s).\n`);
  console.log('service          app    daprd HTTP  daprd gRPC  metrics');
  for (const name of SERVICES) {
    const p = plan.services[name];
    console.log(`${name.padEnd(16)} ${String(p.app).padEnd(6)} ${String(p.http).padEnd(11)} ${String(p.grpc).padEnd(11)} ${p.metrics}`);
  }
  console.log(`placement ${plan.placement.grpc}, scheduler ${plan.scheduler.grpc}, Redis ${plan.redis}, PostgreSQL ${plan.postgres}`);
  console.log(`logs: ${join(dataDir(), 'logs')}`);
  console.log(`admin: admin@bookstore.local, password ${stack.credentials.adminPassword} (kept in ${credentialFiles(dataDir()).adminPasswordFile})`);
  console.log(`\nGateway: ${stack.gatewayUrl}   (Ctrl-C stops everything)\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the bookstore...`);
    void stack.stop().then(() => {
      console.log('stopped; no process left behind.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  // `npm start` runs us under `sh -c`, which dies of a SIGTERM without passing it on:
  // when our parent goes, we stop too rather than leave the stack running as orphans.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown('parent process exited');
  }, 500).unref();
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'up';
  switch (command) {
    case 'up':
      return up();
    case 'ports':
      console.log(portsTable());
      return;
    case 'dapr-config': {
      // Writes each app's Dapr Configuration from the policy table (a test keeps them equal).
      const dir = join(ROOT, 'dapr-config', 'apps');
      mkdirSync(dir, { recursive: true });
      for (const name of SERVICES) writeFileSync(join(dir, `${name}.yaml`), configurationYaml(name));
      const scopes = pubsubScopes();
      console.log(`wrote ${dir}\npub/sub scopes for components/pubsub.yaml:\n  publishingScopes: "${scopes.publishing}"\n  subscriptionScopes: "${scopes.subscription}"`);
      return;
    }
    case 'down': {
      const killed = await Supervisor.killLeftovers(join(dataDir(), 'run'));
      console.log(killed > 0 ? `stopped ${killed} leftover process groups` : 'nothing was running');
      return;
    }
    default:
      console.error('usage: stack [up|ports|down|dapr-config]');
      process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
