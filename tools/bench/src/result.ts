import type { ProcessFigures } from './proc';
import type { Point, Summary } from './stats';
import type { StatusViewFigures } from './status-view';
import type { MileageMismatch, OrderFates, StockViolation } from './invariants';

/** Everything one scenario measured, as it goes into the JSON report. */
export interface ScenarioResult {
  name: string;
  what: string;
  /** Seconds of load (0 for the burst). */
  loadSeconds: number;
  settings: Record<string, unknown>;
  requests: number;
  byStatus: Record<string, number>;
  byOp: Record<string, { count: number; byStatus: Record<string, number>; latency: Summary }>;
  /** Accepted per second of load (201s; the floor's 201s). */
  throughput: number;
  /** Latency of the scenario's main operation (orders), from the intended send time. */
  latency: Summary;
  overTime: Point[];
  lag: {
    /** Sampled, as a user sees it (see lag.ts). */
    myPage: Summary;
    mileage: Summary;
    unseen: number;
    /** Every accepted order: Ordered published → DeliveryStarted published (the events' times, as MyPage's facts keep them). */
    deliveryStartedEvent: Summary;
    myPageValues: number[];
    mileageValues: number[];
  };
  drain: { streamsMs: number | null; finalMs: number | null };
  processes: Record<string, ProcessFigures>;
  cpu: { shopSeconds: number; perAcceptedMs: number; ratioToFloor?: number };
  checks: {
    stock: StockViolation[];
    fates: OrderFates;
    mileage: MileageMismatch[];
    /** Things worth knowing about the checks. */
    notes: string[];
    /** How long after the drain the stock invariant held (null: it did not). */
    stockSettledMs?: number | null;
  };
  /** What npm run status showed during the load, and the orders the bench saw accepted (load and probes) to hold its count against. */
  statusView?: StatusViewFigures & { ordersPlaced: number };
  extra?: Record<string, unknown>;
  /** A few failures of each status, as they were answered (5xx bodies, client errors). */
  failures?: Record<string, string[]>;
  /** Every request: [op, intended ms, end ms (both from the load's start), HTTP status (0: no answer)]. */
  log?: { columns: ['op', 'intendedMs', 'endMs', 'status']; rows: Array<[string, number, number, number]> };
}
