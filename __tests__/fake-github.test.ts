// The fake GitHub API is only worth something if it behaves like the real one where a comment
// client can go wrong, so every rule the action's tests rely on is pinned here.
import { request } from 'node:http'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  pullRequestEvent,
  startFakeGitHub,
  writeEvent,
  type FakeGitHub,
  type GitHubComment,
  type GitHubError
} from './support/fake-github.mjs'

const JSON_TYPE = 'application/json; charset=utf-8'

interface Reply {
  status: number
  headers: Headers
  text: string
  json: unknown
}

let fake: FakeGitHub

beforeEach(async () => {
  fake = await startFakeGitHub()
})

afterEach(async () => {
  await fake.close()
})

async function call(
  method: string,
  path: string,
  options: {
    token?: string | null
    scheme?: string
    body?: unknown
    headers?: Record<string, string>
  } = {}
): Promise<Reply> {
  const token = options.token === undefined ? fake.token : options.token
  const headers = new Headers(options.headers)
  if (token !== null) headers.set('Authorization', `${options.scheme ?? 'Bearer'} ${token}`)
  let body: string | undefined
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const url = path.startsWith('http') ? path : `${fake.url}${path}`
  const res = await fetch(url, { method, headers, body })
  const text = await res.text()
  const isJson = res.headers.get('content-type') === JSON_TYPE && text !== ''
  return { status: res.status, headers: res.headers, text, json: isJson ? JSON.parse(text) : null }
}

const listPath = (n: number, repo = 'acme/infra'): string => `/repos/${repo}/issues/${n}/comments`
const commentPath = (id: number, repo = 'acme/infra'): string =>
  `/repos/${repo}/issues/comments/${id}`

function error(reply: Reply): GitHubError {
  return reply.json as GitHubError
}

function comments(reply: Reply): GitHubComment[] {
  return reply.json as GitHubComment[]
}

// GitHub's Link header: `<url>; rel="next", <url>; rel="last"`.
function links(reply: Reply): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (reply.headers.get('link') ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part)
    if (m?.[1] && m[2]) out[m[2]] = m[1]
  }
  return out
}

function seed(count: number, n = 7): void {
  for (let i = 1; i <= count; i++) fake.addComment('acme', 'infra', n, `unrelated comment ${i}`)
}

