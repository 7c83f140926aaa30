// filter[provider_producer] on the admin organizations list: documented beside
// filter[module_producer] as listing the organizations "configured to share their providers"
// (false: those that are not), silent on global provider sharing. The fake answers it three ways
// (providerProducerFilter), ignores it as an older TFE would when provider sharing is switched
// off (providerConsumers or registryPartnerships, both v202301-1), and ANDs it with
// filter[module_producer]. Each behaviour is pinned here through real HTTP requests, with pages
// and q on top, so that the action's tests can trust what the fake says.
import type { FakeTfe, FakeTfeFeatures, ProviderProducerFilter } from '../../test-kit/fake-tfe.mjs'
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake, replaceFakeTfe, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { type Reply, admin, callTfe, resources } from '../support/tfe-calls.js'

/**
 * consumer-1 … consumer-3 share nothing. modules shares only modules (a list); providers shares
 * providers with a list, global with every organization; both shares both kinds by lists;
 * mixed shares modules globally and providers by a list; none shares nothing.
 */
function seedSharing(tfe: FakeTfe): void {
  tfe.addOrganizations(3, 'consumer')
  tfe.addOrganization({ name: 'modules', moduleConsumers: ['consumer-0001'] })
  tfe.addOrganization({ name: 'providers', providerConsumers: ['consumer-0001'] })
  tfe.addOrganization({ name: 'global', globalProviderSharing: true })
  tfe.addOrganization({
    name: 'both',
    moduleConsumers: ['consumer-0002'],
    providerConsumers: ['consumer-0003']
  })
  tfe.addOrganization({
    name: 'mixed',
    globalModuleSharing: true,
    providerConsumers: ['consumer-0002']
  })
  tfe.addOrganization({ name: 'none' })
}

const CONSUMERS = ['consumer-0001', 'consumer-0002', 'consumer-0003']
const EVERYONE = [...CONSUMERS, 'modules', 'providers', 'global', 'both', 'mixed', 'none']
const VARIANTS: ProviderProducerFilter[] = ['lists-and-global', 'lists-only', 'ignored']

/** The names on one page of the organizations list with `query`. */
async function listed(query: string): Promise<string[]> {
  const res = await callTfe('GET', admin(`?page[size]=100&${query}`))
  expect(res.status).toBe(200)
  return resources(res.doc).map(r => r.id)
}

/** Every name of the list with `query`, following links.next from page one. */
async function listedThroughLinks(query: string): Promise<{ names: string[]; pages: Reply[] }> {
  const names: string[] = []
  const pages: Reply[] = []
  let next: string | null | undefined = admin(`?${query}`)
  while (next) {
    const res: Reply = await callTfe('GET', next)
    expect(res.status).toBe(200)
    pages.push(res)
    names.push(...resources(res.doc).map(r => r.id))
    next = res.doc.links?.next
  }
  return { names, pages }
}

const put = (producer: string, modules: string[], providers: string[]): Promise<Reply> =>
  callTfe('PUT', admin(`/${producer}/registry-partnerships`), {
    body: {
      data: {
        type: 'registry-partnerships',
        attributes: { 'module-consumers': modules, 'provider-consumers': providers }
      }
    }
  })

useFakeTfe(seedSharing)

