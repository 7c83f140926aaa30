// The smoke of a dry run with comment-on-pr, run as a GitHub runner runs the action built from
// src/ by this test run, against the fake TFE and the fake GitHub API: the comment chunk loads, one
// comment with the plan, the GitHub token masked. The comment's other cases (updated in place,
// found past the first page, warnings) run in process (integration/in-process-comment).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectSuccess, runOnFake } from '../support/action-on-fake.js'
import {
  type FakeGitHub,
  pullRequestEvent,
  startFakeGitHub,
  writeEvent
} from '../../test-kit/fake-github.mjs'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import type { ActionRun } from '../../test-kit/runner.mjs'
import { annotations, visible } from '../support/run-expectations.js'
import { planRows, rows, seedSharing } from '../support/sharing-scenario.js'

useFakeTfe(seedSharing)

describe('the pull request comment', () => {
  let github: FakeGitHub
  let dir: string
  const BOT = 'github-actions[bot]'

  beforeEach(async () => {
    github = await startFakeGitHub()
    dir = mkdtempSync(join(tmpdir(), 'e2e-sharing-'))
  })

  afterEach(async () => {
    await github.close()
    rmSync(dir, { recursive: true, force: true })
  })

  function prEnv() {
    return {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: writeEvent(dir, pullRequestEvent(7)),
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_API_URL: github.url
    }
  }

  function runOnPr(inputs: Record<string, string>) {
    return runOnFake({ 'comment-on-pr': 'true', 'github-token': github.token, ...inputs }, prEnv())
  }

  function ours() {
    return github.comments('acme', 'infra', 7).filter(c => c.user.login === BOT)
  }

  /** Neither token shows anywhere but in its own ::add-mask:: line. */
  function expectGitHubTokenHidden(result: ActionRun, token: string): void {
    expect(visible(result)).not.toContain(token)
    expect(visible(result)).not.toContain(fake.adminToken)
    expect(result.annotations).toContainEqual({
      command: 'add-mask',
      properties: {},
      message: token
    })
    expect(result.stdout.split(token)).toHaveLength(2)
    for (const comment of github.comments('acme', 'infra', 7)) {
      expect(comment.body).not.toContain(token)
      expect(comment.body).not.toContain(fake.adminToken)
    }
  }

  it('creates one comment with the plan table and a hidden marker', async () => {
    const result = await runOnPr({ consumers: 'team-a\nlegacy', 'dry-run': 'true' })

    expectSuccess(result)
    expect(annotations(result, 'warning')).toEqual([])
    expect(fake.writes()).toEqual([])
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      'POST /repos/acme/infra/issues/7/comments'
    ])
    for (const request of github.requests) {
      expect(request.headers.authorization).toMatch(new RegExp(`^(Bearer|token) ${github.token}$`))
    }
    const comments = ours()
    expect(comments).toHaveLength(1)
    const body = comments[0]?.body ?? ''
    expect(body).toMatch(/^<!--[^\n]*-->/)
    expect(body).toMatch(/dry run/i)
    expect(body).toMatch(/Would change/)
    expect(planRows(body)).toEqual(rows({ 'team-a': 'added', legacy: 'kept', 'team-c': 'removed' }))
    expect(body).toMatch(/Global module sharing/)
    expect(result.stdout).toMatch(/pull request #7/)
    expectGitHubTokenHidden(result, github.token)
  })
})