describe('authentication and conventions', () => {
  it('listens on 127.0.0.1 and issues two distinct installation-style tokens', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(fake.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/)
    expect(fake.readOnlyToken).toMatch(/^ghs_[A-Za-z0-9]{36}$/)
    expect(fake.token).not.toBe(fake.readOnlyToken)
  })

  it.each([
    ['no Authorization header', null, 'Bearer'],
    ['an unknown token', 'ghs_nope', 'Bearer'],
    ['a Basic header', 'x', 'Basic'],
    ['an empty token', '', 'token']
  ])('answers 401 Bad credentials to %s', async (_label, token, scheme) => {
    const res = await call('GET', listPath(1), { token, scheme })
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    expect(error(res)).toMatchObject({ message: 'Bad credentials', status: '401' })
    expect(error(res).documentation_url).toMatch(/^https:\/\/docs\.github\.com\//)
  })

  it('answers 401 rather than 404 to an unauthenticated request for an unknown route', async () => {
    expect((await call('GET', '/nowhere', { token: null })).status).toBe(401)
  })

  it.each(['token', 'Bearer', 'bearer'])('accepts the "%s" scheme', async scheme => {
    const res = await call('GET', listPath(1), { scheme })
    expect(res.status).toBe(200)
    expect(res.json).toEqual([])
  })

  it('refuses a request without a User-Agent with a plain-text 403, as GitHub does', async () => {
    const reply = await new Promise<{ status?: number; type?: string; text: string }>(
      (resolve, reject) => {
        const req = request(`${fake.url}${listPath(1)}`, {
          headers: { Authorization: `token ${fake.token}` }
        })
        req.on('error', reject)
        req.on('response', res => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', chunk => (text += chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode, type: res.headers['content-type'], text })
          )
        })
        req.end()
      }
    )
    expect(reply.status).toBe(403)
    expect(reply.type).toMatch(/^text\/plain/)
    expect(reply.text).toContain('User-Agent')
  })

  it('can be told not to insist on a User-Agent', async () => {
    const relaxed = await startFakeGitHub({ requireUserAgent: false })
    try {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${relaxed.url}${listPath(1)}`, {
          headers: { Authorization: `token ${relaxed.token}` }
        })
        req.on('error', reject)
        req.on('response', res => {
          res.resume()
          resolve(res.statusCode)
        })
        req.end()
      })
      expect(status).toBe(200)
    } finally {
      await relaxed.close()
    }
  })

  it('lets the read-only token list but answers 403 to its writes, changing nothing', async () => {
    const seeded = fake.addComment('acme', 'infra', 7, 'existing')
    const list = await call('GET', listPath(7), { token: fake.readOnlyToken })
    expect(list.status).toBe(200)
    expect(comments(list)).toHaveLength(1)

    const post = await call('POST', listPath(7), {
      token: fake.readOnlyToken,
      body: { body: 'new' }
    })
    const patch = await call('PATCH', commentPath(seeded.id), {
      token: fake.readOnlyToken,
      body: { body: 'edited' }
    })
    for (const res of [post, patch]) {
      expect(res.status).toBe(403)
      expect(error(res)).toMatchObject({
        message: 'Resource not accessible by integration',
        status: '403'
      })
      expect(error(res).documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest\/issues/)
    }
    expect(fake.comments('acme', 'infra', 7)).toEqual([seeded])
  })
})

describe('creating comments', () => {
  it('answers 201 with the comment, written by github-actions[bot]', async () => {
    const res = await call('POST', listPath(7), { body: { body: '<!-- marker -->\nhello' } })
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    const comment = res.json as GitHubComment
    expect(comment).toMatchObject({
      body: '<!-- marker -->\nhello',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      html_url: `https://github.com/acme/infra/pull/7#issuecomment-${comment.id}`,
      url: `${fake.url}/repos/acme/infra/issues/comments/${comment.id}`,
      issue_url: `${fake.url}/repos/acme/infra/issues/7`
    })
    expect(res.headers.get('location')).toBe(comment.url)
    // Real ids no longer fit in 32 bits; the fake's don't either.
    expect(comment.id).toBeGreaterThan(2 ** 31)
    expect(Number.isSafeInteger(comment.id)).toBe(true)
    expect(comment.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(comment.updated_at).toBe(comment.created_at)
    expect(fake.comments('acme', 'infra', 7)).toEqual([
      {
        id: comment.id,
        body: comment.body,
        user: { login: 'github-actions[bot]' },
        created_at: comment.created_at,
        updated_at: comment.updated_at
      }
    ])
  })

  it('keeps issues and repositories apart, and treats names case-insensitively', async () => {
    await call('POST', listPath(1), { body: { body: 'on #1' } })
    await call('POST', listPath(2), { body: { body: 'on #2' } })
    await call('POST', listPath(1, 'acme/other'), { body: { body: 'elsewhere' } })
    await call('POST', listPath(1, 'ACME/Infra'), { body: { body: 'shouting' } })
    expect(fake.comments('acme', 'infra', 1).map(c => c.body)).toEqual(['on #1', 'shouting'])
    expect(fake.comments('Acme', 'INFRA', 2).map(c => c.body)).toEqual(['on #2'])
    expect(fake.comments('acme', 'other', 1).map(c => c.body)).toEqual(['elsewhere'])
    expect(fake.comments('acme', 'infra', 3)).toEqual([])
    // The spelling first seen is the one GitHub would report.
    const [, shouted] = comments(await call('GET', listPath(1, 'ACME/INFRA')))
    expect(shouted?.html_url).toContain('/acme/infra/pull/1#')
  })

  it('creates a second comment for a second POST: there is no de-duplication', async () => {
    const bodies = await Promise.all(
      ['a', 'b'].map(body => call('POST', listPath(7), { body: { body } }))
    )
    expect(bodies.map(r => r.status)).toEqual([201, 201])
    expect(fake.comments('acme', 'infra', 7)).toHaveLength(2)
  })

  it.each([
    ['no body field', {}, { code: 'missing_field', field: 'body' }],
    ['a null body', { body: null }, { code: 'missing_field', field: 'body' }],
    ['an empty body', { body: '' }, { code: 'custom', field: 'body' }],
    ['a blank body', { body: ' \n\t' }, { code: 'custom', field: 'body' }],
    ['a non-string body', { body: 42 }, { code: 'invalid', field: 'body' }],
    ['a JSON array', ['body'], { code: 'missing_field', field: 'body' }]
  ])('answers 422 Validation Failed to %s', async (_label, body, expected) => {
    const res = await call('POST', listPath(7), { body })
    expect(res.status).toBe(422)
    expect(error(res)).toMatchObject({ message: 'Validation Failed', status: '422' })
    expect(error(res).errors).toEqual([
      expect.objectContaining({ resource: 'IssueComment', ...expected })
    ])
    expect(fake.comments('acme', 'infra', 7)).toEqual([])
  })

  it('answers 400 to a body that is not JSON', async () => {
    const res = await call('POST', listPath(7), { body: 'body=hello' })
    expect(res.status).toBe(400)
    expect(error(res).message).toBe('Problems parsing JSON')
  })

  it('accepts 65536 characters and refuses one more, counting characters not UTF-16 units', async () => {
    const longest = '😀'.repeat(65536) // 131072 UTF-16 units, 65536 characters
    expect((await call('POST', listPath(7), { body: { body: longest } })).status).toBe(201)
    const res = await call('POST', listPath(7), { body: { body: 'x'.repeat(65537) } })
    expect(res.status).toBe(422)
    expect(error(res).errors?.[0]?.message).toBe('Body is too long (maximum is 65536 characters)')
    expect(fake.comments('acme', 'infra', 7)).toHaveLength(1)
  })

  it('takes the author and limit from its options', async () => {
    const custom = await startFakeGitHub({
      botLogin: 'my-app[bot]',
      serverUrl: 'https://ghe.example.com/',
      maxBodyLength: 10
    })
    try {
      const post = (body: string): Promise<Response> =>
        fetch(`${custom.url}${listPath(3)}`, {
          method: 'POST',
          headers: { Authorization: `token ${custom.token}` },
          body: JSON.stringify({ body })
        })
      const created = (await (await post('ten chars!')).json()) as GitHubComment
      expect(created.user).toMatchObject({ login: 'my-app[bot]', type: 'Bot' })
      expect(created.html_url).toMatch(/^https:\/\/ghe\.example\.com\/acme\/infra\/pull\/3#/)
      expect((await post('eleven char')).status).toBe(422)
    } finally {
      await custom.close()
    }
  })
})