describe('filter[provider_producer]', () => {
  it('counts global provider sharing as sharing by default (lists-and-global)', async () => {
    expect(fake.providerProducerFilter).toBe('lists-and-global')
    expect(await listed('filter[provider_producer]=true')).toEqual([
      'providers',
      'global',
      'both',
      'mixed'
    ])
    expect(await listed('filter[provider_producer]=false')).toEqual([
      ...CONSUMERS,
      'modules',
      'none'
    ])
  })

  it('with lists-only, lists only the organizations with provider consumers', async () => {
    await replaceFakeTfe({ providerProducerFilter: 'lists-only' }, seedSharing)
    expect(fake.providerProducerFilter).toBe('lists-only')
    expect(await listed('filter[provider_producer]=true')).toEqual(['providers', 'both', 'mixed'])
    expect(await listed('filter[provider_producer]=false')).toEqual([
      ...CONSUMERS,
      'modules',
      'global',
      'none'
    ])
  })

  it.each(['true', 'false'])('with ignored, lists everyone for %s', async v => {
    await replaceFakeTfe({ providerProducerFilter: 'ignored' }, seedSharing)
    expect(await listed(`filter[provider_producer]=${v}`)).toEqual(EVERYONE)
  })

  it.each(VARIANTS)(
    'lists everyone without the parameter, and for a value other than true or false (%s)',
    async variant => {
      await replaceFakeTfe({ providerProducerFilter: variant }, seedSharing)
      expect(await listed('')).toEqual(EVERYONE)
      expect(await listed('filter[provider_producer]=yes')).toEqual(EVERYONE)
      expect(await listed('filter[provider_producer]=')).toEqual(EVERYONE)
    }
  )

  it('splits the list in two: true and false together are everyone, once', async () => {
    const producers = await listed('filter[provider_producer]=true')
    const others = await listed('filter[provider_producer]=false')
    expect([...producers, ...others].sort()).toEqual([...EVERYONE].sort())
  })

  it('looks at provider sharing only: module sharing does not count, and the reverse', async () => {
    // modules shares modules only; global shares providers only.
    expect(await listed('filter[provider_producer]=true')).not.toContain('modules')
    expect(await listed('filter[provider_producer]=false')).toContain('modules')
    expect(await listed('filter[module_producer]=true')).not.toContain('global')
    expect(await listed('filter[module_producer]=false')).toContain('global')
  })

  it('is independent of moduleProducerFilter', async () => {
    await replaceFakeTfe(
      { moduleProducerFilter: 'ignored', providerProducerFilter: 'lists-only' },
      seedSharing
    )
    expect(fake.moduleProducerFilter).toBe('ignored')
    expect(await listed('filter[module_producer]=true')).toEqual(EVERYONE)
    expect(await listed('filter[provider_producer]=true')).toEqual(['providers', 'both', 'mixed'])
  })

  it('carries global-provider-sharing and the external id on every listed organization', async () => {
    const res = await callTfe('GET', admin('?filter[provider_producer]=true'))
    const byName = Object.fromEntries(resources(res.doc).map(r => [r.id, r.attributes]))
    expect(byName.global).toMatchObject({
      'global-provider-sharing': true,
      'global-module-sharing': false,
      'external-id': fake.org('global')?.externalId
    })
    expect(byName.mixed).toMatchObject({
      'global-provider-sharing': false,
      'global-module-sharing': true
    })
  })

  it('follows the sharing as it changes through the API', async () => {
    // A PUT's provider list makes a producer, and an empty one unmakes it.
    expect((await put('none', [], ['consumer-0001'])).status).toBe(204)
    expect((await put('providers', ['consumer-0002'], [])).status).toBe(204)
    // Global provider sharing on makes one (and wipes its list, so lists-only would not count it).
    const on = await callTfe('PATCH', admin('/modules'), {
      body: { data: { type: 'organizations', attributes: { 'global-provider-sharing': true } } }
    })
    expect(on.status).toBe(200)
    // Any PUT turns global provider sharing off: global stops sharing its providers.
    expect((await put('global', [], [])).status).toBe(204)
    expect(fake.org('global')?.globalProviderSharing).toBe(false)
    expect(await listed('filter[provider_producer]=true')).toEqual([
      'modules',
      'both',
      'mixed',
      'none'
    ])
    // providers now shares modules only.
    expect(await listed('filter[provider_producer]=false&filter[module_producer]=true')).toEqual([
      'providers'
    ])
  })
})

