// Dry runs, conflicts and global module sharing in process, against the fake TFE: what a run
// plans and reports without writing, what it refuses before any write, and how a list turns
// global sharing off. Turning it on is a smoke of e2e/e2e-modes; more in in-process-sharing.
import { expectFailure, expectSuccess, org, writes } from '../support/action-on-fake.js'
import { runInProcessOnFake } from '../support/in-process-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  ADMIN_ORGS,
  type Api,
  type Change,
  consumers,
  consumersOutput,
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
    const result = await runInProcessOnFake({
      ...inputs,
      organization: producer,
      'dry-run': 'true'
    })

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
    const on = await runInProcessOnFake({
      'global-module-sharing': 'true',
      'allow-empty': 'true',
      'dry-run': 'true'
    })
    expectSuccess(on)
    expect(on.summary).toMatch(/Global module sharing: off → \*\*on\*\*/)
    expect(on.outputs['global-module-sharing']).toBe('true')

    const off = await runInProcessOnFake({
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
      /^Invalid input: global-module-sharing: true shares with every organization.*leave consumers empty/
    ],
    [
      'mode add with global-module-sharing',
      { mode: 'add', consumers: 'team-a', 'global-module-sharing': 'false' },
      /^Invalid input: global-module-sharing cannot be combined with mode: add/
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
      /^modules: turning global module sharing on wipes its 2 consumers \(legacy, team-c\); set allow-empty: true/
    ],
    [
      'a consumer list while global sharing is on',
      { organization: 'shared', consumers: 'team-a' },
      /shares its modules with every organization.*global-module-sharing: false/
    ],
    [
      'mode add while global sharing is on',
      { organization: 'shared', mode: 'add', consumers: 'team-a' },
      /^shared: shares its modules with every organization \(global module sharing\), so there is no consumer list to add to or from/
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
    const result = await runInProcessOnFake({ ...inputs, consumers: refs(inputs.consumers ?? '') })

    expectFailure(result, pattern)
    expect(fake.writes()).toEqual([])
    expect(org(producer)).toEqual(state)
    expect(result.outputs).toEqual({})
  })
})

describe('global module sharing', () => {
  it.each<[Api, string, string]>([
    ['module-consumers', 'PATCH', `${ADMIN_ORGS}/shared/module-consumers`],
    ['relationships', 'PATCH', `${ADMIN_ORGS}/shared/relationships/module-consumers`],
    ['registry-partnerships', 'PUT', `${ADMIN_ORGS}/shared/registry-partnerships`]
  ])('false with consumers turns it off and sets the list (%s)', async (api, method, path) => {
    const result = await runInProcessOnFake({
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
