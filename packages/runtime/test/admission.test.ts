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

  describe('bursts and standing queues', () => {
    const limits = { concurrency: 1, queue: 100, maxWaitMs: 100, burstWaitMs: 1_000, standingAfterMs: 500 };

    it('when a queue has just formed (a burst), then a waiting request may wait the burst allowance, not the short wait', async () => {
      const admission = new Admission(limits);
      await admission.enter();
      let answer: unknown = 'waiting';
      void admission.enter().then((a) => (answer = a));
      jest.advanceTimersByTime(999);
      await Promise.resolve();
      expect(answer).toBe('waiting');
      jest.advanceTimersByTime(1);
      await Promise.resolve();
      expect(answer).toBeUndefined();
    });

    it('when the queue has not been empty for the standing time (sustained overload), then a newcomer waits only the short wait', async () => {
      const admission = new Admission(limits);
      await admission.enter();
      void admission.enter(); // the queue forms now and never empties
      jest.advanceTimersByTime(500);
      expect(admission.allowedWaitMs).toBe(100);
      const late = admission.enter();
      jest.advanceTimersByTime(100);
      expect(await late).toBeUndefined();
    });

    it('when a standing queue empties, then the next queue is a burst again', async () => {
      const admission = new Admission(limits);
      const leave = (await admission.enter())!;
      const first = admission.enter();
      jest.advanceTimersByTime(600);
      expect(admission.allowedWaitMs).toBe(100);
      leave(); // the waiter takes the turn: the queue is empty
      const next = (await first)!;
      expect(admission.queued).toBe(0);
      expect(admission.allowedWaitMs).toBe(1_000);
      void next;
    });

    it('when a caller deadline is nearer than the burst allowance, then the deadline wins', async () => {
      const admission = new Admission(limits);
      await admission.enter();
      const waiting = admission.enter(50);
      jest.advanceTimersByTime(50);
      expect(await waiting).toBeUndefined();
    });
  });
});
