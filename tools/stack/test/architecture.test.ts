import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/paths';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const services = readdirSync(join(ROOT, 'services'));

describe('architecture', () => {
  it.each(services)('when %s is read, then it has the hexagonal shape', (service) => {
    for (const folder of ['src/domain', 'src/adapters/inbound', 'src/adapters/outbound']) {
      expect(statSync(join(ROOT, 'services', service, folder)).isDirectory()).toBe(true);
    }
    expect(statSync(join(ROOT, 'services', service, 'src/main.ts')).isFile()).toBe(true);
  });

  it.each(services)('when the domain of %s is read, then it imports no framework and no I/O', (service) => {
    const offenders: string[] = [];
    for (const file of files(join(ROOT, 'services', service, 'src', 'domain'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^import (type )?[^;]*? from '([^']+)'/gms)) {
        const [, typeOnly, module] = match;
        const framework = /^(express|ioredis|@dapr\/dapr|node:(http|net|fs|child_process))$/.test(module!);
        // The runtime's contracts are pure; the rest of it is I/O and may only lend types.
        const runtimeValue = module === '@bookstore/runtime' && !typeOnly;
        if (framework || runtimeValue || module!.includes('/adapters/')) offenders.push(`${file}: ${module}`);
      }
      if (/\bfetch\(/.test(source)) offenders.push(`${file}: fetch`);
    }
    expect(offenders).toEqual([]);
  });

  // The rules themselves (.dependency-cruiser.cjs): a pure domain, outbound never importing
  // inbound, handlers through the domain, services apart, a generic runtime, no cycles.
  it('when the dependency rules are checked, then no import in the runtime, the contracts or a service breaks them', () => {
    const run = spawnSync('npm', ['run', '--silent', 'lint:deps', '--', '--output-type', 'err'], { cwd: ROOT, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  }, 60_000);

  // eslint.config.mjs (typescript-eslint) and .prettierrc.json: one configuration for every TypeScript file.
  it('when the code is linted, then ESLint finds no problem and every file is as Prettier writes it', () => {
    const run = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: ROOT, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toContain('All matched files use Prettier code style!');
    expect(run.status).toBe(0);
  }, 180_000);
});
