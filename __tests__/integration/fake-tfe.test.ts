// The fake is only worth something if it behaves like the documented API (tfe-api.md), so it
// gets tests of its own: every rule the action's tests rely on is pinned here. This file: the
// API's conventions (auth, 401 vs 404), organizations and their pagination, and the recording
// and intercepts the fault tests build on.
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  type Document,
  JSON_API,
  type Resource,
  admin,
  callTfe,
  resources,
  seedBody,
  seedProducer
} from '../support/tfe-calls.js'

useFakeTfe()

describe('conventions', () => {
  it('answers /ping without auth, with the rate limit and version headers', async () => {
    const res = await callTfe('GET', '/api/v2/ping', { token: null })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(res.headers.get('x-ratelimit-limit')).toBe('30')
    expect(res.headers.get('x-tfe-version')).toBe('v202501-1')
  })

  it.each([
    ['no token', null],
    ['an unknown token', 'tfe-admin.nope']
  ])('answers 401 to %s', async (_label, token) => {
    const res = await callTfe('GET', admin('/anything'), { token })
    expect(res.status).toBe(401)
    expect(res.doc).toEqual({ errors: [{ status: '401', title: 'unauthorized' }] })
    expect(res.headers.get('content-type')).toBe(JSON_API)
  })

  it('answers 401 to a non-Bearer authorization header', async () => {
    const res = await callTfe('GET', '/api/v2/account/details', {
      token: null,
      headers: { Authorization: `Basic ${fake.adminToken}` }
    })
    expect(res.status).toBe(401)
  })

  it('issues two distinct, long tokens', () => {
    expect(fake.adminToken).not.toBe(fake.userToken)
    expect(fake.adminToken.length).toBeGreaterThan(40)
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('tells site admins from other users in /account/details', async () => {
    const asAdmin = await callTfe('GET', '/api/v2/account/details')
    const asUser = await callTfe('GET', '/api/v2/account/details', { token: fake.userToken })
    const attributes = (doc: Document): Record<string, unknown> => (doc.data as Resource).attributes
    expect(asAdmin.status).toBe(200)
    expect((asAdmin.doc.data as Resource).type).toBe('users')
    expect((asAdmin.doc.data as Resource).id).toMatch(/^user-/)
    expect(attributes(asAdmin.doc)['is-site-admin']).toBe(true)
    expect(attributes(asUser.doc)['is-site-admin']).toBe(false)
  })

  it('hides every admin route from a non-admin token behind 404', async () => {
    const { b } = seedProducer()
    const token = fake.userToken
    const tries = await Promise.all([
      callTfe('GET', admin('/producer'), { token }),
      callTfe('GET', admin(''), { token }),
      callTfe('PATCH', admin('/producer/module-consumers'), { token, body: seedBody([b]) }),
      callTfe('GET', admin('/producer/relationships/module-consumers'), { token }),
      callTfe('PATCH', admin('/producer/relationships/module-consumers'), {
        token,
        body: { data: [] }
      })
    ])
    for (const res of tries) {
      expect(res.status).toBe(404)
      expect(res.doc).toEqual({ errors: [{ status: '404', title: 'not found' }] })
    }
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it('answers 404 to unknown routes and methods', async () => {
    expect((await callTfe('GET', '/api/v2/nope')).status).toBe(404)
    expect((await callTfe('DELETE', admin('/producer'))).status).toBe(404)
    expect((await callTfe('GET', '/not-the-api')).status).toBe(404)
  })
})

describe('organizations', () => {
  it('shows an organization by name, with its external id', async () => {
    const org = fake.addOrganization({ name: 'my-org', globalProviderSharing: true })
    expect(org.externalId).toMatch(/^org-[1-9A-HJ-NP-Za-km-z]{16}$/)
    const res = await callTfe('GET', admin('/my-org'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(JSON_API)
    const data = res.doc.data as Resource
    expect(data.id).toBe('my-org')
    expect(data.type).toBe('organizations')
    expect(data.attributes).toMatchObject({
      name: 'my-org',
      'external-id': org.externalId,
      'global-module-sharing': false,
      'global-provider-sharing': true,
      email: 'my-org@example.com'
    })
  })

  it('answers 404 for an unknown organization', async () => {
    const res = await callTfe('GET', admin('/missing'))
    expect(res.status).toBe(404)
    expect(res.doc).toEqual({ errors: [{ status: '404', title: 'not found' }] })
  })

  it('paginates the list with top-level links and meta', async () => {
    fake.addOrganizations(250)
    const seen: string[] = []
    let next: string | null | undefined = admin('?page[size]=100')
    const metas: Record<string, number | null>[] = []
    while (next) {
      const res = await callTfe('GET', next)
      expect(res.status).toBe(200)
      seen.push(...resources(res.doc).map(r => r.id))
      metas.push(res.doc.meta?.pagination ?? {})
      next = res.doc.links?.next
    }
    expect(seen).toHaveLength(250)
    expect(seen[0]).toBe('org-0001')
    expect(seen[249]).toBe('org-0250')
    expect(metas).toHaveLength(3)
    expect(metas[2]).toEqual({
      'current-page': 3,
      'page-size': 100,
      'prev-page': 2,
      'next-page': null,
      'total-pages': 3,
      'total-count': 250
    })
    expect(metas[0]).toMatchObject({ 'current-page': 1, 'prev-page': null, 'next-page': 2 })
  })

  it('links to the same list with page parameters, and null next on the last page', async () => {
    fake.addOrganizations(250)
    const last = await callTfe('GET', admin('?page[number]=3&page[size]=100'))
    expect(resources(last.doc)).toHaveLength(50)
    const links = last.doc.links ?? {}
    expect(links.next).toBeNull()
    expect(links.prev).toBe(`${fake.url}${admin('')}?page%5Bnumber%5D=2&page%5Bsize%5D=100`)
    expect(links.first).toContain('page%5Bnumber%5D=1')
    expect(links.last).toContain('page%5Bnumber%5D=3')
    expect(links.self).toContain('page%5Bnumber%5D=3')
  })

  it('defaults to 20 a page, clamps the size to 100, and reads past the end as empty', async () => {
    fake.addOrganizations(150)
    const first = await callTfe('GET', admin(''))
    expect(resources(first.doc)).toHaveLength(20)
    expect(first.doc.meta?.pagination['total-pages']).toBe(8)
    const clamped = await callTfe('GET', admin('?page[size]=500'))
    expect(resources(clamped.doc)).toHaveLength(100)
    expect(clamped.doc.meta?.pagination['page-size']).toBe(100)
    const beyond = await callTfe('GET', admin('?page[number]=9&page[size]=100'))
    expect(resources(beyond.doc)).toEqual([])
    expect(beyond.doc.links?.next).toBeNull()
  })

  it('filters with q[name] and q as case-insensitive substrings, keeping them in links', async () => {
    fake.addOrganizations(30, 'team')
    fake.addOrganization({ name: 'Platform-Team' })
    fake.addOrganization({ name: 'platform' })
    fake.addOrganization({ name: 'other' })
    const byName = await callTfe('GET', admin('?q[name]=PLATFORM'))
    expect(resources(byName.doc).map(r => r.id)).toEqual(['Platform-Team', 'platform'])
    const byQ = await callTfe('GET', admin('?q=team&page[size]=25'))
    expect(byQ.doc.meta?.pagination['total-count']).toBe(31)
    expect(byQ.doc.links?.next).toContain('q=team')
  })

  it('lists 5,000 organizations', async () => {
    const created = fake.addOrganizations(5000)
    expect(created).toHaveLength(5000)
    expect(new Set(created.map(o => o.externalId)).size).toBe(5000)
    const res = await callTfe('GET', admin('?page[number]=50&page[size]=100'))
    expect(resources(res.doc).at(-1)?.id).toBe('org-5000')
  })

  it('rejects duplicate names, invalid names and impossible seed states', () => {
    fake.addOrganization({ name: 'taken' })
    expect(() => fake.addOrganization({ name: 'taken' })).toThrow(/already exists/)
    expect(() => fake.addOrganization({ name: 'org-939hp5K7kecppVmd' })).toThrow(/invalid/)
    expect(() => fake.addOrganization({ name: 'has space' })).toThrow(/invalid/)
    expect(() => fake.addOrganization({ name: 'p', moduleConsumers: ['nobody'] })).toThrow(
      /unknown consumer/
    )
    expect(() =>
      fake.addOrganization({ name: 'p', globalModuleSharing: true, moduleConsumers: ['taken'] })
    ).toThrow(/both/)
    expect(fake.org('p')).toBeUndefined()
  })
})

describe('intercepts and recording', () => {
  it('lets an intercept answer a request, then hands back to normal routing', async () => {
    seedProducer()
    let calls = 0
    const remove = fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'GET' || calls++ > 0) return false
      res.writeHead(429, { 'Content-Type': JSON_API, 'X-RateLimit-Reset': '0.1' })
      res.end(JSON.stringify({ errors: [{ status: 429, title: 'Too many requests' }] }))
      return true
    })
    const limited = await callTfe('GET', admin('/producer'))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-ratelimit-reset')).toBe('0.1')
    expect((await callTfe('GET', admin('/producer'))).status).toBe(200)
    remove()
    fake.intercept(async () => {
      await new Promise(resolve => setTimeout(resolve, 5))
      return false
    })
    expect((await callTfe('GET', admin('/producer'))).status).toBe(200)
    expect(fake.requests).toHaveLength(3)
  })

  it('can drop connections and serve HTML, and clearIntercepts restores normal service', async () => {
    seedProducer()
    fake.intercept((req, res) => {
      if (req.url?.endsWith('/producer')) {
        res.writeHead(502, { 'Content-Type': 'text/html' })
        res.end('<html><body>Bad Gateway</body></html>')
        return true
      }
      res.socket?.destroy()
      return true
    })
    const html = await fetch(`${fake.url}${admin('/producer')}`)
    expect(html.status).toBe(502)
    expect(await html.text()).toContain('Bad Gateway')
    await expect(fetch(`${fake.url}/api/v2/account/details`)).rejects.toThrow()
    fake.clearIntercepts()
    expect((await callTfe('GET', '/api/v2/account/details')).status).toBe(200)
  })

  it('closes even with a request parked by a hanging intercept', async () => {
    const hung = await startFakeTfe()
    hung.intercept(() => true)
    const pending = fetch(`${hung.url}/api/v2/ping`).catch((error: unknown) => error)
    while (hung.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 5))
    await hung.close()
    expect(await pending).toHaveProperty('message', 'fetch failed')
  })

  it('records every request in order, with decoded query, headers and body', async () => {
    const ids = seedProducer()
    await callTfe('GET', admin('?page[number]=2&q[name]=con%20sumer'))
    await callTfe('PATCH', admin('/producer/module-consumers'), { body: seedBody([ids.a]) })
    await callTfe('GET', '/api/v2/account/details', { token: null })
    expect(fake.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v2/admin/organizations',
      'PATCH /api/v2/admin/organizations/producer/module-consumers',
      'GET /api/v2/account/details'
    ])
    const [list, patch, anonymous] = fake.requests
    expect(list?.query).toEqual({ 'page[number]': '2', 'q[name]': 'con sumer' })
    expect(list?.headers.authorization).toBe(`Bearer ${fake.adminToken}`)
    expect(anonymous?.headers.authorization).toBeUndefined()
    expect(patch?.headers['content-type']).toBe(JSON_API)
    expect(JSON.parse(patch?.body ?? '')).toEqual(seedBody([ids.a]))
    expect(typeof patch?.time).toBe('number')
    expect(fake.writes()).toEqual([patch])
  })
})
