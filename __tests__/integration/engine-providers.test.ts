// Provider sharing through the one engine, in process against the fake TFE: what is written
// (registry-partnerships only, both lists in one call, lists before flags), what is refused (a
// call that could turn the other kind's global sharing off), what is never touched (a kind a
// producer does not state), and who shares providers unmanaged. The sharing files that state
// providers are parsed elsewhere (config tests); here the producers are built as the loader
// builds them, so that each case names exactly what it asks of the engine.
import { type FakeTfe, type FakeTfeOptions, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import type { Desired, ProvidersDesired } from '../../src/domain/desired.js'
import type { Api, ConsumerRef } from '../../src/domain/model.js'
import type { Outcome } from '../../src/domain/outcome.js'
import { share } from '../../src/sharing/engine.js'
import { TfeClient } from '../../src/tfe/client.js'

let fake: FakeTfe
let log: string[]
afterEach(async () => {
  await fake?.close()
})

const ADMIN = '/api/v2/admin/organizations'
const FILE = 'sharing/platform.yml'

async function start(options: FakeTfeOptions = {}, seed: (tfe: FakeTfe) => void = () => {}) {
  fake = await startFakeTfe(options)
  for (const name of ['team-a', 'team-b', 'team-c', 'legacy']) fake.addOrganization({ name })
  seed(fake)
  log = []
}

const names = (list: readonly string[]): ConsumerRef[] => list.map(name => ({ kind: 'name', name }))

/** A producer as a sharing file gives it: modules (a list, or global) and providers when stated. */
function producer(
  organization: string,
  sharing: {
    modules?: readonly string[] | 'global'
    providers?: readonly string[] | 'global'
  }
): Desired {
  const { modules, providers } = sharing
  const moduleRefs = Array.isArray(modules) ? names(modules) : []
  const stated: ProvidersDesired | undefined =
    providers === undefined
      ? undefined
      : {
          consumers: Array.isArray(providers) ? names(providers) : [],
          consumerPlaces: (Array.isArray(providers) ? providers : []).map((_, i) => ({
            file: FILE,
            line: 10 + i
          })),
          global: providers === 'global',
          place: { file: FILE, line: 9 }
        }
  return {
    organization,
    consumers: moduleRefs,
    mode: 'set',
    globalModuleSharing: modules === 'global',
    allowEmpty: true,
    place: { file: FILE, line: 2 },
    consumerPlaces: moduleRefs.map((_, i) => ({ file: FILE, line: 3 + i })),
    managesModules: modules !== undefined,
    providers: stated
  }
}

function run(
  desired: Desired[],
  { api = 'registry-partnerships', dryRun = false, unmanaged = 'filter' } = {} as {
    api?: Api
    dryRun?: boolean
    unmanaged?: 'skip' | 'filter' | 'certain'
  }
): Promise<Outcome> {
  const client = new TfeClient({
    baseUrl: fake.url,
    token: fake.adminToken,
    maxRetries: 0
  })
  return share(client, desired, { api, dryRun, unmanaged, log: line => log.push(line) })
}

const writes = () =>
  fake.writes().map(w => ({
    method: w.method,
    path: w.path.replace(`${ADMIN}/`, ''),
    body: JSON.parse(w.body) as unknown
  }))
const put = (modules: string[], providers: string[]) => ({
  method: 'PUT',
  path: 'platform/registry-partnerships',
  body: {
    data: {
      type: 'registry-partnerships',
      attributes: { 'module-consumers': modules, 'provider-consumers': providers }
    }
  }
})
const flag = (attribute: string, value: boolean) => ({
  method: 'PATCH',
  path: 'platform',
  body: { data: { type: 'organizations', attributes: { [attribute]: value } } }
})
const failures = (outcome: Outcome) =>
  outcome.producers.flatMap(p => p.problems.map(problem => problem.message))
const label = (list: readonly { name?: string; externalId: string }[] | undefined) =>
  list?.map(c => c.name ?? c.externalId)

/**
 * From the registry-partnerships PUT on, platform's GET answers with these global flags: what
 * TFE would show if the write (or another run at the same time) left them so.
 */
function flagsAfterThePut(flags: { modules: boolean; providers: boolean }): void {
  const id = fake.org('platform')?.externalId
  let written = false
  fake.intercept((req, res) => {
    if (req.method === 'PUT') written = true
    if (!written || req.method !== 'GET' || req.url !== `${ADMIN}/platform`) return false
    res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
    res.end(
      JSON.stringify({
        data: {
          id: 'platform',
          type: 'organizations',
          attributes: {
            name: 'platform',
            'external-id': id,
            'global-module-sharing': flags.modules,
            'global-provider-sharing': flags.providers
          }
        }
      })
    )
    return true
  })
}

describe('a producer that states both kinds, on registry-partnerships', () => {
  it('sends both lists in one call, checks both read back, and reports each kind', async () => {
    await start({}, tfe =>
      tfe.addOrganization({
        name: 'platform',
        moduleConsumers: ['legacy'],
        providerConsumers: ['team-a']
      })
    )
    const outcome = await run([
      producer('platform', { modules: ['team-a', 'legacy'], providers: ['team-b'] })
    ])
    expect(writes()).toEqual([put(['team-a', 'legacy'], ['team-b'])])
    expect(fake.org('platform')).toMatchObject({
      moduleConsumers: ['legacy', 'team-a'],
      providerConsumers: ['team-b'],
      globalModuleSharing: false,
      globalProviderSharing: false
    })
    const [result] = outcome.producers
    expect(result?.result).toBe('changed')
    expect(label(result?.plan?.added)).toEqual(['team-a'])
    expect(label(result?.plan?.providers?.added)).toEqual(['team-b'])
    expect(label(result?.plan?.providers?.removed)).toEqual(['team-a'])
    expect(label(result?.applied?.providerConsumers)).toEqual(['team-b'])
    expect(log).toContain(
      'platform now shares its modules with 2 organizations, and its providers with 1 organization.'
    )
  })

  it('writes nothing when both kinds already are as stated, or on a dry run', async () => {
    await start({}, tfe => {
      tfe.addOrganization({ name: 'other' })
      tfe.addOrganization({
        name: 'platform',
        moduleConsumers: ['legacy'],
        providerConsumers: ['team-a']
      })
    })
    const same = await run([producer('platform', { modules: ['legacy'], providers: ['team-a'] })])
    expect(same.producers[0]?.result).toBe('unchanged')
    const dry = await run(
      [
        producer('other', { modules: [] }),
        producer('platform', { modules: ['legacy'], providers: ['team-b'] })
      ],
      { dryRun: true }
    )
    expect(dry.producers.map(p => p.result)).toEqual(['unchanged', 'would-change'])
    expect(dry.wrote).toBe(false)
    // The log says each change, and which kind it is of.
    expect(log).toContain(
      'platform: would add provider consumers team-b; would remove provider consumers team-a'
    )
    expect(writes()).toEqual([])
  })

  it('reports its provider consumers unchanged when only its modules turn global', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', providerConsumers: ['team-a'] }))
    const outcome = await run([producer('platform', { modules: 'global', providers: ['team-a'] })])
    expect(writes()).toEqual([flag('global-module-sharing', true)])
    expect(label(outcome.producers[0]?.applied?.providerConsumers)).toEqual(['team-a'])
  })

  it('writes the lists before a global flag: providers to a list, modules to everyone', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] }))
    const outcome = await run([producer('platform', { modules: 'global', providers: ['team-a'] })])
    // Today's module list goes with the call, so that no one loses access before the flag.
    expect(writes()).toEqual([put(['legacy'], ['team-a']), flag('global-module-sharing', true)])
    expect(fake.org('platform')).toMatchObject({
      globalModuleSharing: true,
      moduleConsumers: [],
      providerConsumers: ['team-a']
    })
    expect(outcome.producers[0]?.applied).toMatchObject({ globalAfter: true, consumers: [] })
  })
})

