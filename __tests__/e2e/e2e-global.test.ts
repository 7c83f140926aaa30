// Dry runs, conflicts and global module sharing end to end: what a run plans and reports without
// writing, what it refuses before any write, and how it turns global sharing on and off. The
// action built from src/ by this test run, run as a GitHub runner runs it, against the fake TFE.
import {
  expectFailure,
  expectSuccess,
  idOf,
  org,
  runOnFake,
  writes
} from '../support/action-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  ADMIN_ORGS,
  type Api,
  type Change,
  MODULES,
  consumers,
  consumersOutput,
  globalBody,
  ids,
  idsOutput,
  output,
  planRows,
  refs,
  rows,
  seedSharing
} from '../support/sharing-scenario.js'

useFakeTfe(seedSharing)

describe('dry run', () => {
  const cases: {
    what: string
    inputs: Record<string, string>
    organization?: string
    added: string[]
    removed: string[]
    next: string[]
    global: 'true' | 'false'
    table: Record<string, Change>
  }[] = [
    {
      what: 'mode set, by id',
      inputs: { consumers: 'id:team-a\nlegacy' },
      added: ['team-a'],
      removed: ['team-c'],
      next: ['team-a', 'legacy'],
      global: 'false',
      table: { 'team-a': 'added', legacy: 'kept', 'team-c': 'removed' }
    },
    {
      what: 'mode add',
      inputs: { mode: 'add', consumers: 'team-a' },
      added: ['team-a'],
      removed: [],
      next: ['legacy', 'team-c', 'team-a'],
      global: 'false',
      table: { legacy: 'kept', 'team-c': 'kept', 'team-a': 'added' }
    },
    {
      what: 'mode remove',
      inputs: { mode: 'remove', consumers: 'legacy' },
      added: [],
      removed: ['legacy'],
      next: ['team-c'],
      global: 'false',
      table: { 'team-c': 'kept', legacy: 'removed' }
    },
    {
      what: 'api relationships',
      inputs: { api: 'relationships', consumers: 'team-b' },
      added: ['team-b'],
      removed: ['legacy', 'team-c'],
      next: ['team-b'],
      global: 'false',
      table: { 'team-b': 'added', legacy: 'removed', 'team-c': 'removed' }
    },
    {
      what: 'global-module-sharing: true',
      inputs: { 'global-module-sharing': 'true', 'allow-empty': 'true' },
      added: [],
      removed: ['legacy', 'team-c'],
      next: [],
      global: 'true',
      table: { legacy: 'removed', 'team-c': 'removed' }
    },
    {
      what: 'global-module-sharing: false with consumers',
      organization: 'shared',
      inputs: { 'global-module-sharing': 'false', consumers: 'team-a' },
      added: ['team-a'],
      removed: [],
      next: ['team-a'],
      global: 'false',
      table: { 'team-a': 'added' }
    }
  ]

  it.each(cases)('$what: reads, plans, reports and writes nothing', async c => {
    const producer = c.organization ?? 'modules'
    const state = org(producer)
    const inputs = { ...c.inputs, consumers: refs(c.inputs.consumers ?? '') }
    const result = await runOnFake({ ...inputs, organization: producer, 'dry-run': 'true' })

    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(org(producer)).toEqual(state)

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids(...c.added))
    expect(idsOutput(result, 'removed')).toEqual(ids(...c.removed))
    expect(consumersOutput(result)).toEqual(consumers(...c.next))
    expect(result.outputs['global-module-sharing']).toBe(c.global)
    expect(output(result, 'partnership-ids')).toEqual([])

    expect(result.summary).toMatch(/^#+ .*dry run/im)
    expect(result.summary).toMatch(/Would change.*nothing was written/)
    expect(planRows(result.summary)).toEqual(rows(c.table))
    expect(result.stdout).toMatch(/nothing was written/)
  })

  it('shows a global change in the summary', async () => {
    const on = await runOnFake({
      'global-module-sharing': 'true',
      'allow-empty': 'true',
      'dry-run': 'true'
    })
    expectSuccess(on)
    expect(on.summary).toMatch(/Global module sharing: off → \*\*on\*\*/)

    const off = await runOnFake({
      organization: 'shared',
      'global-module-sharing': 'false',
      'allow-empty': 'true',
      'dry-run': 'true'
    })
    expectSuccess(off)
    expect(off.summary).toMatch(/Global module sharing: on → \*\*off\*\*/)
    expect(off.outputs.changed).toBe('true')
    expect(off.outputs['global-module-sharing']).toBe('false')
    expect(fake.writes()).toEqual([])
    expect(org('shared').globalModuleSharing).toBe(true)
  })
})

