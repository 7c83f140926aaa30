// ESM all the way: @actions/* are ESM-only, so jest runs with --experimental-vm-modules
// (set by `npm test`) and ts-jest emits ES modules.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  // The end-to-end suites run the action built from src/ by this test run, never dist/: the
  // setup builds it into a temporary folder (runAction finds it through the environment), the
  // teardown removes it.
  globalSetup: '<rootDir>/__tests__/support/global-setup.mjs',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.mjs',
  testTimeout: 30000
}