describe('listing comments', () => {
  it('answers an empty array, without a Link header, for an issue with no comments', async () => {
    const res = await call('GET', listPath(99))
    expect(res.status).toBe(200)
    expect(res.json).toEqual([])
    expect(res.headers.get('link')).toBeNull()
  })

  it('lists oldest first with the API representation, seeded authors included', async () => {
    fake.addComment('acme', 'infra', 7, 'first', 'alice')
    fake.addComment('acme', 'infra', 7, 'second')
    await call('POST', listPath(7), { body: { body: 'third' } })
    const res = await call('GET', listPath(7))
    expect(res.headers.get('link')).toBeNull()
    const list = comments(res)
    expect(list.map(c => [c.body, c.user.login, c.user.type])).toEqual([
      ['first', 'alice', 'User'],
      ['second', 'someone-else', 'User'],
      ['third', 'github-actions[bot]', 'Bot']
    ])
    expect(list.map(c => c.id)).toEqual([...list.map(c => c.id)].sort((a, b) => a - b))
    expect(list.map(c => c.id)).toEqual(fake.comments('acme', 'infra', 7).map(c => c.id))
  })

  it('pages 250 comments 30 at a time by default', async () => {
    seed(250)
    const first = await call('GET', listPath(7))
    expect(comments(first)).toHaveLength(30)
    expect(comments(first)[0]?.body).toBe('unrelated comment 1')
    expect(Object.keys(links(first))).toEqual(['next', 'last'])
    expect(new URL(links(first).last ?? '').searchParams.get('page')).toBe('9')
    const last = await call('GET', `${listPath(7)}?page=9`)
    expect(comments(last).map(c => c.body)).toEqual(
      Array.from({ length: 10 }, (_, i) => `unrelated comment ${241 + i}`)
    )
  })

  it('writes a GitHub-style Link header with absolute URLs on the fake', async () => {
    seed(250)
    const page1 = await call('GET', `${listPath(7)}?per_page=100`)
    const link1 = links(page1)
    expect(Object.keys(link1)).toEqual(['next', 'last'])
    const next = new URL(link1.next ?? '')
    expect(next.origin).toBe(fake.url)
    // Like GitHub, the links name the repository by id and keep the caller's per_page.
    expect(next.pathname).toMatch(/^\/repositories\/\d+\/issues\/7\/comments$/)
    expect(Object.fromEntries(next.searchParams)).toEqual({ per_page: '100', page: '2' })
    expect(page1.headers.get('link')).toBe(
      `<${link1.next}>; rel="next", <${link1.last}>; rel="last"`
    )

    const page2 = await call('GET', link1.next ?? '')
    expect(comments(page2)).toHaveLength(100)
    const link2 = links(page2)
    expect(Object.keys(link2)).toEqual(['prev', 'next', 'last', 'first'])
    expect(new URL(link2.prev ?? '').searchParams.get('page')).toBe('1')
    expect(new URL(link2.first ?? '').searchParams.get('page')).toBe('1')
    expect(new URL(link2.last ?? '').searchParams.get('page')).toBe('3')

    const page3 = await call('GET', link2.next ?? '')
    expect(comments(page3)).toHaveLength(50)
    expect(Object.keys(links(page3))).toEqual(['prev', 'first'])
    expect(links(page3).next).toBeUndefined()
  })

  it('returns every comment exactly once to a client that follows rel="next"', async () => {
    seed(250)
    fake.addComment('acme', 'infra', 7, '<!-- marker -->\nours', 'github-actions[bot]')
    const seen: GitHubComment[] = []
    let url: string | undefined = `${listPath(7)}?per_page=100`
    while (url) {
      const res = await call('GET', url)
      expect(res.status).toBe(200)
      seen.push(...comments(res))
      url = links(res).next
    }
    expect(seen).toHaveLength(251)
    expect(new Set(seen.map(c => c.id)).size).toBe(251)
    expect(seen.at(-1)?.body).toBe('<!-- marker -->\nours')
  })

  it('caps per_page at 100 and falls back to the defaults for nonsense', async () => {
    seed(250)
    expect(comments(await call('GET', `${listPath(7)}?per_page=500`))).toHaveLength(100)
    expect(comments(await call('GET', `${listPath(7)}?per_page=0`))).toHaveLength(30)
    expect(comments(await call('GET', `${listPath(7)}?per_page=abc`))).toHaveLength(30)
    const page0 = await call('GET', `${listPath(7)}?page=0`)
    expect(comments(page0)[0]?.body).toBe('unrelated comment 1')
  })

  it('answers an empty page past the end, linking back', async () => {
    seed(5)
    const res = await call('GET', `${listPath(7)}?page=4`)
    expect(res.status).toBe(200)
    expect(res.json).toEqual([])
    expect(Object.keys(links(res))).toEqual(['prev', 'first'])
  })

  it('answers 404 to a /repositories id it never handed out', async () => {
    expect((await call('GET', '/repositories/12345/issues/7/comments')).status).toBe(404)
  })
})

