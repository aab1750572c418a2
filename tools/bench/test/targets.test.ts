import { ScenarioResult } from '../src/result';
import { verdicts } from '../src/report/targets';
import { summarize } from '../src/stats';

function result(name: string, byStatus: Record<string, number>, latencies: number[], throughput: number): ScenarioResult {
  const requests = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const none = summarize([100]);
  return {
    name,
    what: '',
    loadSeconds: 60,
    settings: {},
    requests,
    byStatus,
    byOp: {},
    throughput,
    latency: summarize(latencies),
    overTime: [],
    lag: { myPage: none, mileage: none, unseen: 0, deliveryStartedEvent: none, myPageValues: [], mileageValues: [] },
    drain: { streamsMs: 100, finalMs: 500 },
    processes: {},
    cpu: { shopSeconds: 10, perAcceptedMs: 4, ratioToFloor: 1.5 },
    checks: { stock: [], fates: { lost: [], notFinal: [], unanswered: [] }, mileage: [], notes: [] },
  };
}

const judged = (r: ScenarioResult): Record<string, boolean | undefined> => Object.fromEntries(verdicts(r).map((v) => [v.figure.replace(/ \(.*\)$/, ''), v.ok]));

describe('figures against their targets', () => {
  it('when the seed sustains 500/s, all 201, p99 under 500 ms, then every figure is met', () => {
    const v = judged(result('seed', { 201: 30_000 }, [100, 200, 499], 500));
    expect(v).toEqual({
      throughput: true,
      '201s': true,
      p99: true,
      'lag → MyPage DeliveryStarted p99': true,
      'lag → mileage applied p99': true,
      'drained after load': true,
      'lost / not final / stock / mileage': true,
      'CPU per order ÷ floor': true,
    });
  });

  it('when one answer of the seed is a 503, then 100% 201 is missed', () => {
    expect(judged(result('seed', { 201: 29_999, 503: 1 }, [100], 600))['201s']).toBe(false);
  });

  it('when the burst sells 100 and refuses 900 with 409, then it is met; a single 503 misses it', () => {
    expect(judged(result('burst', { 201: 100, 409: 900 }, [300], 0))['201 / 409 / 503']).toBe(true);
    expect(judged(result('burst', { 201: 100, 409: 899, 503: 1 }, [300], 0))['201 / 409 / 503']).toBe(false);
  });

  it('when an overloaded shop answers one request after 1.2 s, then "every answer within 1 s" is missed', () => {
    expect(judged(result('overload', { 201: 10, 503: 990 }, [50, 1_200], 10))['slowest answer']).toBe(false);
  });

  it('when an accepted order is lost, then "nothing lost" is missed', () => {
    const r = result('spread', { 201: 10 }, [50], 500);
    r.checks.fates.lost.push('o1');
    expect(judged(r)['lost / not final / stock / mileage']).toBe(false);
  });

  it("when the status view read live frames and order's counter matches the bench's orders, then both are met; one order more or a failed read misses them", () => {
    const view: NonNullable<ScenarioResult['statusView']> = {
      frames: 8,
      failedReads: 0,
      peakOrderRequestsPerSecond: 90,
      peakLag: 40,
      ordersCounted: 500,
      busiestFrame: '',
      ordersPlaced: 500,
    };
    const live = (v: typeof view) => judged({ ...result('seed', { 201: 500 }, [100], 500), statusView: v });
    expect(live(view)['status view: frames / order req/s / lag']).toBe(true);
    expect(live(view)["status view: orders by order's counter"]).toBe(true);
    expect(live({ ...view, ordersCounted: 501 })["status view: orders by order's counter"]).toBe(false);
    expect(live({ ...view, failedReads: 1 })['status view: frames / order req/s / lag']).toBe(false);
    expect(live({ ...view, ordersCounted: null })["status view: orders by order's counter"]).toBeUndefined();
  });
});
