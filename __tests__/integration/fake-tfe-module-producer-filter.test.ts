// filter[module_producer] on the admin organizations list (TFE v202103-1+): documented as "true
// returns organizations that are configured to share their modules, false those that are not",
// silent on global sharing. The fake answers it three ways (moduleProducerFilter), and each is
// pinned here through real HTTP requests, with pages and q filters on top, so that the action's
// tests can run against every reading a real TFE might have.
import type { FakeTfe, ModuleProducerFilter } from '../../test-kit/fake-tfe.mjs'
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake, replaceFakeTfe, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { type Reply, admin, callTfe, resources } from '../support/tfe-calls.js'

/**
 * consumer-1 … consumer-3; lists-a and lists-b share with consumers, global shares with every
 * organization, none shares with nobody.
 */
function seedSharing(tfe: FakeTfe): void {
  tfe.addOrganizations(3, 'consumer')
  tfe.addOrganization({ name: 'lists-a', moduleConsumers: ['consumer-0001'] })
  tfe.addOrganization({ name: 'global', globalModuleSharing: true })
  tfe.addOrganization({ name: 'none' })
  tfe.addOrganization({ name: 'lists-b', moduleConsumers: ['consumer-0002', 'consumer-0003'] })
}

const CONSUMERS = ['consumer-0001', 'consumer-0002', 'consumer-0003']

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

useFakeTfe(seedSharing)

describe('filter[module_producer]', () => {
  it('counts global sharing as sharing by default (lists-and-global)', async () => {
    expect(fake.moduleProducerFilter).toBe('lists-and-global')
    expect(await listed('filter[module_producer]=true')).toEqual(['lists-a', 'global', 'lists-b'])
    expect(await listed('filter[module_producer]=false')).toEqual([...CONSUMERS, 'none'])
  })

  it('with lists-only, lists only the organizations with consumers as producers', async () => {
    await replaceFakeTfe({ moduleProducerFilter: 'lists-only' }, seedSharing)
    expect(fake.moduleProducerFilter).toBe('lists-only')
    expect(await listed('filter[module_producer]=true')).toEqual(['lists-a', 'lists-b'])
    expect(await listed('filter[module_producer]=false')).toEqual([...CONSUMERS, 'global', 'none'])
  })

  it.each(['true', 'false'])(
    'with ignored, lists everyone for %s, as an older TFE does',
    async v => {
      await replaceFakeTfe({ moduleProducerFilter: 'ignored' }, seedSharing)
      expect(await listed(`filter[module_producer]=${v}`)).toEqual([
        ...CONSUMERS,
        'lists-a',
        'global',
        'none',
        'lists-b'
      ])
    }
  )

  it.each<ModuleProducerFilter>(['lists-and-global', 'lists-only', 'ignored'])(
    'lists everyone without the parameter, and for a value other than true or false (%s)',
    async variant => {
      await replaceFakeTfe({ moduleProducerFilter: variant }, seedSharing)
      const everyone = [...CONSUMERS, 'lists-a', 'global', 'none', 'lists-b']
      expect(await listed('')).toEqual(everyone)
      expect(await listed('filter[module_producer]=yes')).toEqual(everyone)
    }
  )

  it('splits the list in two: true and false together are everyone, once', async () => {
    const producers = await listed('filter[module_producer]=true')
    const others = await listed('filter[module_producer]=false')
    expect([...producers, ...others].sort()).toEqual(
      [...CONSUMERS, 'lists-a', 'global', 'none', 'lists-b'].sort()
    )
  })

  it('carries global-module-sharing and the external id on every listed organization', async () => {
    const res = await callTfe('GET', admin('?filter[module_producer]=true'))
    const byName = Object.fromEntries(resources(res.doc).map(r => [r.id, r.attributes]))
    expect(byName.global).toMatchObject({
      'global-module-sharing': true,
      'external-id': fake.org('global')?.externalId
    })
    expect(byName['lists-a']).toMatchObject({ 'global-module-sharing': false })
    const all = await callTfe('GET', admin(''))
    for (const org of resources(all.doc)) {
      expect(typeof org.attributes['global-module-sharing']).toBe('boolean')
    }
  })

  it('follows the sharing as it changes through the API', async () => {
    const clear = await callTfe('PATCH', admin('/lists-a/relationships/module-consumers'), {
      body: { data: [] }
    })
    expect(clear.status).toBe(204)
    const share = await callTfe('PATCH', admin('/none/relationships/module-consumers'), {
      body: { data: [{ type: 'organizations', id: 'consumer-0001' }] }
    })
    expect(share.status).toBe(204)
    const globalOff = await callTfe('PATCH', admin('/global'), {
      body: { data: { type: 'organizations', attributes: { 'global-module-sharing': false } } }
    })
    expect(globalOff.status).toBe(200)
    expect(await listed('filter[module_producer]=true')).toEqual(['none', 'lists-b'])
  })
})

