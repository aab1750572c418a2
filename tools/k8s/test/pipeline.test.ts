import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, SERVICES } from '@bookstore/stack';

const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8'));
type Step = { name?: string; run?: string; uses?: string; with?: Record<string, string> };
const steps = (job: string): Step[] => workflow.jobs[job].steps;

describe('the CI/CD pipeline (.github/workflows/ci.yml)', () => {
  it('when it tests, then it runs what .ci/run runs, as root, within CI budget', () => {
    expect(steps('test').some((s) => s.run?.includes('bash .ci/run'))).toBe(true);
    expect(workflow.jobs.test['timeout-minutes']).toBeLessThanOrEqual(90);
  });

  it('when main is pushed, then one image per app is built from the Dockerfile, after the tests', () => {
    expect(workflow.jobs.images.needs).toBe('test');
    expect([...workflow.jobs.images.strategy.matrix.app].sort()).toEqual([...SERVICES].sort());
    const build = steps('images').find((s) => s.uses?.startsWith('docker/build-push-action'))!;
    expect(build.with!['build-args']).toBe('WORKSPACE=services/${{ matrix.app }}');
    for (const app of SERVICES) expect(existsSync(join(ROOT, 'services', app, 'package.json'))).toBe(true);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/ARG WORKSPACE/);
  });

  it('when it deploys, then its rewrite points every image of the prod overlay at the commit', () => {
    expect(workflow.jobs.deploy.needs).toBe('images');
    const rewrite = steps('deploy').find((s) => s.name === "Point the prod overlay at this commit's images")!.run!;
    // The step's sed expression, run here on the committed overlay as the runner would.
    const sed = /sed -i -E "s\|(.+)\|(.+)\|" kustomization\.yaml/.exec(rewrite)!;
    let overlay = readFileSync(join(ROOT, 'k8s', 'overlays', 'prod', 'kustomization.yaml'), 'utf8');
    for (const app of SERVICES) {
      const pattern = new RegExp(sed[1]!.replaceAll('${app}', app).replaceAll('\\{', '\\{').replaceAll('\\}', '\\}'));
      const replacement = sed[2]!.replaceAll('${app}', app).replaceAll('${{ github.repository_owner }}', 'owner').replaceAll('${GITHUB_SHA}', 'abc123').replaceAll('\\"', '"');
      expect(overlay).toMatch(pattern);
      overlay = overlay.replace(pattern, replacement);
    }
    for (const app of SERVICES) expect(overlay).toContain(`{ name: bookstore/${app}, newName: ghcr.io/owner/bookstore-${app}, newTag: "abc123" }`);
  });

  it('when it deploys, then the Secrets come from the environment, never from a generator run per deploy', () => {
    const runs = steps('deploy').map((s) => s.run ?? '').join('\n');
    expect(runs).not.toMatch(/k8s -- secrets/);
    expect(runs).toMatch(/kubectl apply -k k8s\/overlays\/prod/);
  });
});
