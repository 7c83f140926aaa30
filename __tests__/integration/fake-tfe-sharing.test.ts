// The fake TFE's module sharing endpoints against the API docs (tfe-api.md): the seed endpoint,
// global sharing and the consumer lists it wipes, relationships, provider consumers, registry
// partnerships, and endpoints switched off as on an older TFE.
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  type Resource,
  admin,
  callTfe,
  pointers,
  resources,
  seedBody,
  seedProducer
} from '../support/tfe-calls.js'

useFakeTfe()

describe('PATCH module-consumers (the seed endpoint)', () => {
  it('replaces the list by external id and answers with one partnership each', async () => {
    const ids = seedProducer()
    const res = await callTfe('PATCH', admin('/producer/module-consumers'), {
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

    const again = await callTfe('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.a])
    })
    expect(resources(again.doc)[0]?.id).toBe(data[1]?.id)
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-a'])
  })

  it('turns global module sharing off and accepts an empty list', async () => {
    fake.addOrganization({ name: 'producer', globalModuleSharing: true })
    const res = await callTfe('PATCH', admin('/producer/module-consumers'), { body: seedBody([]) })
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
    seedProducer()
    const res = await callTfe('PATCH', admin('/producer/module-consumers'), { body })
    expect(res.status).toBe(422)
    expect(res.doc.errors?.[0]).toMatchObject({ status: '422', source: { pointer } })
    expect(res.doc.errors?.[0]?.title).toBeTruthy()
    expect(res.doc.errors?.[0]?.detail).toBeTruthy()
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it('answers 422 naming ids that are no external id (names included)', async () => {
    const ids = seedProducer()
    const res = await callTfe('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.a, 'org-UnknownUnknown12', 'consumer-b'])
    })
    expect(res.status).toBe(422)
    const details = (res.doc.errors ?? []).map(e => e.detail).join('\n')
    expect(details).toContain('org-UnknownUnknown12')
    expect(details).toContain('consumer-b')
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it("answers 422 to the producer's own id", async () => {
    const ids = seedProducer()
    const res = await callTfe('PATCH', admin('/producer/module-consumers'), {
      body: seedBody([ids.producer])
    })
    expect(res.status).toBe(422)
    expect(res.doc.errors?.[0]?.detail).toContain(ids.producer)
  })

  it('answers 404 for an unknown producer', async () => {
    const ids = seedProducer()
    const res = await callTfe('PATCH', admin('/nobody/module-consumers'), {
      body: seedBody([ids.a])
    })
    expect(res.status).toBe(404)
  })
})

describe('PATCH admin organization (global sharing)', () => {
  it('wipes the module consumer list when global module sharing is turned on', async () => {
    seedProducer()
    const res = await callTfe('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': true } } }
    })
    expect(res.status).toBe(200)
    expect((res.doc.data as Resource).attributes['global-module-sharing']).toBe(true)
    expect(fake.org('producer')).toMatchObject({ globalModuleSharing: true, moduleConsumers: [] })

    const list = await callTfe('GET', admin('/producer/relationships/module-consumers'))
    expect(list.doc.data).toEqual([])

    await callTfe('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': false } } }
    })
    expect(fake.org('producer')).toMatchObject({ globalModuleSharing: false, moduleConsumers: [] })
  })

  it('sets global provider sharing without touching modules', async () => {
    seedProducer()
    await callTfe('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-provider-sharing': true } } }
    })
    expect(fake.org('producer')).toMatchObject({
      globalProviderSharing: true,
      globalModuleSharing: false,
      moduleConsumers: ['consumer-c']
    })
  })

  it('wipes the provider consumer list when global provider sharing is turned on', async () => {
    seedProducer()
    fake.addOrganization({ name: 'providers', providerConsumers: ['consumer-a', 'consumer-b'] })
    const res = await callTfe('PATCH', admin('/providers'), {
      body: { data: { type: 'organizations', attributes: { 'global-provider-sharing': true } } }
    })
    expect(res.status).toBe(200)
    expect((res.doc.data as Resource).attributes['global-provider-sharing']).toBe(true)
    expect(fake.org('providers')).toMatchObject({
      globalProviderSharing: true,
      providerConsumers: []
    })
    const list = await callTfe('GET', admin('/providers/relationships/provider-consumers'))
    expect(list.doc.data).toEqual([])
    await callTfe('PATCH', admin('/providers'), {
      body: { data: { type: 'organizations', attributes: { 'global-provider-sharing': false } } }
    })
    expect(fake.org('providers')).toMatchObject({
      globalProviderSharing: false,
      providerConsumers: []
    })
  })

  it('sets both flags in one PATCH', async () => {
    seedProducer()
    const res = await callTfe('PATCH', admin('/producer'), {
      body: {
        data: {
          type: 'organizations',
          attributes: { 'global-module-sharing': true, 'global-provider-sharing': true }
        }
      }
    })
    expect((res.doc.data as Resource).attributes).toMatchObject({
      'global-module-sharing': true,
      'global-provider-sharing': true
    })
    expect(fake.org('producer')).toMatchObject({ moduleConsumers: [], providerConsumers: [] })
  })

  it('validates types', async () => {
    seedProducer()
    const notBoolean = await callTfe('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': 'true' } } }
    })
    expect(notBoolean.status).toBe(422)
    expect(pointers(notBoolean.doc)).toEqual(['/data/attributes/global-module-sharing'])
    const wrongType = await callTfe('PATCH', admin('/producer'), {
      body: { data: { type: 'orgs', attributes: { 'global-module-sharing': true } } }
    })
    expect(wrongType.status).toBe(422)
    expect(pointers(wrongType.doc)).toEqual(['/data/type'])
    const providers = await callTfe('PATCH', admin('/producer'), {
      body: { data: { type: 'organizations', attributes: { 'global-provider-sharing': 1 } } }
    })
    expect(providers.status).toBe(422)
    expect(pointers(providers.doc)).toEqual(['/data/attributes/global-provider-sharing'])
    expect(fake.org('producer')).toMatchObject({
      globalModuleSharing: false,
      globalProviderSharing: false
    })
  })
})

