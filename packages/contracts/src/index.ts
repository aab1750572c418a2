// The bookstore's contracts, each defined once: app-ids, stores, topics and event schemas,
// actor interfaces, the caller's identity, the public API's routes and problem types. Names,
// schemas and types only, no I/O: a domain may import them.
export * from './apps';
export * from './fields';
export * from './events';
export * from './book-actor';
export * from './caller';
export * from './public-api';
export * from './customer-actor';
export * from './order-fate';
