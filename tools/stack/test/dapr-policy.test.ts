import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationOf, configurationYaml, EVENTS, POLICY, pubsubScopes } from '../src/dapr-policy';
import { ROOT } from '../src/paths';
import { SERVICES } from '../src/ports';

describe('the Dapr policy table', () => {
  it.each(SERVICES)('when %s starts, then its sidecar runs the Configuration written from the table', (app) => {
    const committed = readFileSync(join(ROOT, 'dapr-config', 'apps', `${app}.yaml`), 'utf8');
    expect(committed).toBe(configurationYaml(app));
  });

  it('when the pub/sub component loads, then its scopes are the event table', () => {
    const component = readFileSync(join(ROOT, 'components', 'pubsub.yaml'), 'utf8');
    const { publishing, subscription } = pubsubScopes();
    expect(component).toContain(`value: "${publishing}"`);
    expect(component).toContain(`value: "${subscription}"`);
  });

  it('when an app is invoked, then only the gateway (and the book, on the fate route) may call it', () => {
    for (const app of SERVICES) {
      const access = configurationOf(app).spec as { accessControl: { defaultAction: string } };
      expect(access.accessControl.defaultAction).toBe('deny');
    }
    expect(Object.keys(POLICY.gateway.callers)).toEqual([]);
    expect(POLICY.order.callers.book).toEqual([{ name: '/internal/orders/**', httpVerb: ['GET'], action: 'allow' }]);
    for (const app of ['book', 'customer', 'delivery', 'customercenter'] as const) expect(Object.keys(POLICY[app].callers)).toEqual(['gateway']);
  });

  it('when secrets are read, then the gateway sees only the signing keys and only it and customer see any', () => {
    expect(POLICY.gateway.secrets).not.toContain('adminPassword');
    const readers = SERVICES.filter((app) => POLICY[app].secrets.length > 0);
    expect(readers).toEqual(['gateway', 'customer']);
  });

  it('when an event is published, then exactly one app may publish it and its subscribers may read it', () => {
    const { publishing, subscription } = pubsubScopes();
    for (const [topic, { publisher, subscribers }] of Object.entries(EVENTS)) {
      const publishers = publishing.split(';').filter((entry) => entry.split('=')[1]!.split(',').includes(topic));
      expect(publishers).toEqual([
        `${publisher}=${
          publishing
            .split(';')
            .find((e) => e.startsWith(`${publisher}=`))!
            .split('=')[1]
        }`,
      ]);
      for (const app of subscribers) expect(subscription).toMatch(new RegExp(`(^|;)${app}=[^;]*\\b${topic}\\b`));
    }
  });
});
