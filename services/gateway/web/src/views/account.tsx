import { useEffect, useState } from 'preact/hooks';
import { api, Customer, describe, Session, won } from '../api';
import { onLive } from '../live';
import { Message } from './parts';

/** Mileage and grade: the customer service's view, which follows the customer's orders. */
export function Account({ session }: { session: Session }) {
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState('');
  const load = async () => {
    try {
      setCustomer(await api<Customer>('GET', `/customers/${encodeURIComponent(session.customerId ?? '')}`, { session }));
    } catch (failure) {
      setError(describe(failure));
    }
  };
  useEffect(() => void load(), []);
  useEffect(() => onLive((event) => event.kind === 'mypage' && void load()), []);
  return (
    <section>
      <h1 tabIndex={-1}>Account</h1>
      <Message text={error} tone="error" />
      {customer ? (
        <dl class="card narrow facts">
          <dt>Name</dt>
          <dd>{customer.name}</dd>
          <dt>Email</dt>
          <dd>{customer.email}</dd>
          <dt>Grade</dt>
          <dd data-field="grade">{customer.grade}</dd>
          <dt>Mileage</dt>
          <dd data-field="mileage">{customer.mileage.toLocaleString('en-US')}</dd>
          <dt>Purchased</dt>
          <dd>{won(customer.purchased)}</dd>
        </dl>
      ) : null}
    </section>
  );
}
