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
  /** Redis: deliveries. */
  state: 'statestore',
  /** PostgreSQL: actor state, each turn one SQL transaction (see components/actorstore.yaml). */
  actors: 'actorstore',
  /** PostgreSQL: orders (polyglot persistence). */
  orders: 'orderstore',
} as const;
