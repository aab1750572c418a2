import { Logger, PeriodicJob } from '../src';

const EVERY_MS = 1_000;

/** A job whose runs end when the test says, counting how many run at once. */
function controlledJob() {
  const runs: Array<{ finish(more?: boolean): void; fail(error: Error): void }> = [];
  let active = 0;
  let mostAtOnce = 0;
  const run = () =>
    new Promise<boolean | void>((resolve, reject) => {
      active += 1;
      mostAtOnce = Math.max(mostAtOnce, active);
      const end = () => (active -= 1);
      runs.push({ finish: (more) => (end(), resolve(more)), fail: (error) => (end(), reject(error)) });
    });
  return { runs, run, mostAtOnce: () => mostAtOnce };
}

function quietLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => undefined, info: () => undefined, warn: (msg) => warnings.push(msg), error: () => undefined };
}

const advance = async (ms: number): Promise<void> => {
  await jest.advanceTimersByTimeAsync(ms);
};

describe('a periodic job', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then again `everyMs` after each run has ended, never two at a time', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob(job.run, { name: 'sweep', everyMs: EVERY_MS, log: quietLog() });
    periodic.start();
    await advance(0);
    expect(job.runs).toHaveLength(1);
    // A slow run: no second one starts while it is under way, however long it takes.
    await advance(EVERY_MS * 5);
    expect(job.runs).toHaveLength(1);
    job.runs[0]!.finish();
    await advance(EVERY_MS - 1);
    expect(job.runs).toHaveLength(1);
    await advance(1);
    expect(job.runs).toHaveLength(2);
    expect(job.mostAtOnce()).toBe(1);
    job.runs[1]!.finish();
    await periodic.stop();
  });

  it('when a run says there is more to do, then the next one follows at once', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob(job.run, { name: 'relay', everyMs: EVERY_MS, log: quietLog() });
    periodic.start();
    await advance(0);
    job.runs[0]!.finish(true);
    await advance(0);
    expect(job.runs).toHaveLength(2);
    job.runs[1]!.finish(false);
    await advance(EVERY_MS - 1);
    expect(job.runs).toHaveLength(2);
    await periodic.stop();
  });

  it('when a run throws, then it is logged and tried again after `afterFailureMs`', async () => {
    const job = controlledJob();
    const log = quietLog();
    const periodic = new PeriodicJob(job.run, { name: 'relay', everyMs: EVERY_MS, afterFailureMs: EVERY_MS * 4, log });
    periodic.start();
    await advance(0);
    job.runs[0]!.fail(new Error('store down'));
    await advance(EVERY_MS * 4 - 1);
    expect(job.runs).toHaveLength(1);
    expect(log.warnings).toEqual(['relay failed; trying again']);
    await advance(1);
    expect(job.runs).toHaveLength(2);
    job.runs[1]!.finish();
    await periodic.stop();
  });

  it('when stopped during a run, then stop waits for that run and no other starts', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob(job.run, { name: 'sweep', everyMs: EVERY_MS, log: quietLog() });
    periodic.start();
    await advance(0);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await advance(0);
    expect(stopped).toBe(false);
    job.runs[0]!.finish();
    await stopping;
    await advance(EVERY_MS * 10);
    expect(job.runs).toHaveLength(1);
  });

  it('when stopped between runs, then no run starts again', async () => {
    const job = controlledJob();
    const periodic = new PeriodicJob(job.run, { name: 'sweep', everyMs: EVERY_MS, log: quietLog() });
    periodic.start();
    await advance(0);
    job.runs[0]!.finish();
    await advance(EVERY_MS / 2);
    await periodic.stop();
    await advance(EVERY_MS * 10);
    expect(job.runs).toHaveLength(1);
  });
});
