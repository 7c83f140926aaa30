// Mutation testing: `npm run mutate` (not part of CI); a subset: `npm run mutate -- --mutate src/plan.ts`.
// Runs only the unit and integration jest suites (jest.stryker.config.js), in jest's ESM mode.
// Reports: reports/mutation/mutation.html (and .json); reports/stryker-incremental.json lets a
// re-run test only the mutants whose code or tests changed (`-- --force` re-tests everything).
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: ['src/**/*.ts'],
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.stryker.config.js',
    enableFindRelatedTests: true
  },
  // Mutants that don't type-check are reported as compile errors instead of being run.
  checkers: ['typescript'],
  // The checker looks at src/ alone (tsconfig.stryker.json says why).
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Jest's ESM mode leaks each run's modules: a fresh test runner process every 50 mutants.
  maxTestRunnerReuse: 50,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  ignorePatterns: ['dist', 'coverage', 'reports', '.ci'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The sandbox (a copy of the repo with its __tests__) lives outside the repo, so a plain
  // `npm test` or `eslint .` run meanwhile doesn't pick it up. node_modules is symlinked into it.
  tempDirName: join(tmpdir(), `stryker-${basename(process.cwd())}`),
  cleanTempDir: 'always'
}
