// The pull request comment end to end: one sticky comment with the plan, updated on the next run,
// found past the first page, and a warning (never a failure) when it cannot be written. The action
// built from src/ by this test run, run as a GitHub runner runs it, against the fake TFE and the
// fake GitHub API.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectSuccess, org, runOnFake } from '../support/action-on-fake.js'
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

  function prEnv(eventName = 'pull_request', payload: unknown = pullRequestEvent(7)) {
    return {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: writeEvent(dir, payload),
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_API_URL: github.url
    }
  }

  function runOnPr(inputs: Record<string, string>, token = github.token, env = prEnv()) {
    return runOnFake({ 'comment-on-pr': 'true', 'github-token': token, ...inputs }, env)
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

  it('updates its own comment on the next run, leaving other comments alone', async () => {
    const human = github.addComment('acme', 'infra', 7, 'Looks good, but check team-c first.')
    const otherBot = github.addComment('acme', 'infra', 7, '## Terraform plan\nNo changes.', BOT)

    const first = await runOnPr({ mode: 'add', consumers: 'team-a' })
    expectSuccess(first)
    const created = ours().filter(c => c.id !== otherBot.id)
    expect(created).toHaveLength(1)
    const id = created[0]?.id
    expect(created[0]?.body).toMatch(/^<!--[^\n]*-->/)
    expect(planRows(created[0]?.body ?? '')).toEqual(
      rows({ legacy: 'kept', 'team-c': 'kept', 'team-a': 'added' })
    )

    github.requests.length = 0
    const second = await runOnPr({ mode: 'add', consumers: 'team-b' })
    expectSuccess(second)
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/infra/issues/comments/${id}`
    ])

    const all = github.comments('acme', 'infra', 7)
    expect(all.map(c => c.id)).toEqual([human.id, otherBot.id, id])
    expect(all[0]).toEqual(human)
    expect(all[1]).toEqual(otherBot)
    expect(planRows(all[2]?.body ?? '')).toEqual(
      rows({ legacy: 'kept', 'team-a': 'kept', 'team-c': 'kept', 'team-b': 'added' })
    )
    expect(all[2]?.body).toMatch(/^<!--[^\n]*-->/)
    expectGitHubTokenHidden(second, github.token)
  })

  it('finds its comment on the second page of more than 100', async () => {
    for (let i = 1; i <= 120; i++) github.addComment('acme', 'infra', 7, `review note ${i}`)
    const first = await runOnPr({ mode: 'add', consumers: 'team-a' })
    expectSuccess(first)
    for (let i = 121; i <= 130; i++) github.addComment('acme', 'infra', 7, `review note ${i}`)
    expect(ours()).toHaveLength(1)
    const id = ours()[0]?.id

    github.requests.length = 0
    const second = await runOnPr({ mode: 'remove', consumers: 'legacy' })
    expectSuccess(second)
    expect(github.requests.some(r => r.method === 'GET' && r.query.page === '2')).toBe(true)
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/infra/issues/comments/${id}`
    ])
    expect(ours()).toHaveLength(1)
    expect(github.comments('acme', 'infra', 7)).toHaveLength(131)
    expect(planRows(ours()[0]?.body ?? '')).toEqual(
      rows({ 'team-a': 'kept', 'team-c': 'kept', legacy: 'removed' })
    )
  })

  it('sends nothing to GitHub when the run is not for a pull request', async () => {
    const result = await runOnPr(
      { mode: 'add', consumers: 'team-a' },
      github.token,
      prEnv('push', { ref: 'refs/heads/main' })
    )
    expectSuccess(result)
    expect(github.requests).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(annotations(result, 'warning')).toEqual([])
  })

  it('warns, and still succeeds, when the token may not comment', async () => {
    const result = await runOnPr({ mode: 'add', consumers: 'team-a' }, github.readOnlyToken)

    expectSuccess(result)
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(result.outputs.changed).toBe('true')
    expect(annotations(result, 'warning')).toEqual([
      expect.stringMatching(/could not comment on pull request #7.*403/)
    ])
    expect(ours()).toEqual([])
    expectGitHubTokenHidden(result, github.readOnlyToken)
  })

  it('warns, and still succeeds, when the event payload cannot be read', async () => {
    const env = { ...prEnv(), GITHUB_EVENT_PATH: join(dir, 'missing', 'event.json') }
    const result = await runOnPr({ mode: 'add', consumers: 'team-a' }, github.token, env)

    expectSuccess(result)
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(annotations(result, 'warning')).toHaveLength(1)
    expect(github.requests).toEqual([])
  })
})
