import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { daprCliEnv, DAPR_CLI_SENTRY_PORT, TYE_RESOURCES } from '../src/dapr-cli';
import { prepareCredentials } from '../src/credentials';
import { ROOT } from '../src/paths';
import { portPlan, SERVICES } from '../src/ports';

const { plan } = portPlan({});
const read = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8'));

/** Every field a Dapr CLI 1.18 run file knows (pkg/standalone/run.go, pkg/runfileconfig): a misspelt one is ignored silently. */
const RUN_FILE_FIELDS = new Set([
  'appID',
  'appDirPath',
  'appChannelAddress',
  'appPort',
  'daprHTTPPort',
  'daprGRPCPort',
  'profilePort',
  'command',
  'metricsPort',
  'unixDomainSocket',
  'daprInternalGRPCPort',
  'configFilePath',
  'appProtocol',
  'apiListenAddresses',
  'enableProfiling',
  'logLevel',
  'appMaxConcurrency',
  'placementHostAddress',
  'resourcesPath',
  'resourcesPaths',
  'appSSL',
  'maxBodySize',
  'readBufferSize',
  'enableAppHealthCheck',
  'appHealthCheckPath',
  'appHealthProbeInterval',
  'appHealthProbeTimeout',
  'appHealthThreshold',
  'enableApiLogging',
  'runtimePath',
  'env',
  'daprdLogDestination',
  'appLogDestination',
  'schedulerHostAddress',
]);

/** Every `envRef` of the components: what a sidecar must find in its environment. */
function componentEnvRefs(): string[] {
  const refs = new Set<string>();
  for (const file of readdirSync(join(ROOT, 'components')).filter((f) => f.endsWith('.yaml'))) {
    for (const match of readFileSync(join(ROOT, 'components', file), 'utf8').matchAll(/envRef:\s*(\S+)/g)) refs.add(match[1]!);
  }
  return [...refs].sort();
}

function cliEnvOfAFreshDataFolder(): Record<string, string> {
  const data = mkdtempSync(join(tmpdir(), 'run-files-'));
  mkdirSync(join(data, 'sentry'));
  writeFileSync(join(data, 'sentry', 'ca.crt'), '-----BEGIN CERTIFICATE-----\n');
  return daprCliEnv(plan, prepareCredentials(data), data);
}

describe('dapr.yaml, as the Dapr CLI reads it', () => {
  const file = read('dapr.yaml');
  const apps = file.apps as Array<Record<string, unknown>>;
  const base = dirname(join(ROOT, 'dapr.yaml'));

  it('when the CLI reads it, then every field is one it knows and every app of the shop is there once', () => {
    for (const entry of [file.common, ...apps]) for (const key of Object.keys(entry)) expect(RUN_FILE_FIELDS).toContain(key);
    expect(apps.map((a) => a.appID).sort()).toEqual([...SERVICES].sort());
  });

  it('when an app starts, then its ports are the port plan, its Configuration is its own, its command is its build', () => {
    for (const app of apps) {
      const name = app.appID as (typeof SERVICES)[number];
      const ports = plan.services[name];
      expect({ app: app.appPort, http: app.daprHTTPPort, grpc: app.daprGRPCPort, internal: app.daprInternalGRPCPort, metrics: app.metricsPort }).toEqual({
        app: ports.app,
        http: ports.http,
        grpc: ports.grpc,
        internal: ports.internalGrpc,
        metrics: ports.metrics,
      });
      const dir = resolve(base, app.appDirPath as string);
      // One working folder for every daprd, the data folder, as npm start runs them: one SQLite name-resolution file.
      expect(dir).toBe(join(ROOT, '.data'));
      expect(resolve(dir, app.configFilePath as string)).toBe(join(ROOT, 'dapr-config', 'apps', `${name}.yaml`));
      expect(existsSync(resolve(dir, app.configFilePath as string))).toBe(true);
      expect(app.command).toEqual(['node', `../services/${name}/dist/main.js`]);
      expect(resolve(dir, (app.command as string[])[1]!)).toBe(join(ROOT, 'services', name, 'dist', 'main.js'));
    }
  });

  it('when the sidecars start, then they find placement, scheduler and every resource folder, and listen on loopback', () => {
    expect(file.common.placementHostAddress).toBe(`127.0.0.1:${plan.placement.grpc}`);
    expect(file.common.schedulerHostAddress).toBe(`127.0.0.1:${plan.scheduler.grpc}`);
    expect(file.common.apiListenAddresses).toBe('127.0.0.1');
    for (const folder of file.common.resourcesPaths as string[]) expect(existsSync(resolve(base, folder))).toBe(true);
  });

  it('when the wrapper runs the CLI, then every envRef of every component is in the environment the sidecars inherit, and none in the file', () => {
    const env = cliEnvOfAFreshDataFolder();
    for (const ref of componentEnvRefs()) expect(Object.keys(env)).toContain(ref);
    expect(file.common.env).toBeUndefined();
    expect(env.DAPR_API_TOKEN!.length).toBeGreaterThanOrEqual(32);
  });

  it('when a Configuration turns mTLS on, then the CLI points daprd at the Sentry that stack infra starts', () => {
    for (const app of apps) {
      const config = parse(readFileSync(resolve(base, app.appDirPath as string, app.configFilePath as string), 'utf8'));
      expect(config.spec.mtls?.enabled).toBe(true);
    }
    expect(DAPR_CLI_SENTRY_PORT).toBe(50001);
  });
});

describe('tye.yaml', () => {
  const file = read('tye.yaml');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tye's YAML, read field by field
  const dapr = (file.extensions as Array<Record<string, any>>).find((e) => e.name === 'dapr')!;

  it("when tye runs, then each service is the shop's app on its planned port, with its own Configuration by name", () => {
    const services = file.services as Array<{ name: string; args: string; bindings: Array<{ port: number }>; env: Array<{ name: string; value: string }> }>;
    expect(services.map((s) => s.name).sort()).toEqual([...SERVICES].sort());
    for (const service of services) {
      const name = service.name as (typeof SERVICES)[number];
      expect(service.bindings[0]!.port).toBe(plan.services[name].app);
      expect(service.env.find((e) => e.name === 'APP_PORT')?.value).toBe(String(plan.services[name].app));
      expect(service.args).toBe(`services/${name}/dist/main.js`);
      expect(dapr.services[name].config).toBe(name);
      expect(existsSync(join(ROOT, 'dapr-config', 'apps', `${name}.yaml`))).toBe(true);
    }
  });

  it('when tye hands its one folder to every sidecar, then it is the folder stack infra gathers, and placement is ours', () => {
    expect(resolve(ROOT, dapr['components-path'])).toBe(join(ROOT, '.data', TYE_RESOURCES));
    expect(dapr['placement-port']).toBe(plan.placement.grpc);
  });
});