describe('updating comments', () => {
  it('answers 200 with the edited comment and moves updated_at only', async () => {
    let clock = Date.parse('2025-03-01T10:00:00.123Z')
    const timed = await startFakeGitHub({ now: () => clock })
    try {
      const seeded = timed.addComment('acme', 'infra', 7, 'old', 'github-actions[bot]')
      expect(seeded.created_at).toBe('2025-03-01T10:00:00Z')
      clock += 90_000
      const res = await fetch(`${timed.url}${commentPath(seeded.id)}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${timed.token}` },
        body: JSON.stringify({ body: 'new' })
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(JSON_TYPE)
      expect(await res.json()).toMatchObject({
        id: seeded.id,
        body: 'new',
        created_at: '2025-03-01T10:00:00Z',
        updated_at: '2025-03-01T10:01:30Z'
      })
      expect(timed.comments('acme', 'infra', 7)).toEqual([
        { ...seeded, body: 'new', updated_at: '2025-03-01T10:01:30Z' }
      ])
    } finally {
      await timed.close()
    }
  })

  it("may edit someone else's comment, as a token with write access can", async () => {
    const theirs = fake.addComment('acme', 'infra', 7, 'theirs', 'alice')
    const res = await call('PATCH', commentPath(theirs.id), { body: { body: 'mine now' } })
    expect(res.status).toBe(200)
    expect(fake.comments('acme', 'infra', 7)[0]).toMatchObject({
      body: 'mine now',
      user: { login: 'alice' }
    })
  })

  it('answers 404 to an unknown id, or an id from another repository', async () => {
    const elsewhere = fake.addComment('acme', 'other', 7, 'elsewhere')
    for (const path of [commentPath(elsewhere.id + 1000), commentPath(elsewhere.id)]) {
      const res = await call('PATCH', path, { body: { body: 'x' } })
      expect(res.status).toBe(404)
      expect(error(res)).toMatchObject({ message: 'Not Found', status: '404' })
    }
    expect(fake.comments('acme', 'other', 7)).toEqual([elsewhere])
  })

  it('answers 422 to an edit with no body, leaving the comment alone', async () => {
    const seeded = fake.addComment('acme', 'infra', 7, 'keep me')
    for (const body of [{}, { body: '' }]) {
      const res = await call('PATCH', commentPath(seeded.id), { body })
      expect(res.status).toBe(422)
      expect(error(res).message).toBe('Validation Failed')
    }
    expect(fake.comments('acme', 'infra', 7)).toEqual([seeded])
  })
})

