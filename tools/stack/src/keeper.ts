import { Managed, Supervisor } from './processes';
import { httpStatus } from './probes';
import type { Instance } from './stack';

export interface KeeperOptions {
  /** How often each app's /healthz is asked. */
  probeEveryMs: number;
  /** How long one answer may take. */
  probeTimeoutMs: number;
  /** Failed probes in a row after which the app is killed and started again. */
  failuresToRestart: number;
  /** First wait before starting a crashed process again; doubles per crash in a row, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  log: (line: string) => void;
}

export const KEEPER_DEFAULTS: Omit<KeeperOptions, 'log'> = {
  probeEveryMs: 2_000,
  probeTimeoutMs: 1_500,
  failuresToRestart: 3,
  backoffMs: 500,
  maxBackoffMs: 10_000,
};

/**
 * Keeps every instance running, as a Deployment's kubelet would: a process (app or daprd)
 * that exits on its own is started again, with a backoff that grows while it keeps
 * crashing; an app whose /healthz fails `failuresToRestart` times in a row (hung, or
 * frozen) is killed, and so started again. Deliberate stops (pause/resume around a rolling
 * restart, or the stack's own stop) are not crashes.
 */
export class Keeper {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly paused = new Set<string>();
  private readonly crashes = new Map<string, number>();
  /** Names with a restart scheduled, so that an exit and a sweep never start one twice. */
  private readonly pending = new Set<string>();
  private readonly failures = new Map<string, number>();
  private stopped = false;
  /** What the keeper did, for tests and the launcher's console. */
  readonly restarts: Array<{ name: string; why: 'exited' | 'liveness'; at: number }> = [];

  constructor(
    private readonly supervisor: Supervisor,
    private readonly instances: readonly Instance[],
    private readonly options: KeeperOptions,
  ) {}

  start(): void {
    for (const instance of this.instances) {
      for (const part of ['app', 'daprd'] as const) this.watchExit(this.supervisor.get(`${instance.name}-${part}`));
      this.every(this.options.probeEveryMs, () => this.probe(instance));
      // Also look: a process found not running with nothing scheduled is started again, so
      // a missed exit (a watcher armed on an older process) cannot leave an instance down.
      this.every(this.options.probeEveryMs, async () => {
        for (const part of ['app', 'daprd'] as const) this.reviveIfDown(`${instance.name}-${part}`);
      });
    }
  }

  /** Leaves a process alone while the caller stops and starts it (a rolling restart). */
  pause(name: string): void {
    this.paused.add(name);
  }

  /** Watches the process of that name again (the one running now). */
  resume(name: string): void {
    this.paused.delete(name);
    this.failures.delete(name);
    this.watchExit(this.supervisor.get(name));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private watchExit(managed: Managed): void {
    void managed.exited.then(() => {
      if (this.supervisor.get(managed.name) === managed) this.reviveIfDown(managed.name);
    });
  }

  /** Schedules a restart of a process that is down, unless one is due or it is left alone. */
  private reviveIfDown(name: string): void {
    if (this.stopped || this.paused.has(name) || this.pending.has(name) || this.supervisor.get(name).running) return;
    const crashes = (this.crashes.get(name) ?? 0) + 1;
    this.crashes.set(name, crashes);
    const wait = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (crashes - 1));
    this.options.log(`${name} exited; starting it again in ${wait} ms`);
    this.pending.add(name);
    this.later(wait, () => {
      this.pending.delete(name);
      if (this.stopped || this.paused.has(name) || this.supervisor.get(name).running) return;
      try {
        this.restarts.push({ name, why: this.failures.get(name) ? 'liveness' : 'exited', at: Date.now() });
        this.failures.delete(name);
        this.watchExit(this.supervisor.restart(name));
      } catch (error) {
        this.options.log(`${name} could not be started again: ${String(error)}`);
      }
    });
  }

  private async probe(instance: Instance): Promise<void> {
    const name = `${instance.name}-app`;
    const managed = this.supervisor.get(name);
    if (this.paused.has(name) || !managed.running) return;
    const status = await httpStatus(`http://127.0.0.1:${instance.ports.app}/healthz`, this.options.probeTimeoutMs);
    if (status === 200) {
      this.failures.delete(name);
      this.crashes.delete(name); // healthy again: the next crash starts from the shortest wait
      return;
    }
    const failures = (this.failures.get(name) ?? 0) + 1;
    this.failures.set(name, failures);
    if (failures < this.options.failuresToRestart || this.stopped || this.paused.has(name)) return;
    this.options.log(`${name} failed ${failures} liveness probes in a row; killing it to start it again`);
    await this.supervisor.kill(name); // its exit watcher starts it again
  }

  private every(ms: number, work: () => Promise<void>): void {
    const tick = (): void =>
      this.later(ms, () => {
        void work().finally(() => {
          if (!this.stopped) tick();
        });
      });
    tick();
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
