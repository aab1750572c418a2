/** One jest configuration for the repository: unit tests, and integration tests on the real stack. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] };
const moduleNameMapper = {
  '^@bookstore/runtime$': '<rootDir>/packages/runtime/src/index.ts',
  '^@bookstore/runtime/schema$': '<rootDir>/packages/runtime/src/schema/index.ts',
  '^@bookstore/contracts$': '<rootDir>/packages/contracts/src/index.ts',
  '^@bookstore/stack$': '<rootDir>/tools/stack/src/index.ts',
  '^@coffee/contracts$': '<rootDir>/examples/coffee/contracts/src/index.ts',
};

// Local data (stores, logs, the image layers of scripts/images.sh) is no source: its copies
// of the workspace packages would make module names ambiguous.
const modulePathIgnorePatterns = ['<rootDir>/.data/'];

module.exports = {
  // Integration tests wait on events settling; unit tests finish in milliseconds anyway.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/services/*/test/**/*.test.ts', '<rootDir>/tools/*/test/**/*.test.ts', '<rootDir>/examples/coffee/services/*/test/*.test.ts'],
      // A service's tests against real infrastructure run in the integration project, beside the stack;
      // the runtime's own, on a daprd of their own, in the runtime project.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/services/[^/]+/test/integration/', '<rootDir>/packages/runtime/test/integration/'],
    },
    {
      // The runtime package on one real daprd of its own (with its own Redis, placement and
      // scheduler on ports 3800-3899), not the bookstore's stack: packages/runtime/test/integration.
      displayName: 'runtime',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/packages/runtime/test/integration/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      modulePathIgnorePatterns,
      // The browser tests (tests/e2e) drive the storefront on the same stack.
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts', '<rootDir>/services/*/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // Attacks the real stack (fuzzing, tokens, ports, throttle); attaches to a running one or starts one.
      displayName: 'abuse',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/tests/abuse/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // Kills and freezes real processes; each scenario starts a stack of its own.
      displayName: 'chaos',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/tests/chaos/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/chaos/setup.ts',
      globalTeardown: '<rootDir>/tests/chaos/summary.ts',
    },
    {
      // The one-node Kubernetes cluster (npm run test:k8s, phase by phase: scripts/test-k8s.sh): needs root.
      displayName: 'k8s',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      // The containers' root filesystems are mounted under .data/cluster while pods run.
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/tests/k8s/**/*.test.ts'],
    },
  ],
};
