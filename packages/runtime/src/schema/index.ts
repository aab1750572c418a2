// The runtime's pure part: zod field schemas, event contracts, problem details, batch grouping.
// No I/O and no framework, so a domain, and an app's contracts package, may import it.
export * from './fields';
export * from './events';
export * from './problem';
export * from './paging';
export * from './batching';
export { z } from 'zod';
export * from './identity';