describe('relationships/module-consumers', () => {
  it('lists full organization resources, paginated', async () => {
    const consumers = fake.addOrganizations(45, 'consumer').map(o => o.name)
    fake.addOrganization({ name: 'producer', moduleConsumers: consumers })
    const ids: string[] = []
    for (const page of [1, 2, 3]) {
      const res = await callTfe(
        'GET',
        admin(`/producer/relationships/module-consumers?page[number]=${page}`)
      )
      expect(res.status).toBe(200)
      ids.push(...resources(res.doc).map(r => r.id))
      expect(res.doc.meta?.pagination).toMatchObject({ 'total-count': 45, 'total-pages': 3 })
      expect(res.doc.links?.next === null).toBe(page === 3)
    }
    expect(ids).toEqual(consumers)
    const first = await callTfe('GET', admin('/producer/relationships/module-consumers'))
    expect(resources(first.doc)[0]?.attributes['external-id']).toBe(fake.org(ids[0]!)?.externalId)
  })

  it('replaces the list by name with 204, turning global sharing off', async () => {
    fake.addOrganization({ name: 'consumer-a' })
    fake.addOrganization({ name: 'consumer-b' })
    fake.addOrganization({ name: 'producer', globalModuleSharing: true })
    const res = await callTfe('PATCH', admin('/producer/relationships/module-consumers'), {
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
    seedProducer()
    const res = await callTfe('PATCH', admin('/producer/relationships/module-consumers'), {
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
    const ids = seedProducer()
    const res = await callTfe('PATCH', admin('/producer/relationships/module-consumers'), {
      body: typeof body === 'function' ? body(ids) : body
    })
    expect(res.status).toBe(422)
    expect(pointers(res.doc)).toEqual([pointer])
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  it('names an unknown consumer in the error', async () => {
    seedProducer()
    const res = await callTfe('PATCH', admin('/producer/relationships/module-consumers'), {
      body: { data: [{ type: 'organizations', id: 'ghost' }] }
    })
    expect(res.doc.errors?.[0]?.detail).toContain('ghost')
  })
})

describe('provider consumers and registry partnerships', () => {
  it('lists provider consumers', async () => {
    seedProducer()
    fake.addOrganization({ name: 'providers', providerConsumers: ['consumer-b', 'consumer-a'] })
    const res = await callTfe('GET', admin('/providers/relationships/provider-consumers'))
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
    const res = await callTfe('PUT', admin('/producer/registry-partnerships'), {
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

  // Choosing lists turns global sharing off, for modules and providers alike, an empty list
  // included (docs/tfe-api.md#provider-sharing); every PUT writes both lists.
  it.each([
    ['both lists empty', [], []],
    ['a module list only', ['consumer-a'], []],
    ['a provider list only', [], ['consumer-a']]
  ])('PUT with %s turns global module and provider sharing off', async (_l, modules, providers) => {
    fake.addOrganization({ name: 'consumer-a' })
    fake.addOrganization({ name: 'producer', globalModuleSharing: true })
    fake.addOrganization({ name: 'providers', globalProviderSharing: true })
    const body = {
      data: {
        type: 'registry-partnerships',
        attributes: { 'module-consumers': modules, 'provider-consumers': providers }
      }
    }
    for (const name of ['producer', 'providers']) {
      const res = await callTfe('PUT', admin(`/${name}/registry-partnerships`), { body })
      expect(res.status).toBe(204)
      expect(fake.org(name)).toMatchObject({
        globalModuleSharing: false,
        globalProviderSharing: false,
        moduleConsumers: modules,
        providerConsumers: providers
      })
    }
  })

  it('PUT sending back the empty lists of a global sharer is what turns its sharing off', async () => {
    // What a client managing one kind must not do: read today's lists (empty while sharing
    // globally) and send them back.
    fake.addOrganization({
      name: 'producer',
      globalModuleSharing: true,
      globalProviderSharing: true
    })
    const modules = await callTfe('GET', admin('/producer/relationships/module-consumers'))
    const providers = await callTfe('GET', admin('/producer/relationships/provider-consumers'))
    expect([modules.doc.data, providers.doc.data]).toEqual([[], []])
    const res = await callTfe('PUT', admin('/producer/registry-partnerships'), {
      body: {
        data: {
          type: 'registry-partnerships',
          attributes: { 'module-consumers': [], 'provider-consumers': [] }
        }
      }
    })
    expect(res.status).toBe(204)
    const after = await callTfe('GET', admin('/producer'))
    expect((after.doc.data as Resource).attributes).toMatchObject({
      'global-module-sharing': false,
      'global-provider-sharing': false
    })
  })

  it('module list writes leave provider sharing alone, its list and its flag', async () => {
    const ids = seedProducer()
    fake.addOrganization({ name: 'lists', providerConsumers: ['consumer-b'] })
    fake.addOrganization({ name: 'global', globalProviderSharing: true })
    for (const name of ['lists', 'global']) {
      const seed = await callTfe('PATCH', admin(`/${name}/module-consumers`), {
        body: seedBody([ids.a])
      })
      expect(seed.status).toBe(200)
      const relationship = await callTfe(
        'PATCH',
        admin(`/${name}/relationships/module-consumers`),
        { body: { data: [] } }
      )
      expect(relationship.status).toBe(204)
    }
    expect(fake.org('lists')).toMatchObject({
      providerConsumers: ['consumer-b'],
      globalProviderSharing: false
    })
    expect(fake.org('global')).toMatchObject({ providerConsumers: [], globalProviderSharing: true })
  })

  it('PUT answers 422 to unknown names and to a missing key, changing nothing', async () => {
    seedProducer()
    const unknown = await callTfe('PUT', admin('/producer/registry-partnerships'), {
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

    const missing = await callTfe('PUT', admin('/producer/registry-partnerships'), {
      body: { data: { type: 'registry-partnerships', attributes: { 'module-consumers': [] } } }
    })
    expect(missing.status).toBe(422)
    expect(pointers(missing.doc)).toEqual(['/data/attributes/provider-consumers'])
    expect(fake.org('producer')?.moduleConsumers).toEqual(['consumer-c'])
  })

  const lists = (modules: unknown, providers: unknown): unknown => ({
    data: {
      type: 'registry-partnerships',
      attributes: { 'module-consumers': modules, 'provider-consumers': providers }
    }
  })
  // Each body is made for the producer it is sent to (`self`).
  it.each<[string, (self: string) => unknown, string[]]>([
    ['invalid JSON', () => '{"data":', ['/data']],
    ['no data', () => ({}), ['/data']],
    ['data that is an array', () => ({ data: [] }), ['/data']],
    [
      'a wrong type',
      () => ({ data: { type: 'organizations', attributes: { 'module-consumers': [] } } }),
      ['/data/type']
    ],
    ['no attributes', () => ({ data: { type: 'registry-partnerships' } }), ['/data/attributes']],
    [
      'a provider list that is no array',
      () => lists([], 'consumer-a'),
      ['/data/attributes/provider-consumers']
    ],
    [
      'a provider entry that is no string',
      () => lists([], [7]),
      ['/data/attributes/provider-consumers']
    ],
    [
      'an unknown provider consumer',
      () => lists([], ['ghost']),
      ['/data/attributes/provider-consumers']
    ],
    [
      'the producer as its own provider consumer',
      self => lists([], [self]),
      ['/data/attributes/provider-consumers']
    ],
    [
      'errors in both lists',
      () => lists(['ghost'], ['consumer-a', 'nobody']),
      ['/data/attributes/module-consumers', '/data/attributes/provider-consumers']
    ],
    [
      'neither key',
      () => ({ data: { type: 'registry-partnerships', attributes: {} } }),
      ['/data/attributes/module-consumers', '/data/attributes/provider-consumers']
    ]
  ])('PUT answers 422 to %s, changing no list and no flag', async (_label, body, want) => {
    seedProducer()
    fake.addOrganization({ name: 'global', globalProviderSharing: true, globalModuleSharing: true })
    for (const name of ['producer', 'global']) {
      const res = await callTfe('PUT', admin(`/${name}/registry-partnerships`), {
        body: body(name)
      })
      expect(res.status).toBe(422)
      expect(pointers(res.doc)).toEqual(want)
      for (const error of res.doc.errors ?? []) {
        expect(error).toMatchObject({
          status: '422',
          title: expect.any(String),
          detail: expect.any(String)
        })
      }
    }
    expect(fake.org('producer')).toMatchObject({
      moduleConsumers: ['consumer-c'],
      providerConsumers: [],
      globalModuleSharing: false,
      globalProviderSharing: false
    })
    expect(fake.org('global')).toMatchObject({
      globalModuleSharing: true,
      globalProviderSharing: true
    })
  })

  it('PUT answers 404 for an unknown producer', async () => {
    seedProducer()
    const res = await callTfe('PUT', admin('/nobody/registry-partnerships'), {
      body: lists([], [])
    })
    expect(res.status).toBe(404)
  })
})

describe('feature switches', () => {
  it('answers 404 exactly like an unknown route when an endpoint is disabled', async () => {
    const ids = seedProducer()
    const unknown = await callTfe('GET', admin('/producer/no-such-thing'))
    fake.features.moduleConsumersEndpoint = false
    fake.features.relationships = false
    fake.features.providerConsumers = false
    fake.features.registryPartnerships = false
    const tries = await Promise.all([
      callTfe('PATCH', admin('/producer/module-consumers'), { body: seedBody([ids.a]) }),
      callTfe('GET', admin('/producer/relationships/module-consumers')),
      callTfe('PATCH', admin('/producer/relationships/module-consumers'), { body: { data: [] } }),
      callTfe('GET', admin('/producer/relationships/provider-consumers')),
      callTfe('PUT', admin('/producer/registry-partnerships'), { body: { data: {} } })
    ])
    for (const res of tries) {
      expect(res.status).toBe(404)
      expect(res.text).toBe(unknown.text)
    }
    expect((await callTfe('GET', admin('/producer'))).status).toBe(200)
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
