import { MAX_REPLICAS, parseReplicas } from '../src/replicas';

describe('npm start -- --replicas', () => {
  it('when replicas are asked for per service, then each gets its count and the others one', () => {
    expect(parseReplicas(['--replicas', 'order=2,customer=1'])).toEqual({ order: 2, customer: 1 });
    expect(parseReplicas([])).toEqual({});
  });

  it.each([
    [['--replicas', 'orders=2']],
    [['--replicas', 'order=0']],
    [['--replicas', `order=${MAX_REPLICAS + 1}`]],
    [['--replicas', 'order=two']],
    [['--replicas', 'order=2=3']],
    [['--replicas']],
    [['--replicas', 'order=2', 'extra']],
    [['--other']],
  ])('when the arguments are %p, then it refuses with a usage message', (args) => {
    expect(() => parseReplicas(args)).toThrow(/replicas|unknown arguments|usage/);
  });
});
