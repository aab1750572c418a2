import { parseOptions, SCENARIOS } from '../src/options';
import { floorComponent } from '../src/floor/resources';
import { opOf, MIX } from '../src/scenarios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the command line', () => {
  it('when nothing is given, then every scenario runs, the floor first', () => {
    expect(parseOptions([])).toEqual({ quick: false, scenarios: [...SCENARIOS] });
    expect(SCENARIOS[0]).toBe('floor');
  });

  it('when scenarios, a duration and --quick are given, then they are kept in the run order', () => {
    expect(parseOptions(['--scenario', 'open,seed', '--duration', '5', '--quick'])).toEqual({ quick: true, scenarios: ['seed', 'open'], durationSeconds: 5 });
  });

  it('when a scenario or option is unknown, then it is refused', () => {
    expect(() => parseOptions(['--scenario', 'nope'])).toThrow(/unknown scenario/);
    expect(() => parseOptions(['--duration', '-1'])).toThrow(/--duration/);
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option/);
  });
});

describe('the mixed scenario', () => {
  it('when rolls cover [0, 1), then each operation is chosen in proportion to its weight', () => {
    const counts: Record<string, number> = {};
    const n = 10_000;
    for (let i = 0; i < n; i += 1) {
      const op = opOf(i / n);
      counts[op] = (counts[op] ?? 0) + 1;
    }
    const total = MIX.reduce((s, [, w]) => s + w, 0);
    for (const [op, weight] of MIX) expect(counts[op]).toBe((n * weight) / total);
  });
});

describe("the floor's components", () => {
  const shop = (file: string): string => readFileSync(join(__dirname, '..', '..', '..', 'components', file), 'utf8');

  it("when the shop's pub/sub is renamed for the floor, then its settings stay and only the floor's apps are in scope", () => {
    const yaml = floorComponent(shop('pubsub.yaml'), 'floorpubsub', ['floor-order', 'floor-book']);
    expect(yaml).toMatch(/^ {2}name: floorpubsub$/m);
    expect(yaml).toMatch(/- name: concurrency\n\s+value: "20"/);
    const settings = yaml
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    expect(settings).not.toMatch(/publishingScopes|subscriptionScopes|- customercenter/);
    expect(yaml.trimEnd().endsWith('scopes:\n  - floor-order\n  - floor-book')).toBe(true);
  });

  it('when the order store is renamed, then it gets tables of its own', () => {
    const yaml = floorComponent(shop('orderstore.yaml'), 'floororders', ['floor-order'], { orders: 'floor_orders', orders_metadata: 'floor_orders_metadata' });
    expect(yaml).toMatch(/value: floor_orders$/m);
    expect(yaml).toMatch(/value: floor_orders_metadata$/m);
    expect(yaml).not.toMatch(/value: orders$/m);
  });
});
