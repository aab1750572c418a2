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
});