describe('the read-back of a registry-partnerships write', () => {
  it('says so when a global flag moved meanwhile, with what was already written', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] }))
    // Another run turns global module sharing on while this one writes its lists.
    flagsAfterThePut({ modules: true, providers: false })
    const outcome = await run([
      producer('platform', { modules: ['legacy'], providers: ['team-a'] })
    ])
    const [result] = outcome.producers
    expect(result?.result).toBe('failed')
    expect(result?.error).toMatchObject({
      message:
        'platform: after the registry-partnerships write TFE reports global module sharing on, but ' +
        'it was off before; another run may have changed it at the same time. Check the ' +
        "organization's settings in TFE and run again.",
      written: ['the module consumers were set to [legacy], the provider consumers to [team-a]']
    })
  })

  it('checks the module flag too when the plan turns global provider sharing off next', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', globalProviderSharing: true }))
    // The write may leave provider sharing on (the next step sees to it), not module sharing.
    flagsAfterThePut({ modules: true, providers: true })
    const outcome = await run([
      producer('platform', { modules: ['legacy'], providers: ['team-a'] })
    ])
    expect(outcome.producers[0]?.error).toMatchObject({
      message: expect.stringContaining(
        'TFE reports global module sharing on, but it was off before'
      )
    })
    expect(writes()).toEqual([put(['legacy'], ['team-a'])])
  })
})

