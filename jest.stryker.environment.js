// Test environment for mutation testing (jest.stryker.config.js): once a test fails under a
// mutant, the rest of that mutant's tests and describe blocks (with their hooks) are skipped,
// since one failure already kills it. Jest has no such bail within a run, and Stryker's jest
// runner would otherwise run every covering test. Stryker names the active mutant in this
// variable; without one (the initial run) nothing is skipped.
import { TestEnvironment } from 'jest-environment-node'

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__'
let killedMutant

export default class BailingEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT]
    if (mutant === undefined) return
    if (event.name === 'test_done' && event.test.errors.length > 0) {
      killedMutant = mutant
    } else if (killedMutant === mutant) {
      if (event.name === 'run_describe_start') event.describeBlock.mode = 'skip'
      else if (event.name === 'test_start') event.test.mode = 'skip'
    }
  }
}
