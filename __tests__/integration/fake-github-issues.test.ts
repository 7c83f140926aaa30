// The fake GitHub API's issues, as a drift check uses them: list (pull requests among them, one
// numbering for both), create, get, update and close, with GitHub's status codes and shapes; and
// GET /user, which a workflow's token may not call, so that a client cannot lean on it to
// recognise its own issue.
import { type GitHubIssue, type GitHubLabel, startFakeGitHub } from '../../test-kit/fake-github.mjs'
import { github, useFakeGitHub } from '../support/fake-github-per-test.js'
import {
  type GitHubReply,
  JSON_TYPE,
  callGitHub,
  errorOf,
  linksOf,
  listPath
} from '../support/github-calls.js'

const START = Date.parse('2025-03-01T10:00:00.250Z')
let clock = START
/** Moves the fake's clock on by whole seconds. */
const tick = (seconds = 1): void => {
  clock += seconds * 1000
}

useFakeGitHub({ now: () => clock })

beforeEach(() => {
  clock = START
})

const issuesPath = (repo = 'acme/infra'): string => `/repos/${repo}/issues`
const issuePath = (n: number, repo = 'acme/infra'): string => `/repos/${repo}/issues/${n}`
const issueOf = (reply: GitHubReply): GitHubIssue => reply.json as GitHubIssue
const issuesOf = (reply: GitHubReply): GitHubIssue[] => reply.json as GitHubIssue[]
const numbersOf = (reply: GitHubReply): number[] => issuesOf(reply).map(i => i.number)

async function createIssue(body: unknown, token?: string): Promise<GitHubReply> {
  return callGitHub('POST', issuesPath(), { body, token })
}

async function updateIssue(n: number, body: unknown, token?: string): Promise<GitHubReply> {
  return callGitHub('PATCH', issuePath(n), { body, token })
}

describe('GET /user', () => {
  it.each([
    ['the read-write token', () => github.token],
    ['the read-only token', () => github.readOnlyToken]
  ])(
    'answers 403 "Resource not accessible by integration" to %s, as to GITHUB_TOKEN',
    async (_label, token) => {
      const res = await callGitHub('GET', '/user', { token: token() })
      expect(res.status).toBe(403)
      expect(res.headers.get('content-type')).toBe(JSON_TYPE)
      expect(res.json).toEqual({
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403'
      })
    }
  )

  it('answers 401 without credentials, like every route', async () => {
    expect((await callGitHub('GET', '/user', { token: null })).status).toBe(401)
  })
})