describe('a producer that states only its providers', () => {
  it('sends its module consumers back as TFE has them, and leaves modules unmanaged', async () => {
    await start({}, tfe =>
      tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy', 'team-c'] })
    )
    const outcome = await run([producer('platform', { providers: ['team-a'] })])
    // In the order TFE listed them.
    expect(writes()).toEqual([put(['team-c', 'legacy'], ['team-a'])])
    expect(fake.org('platform')?.moduleConsumers).toEqual(['legacy', 'team-c'])
    const plan = outcome.producers[0]?.plan
    expect(plan?.managesModules).toBe(false)
    expect(plan?.added).toEqual([])
    expect(plan?.removed).toEqual([])
    expect(log).toContain('platform now shares its providers with 1 organization.')
    // It still shares modules, and no file manages them: unmanaged for modules only.
    expect(outcome.unmanaged).toEqual([
      { organization: 'platform', modules: { global: false, consumers: 2 }, providers: undefined }
    ])
  })

  it('has its module list read once, though unmanaged discovery looks at it too', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] }))
    const outcome = await run([producer('platform', { providers: ['team-a'] })], { dryRun: true })
    expect(outcome.unmanaged).toEqual([
      { organization: 'platform', modules: { global: false, consumers: 1 }, providers: undefined }
    ])
    const reads = fake.requests.filter(
      r => r.path === `${ADMIN}/platform/relationships/module-consumers`
    )
    expect(reads).toHaveLength(1)
  })

  it('is refused, with nothing written for anyone, when it shares its modules with everyone', async () => {
    await start({}, tfe => {
      tfe.addOrganization({ name: 'platform', globalModuleSharing: true })
      tfe.addOrganization({ name: 'other' })
    })
    const outcome = await run([
      producer('other', { modules: ['team-a'] }),
      producer('platform', { providers: ['team-a'] })
    ])
    expect(failures(outcome)).toEqual([
      'platform: shares its modules with every organization, and the registry-partnerships write ' +
        'that sets its provider consumers may turn that off (one call sets both lists); state its ' +
        'module sharing in the file as a list, or change its provider consumers in TFE by hand. ' +
        'Nothing was changed.'
    ])
    expect(outcome.producers[1]?.problems[0]).toMatchObject({ file: FILE, line: 2 })
    expect(outcome.wrote).toBe(false)
    expect(writes()).toEqual([])
    expect(fake.org('platform')?.globalModuleSharing).toBe(true)
  })

  it('turns global provider sharing on with the flag alone, whatever modules share', async () => {
    await start({}, tfe =>
      tfe.addOrganization({
        name: 'platform',
        globalModuleSharing: true,
        providerConsumers: ['team-a']
      })
    )
    const outcome = await run([producer('platform', { providers: 'global' })])
    expect(writes()).toEqual([flag('global-provider-sharing', true)])
    expect(fake.org('platform')).toMatchObject({
      globalModuleSharing: true,
      globalProviderSharing: true,
      providerConsumers: []
    })
    expect(outcome.producers[0]?.applied).toMatchObject({
      globalAfter: true,
      globalProvidersAfter: true,
      providerConsumers: []
    })
  })

  it('reports the modules it leaves alone as TFE holds them, and asks nothing of consumers TFE already lists', async () => {
    await start({}, tfe =>
      tfe.addOrganization({
        name: 'platform',
        moduleConsumers: ['legacy'],
        providerConsumers: ['team-a']
      })
    )
    const outcome = await run([producer('platform', { providers: 'global' })])
    expect(writes()).toEqual([flag('global-provider-sharing', true)])
    expect(label(outcome.producers[0]?.applied?.consumers)).toEqual(['legacy'])
    const unchanged = await run([producer('platform', { modules: 'global', providers: [] })], {
      dryRun: true
    })
    expect(label(unchanged.producers[0]?.plan?.providers?.next)).toEqual([])
    // team-a came with today's provider list: no lookup of it, by name or by list.
    expect(fake.requests.filter(r => r.path === `${ADMIN}/team-a`)).toEqual([])
  })

  it('sets global provider sharing off itself when the list write left it on', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', globalProviderSharing: true }))
    // A TFE whose list write leaves global provider sharing on (the docs say so only of modules).
    flagsAfterThePut({ modules: false, providers: true })
    const outcome = await run([producer('platform', { modules: [], providers: ['team-a'] })])
    expect(writes()).toEqual([put([], ['team-a']), flag('global-provider-sharing', false)])
    expect(outcome.producers[0]?.applied).toMatchObject({ globalProvidersAfter: false })
  })

  it('fails, showing both lists, when the provider list read back is not the one written', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform' }))
    let written = false
    fake.intercept((req, res) => {
      if (req.method === 'PUT') written = true
      if (!written || !req.url?.startsWith(`${ADMIN}/platform/relationships/provider-consumers`)) {
        return false
      }
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(JSON.stringify({ data: [], links: {}, meta: {} }))
      return true
    })
    const outcome = await run([producer('platform', { providers: ['team-a'] })])
    expect(outcome.producers[0]?.error).toMatchObject({
      message:
        'platform: after the write TFE shares providers with no consumers, but the plan was ' +
        '[team-a]; another run may have changed it at the same time. Check the list in TFE and run again.'
    })
  })

  it('turns global provider sharing off for a list: the list first, its read-back confirms the flag', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', globalProviderSharing: true }))
    const outcome = await run([producer('platform', { providers: ['team-a'] })])
    // The fake turns the flag off with the list, as TFE does for modules: no PATCH needed, and
    // the flag comes from the write's read-back, not from one more GET.
    expect(writes()).toEqual([put([], ['team-a'])])
    const gets = fake.requests.filter(r => r.method === 'GET' && r.path === `${ADMIN}/platform`)
    expect(gets).toHaveLength(2)
    expect(fake.org('platform')).toMatchObject({
      globalProviderSharing: false,
      providerConsumers: ['team-a']
    })
    expect(outcome.producers[0]?.applied).toMatchObject({ globalProvidersAfter: false })
  })

  it('is refused when it lists itself, or a consumer this TFE does not have, on its line', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform' }))
    const self = await run([producer('platform', { providers: ['platform'] })])
    expect(failures(self)[0]).toMatch(
      /^platform: provider-consumers lists platform itself \(org-\w+\); an organization always uses its own providers/
    )
    const ghost = await run([producer('platform', { providers: ['team-a', 'ghost'] })])
    expect(ghost.producers[0]?.problems).toEqual([
      expect.objectContaining({ file: FILE, line: 11, message: expect.stringMatching(/ghost/) })
    ])
    expect(writes()).toEqual([])
  })
})

