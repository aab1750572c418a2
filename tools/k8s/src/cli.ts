#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '@bookstore/stack';
import { generatedFiles } from './generate';
import { writeOverlaySecrets } from './secrets';

/**
 * npm run k8s -- generate            writes the manifests that derive from the code (k8s/base/generated, k8s/dapr-values.yaml)
 * npm run k8s -- secrets [overlay]   makes the overlay's Secrets' files (k8s/overlays/<overlay>/.data/secrets, not committed)
 */
function main(argv: string[]): void {
  const [command, overlay = 'local'] = argv;
  switch (command) {
    case 'generate': {
      for (const [path, text] of generatedFiles()) {
        mkdirSync(dirname(join(ROOT, path)), { recursive: true });
        writeFileSync(join(ROOT, path), text);
        console.log(`wrote ${path}`);
      }
      return;
    }
    case 'secrets': {
      const dir = writeOverlaySecrets(join(ROOT, 'k8s', 'overlays', overlay));
      console.log(`secrets of overlays/${overlay} in ${dir} (kept; delete a file to make it anew)`);
      return;
    }
    default:
      console.error('usage: k8s [generate|secrets [local|prod]]');
      process.exitCode = 2;
  }
}

main(process.argv.slice(2));
