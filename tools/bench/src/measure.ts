import type { Purchase } from '@bookstore/customer/dist/domain/grade';
import { check, settledRows } from './checks';
import { Context, isShopStream, Ledger, waitDrained, watchShop, World } from './context';
import { answerFigures, Measured } from './figures';
import { LagProbes } from './lag';
import { deliveryLags } from './read-models';
import { ScenarioResult } from './result';
import { SELF } from './sampler';
import { StatusView } from './status-view';
import { summarize } from './stats';

export interface ShopScenario {
  name: string;
  what: string;
  settings: Record<string, unknown>;
  world: World;
  ledger: Ledger;
  /** Past orders some customers were given (the history scenario), for the mileage check. */
  history?: Map<string, Purchase[]>;
}

/**
 * Runs `load` with lag probes beside it, waits for the shop to drain, and checks that nothing
 * was lost; CPU is counted from the load's start to the end of the drain.
 */
export async function measureShop(ctx: Context, scenario: ShopScenario, load: () => Promise<Measured>): Promise<ScenarioResult> {
  const { world, ledger } = scenario;
  const shopNames = watchShop(ctx);
  const probes = new LagProbes(ctx.shop, world.probes, world.probeBook);
  // As an operator would watch it: npm run status's reads, beside the load.
  const view = new StatusView(ctx.target.gatewayUrl, ctx.target.credentials.adminPassword);
  await view.start();
  const from = ctx.sampler.mark();
  probes.start();
  const measured = await load();
  await Promise.all([probes.stop(), view.stop()]);
  ctx.log(`  load over: ${measured.records.length} answers; waiting for events to drain`);
  const streamsMs = await waitDrained(ctx, isShopStream);
  const { rows, finalMs } = await settledRows(ctx, world.customers, ledger, measured.loadEnd);
  const to = ctx.sampler.mark();
  const statusView = await view.finish();
  for (const order of probes.accepted) ledger.orders.set(order.orderId, order);
  const probeRows = (await Promise.all(world.probes.map((p) => ctx.shop.myPages(p.token)))).flat();
  const checks = await check(ctx, world, ledger, [...rows, ...probeRows], world.customers, scenario.history ?? new Map(), finalMs);
  const delivered = rows.filter((r) => r.status === 'DeliveryStarted' && ledger.orders.has(r.orderId)).map((r) => r.orderId);
  const lagAll = await deliveryLags(ctx.target.redis, delivered);
  if (lagAll === undefined) checks.notes.push("no MyPage facts found in Redis (customercenter:mypage:<id>): every order's lag to DeliveryStarted not measured");
  const processes = ctx.sampler.figures(from, to);
  const shopSeconds = shopNames.reduce((sum, name) => sum + (processes[name]?.cpuSeconds ?? 0), 0);
  const answers = answerFigures(measured);
  const accepted = measured.records.filter((r) => r.op === measured.mainOp && r.status === 201).length;
  return {
    name: scenario.name,
    what: scenario.what,
    settings: scenario.settings,
    ...answers,
    lag: {
      myPage: summarize(probes.samples.myPage),
      mileage: summarize(probes.samples.mileage),
      unseen: probes.samples.unseen,
      deliveryStartedEvent: summarize(lagAll ?? []),
      myPageValues: probes.samples.myPage,
      mileageValues: probes.samples.mileage,
    },
    drain: { streamsMs, finalMs },
    processes,
    cpu: { shopSeconds, perAcceptedMs: accepted > 0 ? (shopSeconds * 1000) / accepted : Number.NaN },
    checks,
    statusView: { ...statusView, ordersPlaced: accepted + probes.accepted.length },
    extra: { loadGeneratorCpuSeconds: processes[SELF]?.cpuSeconds ?? 0 },
  };
}
