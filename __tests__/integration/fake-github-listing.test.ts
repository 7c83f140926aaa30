// The fake GitHub API's comment lists (pages and Link headers as GitHub writes them), its recording
// and intercepts as GitHub requests show them (closing with a parked request is the recording
// server's, tested through the fake TFE in fake-tfe), and the event payloads it writes for
// GITHUB_EVENT_PATH.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type GitHubComment, pullRequestEvent, writeEvent } from '../../test-kit/fake-github.mjs'
import { github, useFakeGitHub } from '../support/fake-github-per-test.js'
import {
  JSON_TYPE,
  callGitHub,
  commentPath,
  commentsOf,
  linksOf,
  listPath,
  seedComments
} from '../support/github-calls.js'

useFakeGitHub()

describe('listing comments', () => {
  it('answers an empty array, without a Link header, for an issue with no comments', async () => {
    const res = await callGitHub('GET', listPath(99))
    expect(res.status).toBe(200)
    expect(res.json).toEqual([])
    expect(res.headers.get('link')).toBeNull()
  })

  it('lists oldest first with the API representation, seeded authors included', async () => {
    github.addComment('acme', 'infra', 7, 'first', 'alice')
    github.addComment('acme', 'infra', 7, 'second')
    await callGitHub('POST', listPath(7), { body: { body: 'third' } })
    const res = await callGitHub('GET', listPath(7))
    expect(res.headers.get('link')).toBeNull()
    const list = commentsOf(res)
    expect(list.map(c => [c.body, c.user.login, c.user.type])).toEqual([
      ['first', 'alice', 'User'],
      ['second', 'someone-else', 'User'],
      ['third', 'github-actions[bot]', 'Bot']
    ])
    expect(list.map(c => c.id)).toEqual([...list.map(c => c.id)].sort((a, b) => a - b))
    expect(list.map(c => c.id)).toEqual(github.comments('acme', 'infra', 7).map(c => c.id))
  })

  it('pages 250 comments 30 at a time by default', async () => {
    seedComments(250)
    const first = await callGitHub('GET', listPath(7))
    expect(commentsOf(first)).toHaveLength(30)
    expect(commentsOf(first)[0]?.body).toBe('unrelated comment 1')
    expect(Object.keys(linksOf(first))).toEqual(['next', 'last'])
    expect(new URL(linksOf(first).last ?? '').searchParams.get('page')).toBe('9')
    const last = await callGitHub('GET', `${listPath(7)}?page=9`)
    expect(commentsOf(last).map(c => c.body)).toEqual(
      Array.from({ length: 10 }, (_, i) => `unrelated comment ${241 + i}`)
    )
  })

  it('writes a GitHub-style Link header with absolute URLs on the fake', async () => {
    seedComments(250)
    const page1 = await callGitHub('GET', `${listPath(7)}?per_page=100`)
    const link1 = linksOf(page1)
    expect(Object.keys(link1)).toEqual(['next', 'last'])
    const next = new URL(link1.next ?? '')
    expect(next.origin).toBe(github.url)
    // Like GitHub, the links name the repository by id and keep the caller's per_page.
    expect(next.pathname).toMatch(/^\/repositories\/\d+\/issues\/7\/comments$/)
    expect(Object.fromEntries(next.searchParams)).toEqual({ per_page: '100', page: '2' })
    expect(page1.headers.get('link')).toBe(
      `<${link1.next}>; rel="next", <${link1.last}>; rel="last"`
    )

    const page2 = await callGitHub('GET', link1.next ?? '')
    expect(commentsOf(page2)).toHaveLength(100)
    const link2 = linksOf(page2)
    expect(Object.keys(link2)).toEqual(['prev', 'next', 'last', 'first'])
    expect(new URL(link2.prev ?? '').searchParams.get('page')).toBe('1')
    expect(new URL(link2.first ?? '').searchParams.get('page')).toBe('1')
    expect(new URL(link2.last ?? '').searchParams.get('page')).toBe('3')

    const page3 = await callGitHub('GET', link2.next ?? '')
    expect(commentsOf(page3)).toHaveLength(50)
    expect(Object.keys(linksOf(page3))).toEqual(['prev', 'first'])
    expect(linksOf(page3).next).toBeUndefined()
  })

  it('returns every comment exactly once to a client that follows rel="next"', async () => {
    seedComments(250)
    github.addComment('acme', 'infra', 7, '<!-- marker -->\nours', 'github-actions[bot]')
    const seen: GitHubComment[] = []
    let url: string | undefined = `${listPath(7)}?per_page=100`
    while (url) {
      const res = await callGitHub('GET', url)
      expect(res.status).toBe(200)
      seen.push(...commentsOf(res))
      url = linksOf(res).next
    }
    expect(seen).toHaveLength(251)
    expect(new Set(seen.map(c => c.id)).size).toBe(251)
    expect(seen.at(-1)?.body).toBe('<!-- marker -->\nours')
  })

  it('caps per_page at 100 and falls back to the defaults for nonsense', async () => {
    seedComments(250)
    expect(commentsOf(await callGitHub('GET', `${listPath(7)}?per_page=500`))).toHaveLength(100)
    expect(commentsOf(await callGitHub('GET', `${listPath(7)}?per_page=0`))).toHaveLength(30)
    expect(commentsOf(await callGitHub('GET', `${listPath(7)}?per_page=abc`))).toHaveLength(30)
    const page0 = await callGitHub('GET', `${listPath(7)}?page=0`)
    expect(commentsOf(page0)[0]?.body).toBe('unrelated comment 1')
  })

  it('answers an empty page past the end, linking back', async () => {
    seedComments(5)
    const res = await callGitHub('GET', `${listPath(7)}?page=4`)
    expect(res.status).toBe(200)
    expect(res.json).toEqual([])
    expect(Object.keys(linksOf(res))).toEqual(['prev', 'first'])
  })

  it('answers 404 to comments of a /repositories id it never handed out', async () => {
    expect((await callGitHub('GET', '/repositories/12345/issues/7/comments')).status).toBe(404)
  })
})

