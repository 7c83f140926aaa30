// The fake is only worth something if it behaves like the documented API (tfe-api.md), so it
// gets tests of its own: every rule the action's tests rely on is pinned here.
import { startFakeTfe, type FakeTfe } from './support/fake-tfe.mjs'

const JSON_API = 'application/vnd.api+json'

interface ApiErrorObject {
  status: string | number
  title?: string
  detail?: string
  source?: { pointer?: string }
}

interface Resource {
  id: string
  type: string
  attributes: Record<string, unknown>
}

interface Document {
  data?: unknown
  errors?: ApiErrorObject[]
  links?: Record<string, string | null>
  meta?: { pagination: Record<string, number | null> }
}

interface Reply {
  status: number
  headers: Headers
  text: string
  doc: Document
}

let fake: FakeTfe

beforeEach(async () => {
  fake = await startFakeTfe()
})

afterEach(async () => {
  await fake.close()
})

async function call(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Reply> {
  const token = options.token === undefined ? fake.adminToken : options.token
  const headers: Record<string, string> = { Accept: JSON_API, ...options.headers }
  if (token !== null) headers.Authorization = `Bearer ${token}`
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = JSON_API
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const res = await fetch(new URL(path, fake.url), { method, headers, body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, doc: text ? JSON.parse(text) : {} }
}

const admin = (path: string): string => `/api/v2/admin/organizations${path}`

function resources(doc: Document): Resource[] {
  return doc.data as Resource[]
}

function pointers(doc: Document): (string | undefined)[] {
  return (doc.errors ?? []).map(e => e.source?.pointer)
}

function seedBody(ids: unknown): unknown {
  return {
    data: { type: 'module-partnerships', attributes: { 'module-consuming-organization-ids': ids } }
  }
}

function setup(): { producer: string; a: string; b: string; c: string } {
  const a = fake.addOrganization({ name: 'consumer-a' }).externalId
  const b = fake.addOrganization({ name: 'consumer-b' }).externalId
  const c = fake.addOrganization({ name: 'consumer-c' }).externalId
  const producer = fake.addOrganization({ name: 'producer', moduleConsumers: ['consumer-c'] })
  return { producer: producer.externalId, a, b, c }
}

describe('conventions', () => {
  it('answers /ping without auth, with the rate limit and version headers', async () => {
    const res = await call('GET', '/api/v2/ping', { token: null })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(res.headers.get('x-ratelimit-limit')).toBe('30')
    expect(res.headers.get('x-tfe-version')).toBe('v202501-1')
  })

  it.each([
    ['no token', null],
    ['an unknown token', 'tfe-admin.nope']
  ])('answers 401 to %s', async (_label, token) => {
    const res = await call('GET', admin('/anything'), { token })
    expect(res.status).toBe(401)
    expect(res.doc).toEqual({ errors: [{ status: '401', title: 'unauthorized' }] })
    expect(res.headers.get('content-type')).toBe(JSON_API)
  })

  it('answers 401 to a non-Bearer authorization header', async () => {
    const res = await call('GET', '/api/v2/account/details', {
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
    const asAdmin = await call('GET', '/api/v2/account/details')
    const asUser = await call('GET', '/api/v2/account/details', { token: fake.userToken })
    const attributes = (doc: Document): Record<string, unknown> => (doc.data as Resource).attributes
    expect(asAdmin.status).toBe(200)
    expect((asAdmin.doc.data as Resource).type).toBe('users')
    expect((asAdmin.doc.data as Resource).id).toMatch(/^user-/)
    expect(attributes(asAdmin.doc)['is-site-admin']).toBe(true)
    expect(attributes(asUser.doc)['is-site-admin']).toBe(false)
  })

  it('hides every admin route from a non-admin token behind 404', async () => {
    const { b } = setup()
    const token = fake.userToken
    const tries = await Promise.all([
      call('GET', admin('/producer'), { token }),
      call('GET', admin(''), { token }),
      call('PATCH', admin('/producer/module-consumers'), { token, body: seedBody([b]) }),
      call('GET', admin('/producer/relationships/module-consumers'), { token }),
      call('PATCH', admin('/producer/relationships/module-consumers'), {
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
    expect((await call('GET', '/api/v2/nope')).status).toBe(404)
    expect((await call('DELETE', admin('/producer'))).status).toBe(404)
    expect((await call('GET', '/not-the-api')).status).toBe(404)
  })
})

describe('organizations', () => {
  it('shows an organization by name, with its external id', async () => {
    const org = fake.addOrganization({ name: 'my-org', globalProviderSharing: true })
    expect(org.externalId).toMatch(/^org-[1-9A-HJ-NP-Za-km-z]{16}$/)
    const res = await call('GET', admin('/my-org'))
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
    const res = await call('GET', admin('/missing'))
    expect(res.status).toBe(404)
    expect(res.doc).toEqual({ errors: [{ status: '404', title: 'not found' }] })
  })

  it('paginates the list with top-level links and meta', async () => {
    fake.addOrganizations(250)
    const seen: string[] = []
    let next: string | null | undefined = admin('?page[size]=100')
    const metas: Record<string, number | null>[] = []
    while (next) {
      const res = await call('GET', next)
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
    const last = await call('GET', admin('?page[number]=3&page[size]=100'))
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
    const first = await call('GET', admin(''))
    expect(resources(first.doc)).toHaveLength(20)
    expect(first.doc.meta?.pagination['total-pages']).toBe(8)
    const clamped = await call('GET', admin('?page[size]=500'))
    expect(resources(clamped.doc)).toHaveLength(100)
    expect(clamped.doc.meta?.pagination['page-size']).toBe(100)
    const beyond = await call('GET', admin('?page[number]=9&page[size]=100'))
    expect(resources(beyond.doc)).toEqual([])
    expect(beyond.doc.links?.next).toBeNull()
  })

  it('filters with q[name] and q as case-insensitive substrings, keeping them in links', async () => {
    fake.addOrganizations(30, 'team')
    fake.addOrganization({ name: 'Platform-Team' })
    fake.addOrganization({ name: 'platform' })
    fake.addOrganization({ name: 'other' })
    const byName = await call('GET', admin('?q[name]=PLATFORM'))
    expect(resources(byName.doc).map(r => r.id)).toEqual(['Platform-Team', 'platform'])
    const byQ = await call('GET', admin('?q=team&page[size]=25'))
    expect(byQ.doc.meta?.pagination['total-count']).toBe(31)
    expect(byQ.doc.links?.next).toContain('q=team')
  })

  it('lists 5,000 organizations quickly', async () => {
    const started = Date.now()
    const created = fake.addOrganizations(5000)
    expect(created).toHaveLength(5000)
    expect(new Set(created.map(o => o.externalId)).size).toBe(5000)
    const res = await call('GET', admin('?page[number]=50&page[size]=100'))
    expect(resources(res.doc).at(-1)?.id).toBe('org-5000')
    expect(Date.now() - started).toBeLessThan(3000)
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

describe('PATCH module-consumers (the seed endpoint)', () => {
  it('replaces the list by external id and answers with one partnership each', async () => {
    const ids = setup()
    const res = await call('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.b, ids.a, ids.b])
    })
    expect(res.status).toBe(200)
    const data = resources(res.doc)
    expect(data).toHaveLength(2)
    expect(data[0]).toEqual({
      id: expect.stringMatching(/^mp-[1-9A-HJ-NP-Za-km-z]{16}$/),
      type: 'module-partnerships',
      attributes: {
        'consuming-organization-id': ids.b,
        'consuming-organization-name': 'consumer-b',
        'producing-organization-id': ids.producer,
        'producing-organization-name': 'producer'
      }
    })
    expect(data[1]?.attributes['consuming-organization-name']).toBe('consumer-a')
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-a', 'consumer-b'])

    const again = await call('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.a])
    })
    expect(resources(again.doc)[0]?.id).toBe(data[1]?.id)
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-a'])
  })

  it('turns global module sharing off and accepts an empty list', async () => {
    fake.addOrganization({ name: 'producer', globalModuleSharing: true })
    const res = await call('PATCH', admin('/producer/module-consumers'), { body: seedBody([]) })
    expect(res.status).toBe(200)
    expect(res.doc.data).toEqual([])
    expect(fake.org('producer')).toMatchObject({ globalModuleSharing: false, moduleConsumers: [] })
  })

  it.each([
    ['invalid JSON', '{"data":', '/data'],
    ['no data', {}, '/data'],
    ['a wrong type', { data: { type: 'organizations', attributes: {} } }, '/data/type'],
    ['a missing type', { data: { attributes: {} } }, '/data/type'],
    [
      'a missing attribute',
      { data: { type: 'module-partnerships', attributes: {} } },
      '/data/attributes/module-consuming-organization-ids'
    ],
    ['a non-array', seedBody('org-x'), '/data/attributes/module-consuming-organization-ids'],
    ['a non-string entry', seedBody([42]), '/data/attributes/module-consuming-organization-ids']
  ])('answers 422 to %s, changing nothing', async (_label, body, pointer) => {
    setup()
    const res = await call('PATCH', admin('/producer/module-consumers'), { body })
    expect(res.status).toBe(422)
    expect(res.doc.errors?.[0]).toMatchObject({ status: '422', source: { pointer } })
    expect(res.doc.errors?.[0]?.title).toBeTruthy()
    expect(res.doc.errors?.[0]?.detail).toBeTruthy()
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it('answers 422 naming ids that are no external id (names included)', async () => {
    const ids = setup()
    const res = await call('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.a, 'org-UnknownUnknown12', 'consumer-b'])
    })
    expect(res.status).toBe(422)
    const details = (res.doc.errors ?? []).map(e => e.detail).join('\n')
    expect(details).toContain('org-UnknownUnknown12')
    expect(details).toContain('consumer-b')
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it("answers 422 to the producer's own id", async () => {
    const ids = setup()
    const res = await call('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.producer])
    })
    expect(res.status).toBe(422)
    expect(res.doc.errors?.[0]?.detail).toContain(ids.producer)
  })

  it('answers 404 for an unknown producer', async () => {
    const ids = setup()
    const res = await call('PATCH', admin('/nobody/module-consumers'), { body: seedBody([ids.a]) })
    expect(res.status).toBe(404)
  })
})

describe('PATCH admin organization (global sharing)', () => {
  it('wipes the module consumer list when global module sharing is turned on', async () => {
    setup()
    const res = await call('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': true } } }
    })
    expect(res.status).toBe(200)
    expect((res.doc.data as Resource).attributes['global-module-sharing']).toBe(true)
    expect(fake.org('producer')).toMatchObject({ globalModuleSharing: true, moduleConsumers: [] })

    const list = await call('GET', admin('/producer/relationships/module-consumers'))
    expect(list.doc.data).toEqual([])

    await call('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': false } } }
    })
    expect(fake.org('producer')).toMatchObject({ globalModuleSharing: false, moduleConsumers: [] })
  })

  it('sets global provider sharing without touching modules', async () => {
    setup()
    await call('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-provider-sharing': true } } }
    })
    expect(fake.org('producer')).toMatchObject({
      globalProviderSharing: true,
      globalModuleSharing: false,
      moduleConsumers: ['consumer-c']
    })
  })

  it('validates types', async () => {
    setup()
    const notBoolean = await call('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': 'true' } } }
    })
    expect(notBoolean.status).toBe(422)
    expect(pointers(notBoolean.doc)).toEqual(['/data/attributes/global-module-sharing'])
    const wrongType = await call('PATCH', admin('/producer'), {
      body: { data: { type: 'orgs', attributes: { 'global-module-sharing': true } } }
    })
    expect(wrongType.status).toBe(422)
    expect(pointers(wrongType.doc)).toEqual(['/data/type'])
    expect(fake.org('producer')?.globalModuleSharing).toBe(false)
  })
})

