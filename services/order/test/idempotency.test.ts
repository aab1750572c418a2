import { decide, KeyRecord } from '../src/domain/idempotency';
import { order } from './fakes';

const now = 1_000_000;
const answered: KeyRecord = { state: 'answered', fingerprint: 'f', orderId: 'o1', outcome: { kind: 'ordered', order: order() } };
const inFlight = (leaseUntil: number): KeyRecord => ({ state: 'in-flight', fingerprint: 'f', orderId: 'o1', claimId: 'c', leaseUntil });
const released: KeyRecord = { state: 'released', fingerprint: 'f', orderId: 'o1' };

describe('deciding about a key another request used', () => {
  it('when the key was answered for the same body, then that answer is replayed', () => {
    expect(decide(answered, 'f', now)).toEqual({ kind: 'replay', outcome: { kind: 'ordered', order: order() } });
  });

  it('when the key was answered for another body, then it is a mismatch (422)', () => {
    expect(decide(answered, 'other', now)).toEqual({ kind: 'mismatch' });
  });

  it('when the same body is still in flight within its lease, then the request waits for its answer', () => {
    expect(decide(inFlight(now + 1), 'f', now)).toEqual({ kind: 'wait' });
  });

  it('when another body is in flight under the key, then it is a mismatch at once', () => {
    expect(decide(inFlight(now + 1), 'other', now)).toEqual({ kind: 'mismatch' });
  });

  it('when the holder is past its lease, then the request takes over under the same orderId', () => {
    expect(decide(inFlight(now), 'f', now)).toEqual({ kind: 'take-over', orderId: 'o1' });
  });

  it('when the key was given back (a 503 or 404) and the same body comes again, then it retries under the same orderId', () => {
    expect(decide(released, 'f', now)).toEqual({ kind: 'start-over' });
  });

  it('when the key was given back and another body comes, then it starts over with an order of its own', () => {
    expect(decide(released, 'other', now)).toEqual({ kind: 'start-over' });
  });
});
