import { Admission } from '../src/http/admission';

describe('admission control', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when there is room, then a request is admitted at once', async () => {
    const admission = new Admission({ concurrency: 2, queue: 0, maxWaitMs: 100 });
    expect(await admission.enter()).toBeInstanceOf(Function);
    expect(admission.inFlight).toBe(1);
  });

  it('when every turn is taken and the queue is full, then the next request is refused at once', async () => {
    const admission = new Admission({ concurrency: 1, queue: 1, maxWaitMs: 100 });
    await admission.enter();
    void admission.enter();
    expect(await admission.enter()).toBeUndefined();
    expect(admission.queued).toBe(1);
  });

  it('when a turn is given back, then the longest waiting request takes it', async () => {
    const admission = new Admission({ concurrency: 1, queue: 2, maxWaitMs: 100 });
    const leave = (await admission.enter())!;
    const first = admission.enter();
    const second = admission.enter();
    leave();
    leave(); // leaving twice gives back one turn
    expect(await first).toBeInstanceOf(Function);
    expect(admission.inFlight).toBe(1);
    expect(admission.queued).toBe(1);
    void second;
  });

  it('when a request waits longer than the longest wait, then it is refused then and leaves the queue', async () => {
    const admission = new Admission({ concurrency: 1, queue: 5, maxWaitMs: 100 });
    await admission.enter();
    const waiting = admission.enter();
    jest.advanceTimersByTime(100);
    expect(await waiting).toBeUndefined();
    expect(admission.queued).toBe(0);
  });

  it("when the caller's deadline comes before the longest wait, then the request waits only until then", async () => {
    const admission = new Admission({ concurrency: 1, queue: 5, maxWaitMs: 1_000 });
    await admission.enter();
    const waiting = admission.enter(50);
    jest.advanceTimersByTime(50);
    expect(await waiting).toBeUndefined();
    expect(await admission.enter(0)).toBeUndefined();
  });
});
