// The fake GitHub API is only worth something if it behaves like the real one where a comment
// client can go wrong, so every rule the action's tests rely on is pinned here. This file:
// authentication, creating and updating comments, unknown routes, and seeding.
import { request } from 'node:http'
import { type GitHubComment, startFakeGitHub } from '../../test-kit/fake-github.mjs'
import { github, useFakeGitHub } from '../support/fake-github-per-test.js'
import {
  JSON_TYPE,
  callGitHub,
  commentPath,
  commentsOf,
  errorOf,
  listPath
} from '../support/github-calls.js'

useFakeGitHub()

describe('authentication and conventions', () => {
  it('listens on 127.0.0.1 and issues two distinct installation-style tokens', () => {
    expect(github.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(github.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/)
    expect(github.readOnlyToken).toMatch(/^ghs_[A-Za-z0-9]{36}$/)
    expect(github.token).not.toBe(github.readOnlyToken)
  })

  it.each([
    ['no Authorization header', null, 'Bearer'],
    ['an unknown token', 'ghs_nope', 'Bearer'],
    ['a Basic header', 'x', 'Basic'],
    ['an empty token', '', 'token']
  ])('answers 401 Bad credentials to %s', async (_label, token, scheme) => {
    const res = await callGitHub('GET', listPath(1), { token, scheme })
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    expect(errorOf(res)).toMatchObject({ message: 'Bad credentials', status: '401' })
    expect(errorOf(res).documentation_url).toMatch(/^https:\/\/docs\.github\.com\//)
  })

  it('answers 401 rather than 404 to an unauthenticated request for an unknown route', async () => {
    expect((await callGitHub('GET', '/nowhere', { token: null })).status).toBe(401)
  })

  it.each(['token', 'Bearer', 'bearer'])('accepts the "%s" scheme', async scheme => {
    const res = await callGitHub('GET', listPath(1), { scheme })
    expect(res.status).toBe(200)
    expect(res.json).toEqual([])
  })

  it('refuses a request without a User-Agent with a plain-text 403, as GitHub does', async () => {
    const reply = await new Promise<{ status?: number; type?: string; text: string }>(
      (resolve, reject) => {
        const req = request(`${github.url}${listPath(1)}`, {
          headers: { Authorization: `token ${github.token}` }
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
    const seeded = github.addComment('acme', 'infra', 7, 'existing')
    const list = await callGitHub('GET', listPath(7), { token: github.readOnlyToken })
    expect(list.status).toBe(200)
    expect(commentsOf(list)).toHaveLength(1)

    const post = await callGitHub('POST', listPath(7), {
      token: github.readOnlyToken,
      body: { body: 'new' }
    })
    const patch = await callGitHub('PATCH', commentPath(seeded.id), {
      token: github.readOnlyToken,
      body: { body: 'edited' }
    })
    for (const res of [post, patch]) {
      expect(res.status).toBe(403)
      expect(errorOf(res)).toMatchObject({
        message: 'Resource not accessible by integration',
        status: '403'
      })
      expect(errorOf(res).documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest\/issues/)
    }
    expect(github.comments('acme', 'infra', 7)).toEqual([seeded])
  })
})

describe('creating comments', () => {
  it('answers 201 with the comment, written by github-actions[bot]', async () => {
    const res = await callGitHub('POST', listPath(7), { body: { body: '<!-- marker -->\nhello' } })
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    const comment = res.json as GitHubComment
    expect(comment).toMatchObject({
      body: '<!-- marker -->\nhello',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      html_url: `https://github.com/acme/infra/pull/7#issuecomment-${comment.id}`,
      url: `${github.url}/repos/acme/infra/issues/comments/${comment.id}`,
      issue_url: `${github.url}/repos/acme/infra/issues/7`
    })
    expect(res.headers.get('location')).toBe(comment.url)
    // Real ids no longer fit in 32 bits; the fake's don't either.
    expect(comment.id).toBeGreaterThan(2 ** 31)
    expect(Number.isSafeInteger(comment.id)).toBe(true)
    expect(comment.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(comment.updated_at).toBe(comment.created_at)
    expect(github.comments('acme', 'infra', 7)).toEqual([
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
    await callGitHub('POST', listPath(1), { body: { body: 'on #1' } })
    await callGitHub('POST', listPath(2), { body: { body: 'on #2' } })
    await callGitHub('POST', listPath(1, 'acme/other'), { body: { body: 'elsewhere' } })
    await callGitHub('POST', listPath(1, 'ACME/Infra'), { body: { body: 'shouting' } })
    expect(github.comments('acme', 'infra', 1).map(c => c.body)).toEqual(['on #1', 'shouting'])
    expect(github.comments('Acme', 'INFRA', 2).map(c => c.body)).toEqual(['on #2'])
    expect(github.comments('acme', 'other', 1).map(c => c.body)).toEqual(['elsewhere'])
    expect(github.comments('acme', 'infra', 3)).toEqual([])
    // The spelling first seen is the one GitHub would report.
    const [, shouted] = commentsOf(await callGitHub('GET', listPath(1, 'ACME/INFRA')))
    expect(shouted?.html_url).toContain('/acme/infra/pull/1#')
  })

  it('creates a second comment for a second POST: there is no de-duplication', async () => {
    const bodies = await Promise.all(
      ['a', 'b'].map(body => callGitHub('POST', listPath(7), { body: { body } }))
    )
    expect(bodies.map(r => r.status)).toEqual([201, 201])
    expect(github.comments('acme', 'infra', 7)).toHaveLength(2)
  })

  it.each([
    ['no body field', {}, { code: 'missing_field', field: 'body' }],
    ['a null body', { body: null }, { code: 'missing_field', field: 'body' }],
    ['an empty body', { body: '' }, { code: 'custom', field: 'body' }],
    ['a blank body', { body: ' \n\t' }, { code: 'custom', field: 'body' }],
    ['a non-string body', { body: 42 }, { code: 'invalid', field: 'body' }],
    ['a JSON array', ['body'], { code: 'missing_field', field: 'body' }]
  ])('answers 422 Validation Failed to %s', async (_label, body, expected) => {
    const res = await callGitHub('POST', listPath(7), { body })
    expect(res.status).toBe(422)
    expect(errorOf(res)).toMatchObject({ message: 'Validation Failed', status: '422' })
    expect(errorOf(res).errors).toEqual([
      expect.objectContaining({ resource: 'IssueComment', ...expected })
    ])
    expect(github.comments('acme', 'infra', 7)).toEqual([])
  })

  it('answers 400 to a body that is not JSON', async () => {
    const res = await callGitHub('POST', listPath(7), { body: 'body=hello' })
    expect(res.status).toBe(400)
    expect(errorOf(res).message).toBe('Problems parsing JSON')
  })

  it('accepts 65536 characters and refuses one more, counting characters not UTF-16 units', async () => {
    const longest = '😀'.repeat(65536) // 131072 UTF-16 units, 65536 characters
    expect((await callGitHub('POST', listPath(7), { body: { body: longest } })).status).toBe(201)
    const res = await callGitHub('POST', listPath(7), { body: { body: 'x'.repeat(65537) } })
    expect(res.status).toBe(422)
    expect(errorOf(res).errors?.[0]?.message).toBe('Body is too long (maximum is 65536 characters)')
    expect(github.comments('acme', 'infra', 7)).toHaveLength(1)
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
    const theirs = github.addComment('acme', 'infra', 7, 'theirs', 'alice')
    const res = await callGitHub('PATCH', commentPath(theirs.id), { body: { body: 'mine now' } })
    expect(res.status).toBe(200)
    expect(github.comments('acme', 'infra', 7)[0]).toMatchObject({
      body: 'mine now',
      user: { login: 'alice' }
    })
  })

  it('answers 404 to an unknown id, or an id from another repository', async () => {
    const elsewhere = github.addComment('acme', 'other', 7, 'elsewhere')
    for (const path of [commentPath(elsewhere.id + 1000), commentPath(elsewhere.id)]) {
      const res = await callGitHub('PATCH', path, { body: { body: 'x' } })
      expect(res.status).toBe(404)
      expect(errorOf(res)).toMatchObject({ message: 'Not Found', status: '404' })
    }
    expect(github.comments('acme', 'other', 7)).toEqual([elsewhere])
  })

  it('answers 422 to an edit with no body, leaving the comment alone', async () => {
    const seeded = github.addComment('acme', 'infra', 7, 'keep me')
    for (const body of [{}, { body: '' }]) {
      const res = await callGitHub('PATCH', commentPath(seeded.id), { body })
      expect(res.status).toBe(422)
      expect(errorOf(res).message).toBe('Validation Failed')
    }
    expect(github.comments('acme', 'infra', 7)).toEqual([seeded])
  })
})

describe('unknown routes', () => {
  it.each([
    ['GET', '/'],
    ['POST', '/user'],
    ['DELETE', '/repos/acme/infra/issues/7'],
    ['PUT', '/repos/acme/infra/issues'],
    ['GET', '/repos/acme/infra/issues/7/'],
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
    const res = await callGitHub(method, path, {
      body: method === 'GET' ? undefined : { body: 'x' }
    })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe(JSON_TYPE)
    expect(errorOf(res)).toMatchObject({ message: 'Not Found', status: '404' })
  })
})

describe('seeding and snapshots', () => {
  it('refuses to seed what GitHub would never hold', () => {
    expect(() => github.addComment('acme', 'infra', 0, 'x')).toThrow(/issue number/)
    expect(() => github.addComment('acme', 'infra', 1.5, 'x')).toThrow(/issue number/)
    expect(() => github.addComment('ac/me', 'infra', 1, 'x')).toThrow(/owner/)
    expect(() => github.addComment('acme', 'in fra', 1, 'x')).toThrow(/repository/)
    expect(() => github.addComment('acme', 'infra', 1, '  ')).toThrow(/non-blank/)
    expect(() => github.addComment('acme', 'infra', 1, 'x'.repeat(65537))).toThrow(/65536/)
    expect(github.comments('acme', 'infra', 1)).toEqual([])
  })

  it('hands out snapshots that do not alias its state', () => {
    const seeded = github.addComment('acme', 'infra', 7, 'original')
    seeded.body = 'changed'
    const [snap] = github.comments('acme', 'infra', 7)
    expect(snap?.body).toBe('original')
    if (snap) snap.user.login = 'mallory'
    expect(github.comments('acme', 'infra', 7)[0]?.user.login).toBe('someone-else')
  })
})

describe('deleting a comment', () => {
  it('answers 204 with no body, and the comment is gone', async () => {
    const comment = github.addComment('acme', 'infra', 1, 'to remove', 'github-actions[bot]')
    const res = await callGitHub('DELETE', commentPath(comment.id))
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(github.comments('acme', 'infra', 1)).toEqual([])
    expect((await callGitHub('DELETE', commentPath(comment.id))).status).toBe(404)
  })

  it('refuses a read-only token with 403, keeping the comment', async () => {
    const comment = github.addComment('acme', 'infra', 1, 'keep', 'github-actions[bot]')
    const res = await callGitHub('DELETE', commentPath(comment.id), {
      token: github.readOnlyToken
    })
    expect(res.status).toBe(403)
    expect(github.comments('acme', 'infra', 1)).toHaveLength(1)
  })
})