describe('intercepts and recording', () => {
  it('lets an intercept answer a request to GitHub, leaving its comments alone, then hands back', async () => {
    let calls = 0
    const remove = github.intercept((_req, res, recorded) => {
      if (recorded.method !== 'POST' || calls++ > 0) return false
      res.writeHead(502, { 'Content-Type': 'text/html' })
      res.end('<html><body>Bad Gateway</body></html>')
      return true
    })
    const failed = await callGitHub('POST', listPath(7), { body: { body: 'x' } })
    expect(failed.status).toBe(502)
    expect(failed.text).toContain('Bad Gateway')
    expect(github.comments('acme', 'infra', 7)).toEqual([])
    expect((await callGitHub('POST', listPath(7), { body: { body: 'x' } })).status).toBe(201)
    remove()
    github.intercept(async () => {
      await new Promise(resolve => setTimeout(resolve, 5))
      return false
    })
    expect((await callGitHub('GET', listPath(7))).status).toBe(200)
    expect(github.requests).toHaveLength(3)
  })

  it('can simulate a secondary rate limit and dropped connections; clearIntercepts undoes it', async () => {
    github.intercept((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(403, { 'Content-Type': JSON_TYPE, 'Retry-After': '1' })
        res.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }))
        return true
      }
      res.socket?.destroy()
      return true
    })
    const limited = await callGitHub('POST', listPath(7), { body: { body: 'x' } })
    expect(limited.status).toBe(403)
    expect(limited.headers.get('retry-after')).toBe('1')
    // fetch's errors come from another realm under jest's VM modules: check the message only.
    await expect(fetch(`${github.url}${listPath(7)}`)).rejects.toThrow('fetch failed')
    github.clearIntercepts()
    expect((await callGitHub('GET', listPath(7))).status).toBe(200)
  })

  it('records every request to GitHub in order: token scheme, query, bodies, writes', async () => {
    const seeded = github.addComment('acme', 'infra', 7, 'seeded')
    await callGitHub('GET', `${listPath(7)}?per_page=100&since=2025-01-01T00%3A00%3A00Z`, {
      scheme: 'token'
    })
    await callGitHub('POST', listPath(7), { body: { body: 'new' } })
    await callGitHub('PATCH', commentPath(seeded.id), { body: { body: 'edited' } })
    await callGitHub('GET', '/nowhere', { token: null })
    expect(github.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/infra/issues/7/comments',
      'POST /repos/acme/infra/issues/7/comments',
      `PATCH /repos/acme/infra/issues/comments/${seeded.id}`,
      'GET /nowhere'
    ])
    const [list, post, patch, anonymous] = github.requests
    expect(list?.query).toEqual({ per_page: '100', since: '2025-01-01T00:00:00Z' })
    expect(list?.headers.authorization).toBe(`token ${github.token}`)
    expect(anonymous?.headers.authorization).toBeUndefined()
    expect(post?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(post?.body ?? '')).toEqual({ body: 'new' })
    expect(JSON.parse(patch?.body ?? '')).toEqual({ body: 'edited' })
    expect(typeof list?.time).toBe('number')
    expect(github.writes()).toEqual([post, patch])
  })
})

describe('event payloads', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-github-'))
  })

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('builds a minimal pull_request payload', () => {
    const event = pullRequestEvent(42)
    expect(event).toEqual({
      action: 'opened',
      number: 42,
      pull_request: {
        number: 42,
        state: 'open',
        html_url: 'https://github.com/acme/infra/pull/42',
        head: { ref: 'feature/pr-42', sha: expect.stringMatching(/^[0-9a-f]{40}$/) },
        base: { ref: 'main' }
      },
      repository: { name: 'infra', full_name: 'acme/infra', owner: { login: 'acme' } }
    })
    expect(pullRequestEvent(42).pull_request.head.sha).toBe(event.pull_request.head.sha)
    const other = pullRequestEvent(5, { owner: 'octo', repo: 'app' })
    expect(other.repository.full_name).toBe('octo/app')
    expect(other.pull_request.html_url).toBe('https://github.com/octo/app/pull/5')
    expect(other.pull_request.head.sha).not.toBe(event.pull_request.head.sha)
    expect(() => pullRequestEvent(0)).toThrow(/issue number/)
  })

  it('writes event.json for GITHUB_EVENT_PATH, creating the directory', () => {
    const file = writeEvent(join(dir, 'nested', 'deeper'), pullRequestEvent(7))
    expect(file).toBe(join(dir, 'nested', 'deeper', 'event.json'))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(pullRequestEvent(7))
  })
})
