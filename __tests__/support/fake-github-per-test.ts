// One fake GitHub API per test, for test files that call useFakeGitHub(): started before each
// test, closed after it. `github` is a live binding, so it always names the current test's fake.
import {
  type FakeGitHub,
  type FakeGitHubOptions,
  startFakeGitHub
} from '../../test-kit/fake-github.mjs'

export let github: FakeGitHub

/** Before each test: a fresh fake GitHub started with `options`; closed after each test. */
export function useFakeGitHub(options: FakeGitHubOptions = {}): void {
  beforeEach(async () => {
    github = await startFakeGitHub(options)
  })
  afterEach(async () => {
    await github.close()
  })
}