describe('a producer that states only its modules', () => {
  it('is refused on registry-partnerships when it shares its providers with everyone', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'platform', globalProviderSharing: true }))
    const outcome = await run([producer('platform', { modules: ['team-a'] })])
    expect(failures(outcome)).toEqual([
      'platform: shares its providers with every organization, and a registry-partnerships write ' +
        'may turn that off; use api: relationships or module-consumers. Nothing was changed.'
    ])
    expect(writes()).toEqual([])
  })

  it.each(['module-consumers', 'relationships', 'registry-partnerships'] as const)(
    'never changes provider sharing (api: %s)',
    async api => {
      await start({}, tfe => {
        tfe.addOrganization({
          name: 'platform',
          moduleConsumers: ['legacy'],
          providerConsumers: ['team-a', 'team-b']
        })
        tfe.addOrganization({ name: 'tools', globalProviderSharing: true })
      })
      const before = [fake.org('platform'), fake.org('tools')]
      const outcome = await run(
        [producer('platform', { modules: ['team-c'] }), producer('tools', { modules: 'global' })],
        { api }
      )
      expect(outcome.producers.map(p => p.result)).toEqual(['changed', 'changed'])
      // Not managed, so not reported as the run's own.
      expect(outcome.producers[0]?.applied?.providerConsumers).toBeUndefined()
      expect(fake.org('platform')).toMatchObject({
        moduleConsumers: ['team-c'],
        providerConsumers: before[0]?.providerConsumers,
        globalProviderSharing: false
      })
      expect(fake.org('tools')).toMatchObject({
        globalModuleSharing: true,
        globalProviderSharing: true,
        providerConsumers: []
      })
      expect(fake.writes().some(w => JSON.stringify(w.body).includes('provider-sharing'))).toBe(
        false
      )
    }
  )
})

