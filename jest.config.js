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
  // The end-to-end suites spend their time in the action's child processes and in waits on the
  // fakes, so one worker per core keeps a small machine busy; Jest's default (cores - 1) runs
  // one file at a time on two cores.
  maxWorkers: '100%',
  testTimeout: 30000
}