describe('conflicts fail before any write', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'global true with consumers',
      { 'global-module-sharing': 'true', consumers: 'team-a' },
      /global-module-sharing: true .*leave consumers empty/
    ],
    [
      'mode add with global-module-sharing',
      { mode: 'add', consumers: 'team-a', 'global-module-sharing': 'false' },
      /global-module-sharing cannot be combined with mode: add/
    ],
    [
      'mode remove with global-module-sharing',
      { mode: 'remove', consumers: 'legacy', 'global-module-sharing': 'true' },
      /global-module-sharing cannot be combined with mode: remove/
    ],
    [
      'remove leaving no consumer without allow-empty',
      { mode: 'remove', consumers: 'legacy, id:team-c' },
      /would leave no module consumers.*allow-empty: true/
    ],
    [
      'global true wiping consumers without allow-empty',
      { 'global-module-sharing': 'true' },
      /turning global module sharing on wipes .*legacy.*team-c.*allow-empty: true/
    ],
    [
      'a consumer list while global sharing is on',
      { organization: 'shared', consumers: 'team-a' },
      /shares its modules with every organization.*global-module-sharing: false/
    ],
    [
      'mode add while global sharing is on',
      { organization: 'shared', mode: 'add', consumers: 'team-a' },
      /shares its modules with every organization/
    ],
    [
      'mode remove while global sharing is on',
      { organization: 'shared', mode: 'remove', consumers: 'team-a' },
      /shares its modules with every organization/
    ],
    [
      'global false with an empty list without allow-empty',
      { organization: 'shared', 'global-module-sharing': 'false' },
      /consumers is empty.*allow-empty: true/
    ],
    [
      'a conflict in a dry run too',
      { mode: 'remove', consumers: 'legacy, team-c', 'dry-run': 'true' },
      /would leave no module consumers/
    ]
  ])('%s', async (_what, inputs, pattern) => {
    const producer = inputs.organization ?? 'modules'
    const state = org(producer)
    const result = await runOnFake({ ...inputs, consumers: refs(inputs.consumers ?? '') })

    expectFailure(result, pattern)
    expect(fake.writes()).toEqual([])
    expect(org(producer)).toEqual(state)
    expect(result.outputs).toEqual({})
  })

  it('registry-partnerships is refused when the producer shares providers globally', async () => {
    fake.addOrganization({
      name: 'providers',
      moduleConsumers: ['legacy'],
      globalProviderSharing: true
    })
    const result = await runOnFake({
      organization: 'providers',
      api: 'registry-partnerships',
      consumers: 'team-a'
    })
    expectFailure(result, /shares its providers with every organization/)
    expect(fake.writes()).toEqual([])
    expect(org('providers').globalProviderSharing).toBe(true)
  })

  it('registry-partnerships is refused when provider consumers cannot be read', async () => {
    fake.features.providerConsumers = false
    const result = await runOnFake({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /does not list provider consumers/)
    expect(fake.writes()).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })
})