describe('filter[provider_producer] beside filter[module_producer]', () => {
  it.each([
    ['true', 'true', ['both', 'mixed']],
    ['true', 'false', ['modules']],
    ['false', 'true', ['providers', 'global']],
    ['false', 'false', [...CONSUMERS, 'none']]
  ])('module_producer=%s and provider_producer=%s: both apply', async (m, p, expected) => {
    expect(await listed(`filter[module_producer]=${m}&filter[provider_producer]=${p}`)).toEqual(
      expected
    )
  })

  it('the four combinations together are everyone, once', async () => {
    const all: string[] = []
    for (const m of ['true', 'false']) {
      for (const p of ['true', 'false']) {
        all.push(...(await listed(`filter[module_producer]=${m}&filter[provider_producer]=${p}`)))
      }
    }
    expect(all.sort()).toEqual([...EVERYONE].sort())
  })

  it('with lists-only for both, global sharers count for neither', async () => {
    await replaceFakeTfe(
      { moduleProducerFilter: 'lists-only', providerProducerFilter: 'lists-only' },
      seedSharing
    )
    // mixed shares modules globally (not counted) and providers by a list (counted).
    expect(await listed('filter[module_producer]=false&filter[provider_producer]=true')).toEqual([
      'providers',
      'mixed'
    ])
    expect(await listed('filter[module_producer]=false&filter[provider_producer]=false')).toEqual([
      ...CONSUMERS,
      'global',
      'none'
    ])
  })

  it('either one ignored leaves the other to filter alone', async () => {
    await replaceFakeTfe({ providerProducerFilter: 'ignored' }, seedSharing)
    expect(await listed('filter[module_producer]=true&filter[provider_producer]=false')).toEqual([
      'modules',
      'both',
      'mixed'
    ])
    await replaceFakeTfe({ moduleProducerFilter: 'ignored' }, seedSharing)
    expect(await listed('filter[module_producer]=true&filter[provider_producer]=false')).toEqual([
      ...CONSUMERS,
      'modules',
      'none'
    ])
  })
})

describe('on a TFE without provider sharing (before v202301-1)', () => {
  const switches: (keyof FakeTfeFeatures)[] = ['providerConsumers', 'registryPartnerships']

  it.each(switches)('with %s off, ignores the filter whatever the variant', async feature => {
    for (const variant of VARIANTS) {
      await replaceFakeTfe(
        { providerProducerFilter: variant, features: { [feature]: false } },
        seedSharing
      )
      expect(await listed('filter[provider_producer]=true')).toEqual(EVERYONE)
      expect(await listed('filter[provider_producer]=false')).toEqual(EVERYONE)
    }
  })

  it('still applies filter[module_producer] when both are given', async () => {
    fake.features.providerConsumers = false
    fake.features.registryPartnerships = false
    expect(await listed('filter[module_producer]=true&filter[provider_producer]=true')).toEqual([
      'modules',
      'both',
      'mixed'
    ])
    expect(await listed('filter[module_producer]=false&filter[provider_producer]=true')).toEqual([
      ...CONSUMERS,
      'providers',
      'global',
      'none'
    ])
  })

  it('reads the switches on every request: filters again once they are back on', async () => {
    fake.features.providerConsumers = false
    expect(await listed('filter[provider_producer]=true')).toEqual(EVERYONE)
    fake.features.providerConsumers = true
    expect(await listed('filter[provider_producer]=true')).toEqual([
      'providers',
      'global',
      'both',
      'mixed'
    ])
  })

  it('pages the whole list as if the filter were not there, links keeping the query', async () => {
    await replaceFakeTfe({ features: { providerConsumers: false } }, tfe => {
      tfe.addOrganizations(30, 'team')
    })
    const { names, pages } = await listedThroughLinks(
      'filter[provider_producer]=true&page[size]=20'
    )
    expect(names).toHaveLength(30)
    expect(pages).toHaveLength(2)
    expect(pages[0]?.doc.links?.next).toContain('filter%5Bprovider_producer%5D=true')
  })
})