describe('unknown routes', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/user'],
    ['GET', '/repos/acme/infra/issues/comments/2400000001'],
    ['DELETE', '/repos/acme/infra/issues/comments/2400000001'],
    ['PUT', '/repos/acme/infra/issues/7/comments'],
    ['GET', '/repos/acme/infra/issues/seven/comments'],
    ['GET', '/repos/acme/infra/issues/0/comments'],
    ['GET', '/repos/acme/infra/issues/7/comments/'],
    ['GET', '/repos/-acme/infra/issues/7/comments'],
    ['GET', '/api/v3/repos/acme/infra/issues/7/comments'],
    ['PATCH', '/repos/acme/infra/issues/comments/abc']
  ])('answers 404 Not Found to %s %s', async (method, path) => {
    const res = await call(method, path, { body: method === 'GET' ? undefined : { body: 'x' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    expect(error(res)).toMatchObject({ message: 'Not Found', status: '404' })
  })
})

describe('seeding and snapshots', () => {
  it('refuses to seed what GitHub would never hold', () => {
    expect(() => fake.addComment('acme', 'infra', 0, 'x')).toThrow(/issue number/)
    expect(() => fake.addComment('acme', 'infra', 1.5, 'x')).toThrow(/issue number/)
    expect(() => fake.addComment('ac/me', 'infra', 1, 'x')).toThrow(/owner/)
    expect(() => fake.addComment('acme', 'in fra', 1, 'x')).toThrow(/repository/)
    expect(() => fake.addComment('acme', 'infra', 1, '  ')).toThrow(/non-blank/)
    expect(() => fake.addComment('acme', 'infra', 1, 'x'.repeat(65537))).toThrow(/65536/)
    expect(fake.comments('acme', 'infra', 1)).toEqual([])
  })

  it('hands out snapshots that do not alias its state', () => {
    const seeded = fake.addComment('acme', 'infra', 7, 'original')
    seeded.body = 'changed'
    const [snap] = fake.comments('acme', 'infra', 7)
    expect(snap?.body).toBe('original')
    if (snap) snap.user.login = 'mallory'
    expect(fake.comments('acme', 'infra', 7)[0]?.user.login).toBe('someone-else')
  })
})

describe('intercepts and recording', () => {
  it('lets an intercept answer a request, then hands back to normal routing', async () => {
    let calls = 0
    const remove = fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'POST' || calls++ > 0) return false
      res.writeHead(502, { 'Content-Type': 'text/html' })
      res.end('<html><body>Bad Gateway</body></html>')
      return true
    })
    const failed = await call('POST', listPath(7), { body: { body: 'x' } })
    expect(failed.status).toBe(502)
    expect(failed.text).toContain('Bad Gateway')
    expect(fake.comments('acme', 'infra', 7)).toEqual([])
    expect((await call('POST', listPath(7), { body: { body: 'x' } })).status).toBe(201)
    remove()
    fake.intercept(async () => {
      await new Promise(resolve => setTimeout(resolve, 5))
      return false
    })
    expect((await call('GET', listPath(7))).status).toBe(200)
    expect(fake.requests).toHaveLength(3)
  })

  it('can simulate a secondary rate limit and dropped connections; clearIntercepts undoes it', async () => {
    fake.intercept((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(403, { 'Content-Type': JSON_TYPE, 'Retry-After': '1' })
        res.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit.' }))
        return true
      }
      res.socket?.destroy()
      return true
    })
    const limited = await call('POST', listPath(7), { body: { body: 'x' } })
    expect(limited.status).toBe(403)
    expect(limited.headers.get('retry-after')).toBe('1')
    // fetch's errors come from another realm under jest's VM modules: check the message only.
    await expect(fetch(`${fake.url}${listPath(7)}`)).rejects.toThrow('fetch failed')
    fake.clearIntercepts()
    expect((await call('GET', listPath(7))).status).toBe(200)
  })

  it('closes promptly even with a request parked by a hanging intercept', async () => {
    const hung = await startFakeGitHub()
    hung.intercept(() => true)
    const pending = fetch(`${hung.url}${listPath(1)}`).catch((reason: unknown) => reason)
    while (hung.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 5))
    const started = Date.now()
    await hung.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await pending).toHaveProperty('message', 'fetch failed')
  })

  it('records every request in order, with decoded query, headers and body', async () => {
    const seeded = fake.addComment('acme', 'infra', 7, 'seeded')
    await call('GET', `${listPath(7)}?per_page=100&since=2025-01-01T00%3A00%3A00Z`, {
      scheme: 'token'
    })
    await call('POST', listPath(7), { body: { body: 'new' } })
    await call('PATCH', commentPath(seeded.id), { body: { body: 'edited' } })
    await call('GET', '/nowhere', { token: null })
    expect(fake.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/infra/issues/7/comments',
      'POST /repos/acme/infra/issues/7/comments',
      `PATCH /repos/acme/infra/issues/comments/${seeded.id}`,
      'GET /nowhere'
    ])
    const [list, post, patch, anonymous] = fake.requests
    expect(list?.query).toEqual({ per_page: '100', since: '2025-01-01T00:00:00Z' })
    expect(list?.headers.authorization).toBe(`token ${fake.token}`)
    expect(anonymous?.headers.authorization).toBeUndefined()
    expect(post?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(post?.body ?? '')).toEqual({ body: 'new' })
    expect(JSON.parse(patch?.body ?? '')).toEqual({ body: 'edited' })
    expect(typeof list?.time).toBe('number')
    expect(fake.writes()).toEqual([post, patch])
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
