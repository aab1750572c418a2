#!/usr/bin/env node
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialFiles, Credentials, prepareCredentials, readCredentials } from './credentials';
import { configurationYaml, pubsubScopes } from './dapr-policy';
import { dataDir, ROOT } from './paths';
import { portPlan, SERVICES } from './ports';
import { Supervisor } from './processes';
import { Keeper, KEEPER_DEFAULTS } from './keeper';
import { rollingRestart } from './rolling';
import { requestRestart, serveRestarts } from './control';
import { parseReplicas } from './replicas';
import { asExports, DAPR_CLI_SENTRY_PORT, daprCliEnv, runDaprCli, writeTyeResources } from './dapr-cli';
import { Infra, startInfra, startStack, takenPorts } from './stack';

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
  const replicas = parseReplicas(process.argv.slice(3));
  const stack = await startStack({ replicas });
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

  // Crashed or hung instances are started again, as a Deployment's would be.
  const keeper = new Keeper(stack.supervisor, stack.instances, { ...KEEPER_DEFAULTS, log: (line) => console.log(`[keeper] ${line}`) });
  keeper.start();
  serveRestarts(join(dataDir(), 'run'), async (service) => {
    console.log(`rolling restart of ${service}`);
    const ms = await rollingRestart(stack, service, keeper, (line) => console.log(line));
    console.log(`rolling restart of ${service} done in ${(ms / 1000).toFixed(1)} s`);
    return ms;
  });
  stopOnSignals('the bookstore', async () => {
    keeper.stop();
    await stack.stop();
  });
}

/** This data folder's credentials: a running stack's, or made now as npm start makes them. */
function currentCredentials(): Credentials {
  return existsSync(credentialFiles(dataDir()).tokensFile) ? readCredentials(dataDir()) : prepareCredentials(dataDir());
}

/** Stops what was started on the first of SIGINT, SIGTERM, SIGHUP or the parent's exit. */
function stopOnSignals(what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${what}...`);
    void stop().then(() => {
      console.log('stopped; no process left behind.');
      process.exit(0);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  // `npm start` runs us under `sh -c`, which dies of a SIGTERM without passing it on:
  // when our parent goes, we stop too rather than leave the stack running as orphans.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown('parent process exited');
  }, 500).unref();
}

/**
 * Redis, PostgreSQL, the sink, Sentry (where the Dapr CLI looks for it), placement and
 * scheduler, without the apps: for `npm run stack -- dapr-run` (dapr.yaml) or tye.yaml.
 */
async function infra(): Promise<void> {
  const running: Infra = await startInfra({ sentryPort: DAPR_CLI_SENTRY_PORT });
  const { plan } = running;
  const tye = writeTyeResources(dataDir());
  console.log(
    `\nInfrastructure up: Redis ${plan.redis}, PostgreSQL ${plan.postgres}, sentry ${plan.sentry.grpc}, placement ${plan.placement.grpc}, scheduler ${plan.scheduler.grpc}, sink ${plan.notificationSink}.`,
  );
  console.log('In another terminal: npm run stack -- dapr-run   (dapr run -f dapr.yaml with the environment its sidecars need)');
  console.log(`or, for tye.yaml: eval "$(npm run -s stack -- env)" && tye run   (resources gathered in ${tye})\n`);
  stopOnSignals('the infrastructure', running.stop);
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'up';
  switch (command) {
    case 'up':
      return up();
    case 'ports':
      console.log(portsTable());
      return;
    case 'env': {
      // For runners other than npm start (tye, or a shell): what `stack dapr-run` exports.
      const { plan } = portPlan();
      console.log(asExports(daprCliEnv(plan, currentCredentials(), dataDir())));
      return;
    }
    case 'infra':
      return infra();
    case 'restart': {
      const service = process.argv[3] ?? '';
      const ms = await requestRestart(join(dataDir(), 'run'), service);
      console.log(`rolling restart of ${service} done in ${(ms / 1000).toFixed(1)} s`);
      return;
    }
    case 'dapr-run': {
      // dapr.yaml through the Dapr CLI, with what the CLI cannot give the sidecars itself.
      const { plan } = portPlan();
      process.exitCode = await runDaprCli(daprCliEnv(plan, currentCredentials(), dataDir()), process.argv.slice(3));
      return;
    }
    case 'dapr-config': {
      // Writes each app's Dapr Configuration from the policy table (a test keeps them equal).
      const dir = join(ROOT, 'dapr-config', 'apps');
      mkdirSync(dir, { recursive: true });
      for (const name of SERVICES) writeFileSync(join(dir, `${name}.yaml`), configurationYaml(name));
      const scopes = pubsubScopes();
      console.log(
        `wrote ${dir}\npub/sub scopes for components/pubsub.yaml:\n  publishingScopes: "${scopes.publishing}"\n  subscriptionScopes: "${scopes.subscription}"`,
      );
      return;
    }
    case 'down': {
      const killed = await Supervisor.killLeftovers(join(dataDir(), 'run'));
      console.log(killed > 0 ? `stopped ${killed} leftover process groups` : 'nothing was running');
      return;
    }
    default:
      console.error('usage: stack [up [--replicas svc=n,...]|infra|dapr-run|restart <service>|ports|down|env|dapr-config]');
      process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