describe('creating issues', () => {
  it('answers 201 with the issue, opened by github-actions[bot], and a Location', async () => {
    const res = await createIssue({ title: 'TFE drifted', body: '<!-- drift -->\nreport' })
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    const issue = issueOf(res)
    const url = `${github.url}/repos/acme/infra/issues/1`
    expect(issue).toEqual({
      url,
      repository_url: `${github.url}/repos/acme/infra`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: 'https://github.com/acme/infra/issues/1',
      id: expect.any(Number),
      node_id: expect.stringMatching(/^I_/),
      number: 1,
      title: 'TFE drifted',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      labels: [],
      state: 'open',
      state_reason: null,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: 0,
      created_at: '2025-03-01T10:00:00Z',
      updated_at: '2025-03-01T10:00:00Z',
      closed_at: null,
      body: '<!-- drift -->\nreport'
    })
    expect(issue).not.toHaveProperty('pull_request')
    // Real issue ids no longer fit in 32 bits; the fake's don't either.
    expect(issue.id).toBeGreaterThan(2 ** 31)
    expect(res.headers.get('location')).toBe(url)
    expect(github.issues('acme', 'infra')).toEqual([
      {
        number: 1,
        title: 'TFE drifted',
        body: '<!-- drift -->\nreport',
        state: 'open',
        state_reason: null,
        login: 'github-actions[bot]',
        labels: [],
        created_at: '2025-03-01T10:00:00Z',
        updated_at: '2025-03-01T10:00:00Z',
        closed_at: null
      }
    ])
  })

  it('numbers issues 1, 2, 3 per repository, and creates a second for a second POST', async () => {
    for (const title of ['a', 'b']) await createIssue({ title })
    await callGitHub('POST', issuesPath('acme/other'), { body: { title: 'c' } })
    await callGitHub('POST', issuesPath('ACME/Infra'), { body: { title: 'a' } })
    expect(github.issues('acme', 'infra').map(i => [i.number, i.title])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'a']
    ])
    expect(github.issues('Acme', 'OTHER').map(i => i.number)).toEqual([1])
  })

  it('takes a body-less issue (body null), an integer title, and labels by name or object', async () => {
    const res = await createIssue({ title: 42, labels: ['drift', { name: 'Ops' }, 'DRIFT'] })
    expect(res.status).toBe(201)
    const issue = issueOf(res)
    expect(issue.title).toBe('42')
    expect(issue.body).toBeNull()
    expect(issue.labels).toEqual<GitHubLabel[]>([
      {
        id: expect.any(Number),
        node_id: expect.any(String),
        url: `${github.url}/repos/acme/infra/labels/drift`,
        name: 'drift',
        color: 'ededed',
        default: false,
        description: null
      },
      expect.objectContaining({ name: 'Ops' })
    ])
    // A label keeps its first spelling and its id from one issue to the next.
    const again = issueOf(await createIssue({ title: 'x', labels: ['Drift'] }))
    expect(again.labels.map(l => [l.id, l.name])).toEqual([[issue.labels[0]?.id, 'drift']])
    expect(github.issues('acme', 'infra').map(i => i.labels)).toEqual([['drift', 'Ops'], ['drift']])
  })

  it.each([
    ['no title', {}, { code: 'missing_field', field: 'title' }],
    ['a null title', { title: null }, { code: 'missing_field', field: 'title' }],
    ['an empty title', { title: '' }, { code: 'missing_field', field: 'title' }],
    ['a blank title', { title: ' \n\t' }, { code: 'missing_field', field: 'title' }],
    ['a boolean title', { title: true }, { code: 'invalid', field: 'title' }],
    ['a non-string body', { title: 't', body: 42 }, { code: 'invalid', field: 'body' }],
    ['labels that are not an array', { title: 't', labels: 'drift' }, { field: 'labels' }],
    ['a label that is not a name', { title: 't', labels: [7] }, { field: 'labels' }],
    ['a blank label', { title: 't', labels: [' '] }, { field: 'labels' }]
  ])('answers 422 Validation Failed to %s, creating nothing', async (_label, body, expected) => {
    const res = await createIssue(body)
    expect(res.status).toBe(422)
    expect(errorOf(res)).toMatchObject({
      message: 'Validation Failed',
      status: '422',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue'
    })
    expect(errorOf(res).errors).toEqual([
      expect.objectContaining({ resource: 'Issue', ...expected })
    ])
    expect(github.issues('acme', 'infra')).toEqual([])
  })

  it('accepts a 65536-character body and refuses one more, counting characters', async () => {
    const longest = '😀'.repeat(65536)
    expect((await createIssue({ title: 't', body: longest })).status).toBe(201)
    const res = await createIssue({ title: 't', body: 'x'.repeat(65537) })
    expect(res.status).toBe(422)
    expect(errorOf(res).errors).toEqual([
      {
        resource: 'Issue',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)'
      }
    ])
    expect(github.issues('acme', 'infra')).toHaveLength(1)
  })

  it.each([
    ['not JSON', 'title=x', 'Problems parsing JSON'],
    ['a JSON array', [{ title: 'x' }], 'Body should be a JSON object'],
    ['a JSON string', '"x"', 'Body should be a JSON object']
  ])('answers 400 to a body that is %s', async (_label, body, message) => {
    const res = await createIssue(body)
    expect(res.status).toBe(400)
    expect(errorOf(res)).toMatchObject({ message, status: '400' })
    expect(github.issues('acme', 'infra')).toEqual([])
  })

  it('answers 403 to the read-only token, creating nothing', async () => {
    const res = await createIssue({ title: 'x' }, github.readOnlyToken)
    expect(res.status).toBe(403)
    expect(errorOf(res)).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '403'
    })
    expect(github.issues('acme', 'infra')).toEqual([])
  })

  it('takes the author, server URL and body limit from its options', async () => {
    const custom = await startFakeGitHub({
      botLogin: 'drift-app[bot]',
      serverUrl: 'https://ghe.example.com/',
      maxBodyLength: 10
    })
    try {
      const post = (body: unknown): Promise<Response> =>
        fetch(`${custom.url}${issuesPath()}`, {
          method: 'POST',
          headers: { Authorization: `token ${custom.token}` },
          body: JSON.stringify(body)
        })
      const created = (await (await post({ title: 't', body: 'ten chars!' })).json()) as GitHubIssue
      expect(created.user).toMatchObject({ login: 'drift-app[bot]', type: 'Bot' })
      expect(created.html_url).toBe('https://ghe.example.com/acme/infra/issues/1')
      expect((await post({ title: 't', body: 'eleven char' })).status).toBe(422)
      expect(custom.issues('acme', 'infra').map(i => i.login)).toEqual(['drift-app[bot]'])
    } finally {
      await custom.close()
    }
  })
})

