// Jest config for mutation testing (`npm run mutate`, see stryker.config.mjs): the unit and
// integration suites, which import src/ into the jest process where Stryker's mutants live.
// The end-to-end suites spawn the bundled action (test-kit/runner.mjs), so they can't see
// mutants and are slow, and the repository checks test no code of src/; neither runs here, and
// no bundle is built (the e2e project's globalSetup/globalTeardown are not part of this config).
// One flat config rather than jest.config.js's projects, for Stryker's jest runner.
import { fileURLToPath } from 'node:url'
import { shared } from './jest.config.js'

/** @type {import('jest').Config} */
export default {
  ...shared,
  testEnvironment: fileURLToPath(new URL('./jest.stryker.environment.js', import.meta.url)),
  testMatch: [
    '<rootDir>/__tests__/unit/**/*.test.ts',
    '<rootDir>/__tests__/integration/**/*.test.ts'
  ],
  maxWorkers: '100%',
  testTimeout: 30000
}
