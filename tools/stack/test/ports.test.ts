import { portPlan } from '../src/ports';

describe('the port plan', () => {
  it('when nothing is overridden, then every process has its own ports and the gateway is on 8088', () => {
    const { plan, entries } = portPlan({});
    expect(plan.services.gateway.app).toBe(8088);
    const ports = entries.map((e) => e.port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('when a port is overridden by its variable, then the plan uses it', () => {
    expect(portPlan({ BOOKSTORE_PORT_REDIS: '16380' }).plan.redis).toBe(16380);
  });

  it('when an offset is given, then every default moves by it and explicit overrides stay', () => {
    const { plan } = portPlan({ BOOKSTORE_PORT_OFFSET: '1000', BOOKSTORE_PORT_REDIS: '16380' });
    expect(plan.services.gateway.app).toBe(9088);
    expect(plan.postgres).toBe(6433);
    expect(plan.redis).toBe(16380);
  });

  it('when an override is not a port, then the plan refuses it by name', () => {
    expect(() => portPlan({ BOOKSTORE_PORT_GATEWAY_APP: 'eighty' })).toThrow(/BOOKSTORE_PORT_GATEWAY_APP/);
  });

  it('when two stacks run on any two allowed offsets, then they share no port', () => {
    const offsets = Array.from({ length: 11 }, (_, i) => String(i * 1_000));
    const all = offsets.flatMap((o) => portPlan({ BOOKSTORE_PORT_OFFSET: o }).entries.map((e) => e.port));
    expect(new Set(all).size).toBe(all.length);
    expect(Math.max(...all)).toBeLessThan(32_768);
  });

  it.each(['100', '200', '1500', '-1000', '11000', 'x'])('when the offset is %s, then the plan refuses it and says why', (offset) => {
    expect(() => portPlan({ BOOKSTORE_PORT_OFFSET: offset })).toThrow(/multiple of 1000/);
  });
});