describe('filter[module_producer] with pages and q', () => {
  /** 250 organizations; every third one shares with org-0001, every tenth has global sharing. */
  function seedMany(tfe: FakeTfe): { lists: string[]; global: string[] } {
    tfe.addOrganization({ name: 'org-0001' })
    const lists: string[] = []
    const global: string[] = []
    for (let i = 2; i <= 250; i++) {
      const name = `org-${String(i).padStart(4, '0')}`
      if (i % 10 === 0) {
        tfe.addOrganization({ name, globalModuleSharing: true })
        global.push(name)
      } else if (i % 3 === 0) {
        tfe.addOrganization({ name, moduleConsumers: ['org-0001'] })
        lists.push(name)
      } else {
        tfe.addOrganization({ name })
      }
    }
    return { lists, global }
  }

  it.each<[ModuleProducerFilter, (s: { lists: string[]; global: string[] }) => string[]]>([
    ['lists-and-global', s => [...s.lists, ...s.global].sort()],
    ['lists-only', s => s.lists]
  ])('pages the filtered list, keeping the filter in links (%s)', async (variant, expected) => {
    let seeded = { lists: [] as string[], global: [] as string[] }
    await replaceFakeTfe({ moduleProducerFilter: variant }, tfe => {
      seeded = seedMany(tfe)
    })
    const want = expected(seeded)
    const { names, pages } = await listedThroughLinks('filter[module_producer]=true&page[size]=20')
    expect(names).toEqual(want)
    expect(pages).toHaveLength(Math.ceil(want.length / 20))
    const first = pages[0] as Reply
    expect(first.doc.links?.next).toContain('filter%5Bmodule_producer%5D=true')
    expect(first.doc.meta?.pagination).toMatchObject({
      'total-count': want.length,
      'total-pages': Math.ceil(want.length / 20)
    })
  })

  it('pages the false side too, and the two sides together are every organization', async () => {
    await replaceFakeTfe({}, seedMany)
    const yes = await listedThroughLinks('filter[module_producer]=true&page[size]=100')
    const no = await listedThroughLinks('filter[module_producer]=false&page[size]=100')
    expect(no.pages).toHaveLength(2)
    expect(yes.names.length + no.names.length).toBe(250)
    expect(new Set([...yes.names, ...no.names]).size).toBe(250)
  })

  it('combines with q and q[name]', async () => {
    await replaceFakeTfe({}, seedMany)
    // org-0012x: 0120 (global), 0123 (lists), 0126 (lists), 0129 (lists) share; the others not.
    expect(await listed('filter[module_producer]=true&q=org-012')).toEqual([
      'org-0120',
      'org-0123',
      'org-0126',
      'org-0129'
    ])
    expect(await listed('filter[module_producer]=false&q[name]=org-012')).toEqual([
      'org-0121',
      'org-0122',
      'org-0124',
      'org-0125',
      'org-0127',
      'org-0128'
    ])
  })

  it('with links only or with no pagination hints, still filters every page', async () => {
    for (const pagination of ['links', 'none'] as const) {
      let seeded = { lists: [] as string[], global: [] as string[] }
      await replaceFakeTfe({ pagination }, tfe => {
        seeded = seedMany(tfe)
      })
      const want = [...seeded.lists, ...seeded.global].sort()
      const names: string[] = []
      for (let page = 1; page <= 10; page++) {
        const got = await listed(`filter[module_producer]=true&page[number]=${page}`)
        names.push(...got)
        if (got.length < 100) break
      }
      expect(names).toEqual(want)
    }
  })
})

describe('the option', () => {
  it('refuses an unknown variant', async () => {
    await expect(
      startFakeTfe({ moduleProducerFilter: 'sometimes' as ModuleProducerFilter })
    ).rejects.toThrow(/moduleProducerFilter must be one of lists-and-global, lists-only, ignored/)
  })
})
