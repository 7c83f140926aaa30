// The pull request comment in process, so coverage sees it: created, updated in place (leaving
// other comments alone, found past the first page), replaced by a failure, nothing sent for a run
// that is not for a pull request, and every way it can fail as a warning. @actions/github reads
// the event when it is first loaded, so this file sets one pull request event for all its tests;
// a test that needs another pull request or event changes it with withEvent. The smoke of a dry
// run with its comment runs as a GitHub runner runs it (e2e/e2e-pr-comment).
import { org } from '../support/action-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { github, usePullRequestEvent, withEvent } from '../support/pull-request-event.js'
import { annotations, expectOneFailure, visible } from '../support/run-expectations.js'
import { planRows, rows, seedSharing } from '../support/sharing-scenario.js'

usePullRequestEvent(12, 'acme/infra')
useFakeTfe(seedSharing)

const BOT = 'github-actions[bot]'

function run(inputs: Record<string, string>, token = github.token) {
  return runInProcess({
    organization: 'modules',
    hostname: fake.url,
    token: fake.adminToken,
    'comment-on-pr': 'true',
    'github-token': token,
    ...inputs
  })
}

const ours = (number = 12) =>
  github.comments('acme', 'infra', number).filter(c => c.body.startsWith('<!--'))

/** Pull request `number` of acme/infra in place of the file's for `body`'s runs. */
function onPullRequest(number: number, body: () => Promise<void>): Promise<void> {
  return withEvent({ payload: { number, pull_request: { number } } }, body)
}

/** Neither token shows anywhere but in its own ::add-mask:: line, nor in any comment. */
function expectGitHubTokenHidden(result: InProcessRun, token: string, number = 12): void {
  expect(visible(result)).not.toContain(token)
  expect(visible(result)).not.toContain(fake.adminToken)
  expect(result.annotations).toContainEqual({ command: 'add-mask', properties: {}, message: token })
  expect(result.stdout.split(token)).toHaveLength(2)
  for (const comment of github.comments('acme', 'infra', number)) {
    expect(comment.body).not.toContain(token)
    expect(comment.body).not.toContain(fake.adminToken)
  }
}

