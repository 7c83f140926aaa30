// In-process runs on a pull request: a fake GitHub, and the runner's event variables pointing at
// it and at a pull_request event, for every test of the file; put back as they were after.
// @actions/github reads the event when it is first loaded, so one event serves a whole file; a
// test changes it for its own runs with withEvent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FakeGitHub, startFakeGitHub } from '../../test-kit/fake-github.mjs'
import { setEnv } from './process-env.js'

/** The current file's fake GitHub; a live binding, set before its first test. */
export let github: FakeGitHub

/** Before the file's tests: pull request `number` of `repository` (owner/name). */
export function usePullRequestEvent(number: number, repository: string): void {
  let dir: string
  let restoreEnv: () => void
  beforeAll(async () => {
    github = await startFakeGitHub()
    dir = mkdtempSync(join(tmpdir(), 'pull-request-event-'))
    const event = join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ number, pull_request: { number } }))
    restoreEnv = setEnv({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: repository,
      GITHUB_API_URL: github.url
    })
  })
  afterAll(async () => {
    restoreEnv()
    await github.close()
    rmSync(dir, { recursive: true, force: true })
  })
}

type Context = (typeof import('@actions/github'))['context']

/**
 * Runs `body` with the event that @actions/github read when it was loaded changed (another event,
 * another pull request, or no payload, as when GITHUB_EVENT_PATH cannot be read); puts it back
 * after. The one @actions/github of this test file is the one run() loads.
 */
export async function withEvent(
  change: Partial<Pick<Context, 'eventName' | 'payload'>>,
  body: () => Promise<void>
): Promise<void> {
  const { context } = await import('@actions/github')
  const saved = { eventName: context.eventName, payload: context.payload }
  Object.assign(context, change)
  try {
    await body()
  } finally {
    Object.assign(context, saved)
  }
}
