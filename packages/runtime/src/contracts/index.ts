// Contracts only: names, schemas and types, no I/O and no framework, so a domain may import them.
export * from './apps';
export * from './fields';
export * from './events';
export * from './book-actor';
export * from './caller';
export * from '../batching';
export * from './public-api';
export { PROBLEM_BASE, PROBLEM_CONTENT_TYPE } from '../problem';