describe('relationships/module-consumers', () => {
  it('lists full organization resources, paginated', async () => {
    const consumers = fake.addOrganizations(45, 'consumer').map(o => o.name)
    fake.addOrganization({ name: 'producer', moduleConsumers: consumers })
    const ids: string[] = []
    for (const page of [1, 2, 3]) {
      const res = await call(
        'GET',
        admin(`/producer/relationships/module-consumers?page[number]=${page}`)
      )
      expect(res.status).toBe(200)
      ids.push(...resources(res.doc).map(r => r.id))
      expect(res.doc.meta?.pagination).toMatchObject({ 'total-count': 45, 'total-pages': 3 })
      expect(res.doc.links?.next === null).toBe(page === 3)
    }
    expect(ids).toEqual(consumers)
    const first = await call('GET', admin('/producer/relationships/module-consumers'))
    expect(resources(first.doc)[0]?.attributes['external-id']).toBe(fake.org(ids[0]!)?.externalId)
  })

  it('replaces the list by name with 204, turning global sharing off', async () => {
    fake.addOrganization({ name: 'consumer-a' })
    fake.addOrganization({ name: 'consumer-b' })
    fake.addOrganization({ name: 'producer', globalModuleSharing: true })
    const res = await call('PATCH', admin('/producer/relationships/module-consumers'), {
      body: {
        data: [
          { type: 'organizations', id: 'consumer-b' },
          { type: 'organizations', id: 'consumer-a' },
          { type: 'organizations', id: 'consumer-b' }
        ]
      }
    })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(fake.org('producer')).toMatchObject({
      globalModuleSharing: false,
      moduleConsumers: ['consumer-a', 'consumer-b']
    })
  })

  it('clears the list with an empty data array', async () => {
    setup()
    const res = await call('PATCH', admin('/producer/relationships/module-consumers'), {
      body: { data: [] }
    })
    expect(res.status).toBe(204)
    expect(fake.org('producer')?.moduleConsumers).toEqual([])
  })

  it.each([
    ['an unknown name', { data: [{ type: 'organizations', id: 'ghost' }] }, '/data/0/id'],
    [
      'an external id',
      (ids: { a: string }) => ({ data: [{ type: 'organizations', id: ids.a }] }),
      '/data/0/id'
    ],
    ['a wrong type', { data: [{ type: 'users', id: 'consumer-a' }] }, '/data/0/type'],
    ['an object instead of an array', { data: { type: 'organizations', id: 'x' } }, '/data'],
    ['invalid JSON', 'nope', '/data'],
    ['the producer itself', { data: [{ type: 'organizations', id: 'producer' }] }, '/data/0/id']
  ])('answers 422 to %s, changing nothing', async (_label, body, pointer) => {
    const ids = setup()
    const res = await call('PATCH', admin('/producer/relationships/module-consumers'), {
      body: typeof body === 'function' ? body(ids) : body
    })
    expect(res.status).toBe(422)
    expect(pointers(res.doc)).toEqual([pointer])
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it('names an unknown consumer in the error', async () => {
    setup()
    const res = await call('PATCH', admin('/producer/relationships/module-consumers'), {
      body: { data: [{ type: 'organizations', id: 'ghost' }] }
    })
    expect(res.doc.errors?.[0]?.detail).toContain('ghost')
  })
})

describe('provider consumers and registry partnerships', () => {
  it('lists provider consumers', async () => {
    setup()
    fake.addOrganization({ name: 'providers', providerConsumers: ['consumer-b', 'consumer-a'] })
    const res = await call('GET', admin('/providers/relationships/provider-consumers'))
    expect(res.status).toBe(200)
    expect(resources(res.doc).map(r => r.id)).toEqual(['consumer-a', 'consumer-b'])
    expect(res.doc.meta?.pagination['total-count']).toBe(2)
  })

  it.each([
    ['kebab-case', 'module-consumers', 'provider-consumers'],
    ['snake_case', 'module_consumers', 'provider_consumers']
  ])('PUT sets both lists with %s keys, turning global module sharing off', async (_l, m, p) => {
    fake.addOrganization({ name: 'consumer-a' })
    fake.addOrganization({ name: 'consumer-b' })
    fake.addOrganization({ name: 'producer', globalModuleSharing: true })
    const res = await call('PUT', admin('/producer/registry-partnerships'), {
      body: {
        data: {
          type: 'registry-partnerships',
          attributes: { [m]: ['consumer-a'], [p]: ['consumer-b'] }
        }
      }
    })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(fake.org('producer')).toMatchObject({
      globalModuleSharing: false,
      moduleConsumers: ['consumer-a'],
      providerConsumers: ['consumer-b']
    })
  })

  it('PUT with an empty provider list leaves global provider sharing on', async () => {
    fake.addOrganization({ name: 'consumer-a' })
    fake.addOrganization({ name: 'producer', globalProviderSharing: true })
    const body = {
      data: {
        type: 'registry-partnerships',
        attributes: { 'module-consumers': ['consumer-a'], 'provider-consumers': [] }
      }
    }
    expect((await call('PUT', admin('/producer/registry-partnerships'), { body })).status).toBe(204)
    expect(fake.org('producer')?.globalProviderSharing).toBe(true)
  })

  it('PUT answers 422 to unknown names and to a missing key, changing nothing', async () => {
    setup()
    const unknown = await call('PUT', admin('/producer/registry-partnerships'), {
      body: {
        data: {
          type: 'registry-partnerships',
          attributes: { 'module-consumers': ['ghost'], 'provider-consumers': [] }
        }
      }
    })
    expect(unknown.status).toBe(422)
    expect(unknown.doc.errors?.[0]?.detail).toContain('ghost')
    expect(pointers(unknown.doc)).toEqual(['/data/attributes/module-consumers'])

    const missing = await call('PUT', admin('/producer/registry-partnerships'), {
      body: { data: { type: 'registry-partnerships', attributes: { 'module-consumers': [] } } }
    })
    expect(missing.status).toBe(422)
    expect(pointers(missing.doc)).toEqual(['/data/attributes/provider-consumers'])
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })
})

describe('feature switches', () => {
  it('answers 404 exactly like an unknown route when an endpoint is disabled', async () => {
    const ids = setup()
    const unknown = await call('GET', admin('/producer/no-such-thing'))
    fake.features.moduleConsumersEndpoint = false
    fake.features.relationships = false
    fake.features.providerConsumers = false
    fake.features.registryPartnerships = false
    const tries = await Promise.all([
      call('PATCH', admin('/producer/module-consumers'), { body: seedBody([ids.a]) }),
      call('GET', admin('/producer/relationships/module-consumers')),
      call('PATCH', admin('/producer/relationships/module-consumers'), { body: { data: [] } }),
      call('GET', admin('/producer/relationships/provider-consumers')),
      call('PUT', admin('/producer/registry-partnerships'), { body: { data: {} } })
    ])
    for (const res of tries) {
      expect(res.status).toBe(404)
      expect(res.text).toBe(unknown.text)
    }
    expect((await call('GET', admin('/producer'))).status).toBe(200)
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it('takes initial switches from the options', async () => {
    const older = await startFakeTfe({
      features: { relationships: false },
      tfeVersion: 'v202012-1'
    })
    try {
      expect(older.features).toEqual({
        moduleConsumersEndpoint: true,
        relationships: false,
        providerConsumers: true,
        registryPartnerships: true
      })
      const ping = await fetch(`${older.url}/api/v2/ping`)
      expect(ping.headers.get('x-tfe-version')).toBe('v202012-1')
    } finally {
      await older.close()
    }
  })
})

describe('intercepts and recording', () => {
  it('lets an intercept answer a request, then hands back to normal routing', async () => {
    setup()
    let calls = 0
    const remove = fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'GET' || calls++ > 0) return false
      res.writeHead(429, { 'Content-Type': JSON_API, 'X-RateLimit-Reset': '0.1' })
      res.end(JSON.stringify({ errors: [{ status: 429, title: 'Too many requests' }] }))
      return true
    })
    const limited = await call('GET', admin('/producer'))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-ratelimit-reset')).toBe('0.1')
    expect((await call('GET', admin('/producer'))).status).toBe(200)
    remove()
    fake.intercept(async () => {
      await new Promise(resolve => setTimeout(resolve, 5))
      return false
    })
    expect((await call('GET', admin('/producer'))).status).toBe(200)
    expect(fake.requests).toHaveLength(3)
  })

  it('can drop connections and serve HTML, and clearIntercepts restores normal service', async () => {
    setup()
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
    expect((await call('GET', '/api/v2/account/details')).status).toBe(200)
  })

  it('closes promptly even with a request parked by a hanging intercept', async () => {
    const hung = await startFakeTfe()
    hung.intercept(() => true)
    const pending = fetch(`${hung.url}/api/v2/ping`).catch((error: unknown) => error)
    while (hung.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 5))
    const started = Date.now()
    await hung.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await pending).toHaveProperty('message', 'fetch failed')
  })

  it('records every request in order, with decoded query, headers and body', async () => {
    const ids = setup()
    await call('GET', admin('?page[number]=2&q[name]=con%20sumer'))
    await call('PATCH', admin('/producer/module-consumers'), { body: seedBody([ids.a]) })
    await call('GET', '/api/v2/account/details', { token: null })
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
