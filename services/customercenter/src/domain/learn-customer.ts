import { Customer } from './notifications';
import { CustomerStore } from './ports';
import { isTimestamp } from './timeline';

/** `unplaceable`: the registration time is no timestamp, so the customer has no place in any list. */
export type LearnOutcome = 'learned' | 'unplaceable';

/** A customer signed up (CustomerRegistered): learned once, for marketing and NewBook targeting. */
export async function learnCustomer(customers: CustomerStore, customer: Customer): Promise<LearnOutcome> {
  if (!isTimestamp(customer.registeredAt)) return 'unplaceable';
  await customers.register(customer);
  return 'learned';
}