describe('filter[provider_producer] with pages and q', () => {
  /**
   * 250 organizations; every third one shares providers with org-0001, every tenth shares them
   * globally, every fourth shares modules with org-0001 (whatever its providers).
   */
  function seedMany(tfe: FakeTfe): { lists: string[]; global: string[]; modules: string[] } {
    tfe.addOrganization({ name: 'org-0001' })
    const lists: string[] = []
    const global: string[] = []
    const modules: string[] = []
    for (let i = 2; i <= 250; i++) {
      const name = `org-${String(i).padStart(4, '0')}`
      const moduleConsumers = i % 4 === 0 ? ['org-0001'] : []
      if (i % 4 === 0) modules.push(name)
      if (i % 10 === 0) {
        tfe.addOrganization({ name, moduleConsumers, globalProviderSharing: true })
        global.push(name)
      } else if (i % 3 === 0) {
        tfe.addOrganization({ name, moduleConsumers, providerConsumers: ['org-0001'] })
        lists.push(name)
      } else {
        tfe.addOrganization({ name, moduleConsumers })
      }
    }
    return { lists, global, modules }
  }

  it.each<[ProviderProducerFilter, (s: { lists: string[]; global: string[] }) => string[]]>([
    ['lists-and-global', s => [...s.lists, ...s.global].sort()],
    ['lists-only', s => s.lists]
  ])('pages the filtered list, keeping the filter in links (%s)', async (variant, expected) => {
    let seeded = { lists: [] as string[], global: [] as string[], modules: [] as string[] }
    await replaceFakeTfe({ providerProducerFilter: variant }, tfe => {
      seeded = seedMany(tfe)
    })
    const want = expected(seeded)
    const { names, pages } = await listedThroughLinks(
      'filter[provider_producer]=true&page[size]=20'
    )
    expect(names).toEqual(want)
    expect(pages).toHaveLength(Math.ceil(want.length / 20))
    const first = pages[0] as Reply
    expect(first.doc.links?.next).toContain('filter%5Bprovider_producer%5D=true')
    expect(first.doc.meta?.pagination).toMatchObject({
      'total-count': want.length,
      'total-pages': Math.ceil(want.length / 20)
    })
  })

  it('pages both filters together, keeping both in links', async () => {
    let seeded = { lists: [] as string[], global: [] as string[], modules: [] as string[] }
    await replaceFakeTfe({}, tfe => {
      seeded = seedMany(tfe)
    })
    const providers = new Set([...seeded.lists, ...seeded.global])
    const want = seeded.modules.filter(name => providers.has(name))
    const { names, pages } = await listedThroughLinks(
      'filter[module_producer]=true&filter[provider_producer]=true&page[size]=10'
    )
    expect(names).toEqual(want)
    expect(pages).toHaveLength(Math.ceil(want.length / 10))
    const next = (pages[0] as Reply).doc.links?.next
    expect(next).toContain('filter%5Bmodule_producer%5D=true')
    expect(next).toContain('filter%5Bprovider_producer%5D=true')
  })

  it('pages the false side too, and the two sides together are every organization', async () => {
    await replaceFakeTfe({}, seedMany)
    const yes = await listedThroughLinks('filter[provider_producer]=true&page[size]=100')
    const no = await listedThroughLinks('filter[provider_producer]=false&page[size]=100')
    expect(no.pages).toHaveLength(2)
    expect(yes.names.length + no.names.length).toBe(250)
    expect(new Set([...yes.names, ...no.names]).size).toBe(250)
  })

  it('combines with q and q[name]', async () => {
    await replaceFakeTfe({}, seedMany)
    // org-0012x: 0120 (global), 0123, 0126, 0129 (lists) share providers; the others not.
    expect(await listed('filter[provider_producer]=true&q=org-012')).toEqual([
      'org-0120',
      'org-0123',
      'org-0126',
      'org-0129'
    ])
    expect(await listed('filter[provider_producer]=false&q[name]=org-012')).toEqual([
      'org-0121',
      'org-0122',
      'org-0124',
      'org-0125',
      'org-0127',
      'org-0128'
    ])
  })
})

describe('the option', () => {
  it('refuses an unknown variant', async () => {
    await expect(
      startFakeTfe({ providerProducerFilter: 'sometimes' as ProviderProducerFilter })
    ).rejects.toThrow(/providerProducerFilter must be one of lists-and-global, lists-only, ignored/)
  })
})