describe('pull requests among the issues', () => {
  it('numbers issues and pull requests in one sequence and marks the pull requests', async () => {
    github.addComment('acme', 'infra', 7, 'a pull request conversation')
    tick()
    const eight = issueOf(await createIssue({ title: 'issue' })).number
    tick()
    const nine = github.addPullRequest('acme', 'infra', { title: 'Bump', login: 'dependabot[bot]' })
    tick()
    const ten = github.addIssue('acme', 'infra', { title: 'by hand', login: 'alice' })
    expect([eight, nine, ten]).toEqual([8, 9, 10])

    const res = await callGitHub('GET', `${issuesPath()}?state=all`)
    const list = issuesOf(res)
    expect(list.map(i => [i.number, 'pull_request' in i])).toEqual([
      [10, false],
      [9, true],
      [8, false],
      [7, true]
    ])
    const pull = list.find(i => i.number === 9)
    expect(pull).toMatchObject({
      title: 'Bump',
      user: { login: 'dependabot[bot]', type: 'Bot' },
      html_url: 'https://github.com/acme/infra/pull/9',
      node_id: expect.stringMatching(/^PR_/),
      draft: false,
      pull_request: {
        url: `${github.url}/repos/acme/infra/pulls/9`,
        html_url: 'https://github.com/acme/infra/pull/9',
        diff_url: 'https://github.com/acme/infra/pull/9.diff',
        patch_url: 'https://github.com/acme/infra/pull/9.patch',
        merged_at: null
      }
    })
    expect(list.find(i => i.number === 7)).toMatchObject({
      title: 'Pull request #7',
      user: { login: 'someone-else', type: 'User' },
      comments: 1
    })
    expect(list.find(i => i.number === 10)?.user).toMatchObject({ login: 'alice', type: 'User' })
    expect(github.issues('acme', 'infra').map(i => i.number)).toEqual([8, 10])
    expect(github.pullRequests('acme', 'infra').map(i => i.number)).toEqual([7, 9])
  })

  it('answers GET on a pull request number with the pull_request key', async () => {
    github.addComment('acme', 'infra', 3, 'hi')
    const res = await callGitHub('GET', issuePath(3))
    expect(res.status).toBe(200)
    expect(issueOf(res).pull_request?.html_url).toBe('https://github.com/acme/infra/pull/3')
  })

  it("puts a comment on an issue's number on that issue, under /issues/", async () => {
    const n = github.addIssue('acme', 'infra', { title: 'drift' })
    tick(60)
    const res = await callGitHub('POST', listPath(n), { body: { body: 'still drifting' } })
    expect(res.status).toBe(201)
    expect((res.json as { html_url: string }).html_url).toMatch(
      new RegExp(`^https://github\\.com/acme/infra/issues/${n}#issuecomment-\\d+$`)
    )
    expect(github.pullRequests('acme', 'infra')).toEqual([])
    const issue = issueOf(await callGitHub('GET', issuePath(n)))
    expect(issue.comments).toBe(1)
    // A comment moves the issue's updated_at.
    expect(issue.updated_at).toBe('2025-03-01T10:01:00Z')
  })

  it('seeds pull requests at a number or the next one, and refuses a number in use', () => {
    expect(github.addPullRequest('acme', 'infra')).toBe(1)
    expect(github.addPullRequest('acme', 'infra', { number: 20, state: 'closed' })).toBe(20)
    expect(github.addIssue('acme', 'infra', { title: 'after' })).toBe(21)
    expect(() => github.addPullRequest('acme', 'infra', { number: 21 })).toThrow(/#21/)
    expect(() => github.addPullRequest('acme', 'infra', { number: 0 })).toThrow(/issue number/)
    expect(github.pullRequests('acme', 'infra')).toMatchObject([
      { number: 1, title: 'Pull request #1', state: 'open', login: 'someone-else' },
      { number: 20, state: 'closed', state_reason: null, closed_at: '2025-03-01T10:00:00Z' }
    ])
  })
})

describe('listing issues', () => {
  it('answers an empty array without a Link header when there are none', async () => {
    for (const path of [issuesPath(), issuesPath('nobody/nothing')]) {
      const res = await callGitHub('GET', path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(JSON_TYPE)
      expect(res.json).toEqual([])
      expect(res.headers.get('link')).toBeNull()
    }
  })

  it('lists the open ones, newest first, by default; state=closed and state=all', async () => {
    const open1 = github.addIssue('acme', 'infra', { title: 'open 1' })
    tick()
    const closed = github.addIssue('acme', 'infra', { title: 'closed', state: 'closed' })
    tick()
    const open2 = github.addIssue('acme', 'infra', { title: 'open 2' })
    expect(numbersOf(await callGitHub('GET', issuesPath()))).toEqual([open2, open1])
    expect(numbersOf(await callGitHub('GET', `${issuesPath()}?state=open`))).toEqual([open2, open1])
    expect(numbersOf(await callGitHub('GET', `${issuesPath()}?state=closed`))).toEqual([closed])
    expect(numbersOf(await callGitHub('GET', `${issuesPath()}?state=all`))).toEqual([
      open2,
      closed,
      open1
    ])
  })

  it('breaks ties within one second by creation order', async () => {
    for (const title of ['a', 'b', 'c']) github.addIssue('acme', 'infra', { title })
    expect(numbersOf(await callGitHub('GET', issuesPath()))).toEqual([3, 2, 1])
    expect(numbersOf(await callGitHub('GET', `${issuesPath()}?direction=asc`))).toEqual([1, 2, 3])
  })

  it('filters by creator (case aside) and by labels (all of them)', async () => {
    github.addIssue('acme', 'infra', { title: 'mine', login: 'github-actions[bot]' })
    github.addIssue('acme', 'infra', { title: 'theirs', login: 'Alice', labels: ['drift'] })
    github.addIssue('acme', 'infra', { title: 'both', login: 'alice', labels: ['drift', 'ops'] })
    const titles = async (query: string): Promise<string[]> =>
      issuesOf(await callGitHub('GET', `${issuesPath()}?${query}`)).map(i => i.title)
    expect(await titles('creator=github-actions%5Bbot%5D')).toEqual(['mine'])
    expect(await titles('creator=alice')).toEqual(['both', 'theirs'])
    expect(await titles('creator=nobody')).toEqual([])
    expect(await titles('labels=drift')).toEqual(['both', 'theirs'])
    expect(await titles('labels=DRIFT,%20ops')).toEqual(['both'])
  })

  it('sorts by created, updated or comments, in either direction, and filters by since', async () => {
    const a = github.addIssue('acme', 'infra', { title: 'a' })
    tick(10)
    const b = github.addIssue('acme', 'infra', { title: 'b' })
    tick(10)
    const c = github.addIssue('acme', 'infra', { title: 'c' })
    tick(10)
    github.addComment('acme', 'infra', a, 'one')
    github.addComment('acme', 'infra', a, 'two')
    github.addComment('acme', 'infra', b, 'one')
    const numbers = async (query: string): Promise<number[]> =>
      numbersOf(await callGitHub('GET', `${issuesPath()}?${query}`))
    expect(await numbers('sort=created')).toEqual([c, b, a])
    expect(await numbers('sort=created&direction=asc')).toEqual([a, b, c])
    expect(await numbers('sort=updated')).toEqual([b, a, c])
    expect(await numbers('sort=comments')).toEqual([a, b, c])
    expect(await numbers('sort=comments&direction=asc')).toEqual([c, b, a])
    expect(await numbers('since=2025-03-01T10:00:20Z')).toEqual([c, b, a])
    expect(await numbers('since=2025-03-01T10:00:25Z')).toEqual([b, a])
  })

  it.each([
    ['state', 'state=opened'],
    ['sort', 'sort=newest'],
    ['direction', 'direction=down'],
    ['since', 'since=yesterday']
  ])('answers 422 to a %s outside the documented values', async (field, query) => {
    const res = await callGitHub('GET', `${issuesPath()}?${query}`)
    expect(res.status).toBe(422)
    expect(errorOf(res)).toMatchObject({ message: 'Validation Failed', status: '422' })
    expect(errorOf(res).errors).toEqual([{ resource: 'Issue', code: 'invalid', field }])
  })

  it('pages 30 at a time by default with a GitHub-style Link header on /repositories/:id', async () => {
    for (let i = 1; i <= 75; i++) github.addIssue('acme', 'infra', { title: `issue ${i}` })
    const first = await callGitHub('GET', `${issuesPath()}?state=all`)
    expect(numbersOf(first)).toHaveLength(30)
    expect(numbersOf(first)[0]).toBe(75)
    const links = linksOf(first)
    expect(Object.keys(links)).toEqual(['next', 'last'])
    const next = new URL(links.next ?? '')
    expect(next.origin).toBe(github.url)
    expect(next.pathname).toMatch(/^\/repositories\/\d+\/issues$/)
    // The links keep the caller's other parameters.
    expect(Object.fromEntries(next.searchParams)).toEqual({ state: 'all', page: '2' })
    expect(new URL(links.last ?? '').searchParams.get('page')).toBe('3')

    const last = await callGitHub('GET', links.last ?? '')
    expect(numbersOf(last)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    expect(Object.keys(linksOf(last))).toEqual(['prev', 'first'])
  })

  it('returns every issue and pull request exactly once to a client that follows rel="next"', async () => {
    for (let i = 1; i <= 150; i++) {
      if (i % 3 === 0) github.addPullRequest('acme', 'infra')
      else github.addIssue('acme', 'infra', { title: `issue ${i}` })
    }
    const seen: GitHubIssue[] = []
    let url: string | undefined = `${issuesPath()}?per_page=100`
    while (url) {
      const res = await callGitHub('GET', url)
      expect(res.status).toBe(200)
      seen.push(...issuesOf(res))
      url = linksOf(res).next
    }
    expect(seen).toHaveLength(150)
    expect(new Set(seen.map(i => i.number)).size).toBe(150)
    expect(seen.filter(i => i.pull_request === undefined)).toHaveLength(100)
  })

  it('caps per_page at 100, falls back to the defaults for nonsense, and pages past the end', async () => {
    for (let i = 1; i <= 120; i++) github.addIssue('acme', 'infra', { title: `issue ${i}` })
    const count = async (query: string): Promise<number> =>
      issuesOf(await callGitHub('GET', `${issuesPath()}?${query}`)).length
    expect(await count('per_page=500')).toBe(100)
    expect(await count('per_page=0')).toBe(30)
    expect(await count('per_page=abc')).toBe(30)
    expect(numbersOf(await callGitHub('GET', `${issuesPath()}?page=0`))[0]).toBe(120)
    const past = await callGitHub('GET', `${issuesPath()}?page=9`)
    expect(past.json).toEqual([])
    expect(Object.keys(linksOf(past))).toEqual(['prev', 'first'])
  })

  it('answers 404 to issues of a /repositories id it never handed out', async () => {
    expect((await callGitHub('GET', '/repositories/12345/issues')).status).toBe(404)
  })

  it('lets the read-only token list and get', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'x' })
    const list = await callGitHub('GET', issuesPath(), { token: github.readOnlyToken })
    expect(numbersOf(list)).toEqual([n])
    const one = await callGitHub('GET', issuePath(n), { token: github.readOnlyToken })
    expect(one.status).toBe(200)
  })
})

