/**
 * The dependency rules every service keeps (npm run lint:deps, in npm test):
 * - a domain imports only its own domain, the contracts (@bookstore/contracts), the runtime's
 *   pure part (@bookstore/runtime/schema), zod and node:crypto (pure computation, no I/O);
 * - an outbound adapter never imports an inbound one;
 * - an inbound adapter (a handler) reaches the outside only through the domain's ports: it may
 *   name an outbound adapter's type (what main.ts hands it), never use its code;
 * - the runtime and the contracts import no service, and the runtime not the contracts;
 * - no import cycle.
 */
const DOMAIN = '^services/[^/]+/src/domain/';
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'A domain imports only its own domain, the contracts, the runtime schema, zod and node:crypto.',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: {
        pathNot: ['^services/$1/src/domain/', '^packages/contracts/', '^packages/runtime/(src/)?schema/', '(^|/)node_modules/zod/', '^crypto$'],
      },
    },
    {
      name: 'outbound-not-inbound',
      severity: 'error',
      comment: 'An outbound adapter never imports an inbound one.',
      from: { path: '^services/([^/]+)/src/adapters/outbound/' },
      to: { path: '^services/$1/src/adapters/inbound/' },
    },
    {
      name: 'handlers-through-the-domain',
      severity: 'error',
      comment: "An inbound adapter uses the outside only through the domain's ports: an outbound adapter's type at most.",
      from: { path: '^services/([^/]+)/src/adapters/inbound/' },
      to: { path: '^services/$1/src/adapters/outbound/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-stay-apart',
      severity: 'error',
      comment: "A service imports no other service's code: they meet through the contracts and Dapr.",
      from: { path: '^services/([^/]+)/src/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'runtime-is-generic',
      severity: 'error',
      comment: 'The runtime names no bookstore thing: it imports neither the contracts nor a service.',
      from: { path: '^packages/runtime/src/' },
      to: { path: ['^packages/contracts/', '^services/', '^examples/'] },
    },
    {
      name: 'contracts-are-pure',
      severity: 'error',
      comment: "The contracts import only the runtime's pure part and zod.",
      from: { path: '^packages/contracts/src/' },
      to: { pathNot: ['^packages/contracts/src/', '^packages/runtime/(src/)?schema/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'coffee-domain-is-pure',
      severity: 'error',
      comment: "The coffee shop's domains (examples/coffee) keep the same rule: own domain, own contracts, the runtime schema, zod.",
      from: { path: '^examples/coffee/services/([^/]+)/src/domain/' },
      to: {
        pathNot: ['^examples/coffee/services/$1/src/domain/', '^examples/coffee/contracts/', '^packages/runtime/(src/)?schema/', '(^|/)node_modules/zod/', '^crypto$'],
      },
    },
    {
      name: 'coffee-outbound-not-inbound',
      severity: 'error',
      from: { path: '^examples/coffee/services/([^/]+)/src/adapters/outbound/' },
      to: { path: '^examples/coffee/services/$1/src/adapters/inbound/' },
    },
    {
      name: 'coffee-handlers-through-the-domain',
      severity: 'error',
      from: { path: '^examples/coffee/services/([^/]+)/src/adapters/inbound/' },
      to: { path: '^examples/coffee/services/$1/src/adapters/outbound/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'coffee-services-stay-apart',
      severity: 'error',
      comment: 'A coffee service imports no other service, of the coffee shop or of the bookstore, nor the bookstore contracts.',
      from: { path: '^examples/coffee/services/([^/]+)/src/' },
      to: { path: ['^examples/coffee/services/', '^services/', '^packages/contracts/'], pathNot: '^examples/coffee/services/$1/' },
    },
    {
      name: 'coffee-contracts-are-pure',
      severity: 'error',
      from: { path: '^examples/coffee/contracts/src/' },
      to: { pathNot: ['^examples/coffee/contracts/src/', '^packages/runtime/(src/)?schema/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    preserveSymlinks: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['types', 'main'] },
  },
};
