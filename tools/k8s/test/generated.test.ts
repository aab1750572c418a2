import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@bookstore/stack';
import { kubernetesComponent } from '../src/components';
import { generatedFiles } from '../src/generate';

describe('the generated manifests', () => {
  const files = [...generatedFiles()];

  it.each(files.map(([path]) => path))('when %s is applied, then it is what the code\'s tables write (npm run k8s -- generate)', (path) => {
    const committed = existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : '(missing)';
    expect(committed).toBe(generatedFiles().get(path));
  });

  it('when a local component reads a variable Kubernetes has no source for, then generating fails instead of writing a broken component', () => {
    const component = 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: state.redis\n  version: v1\n  metadata:\n    - name: redisHost\n      envRef: SOMETHING_NEW\n';
    expect(() => kubernetesComponent('x.yaml', component)).toThrow(/SOMETHING_NEW/);
  });
});
