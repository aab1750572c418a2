/** Dapr app-ids: the names services call each other by. */
export const APPS = {
  gateway: 'gateway',
  book: 'book',
  customer: 'customer',
  order: 'order',
  delivery: 'delivery',
  customercenter: 'customercenter',
} as const;

export type AppId = (typeof APPS)[keyof typeof APPS];

/** State store components (components/). */
export const STORES = {
  /** Redis; also the actor state store. */
  state: 'statestore',
  /** PostgreSQL: orders (polyglot persistence). */
  orders: 'orderstore',
} as const;