describe('on a TFE without registry-partnerships (before v202301-1)', () => {
  const OLD = { features: { providerConsumers: false, registryPartnerships: false } }

  it('refuses provider sharing before any write, and names the release it needs', async () => {
    await start(OLD, tfe => {
      tfe.addOrganization({ name: 'platform' })
      tfe.addOrganization({ name: 'other' })
    })
    const outcome = await run([
      producer('other', { modules: ['team-a'] }),
      producer('platform', { providers: ['team-a'] })
    ])
    expect(failures(outcome)).toEqual([
      // A producer that states only modules may not use registry-partnerships there either.
      'other: this TFE does not list provider consumers (HTTP 404), and registry-partnerships would ' +
        'overwrite them; use api: relationships or module-consumers. Nothing was changed.',
      'platform: this TFE does not list provider consumers (HTTP 404): provider sharing needs TFE ' +
        'v202301-1 or later; leave provider-consumers and global-provider-sharing out of the file. ' +
        'Nothing was changed.'
    ])
    expect(writes()).toEqual([])
  })

  it('refuses provider sharing on another api with the api and the release named', async () => {
    await start(OLD, tfe => tfe.addOrganization({ name: 'platform' }))
    const outcome = await run([producer('platform', { providers: ['team-a'] })], {
      api: 'relationships'
    })
    expect(failures(outcome)[0]).toContain(
      "provider sharing is written only through registry-partnerships (TFE v202301-1 or later), and this run's api is relationships"
    )
    expect(writes()).toEqual([])
  })

  it.each(['module-consumers', 'relationships'] as const)(
    'still shares modules, looking for no provider sharing (api: %s)',
    async api => {
      await start(OLD, tfe =>
        tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
      )
      const outcome = await run([producer('platform', { modules: ['team-a'] })], { api })
      expect(outcome.producers[0]?.result).toBe('changed')
      expect(fake.org('platform')?.moduleConsumers).toEqual(['team-a'])
      expect(fake.requests.some(r => r.path.includes('provider'))).toBe(false)
      expect(fake.requests.some(r => 'filter[provider_producer]' in r.query)).toBe(false)
    }
  )
})

describe('organizations that share providers but no file manages them', () => {
  it('are unmanaged for providers, and said apart from those unmanaged for modules', async () => {
    await start({}, tfe => {
      tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
      tfe.addOrganization({ name: 'tools', providerConsumers: ['team-a'] })
      tfe.addOrganization({
        name: 'both',
        moduleConsumers: ['team-a'],
        globalProviderSharing: true
      })
      tfe.addOrganization({ name: 'web', moduleConsumers: ['team-b'] })
    })
    const outcome = await run([producer('platform', { modules: ['legacy'] })], { dryRun: true })
    // By name, whichever kind found them.
    expect(outcome.unmanaged).toEqual([
      {
        organization: 'both',
        modules: { global: false, consumers: 1 },
        providers: { global: true, consumers: undefined }
      },
      { organization: 'tools', modules: undefined, providers: { global: false, consumers: 1 } },
      { organization: 'web', modules: { global: false, consumers: 1 }, providers: undefined }
    ])
    expect(
      fake.requests.filter(r => r.query['filter[provider_producer]'] === 'true').length
    ).toBeGreaterThan(0)
  })

  it('counts a producer that manages its providers as managed for them only', async () => {
    await start({}, tfe => {
      tfe.addOrganization({
        name: 'platform',
        moduleConsumers: ['legacy', 'team-b'],
        providerConsumers: ['team-a']
      })
    })
    const both = await run([
      producer('platform', { modules: ['legacy', 'team-b'], providers: ['team-a'] })
    ])
    expect(both.unmanaged).toEqual([])
    const modulesOnly = await run([producer('platform', { modules: ['legacy', 'team-b'] })])
    expect(modulesOnly.unmanaged).toEqual([
      { organization: 'platform', modules: undefined, providers: { global: false, consumers: 1 } }
    ])
  })

  it('finds global provider sharers the filter leaves out when a drift check must be certain', async () => {
    await start({ providerProducerFilter: 'lists-only' }, tfe => {
      tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
      tfe.addOrganization({ name: 'tools', globalProviderSharing: true })
    })
    const filtered = await run([producer('platform', { modules: ['legacy'] })], { dryRun: true })
    expect(filtered.unmanaged).toEqual([])
    const certain = await run([producer('platform', { modules: ['legacy'] })], {
      dryRun: true,
      unmanaged: 'certain'
    })
    expect(certain.unmanaged).toEqual([
      {
        organization: 'tools',
        modules: undefined,
        providers: { global: true, consumers: undefined }
      }
    ])
    // Both kinds look at the whole list for global sharers, and share one read of it.
    const wholeList = fake.requests.filter(
      r => r.path === ADMIN && !Object.keys(r.query).some(key => key.startsWith('filter'))
    )
    expect(wholeList).toHaveLength(1)
  })
})
