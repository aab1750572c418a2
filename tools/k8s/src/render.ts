import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '@bookstore/stack';
import { parseAllDocuments } from 'yaml';
import { writeOverlaySecrets } from './secrets';
import { Manifest } from './workloads';

export const OVERLAYS = ['local', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export interface Tools {
  kustomize: string;
  openApiDir: string;
  daprCrdsDir: string;
}

/** kustomize and the schemas, made ready (and cached) by scripts/k8s-tools.sh. */
export function prepareTools(): Tools {
  execFileSync('bash', [join(ROOT, 'scripts', 'k8s-tools.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dataDir = process.env.BOOKSTORE_DATA_DIR ?? join(ROOT, '.data');
  const env = Object.fromEntries(
    readFileSync(join(dataDir, 'k8s-tools.env'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { kustomize: env.KUSTOMIZE!, openApiDir: env.K8S_OPENAPI_DIR!, daprCrdsDir: env.DAPR_CRDS_DIR! };
}

/**
 * Every overlay rendered as `kubectl apply -k` would send it, from a copy of k8s/ with
 * throwaway Secrets' files (the worktree's own, if any, are neither read nor changed).
 */
export function renderOverlays(tools: Tools, k8sDir = join(ROOT, 'k8s')): Record<Overlay, Manifest[]> {
  const copy = join(mkdtempSync(join(tmpdir(), 'bookstore-k8s-')), 'k8s');
  cpSync(k8sDir, copy, { recursive: true, filter: (source) => !source.split('/').includes('.data') });
  const rendered = {} as Record<Overlay, Manifest[]>;
  for (const overlay of OVERLAYS) {
    const dir = join(copy, 'overlays', overlay);
    writeOverlaySecrets(dir, overlay === 'local' ? undefined : 'https://notifications.example.com/hook');
    const text = execFileSync(tools.kustomize, ['build', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    rendered[overlay] = parseAllDocuments(text).map((document) => document.toJS() as Manifest);
  }
  return rendered;
}
