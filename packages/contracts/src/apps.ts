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

/** The prefix of every figure the apps serve (`bookstore_http_requests_total`); each service gives it to startService. */
export const METRICS_PREFIX = 'bookstore';

/** Output bindings (components/): where customercenter's notifications are posted. */
export const BINDINGS = { notifications: 'notifications' } as const;
