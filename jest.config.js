// ESM all the way: @actions/* are ESM-only, so jest runs with --experimental-vm-modules
// (set by `npm test`) and ts-jest emits ES modules.
//
// One jest project per layer of tests, each a folder of __tests__ (pick some with
// `npm test -- --selectProjects unit integration`):
// - unit: pure functions (inputs, plans, sharing files, summaries, retry waits), no I/O but files;
// - integration: in process against the fakes on 127.0.0.1 (the client, the engine through
//   run(), the fakes themselves), so coverage and mutation testing see src/;
// - e2e: the action built from src/ by this test run, spawned as a GitHub runner runs it;
// - repo: repository checks (README examples, action.yml, workflows, release, maintainers' kit).

/** What every project shares: the ts-jest ESM transform and the `.js` suffix of imports. */
export const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  }
}

/** The project of one folder of __tests__. */
export function layer(name) {
  return {
    ...shared,
    displayName: name,
    testMatch: [`<rootDir>/__tests__/${name}/**/*.test.ts`]
  }
}

/** @type {import('jest').Config} */
export default {
  projects: [
    layer('unit'),
    layer('integration'),
    {
      ...layer('e2e'),
      // The end-to-end suites run the action built from src/ by this test run, never dist/: the
      // setup builds it into a temporary folder (runAction finds it through the environment),
      // the teardown removes it. Set on this project, they run once per jest run, before any
      // test, and only when e2e suites are among the tests that run.
      globalSetup: '<rootDir>/__tests__/support/global-setup.mjs',
      globalTeardown: '<rootDir>/__tests__/support/global-teardown.mjs'
    },
    layer('repo')
  ],
  // The end-to-end suites spend their time in the action's child processes and in waits on the
  // fakes, so one worker per core keeps a small machine busy; Jest's default (cores - 1) runs
  // one file at a time on two cores.
  maxWorkers: '100%',
  testTimeout: 30000
}