describe('getting an issue', () => {
  it('answers 200 with the issue as the list shows it', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'drift', body: 'b', labels: ['drift'] })
    const one = await callGitHub('GET', issuePath(n))
    expect(one.status).toBe(200)
    expect(one.headers.get('content-type')).toBe(JSON_TYPE)
    const [listed] = issuesOf(await callGitHub('GET', issuesPath()))
    expect(one.json).toEqual(listed)
  })

  it('answers 404 to a number nobody used, or in a repository the fake does not hold', async () => {
    github.addIssue('acme', 'infra', { title: 'x' })
    for (const path of [issuePath(2), issuePath(1, 'acme/other'), issuePath(1, 'nobody/none')]) {
      const res = await callGitHub('GET', path)
      expect(res.status).toBe(404)
      expect(errorOf(res)).toEqual({
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue',
        status: '404'
      })
    }
  })
})

describe('updating issues', () => {
  it('closes an issue as completed, moving updated_at and setting closed_at', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'drift', login: 'github-actions[bot]' })
    tick(90)
    const res = await updateIssue(n, { state: 'closed' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    expect(issueOf(res)).toMatchObject({
      number: n,
      state: 'closed',
      state_reason: 'completed',
      created_at: '2025-03-01T10:00:00Z',
      updated_at: '2025-03-01T10:01:30Z',
      closed_at: '2025-03-01T10:01:30Z'
    })
    expect(github.issues('acme', 'infra')[0]).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      closed_at: '2025-03-01T10:01:30Z'
    })
  })

  it('closes as not_planned, and reopens as reopened, clearing closed_at', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'drift' })
    tick()
    const closed = issueOf(await updateIssue(n, { state: 'closed', state_reason: 'not_planned' }))
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'not_planned' })
    tick()
    const reopened = issueOf(await updateIssue(n, { state: 'open' }))
    expect(reopened).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      updated_at: '2025-03-01T10:00:02Z'
    })
  })

  it('ignores state_reason unless the state changes, as documented', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'drift' })
    tick()
    const res = await updateIssue(n, { state_reason: 'not_planned' })
    expect(res.status).toBe(200)
    expect(issueOf(res)).toMatchObject({
      state: 'open',
      state_reason: null,
      updated_at: '2025-03-01T10:00:00Z'
    })
    const again = await updateIssue(n, { state: 'open', state_reason: 'completed' })
    expect(issueOf(again)).toMatchObject({ state: 'open', state_reason: null })
  })

  it('edits title and body, clears the body with null, and replaces labels ([] clears)', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'old', body: 'old', labels: ['a'] })
    tick()
    const edited = issueOf(
      await updateIssue(n, { title: 'new', body: '<!-- drift -->\nnew', labels: ['b', 'c'] })
    )
    expect(edited).toMatchObject({ title: 'new', body: '<!-- drift -->\nnew' })
    expect(edited.labels.map(l => l.name)).toEqual(['b', 'c'])
    expect(issueOf(await updateIssue(n, { body: null, labels: [] }))).toMatchObject({
      title: 'new',
      body: null,
      labels: []
    })
    expect(github.issues('acme', 'infra')).toMatchObject([
      { title: 'new', body: null, labels: [], state: 'open', login: 'someone-else' }
    ])
  })

  it("may edit or close a person's issue, as any token with write access can", async () => {
    const n = github.addIssue('acme', 'infra', { title: 'Module sharing drift', login: 'alice' })
    expect((await updateIssue(n, { state: 'closed' })).status).toBe(200)
    expect(github.issues('acme', 'infra')[0]).toMatchObject({ login: 'alice', state: 'closed' })
  })

  it('answers 404 to a number it does not hold, 403 to the read-only token', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'drift' })
    const missing = await updateIssue(n + 1, { state: 'closed' })
    expect(missing.status).toBe(404)
    expect(errorOf(missing)).toMatchObject({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/issues/issues#update-an-issue'
    })
    const readOnly = await updateIssue(n, { state: 'closed' }, github.readOnlyToken)
    expect(readOnly.status).toBe(403)
    expect(errorOf(readOnly)).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/issues#update-an-issue',
      status: '403'
    })
    expect(github.issues('acme', 'infra')[0]?.state).toBe('open')
  })

  it.each([
    ['an unknown state', { state: 'done' }, { code: 'invalid', field: 'state' }],
    [
      'an unknown state_reason',
      { state: 'closed', state_reason: 'wontfix' },
      { field: 'state_reason' }
    ],
    ['a blank title', { state: 'closed', title: '' }, { code: 'missing_field', field: 'title' }],
    ['a null title', { title: null }, { code: 'missing_field', field: 'title' }],
    ['a body too long', { state: 'closed', body: 'x'.repeat(65537) }, { field: 'data' }],
    ['labels that are not an array', { state: 'closed', labels: 'a' }, { field: 'labels' }]
  ])('answers 422 to %s, changing nothing', async (_label, body, expected) => {
    const n = github.addIssue('acme', 'infra', { title: 'keep', body: 'keep' })
    const before = github.issues('acme', 'infra')
    tick()
    const res = await updateIssue(n, body)
    expect(res.status).toBe(422)
    expect(errorOf(res)).toMatchObject({ message: 'Validation Failed', status: '422' })
    expect(errorOf(res).errors).toEqual([
      expect.objectContaining({ resource: 'Issue', ...expected })
    ])
    expect(github.issues('acme', 'infra')).toEqual(before)
  })

  it('answers 400 to a body that is not a JSON object', async () => {
    const n = github.addIssue('acme', 'infra', { title: 'keep' })
    expect((await updateIssue(n, 'state=closed')).status).toBe(400)
    expect(errorOf(await updateIssue(n, ['closed'])).message).toBe('Body should be a JSON object')
  })
})

