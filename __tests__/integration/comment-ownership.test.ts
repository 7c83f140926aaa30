// Which comment is the action's own: the marker alone does not make one (a person may quote it),
// a bot author with the marker does; and when two runs at once left two, one is removed.
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { runInProcess } from '../support/in-process.js'
import { github, usePullRequestEvent } from '../support/pull-request-event.js'

usePullRequestEvent(21, 'acme/ownership')
let fake: FakeTfe
const MARKER = '<!-- tfe-module-sharing-action: modules -->'
const BOT = 'github-actions[bot]'

beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'modules' })
})
afterEach(async () => {
  await fake.close()
})

const plan = () =>
  runInProcess({
    organization: 'modules',
    consumers: 'team-a',
    'dry-run': 'true',
    hostname: fake.url,
    token: fake.adminToken,
    'comment-on-pr': 'true',
    'github-token': github.token
  })

it("never takes over a person's comment that starts with the marker", async () => {
  const theirs = github.addComment('acme', 'ownership', 21, `${MARKER}\nmy own notes`, 'alice')
  const result = await plan()
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(/Commented on pull request #21/)
  const comments = github.comments('acme', 'ownership', 21)
  expect(comments.find(c => c.id === theirs.id)?.body).toBe(`${MARKER}\nmy own notes`)
  expect(comments.filter(c => c.user.login === BOT)).toHaveLength(1)
})

it('removes a duplicate of its own, keeping the first, updated', async () => {
  // The pull request is the file's: whatever an earlier test left of ours counts too.
  const ours = () =>
    github
      .comments('acme', 'ownership', 21)
      .filter(c => c.user.login === BOT && c.body.startsWith(MARKER))
  github.addComment('acme', 'ownership', 21, `${MARKER}\nan old plan`, BOT)
  github.addComment('acme', 'ownership', 21, `${MARKER}\nanother old plan`, BOT)
  const before = ours().map(c => c.id)
  expect(before.length).toBeGreaterThanOrEqual(2)
  const result = await plan()
  expect(result.code).toBe(0)
  expect(ours().map(c => c.id)).toEqual([before[0]])
  expect(ours()[0]?.body).toMatch(/Would change/)
})
