// The pull request comment in process, so coverage sees it: created, updated in place, replaced
// by a failure, and every way it can fail as a warning. @actions/github reads the event when it
// is first loaded, so this file sets one pull request event for all its tests.
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { runInProcess } from '../support/in-process.js'
import { github, usePullRequestEvent } from '../support/pull-request-event.js'
import { annotations, expectOneFailure, visible } from '../support/run-expectations.js'

let fake: FakeTfe
usePullRequestEvent(12, 'acme/infra')

beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'modules' })
})

afterEach(async () => {
  await fake.close()
})

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

const ours = () => github.comments('acme', 'infra', 12).filter(c => c.body.startsWith('<!--'))

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
  expect(ours()[0]?.body).toContain(line)
})

it('a token that may not write: a warning that advises the permission', async () => {
  const result = await run({ consumers: 'team-a' }, github.readOnlyToken)
  expect(result.code).toBe(0)
  expect(annotations(result, 'warning')).toEqual([
    expect.stringMatching(
      /^modules: could not comment on pull request #12 \(HTTP 403\): .*pull-requests: write/
    )
  ])
})

it('a token GitHub does not know: a warning about github-token', async () => {
  const result = await run({ consumers: 'team-a' }, 'ghs_not-a-real-token')
  expect(annotations(result, 'warning')).toEqual([
    expect.stringMatching(/\(HTTP 401\).*github-token was refused/)
  ])
  expect(visible(result)).not.toContain('ghs_not-a-real-token')
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