describe('seeding and snapshots', () => {
  it('seeds an issue as a person or a bot, open or closed', async () => {
    const mine = github.addIssue('acme', 'infra', {
      title: 'drift',
      body: '<!-- drift -->',
      login: 'github-actions[bot]'
    })
    tick()
    const theirs = github.addIssue('acme', 'infra', {
      title: 'drift',
      login: 'alice',
      state: 'closed',
      state_reason: 'not_planned',
      labels: ['drift']
    })
    expect(github.issues('acme', 'infra')).toEqual([
      {
        number: mine,
        title: 'drift',
        body: '<!-- drift -->',
        state: 'open',
        state_reason: null,
        login: 'github-actions[bot]',
        labels: [],
        created_at: '2025-03-01T10:00:00Z',
        updated_at: '2025-03-01T10:00:00Z',
        closed_at: null
      },
      {
        number: theirs,
        title: 'drift',
        body: null,
        state: 'closed',
        state_reason: 'not_planned',
        login: 'alice',
        labels: ['drift'],
        created_at: '2025-03-01T10:00:01Z',
        updated_at: '2025-03-01T10:00:01Z',
        closed_at: '2025-03-01T10:00:01Z'
      }
    ])
    const users = issuesOf(await callGitHub('GET', `${issuesPath()}?state=all`)).map(i => i.user)
    expect(users).toEqual([
      { login: 'alice', id: expect.any(Number), type: 'User' },
      { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
    ])
    expect(github.addIssue('acme', 'infra', { title: 'x', state: 'closed' })).toBe(3)
    expect(github.issues('acme', 'infra')[2]?.state_reason).toBe('completed')
  })

  it('refuses to seed an issue GitHub would never hold', () => {
    const seed = (issue: object): number =>
      github.addIssue('acme', 'infra', issue as Parameters<typeof github.addIssue>[2])
    expect(() => github.addIssue('ac/me', 'infra', { title: 'x' })).toThrow(/owner/)
    expect(() => github.addIssue('acme', 'in fra', { title: 'x' })).toThrow(/repository/)
    expect(() => seed({})).toThrow(/title/)
    expect(() => seed({ title: '  ' })).toThrow(/title/)
    expect(() => seed({ title: 'x', body: 'x'.repeat(65537) })).toThrow(/65536/)
    expect(() => seed({ title: 'x', body: 42 })).toThrow(/body/)
    expect(() => seed({ title: 'x', login: '' })).toThrow(/login/)
    expect(() => seed({ title: 'x', state: 'merged' })).toThrow(/state/)
    expect(() => seed({ title: 'x', state_reason: 'completed' })).toThrow(/state_reason/)
    expect(() => seed({ title: 'x', state: 'closed', state_reason: 'reopened' })).toThrow(
      /state_reason/
    )
    expect(() => seed({ title: 'x', labels: [''] })).toThrow(/labels/)
    expect(github.issues('acme', 'infra')).toEqual([])
  })

  it('hands out issues as snapshots that do not alias its state', () => {
    github.addIssue('acme', 'infra', { title: 'original', labels: ['a'] })
    const [snap] = github.issues('acme', 'infra')
    if (snap) {
      snap.title = 'changed'
      snap.labels.push('b')
    }
    expect(github.issues('acme', 'infra')[0]).toMatchObject({ title: 'original', labels: ['a'] })
  })

  it('records the issue routes like the others; writes() holds the POST and the PATCH', async () => {
    await callGitHub('GET', `${issuesPath()}?state=all&creator=alice`)
    await createIssue({ title: 'x' })
    await updateIssue(1, { state: 'closed' })
    await callGitHub('GET', issuePath(1))
    await callGitHub('GET', '/user')
    expect(github.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/infra/issues',
      'POST /repos/acme/infra/issues',
      'PATCH /repos/acme/infra/issues/1',
      'GET /repos/acme/infra/issues/1',
      'GET /user'
    ])
    expect(github.requests[0]?.query).toEqual({ state: 'all', creator: 'alice' })
    expect(JSON.parse(github.writes()[1]?.body ?? '')).toEqual({ state: 'closed' })
    expect(github.writes().map(r => r.method)).toEqual(['POST', 'PATCH'])
  })
})