it('creates the comment, then updates it in place, then shows a failure there', async () => {
  const planned = await run({ consumers: 'team-a', 'dry-run': 'true' })
  expect(planned.code).toBe(0)
  expect(planned.stdout).toMatch(/Commented on pull request #12/)
  expect(ours()).toHaveLength(1)
  expect(ours()[0]?.body).toMatch(/Would change/)

  const applied = await run({ consumers: 'team-a' })
  expect(applied.code).toBe(0)
  expect(applied.stdout).toMatch(/Updated the comment on pull request #12/)
  expect(ours()).toHaveLength(1)
  expect(ours()[0]?.body).toMatch(/\*\*Changed\*\*/)

  const failed = await run({ consumers: 'nobody-by-this-name' })
  const line = expectOneFailure(failed, /no organization named nobody-by-this-name/, [
    fake.adminToken,
    github.token
  ])
  expect(ours()).toHaveLength(1)
  // The failure replaces the earlier run's report: the comment shows the latest run.
  expect(ours()[0]?.body).not.toMatch(/\*\*Changed\*\*/)
  expect(ours()[0]?.body).toContain('**Failed**')
  expect(ours()[0]?.body).toContain(line)
  expect(failed.summary).toContain(line)
})

it('updates its own comment on the next run, leaving other comments alone', async () => {
  await onPullRequest(7, async () => {
    const human = github.addComment('acme', 'infra', 7, 'Looks good, but check team-c first.')
    const otherBot = github.addComment('acme', 'infra', 7, '## Terraform plan\nNo changes.', BOT)
    const mine = () =>
      github.comments('acme', 'infra', 7).filter(c => c.user.login === BOT && c.id !== otherBot.id)

    const first = await run({ mode: 'add', consumers: 'team-a' })
    expect(first.code).toBe(0)
    expect(annotations(first, 'error')).toEqual([])
    const created = mine()
    expect(created).toHaveLength(1)
    const id = created[0]?.id
    expect(created[0]?.body).toMatch(/^<!--[^\n]*-->/)
    expect(planRows(created[0]?.body ?? '')).toEqual(
      rows({ legacy: 'kept', 'team-c': 'kept', 'team-a': 'added' })
    )

    github.requests.length = 0
    const second = await run({ mode: 'add', consumers: 'team-b' })
    expect(second.code).toBe(0)
    expect(annotations(second, 'error')).toEqual([])
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
    expectGitHubTokenHidden(second, github.token, 7)
  })
})

it('finds its comment on the second page of more than 100', async () => {
  await onPullRequest(8, async () => {
    for (let i = 1; i <= 120; i++) github.addComment('acme', 'infra', 8, `review note ${i}`)
    const first = await run({ mode: 'add', consumers: 'team-a' })
    expect(first.code).toBe(0)
    for (let i = 121; i <= 130; i++) github.addComment('acme', 'infra', 8, `review note ${i}`)
    expect(ours(8)).toHaveLength(1)
    const id = ours(8)[0]?.id

    github.requests.length = 0
    const second = await run({ mode: 'remove', consumers: 'legacy' })
    expect(second.code).toBe(0)
    expect(github.requests.some(r => r.method === 'GET' && r.query.page === '2')).toBe(true)
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/infra/issues/comments/${id}`
    ])
    expect(ours(8)).toHaveLength(1)
    expect(github.comments('acme', 'infra', 8)).toHaveLength(131)
    expect(planRows(ours(8)[0]?.body ?? '')).toEqual(
      rows({ 'team-a': 'kept', 'team-c': 'kept', legacy: 'removed' })
    )
  })
})

it('sends nothing to GitHub when the run is not for a pull request', async () => {
  github.requests.length = 0
  await withEvent({ eventName: 'push', payload: { ref: 'refs/heads/main' } }, async () => {
    const result = await run({ mode: 'add', consumers: 'team-a' })
    expect(result.code).toBe(0)
    expect(annotations(result, 'error')).toEqual([])
    expect(github.requests).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(annotations(result, 'warning')).toEqual([])
  })
})

it('a token that may not write: a warning that advises the permission, and the run succeeds', async () => {
  await onPullRequest(9, async () => {
    const result = await run({ mode: 'add', consumers: 'team-a' }, github.readOnlyToken)
    expect(result.code).toBe(0)
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(result.outputs.changed).toBe('true')
    expect(annotations(result, 'warning')).toEqual([
      expect.stringMatching(
        /^modules: could not comment on pull request #9 \(HTTP 403\): .*pull-requests: write/
      )
    ])
    expect(ours(9)).toEqual([])
    expectGitHubTokenHidden(result, github.readOnlyToken, 9)
  })
})

it('a token GitHub does not know: a warning about github-token', async () => {
  const result = await run({ consumers: 'team-a' }, 'ghs_not-a-real-token')
  expect(annotations(result, 'warning')).toEqual([
    expect.stringMatching(/\(HTTP 401\).*github-token was refused/)
  ])
  expect(visible(result)).not.toContain('ghs_not-a-real-token')
})

it('an event payload that cannot be read: a warning without permission advice, nothing sent', async () => {
  github.requests.length = 0
  // What @actions/github makes of a GITHUB_EVENT_PATH that does not exist: an empty payload.
  await withEvent({ payload: {} }, async () => {
    const result = await run({ mode: 'add', consumers: 'team-a' })
    expect(result.code).toBe(0)
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    const warnings = annotations(result, 'warning')
    expect(warnings).toEqual([
      expect.stringMatching(/could not comment on the pull request: .*names no pull request/)
    ])
    expect(warnings[0]).not.toMatch(/pull-requests: write/)
    expect(github.requests).toEqual([])
  })
})

it('GitHub failing: a warning that the next run writes the comment', async () => {
  github.intercept((_req, res) => {
    res.writeHead(502, { 'content-type': 'application/json' })
    res.end('{"message":"Bad gateway"}')
    return true
  })
  try {
    const result = await run({ consumers: 'team-a' })
    expect(result.code).toBe(0)
    expect(annotations(result, 'warning')).toEqual([
      expect.stringMatching(/\(HTTP 502\).*the next run writes the comment/)
    ])
  } finally {
    github.clearIntercepts()
  }
})

it('GitHub unreachable: a warning naming the API, without permission advice', async () => {
  github.intercept(req => {
    req.socket.destroy()
    return true
  })
  try {
    const result = await run({ consumers: 'team-a' })
    expect(result.code).toBe(0)
    const [warning] = annotations(result, 'warning')
    expect(warning).toMatch(
      /could not comment on pull request #12: .* is reachable from the runner/
    )
    expect(warning).toContain(github.url)
    expect(warning).not.toMatch(/pull-requests: write/)
  } finally {
    github.clearIntercepts()
  }
})
