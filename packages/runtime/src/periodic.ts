import { Logger } from './log';

export interface PeriodicOptions {
  /** What the job is, for its log lines. */
  name: string;
  /** The pause between the end of one run and the start of the next. */
  everyMs: number;
  /** The pause after a run that threw (default: `everyMs`). */
  afterFailureMs?: number;
  log: Logger;
}

/**
 * A job run again and again, one run at a time: the next run is timed from the end of the one
 * before, so a slow run never overlaps the next. A run that answers `true` has more to do and
 * is followed at once; a run that throws is logged and tried again after `afterFailureMs`.
 * `stop()` starts no new run and resolves once the current one has ended.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly run: () => Promise<boolean | void>,
    private readonly options: PeriodicOptions,
  ) {}

  /** Runs it now, then periodically. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = Promise.resolve()
        .then(() => this.run())
        .then(
          (more) => this.done(more === true ? 0 : this.options.everyMs),
          (error: unknown) => {
            this.options.log.warn(`${this.options.name} failed; trying again`, { error });
            this.done(this.options.afterFailureMs ?? this.options.everyMs);
          },
        );
    }, ms);
    // A job never keeps the process alive on its own: stopping is the service's decision.
    this.timer.unref();
  }

  private done(nextInMs: number): void {
    this.running = undefined;
    this.schedule(nextInMs);
  }
}
