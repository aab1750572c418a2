import { IDEMPOTENCY_TTL_SECONDS } from '@bookstore/runtime';
import { KeyRecord } from '../../domain/idempotency';
import { ClaimResult, IdempotencyKeys } from '../../domain/ports';
import { VersionedState } from './versioned-state';

/** Remembered answers live 24 h (API.md); PostgreSQL drops them after that. */
export const REMEMBER_FOR = { ttlInSeconds: String(IDEMPOTENCY_TTL_SECONDS) };

export const idempotencyStateKey = (key: string): string => `idem:${key}`;

/** Idempotency-Key records in `orderstore`, beside the orders they answer for. */
export class StoredIdempotencyKeys implements IdempotencyKeys {
  constructor(private readonly state: VersionedState) {}

  async claim(key: string, record: KeyRecord): Promise<ClaimResult> {
    if (await this.state.insert(idempotencyStateKey(key), record, REMEMBER_FOR)) return { claimed: true };
    const existing = await this.state.get<KeyRecord>(idempotencyStateKey(key));
    // Our own insert may have gone through with its answer lost: the claim id tells.
    if (existing && existing.value.state === 'in-flight' && record.state === 'in-flight' && existing.value.claimId === record.claimId) {
      return { claimed: true };
    }
    return existing ? { claimed: false, existing } : { claimed: false };
  }

  replace(key: string, record: KeyRecord, version: string): Promise<boolean> {
    return this.state.replace(idempotencyStateKey(key), record, version, REMEMBER_FOR);
  }

  put(key: string, record: KeyRecord): Promise<void> {
    return this.state.put(idempotencyStateKey(key), record, REMEMBER_FOR);
  }
}
