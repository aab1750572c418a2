import { Logger } from '@bookstore/runtime';
import { failStalePlacements } from '../../domain/fail-stale-placements';
import { OrderRepository } from '../../domain/ports';

/** Runs the stale-placement recovery at start-up and then every `everyMs` (any replica may; compare-and-set keeps it safe). */
export class PlacementSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly orders: OrderRepository,
    private readonly log: Logger,
    private readonly settings: { everyMs: number; staleAfterMs: number },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.settings.everyMs);
    this.timer.unref();
    void this.sweep();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const failed = await failStalePlacements(this.orders, Date.now(), this.settings.staleAfterMs);
      if (failed > 0) this.log.info('failed placements that outlived their time; their books will release the copies', { failed });
    } catch (error) {
      this.log.warn('stale-placement sweep did not run; the next one will', { error });
    } finally {
      this.running = false;
    }
  }
}