describe('global module sharing', () => {
  it('true with allow-empty turns it on and wipes the consumers', async () => {
    const result = await runOnFake({ 'global-module-sharing': 'true', 'allow-empty': 'true' })

    expectSuccess(result)
    expect(writes()).toEqual([{ method: 'PATCH', path: MODULES, body: globalBody(true) }])
    expect(org('modules').globalModuleSharing).toBe(true)
    expect(org('modules').moduleConsumers).toEqual([])

    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(output(result, 'consumer-ids')).toEqual([])
    expect(idsOutput(result, 'added')).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual(ids('legacy', 'team-c'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(result.summary).toMatch(/Global module sharing: off → \*\*on\*\*/)
    expect(planRows(result.summary)).toEqual(rows({ legacy: 'removed', 'team-c': 'removed' }))
  })

  it('true needs no allow-empty when there are no consumers to wipe', async () => {
    const result = await runOnFake({ organization: 'empty', 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${ADMIN_ORGS}/empty`, body: globalBody(true) }
    ])
    expect(org('empty').globalModuleSharing).toBe(true)
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(result.outputs.changed).toBe('true')
  })

  it('false with an empty list and allow-empty turns it off', async () => {
    const result = await runOnFake({
      organization: 'shared',
      'global-module-sharing': 'false',
      'allow-empty': 'true'
    })
    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${ADMIN_ORGS}/shared`, body: globalBody(false) }
    ])
    expect(org('shared').globalModuleSharing).toBe(false)
    expect(org('shared').moduleConsumers).toEqual([])
    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'consumer-ids')).toEqual([])
    expect(output(result, 'previous-consumer-ids')).toEqual([])
    expect(result.summary).toMatch(/Global module sharing: on → \*\*off\*\*/)
  })

  it.each<[Api, string, string]>([
    ['module-consumers', 'PATCH', `${ADMIN_ORGS}/shared/module-consumers`],
    ['relationships', 'PATCH', `${ADMIN_ORGS}/shared/relationships/module-consumers`],
    ['registry-partnerships', 'PUT', `${ADMIN_ORGS}/shared/registry-partnerships`]
  ])('false with consumers turns it off and sets the list (%s)', async (api, method, path) => {
    const result = await runOnFake({
      organization: 'shared',
      api,
      'global-module-sharing': 'false',
      consumers: refs('team-a, id:team-b')
    })

    expectSuccess(result)
    // One write: a list turns global sharing off by itself, and a GET afterwards confirms it,
    // so there is no moment of sharing with nobody.
    expect(writes().map(w => `${w.method} ${w.path}`)).toEqual([`${method} ${path}`])
    const after = fake.requests.slice(fake.requests.findIndex(r => r.method !== 'GET') + 1)
    expect(after.some(r => r.method === 'GET' && r.path === `${ADMIN_ORGS}/shared`)).toBe(true)
    expect(org('shared').globalModuleSharing).toBe(false)
    expect(org('shared').moduleConsumers).toEqual(['team-a', 'team-b'])

    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(output(result, 'previous-consumer-ids')).toEqual([])
    expect(consumersOutput(result)).toEqual(consumers('team-a', 'team-b'))
    expect(output(result, 'partnership-ids')).toHaveLength(api === 'module-consumers' ? 2 : 0)
    expect(result.summary).toMatch(/Global module sharing: on → \*\*off\*\*/)
    expect(planRows(result.summary)).toEqual(rows({ 'team-a': 'added', 'team-b': 'added' }))
  })
})

describe('global module sharing left on by a list write', () => {
  it('is turned off explicitly when TFE still reports it on', async () => {
    // A TFE that applies the list but leaves the flag: the action must not leave it on.
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH' || !recorded.path.endsWith('/shared/module-consumers'))
        return false
      const ids = JSON.parse(recorded.body).data.attributes[
        'module-consuming-organization-ids'
      ] as string[]
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: ids.map((id, i) => ({
            id: `mp-${'x'.repeat(15)}${i}`,
            type: 'module-partnerships',
            attributes: {
              'consuming-organization-id': id,
              'consuming-organization-name': id === idOf('team-a') ? 'team-a' : 'team-b',
              'producing-organization-id': idOf('shared'),
              'producing-organization-name': 'shared'
            }
          }))
        })
      )
      return true
    })
    const result = await runOnFake({
      organization: 'shared',
      'global-module-sharing': 'false',
      consumers: 'team-a'
    })
    expectSuccess(result)
    expect(writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH ${ADMIN_ORGS}/shared/module-consumers`,
      `PATCH ${ADMIN_ORGS}/shared`
    ])
    expect(writes()[1]?.body).toEqual(globalBody(false))
    expect(org('shared').globalModuleSharing).toBe(false)
    expect(result.outputs['global-module-sharing']).toBe('false')
  })
})
