import { catchUpAfterConsumersDown } from '../support/catch-up';
import { ChaosStack, report, startChaosStack } from './chaos-stack';

const CONSUMERS = ['customer', 'delivery', 'customercenter'] as const;

describe('chaos 1: customer, delivery and customercenter down', () => {
  let chaos: ChaosStack;

  beforeAll(async () => {
    chaos = await startChaosStack('consumers-down');
  }, 120_000);
  afterAll(async () => chaos?.close());

  const processes = (sidecars: boolean) => ({
    stop: () => chaos.stop([...CONSUMERS], { sidecars }),
    start: () => chaos.restart([...CONSUMERS]),
  });

  it('when their apps and sidecars are stopped, then every order is accepted and all of it catches up once, after restart', async () => {
    await catchUpAfterConsumersDown(chaos, 'consumers down (apps and sidecars)', processes(true), report);
  }, 300_000);

  it('when only their apps are stopped, then every order is accepted and all of it catches up once, after restart', async () => {
    await catchUpAfterConsumersDown(chaos, 'consumers down (apps only)', processes(false), report);
  }, 300_000);
});
