// The sharing modes in process, against the fake TFE: set, add and remove through each of the
// three write APIs, plans that change nothing, and a producer with more consumers than fit on a
// page. The smoke of each mode and API runs as a GitHub runner runs it (e2e/e2e-modes).
import { expectSuccess, idOf, org, writes } from '../support/action-on-fake.js'
import { runInProcessOnFake } from '../support/in-process-on-fake.js'
import { annotations } from '../support/run-expectations.js'
import type { PaginationShape } from '../../test-kit/fake-tfe.mjs'
import { fake, replaceFakeTfe, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  ADMIN_ORGS,
  type Api,
  type Change,
  MODULES,
  RELATIONSHIPS,
  consumers,
  consumersOutput,
  ids,
  idsOutput,
  lookups,
  output,
  planRows,
  refs,
  registryBody,
  relationshipsBody,
  rows,
  seedBodyFor,
  seedSharing
} from '../support/sharing-scenario.js'

useFakeTfe(seedSharing)

describe('modes through the module-consumers endpoint', () => {
  it('set by name and by id: the list becomes exactly the input', async () => {
    const result = await runInProcessOnFake({ consumers: refs('team-a\nid:team-b\nlegacy') })

    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: `${MODULES}/module-consumers`,
        body: seedBodyFor('team-a', 'team-b', 'legacy')
      }
    ])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-b'])
    // legacy is a consumer today, so its name needs no lookup; the id goes to TFE as it is.
    expect(lookups('legacy')).toEqual([])
    expect(lookups('team-a')).toEqual([`GET ${ADMIN_ORGS}/team-a`])

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(idsOutput(result, 'removed')).toEqual(ids('team-c'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers('team-a', 'team-b', 'legacy'))
    expect(result.outputs['global-module-sharing']).toBe('false')
    const partnerships = output(result, 'partnerships') as { id: string }[]
    expect(partnerships).toHaveLength(3)
    expect(output(result, 'partnership-ids')).toEqual(partnerships.map(p => p.id))
    for (const id of output(result, 'partnership-ids') as string[]) {
      expect(id).toMatch(/^mp-[1-9A-HJ-NP-Za-km-z]{16}$/)
    }

    expect(planRows(result.summary)).toEqual(
      rows({ 'team-a': 'added', 'team-b': 'added', legacy: 'kept', 'team-c': 'removed' })
    )
    expect(result.summary).toMatch(/Global module sharing: off \(unchanged\)/)
  })

  it('remove by id: today’s list minus the input, with no lookup', async () => {
    const result = await runInProcessOnFake({ mode: 'remove', consumers: refs('id:legacy') })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${MODULES}/module-consumers`, body: seedBodyFor('team-c') }
    ])
    expect(org('modules').moduleConsumers).toEqual(['team-c'])
    expect(lookups('legacy')).toEqual([])

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual(ids('legacy'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers('team-c'))
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'partnership-ids')).toHaveLength(1)

    expect(planRows(result.summary)).toEqual(rows({ 'team-c': 'kept', legacy: 'removed' }))
  })

  it('remove of the last consumers goes ahead with allow-empty: true', async () => {
    const result = await runInProcessOnFake({
      mode: 'remove',
      consumers: refs('legacy, id:team-c'),
      'allow-empty': 'true'
    })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${MODULES}/module-consumers`, body: seedBodyFor() }
    ])
    expect(org('modules').moduleConsumers).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual(ids('legacy', 'team-c'))
    expect(output(result, 'consumer-ids')).toEqual([])
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(planRows(result.summary)).toEqual(rows({ legacy: 'removed', 'team-c': 'removed' }))
  })
})

describe('a plan that changes nothing writes nothing', () => {
  const apis: Api[] = ['module-consumers', 'relationships', 'registry-partnerships']

  it.each(apis)('add of a consumer already there, by name, looks nothing up (%s)', async api => {
    const result = await runInProcessOnFake({ api, mode: 'add', consumers: 'legacy' })

    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(lookups('legacy')).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(idsOutput(result, 'added')).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual([])
    expect(consumersOutput(result)).toEqual(consumers('legacy', 'team-c'))
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(result.stdout).toMatch(/nothing was written/)
    expect(result.summary).toMatch(/No change.*nothing was written/)
    expect(planRows(result.summary)).toEqual(rows({ legacy: 'kept', 'team-c': 'kept' }))
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })

  it.each([
    ['by name', 'team-a'],
    ['by id', 'id:team-a']
  ])('remove of one that is not a consumer (%s) writes nothing, and warns', async (_what, spec) => {
    const result = await runInProcessOnFake({ mode: 'remove', consumers: refs(spec) })

    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(idsOutput(result, 'removed')).toEqual([])
    expect(idsOutput(result, 'added')).toEqual([])
    expect(consumersOutput(result)).toEqual(consumers('legacy', 'team-c'))
    expect(annotations(result, 'warning')).toEqual([
      `modules: ${refs(spec)} is not a module consumer, so there is nothing to remove; check the name`
    ])
    expect(result.stdout).toMatch(/nothing was written/)
    expect(result.summary).toMatch(/No change.*nothing was written/)
  })
})

describe('the relationships and registry-partnerships APIs', () => {
  // Mode set through each is a smoke of e2e/e2e-modes.
  const cases: {
    mode: string
    spec: string
    next: string[]
    added: string[]
    removed: string[]
    table: Record<string, Change>
  }[] = [
    {
      mode: 'add',
      spec: 'id:team-a, team-b',
      next: ['legacy', 'team-c', 'team-a', 'team-b'],
      added: ['team-a', 'team-b'],
      removed: [],
      table: { legacy: 'kept', 'team-c': 'kept', 'team-a': 'added', 'team-b': 'added' }
    },
    {
      mode: 'remove',
      spec: 'id:team-c',
      next: ['legacy'],
      added: [],
      removed: ['team-c'],
      table: { legacy: 'kept', 'team-c': 'removed' }
    }
  ]

  it.each(cases)('api relationships, mode $mode: names, 204, read back', async c => {
    const result = await runInProcessOnFake({
      api: 'relationships',
      mode: c.mode,
      consumers: refs(c.spec)
    })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: RELATIONSHIPS, body: relationshipsBody(...c.next) }
    ])
    const at = fake.requests.findIndex(r => r.method === 'PATCH')
    expect(
      fake.requests.slice(at + 1).filter(r => r.method === 'GET' && r.path === RELATIONSHIPS)
    ).not.toHaveLength(0)

    expect(org('modules').moduleConsumers).toEqual([...c.next].sort())
    expect(org('modules').providerConsumers).toEqual(['legacy', 'team-b'])
    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids(...c.added))
    expect(idsOutput(result, 'removed')).toEqual(ids(...c.removed))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers(...c.next))
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(output(result, 'partnerships')).toEqual([])
    expect(planRows(result.summary)).toEqual(rows(c.table))
  })

  it.each(cases)(
    'api registry-partnerships, mode $mode: names, provider consumers sent back, read back',
    async c => {
      const result = await runInProcessOnFake({
        api: 'registry-partnerships',
        mode: c.mode,
        consumers: refs(c.spec)
      })

      expectSuccess(result)
      expect(writes()).toEqual([
        {
          method: 'PUT',
          path: `${MODULES}/registry-partnerships`,
          body: registryBody(c.next, ['legacy', 'team-b'])
        }
      ])
      // Provider consumers are read before the write (to send them back) …
      const at = fake.requests.findIndex(r => r.method === 'PUT')
      const before = fake.requests.slice(0, at).map(r => `${r.method} ${r.path}`)
      expect(before).toContain(`GET ${MODULES}/relationships/provider-consumers`)
      // … and the module consumers after it, to confirm the write.
      const after = fake.requests.slice(at + 1).map(r => `${r.method} ${r.path}`)
      expect(after).toContain(`GET ${RELATIONSHIPS}`)

      expect(org('modules').moduleConsumers).toEqual([...c.next].sort())
      expect(org('modules').providerConsumers).toEqual(['legacy', 'team-b'])
      expect(org('modules').globalProviderSharing).toBe(false)
      expect(result.outputs.changed).toBe('true')
      expect(idsOutput(result, 'added')).toEqual(ids(...c.added))
      expect(idsOutput(result, 'removed')).toEqual(ids(...c.removed))
      expect(consumersOutput(result)).toEqual(consumers(...c.next))
      expect(output(result, 'partnership-ids')).toEqual([])
      expect(output(result, 'partnerships')).toEqual([])
      expect(planRows(result.summary)).toEqual(rows(c.table))
    }
  )

  it('registry-partnerships sends an empty provider list back as []', async () => {
    fake.addOrganization({ name: 'no-providers', moduleConsumers: ['legacy'] })
    const result = await runInProcessOnFake({
      organization: 'no-providers',
      api: 'registry-partnerships',
      mode: 'add',
      consumers: 'team-a'
    })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: `${ADMIN_ORGS}/no-providers/registry-partnerships`,
        body: registryBody(['legacy', 'team-a'], [])
      }
    ])
    expect(org('no-providers').moduleConsumers).toEqual(['legacy', 'team-a'])
  })
})

describe('pagination: a producer with 250 consumers', () => {
  let before: string[]

  beforeEach(() => {
    before = fake.addOrganizations(250, 'team').map(o => o.name)
    fake.addOrganization({ name: 'big', moduleConsumers: before })
    fake.addOrganization({ name: 'newcomer' })
  })

  /** The page numbers of each full read of big's consumer list, in order. */
  function consumerReads(): { size: number; pages: number[] }[] {
    const reads: { size: number; pages: number[] }[] = []
    for (const r of fake.requests) {
      if (r.method !== 'GET' || r.path !== `${ADMIN_ORGS}/big/relationships/module-consumers`)
        continue
      const page = Number(r.query['page[number]'] ?? 1)
      const size = Number(r.query['page[size]'] ?? 20)
      if (page === 1) reads.push({ size, pages: [] })
      reads[reads.length - 1]?.pages.push(page)
    }
    return reads
  }

  function pagesFor(count: number, size: number): number[] {
    return Array.from({ length: Math.ceil(count / size) }, (_, i) => i + 1)
  }

  it.each<[Api, number]>([
    ['module-consumers', 1],
    ['relationships', 2],
    ['registry-partnerships', 2]
  ])('mode add of one more through %s keeps all 250', async (api, readCount) => {
    const result = await runInProcessOnFake({
      organization: 'big',
      api,
      mode: 'add',
      consumers: 'newcomer'
    })

    expectSuccess(result)
    // The state before the run, every page; the 204 APIs read every page back afterwards too.
    const reads = consumerReads()
    expect(reads).toHaveLength(readCount)
    const [first, second] = reads
    expect(first?.pages).toEqual(pagesFor(250, first?.size ?? 0))
    if (second) expect(second.pages).toEqual(pagesFor(251, second.size))

    const all = [...before, 'newcomer']
    expect(org('big').moduleConsumers).toEqual([...all].sort())
    const [write] = writes()
    expect(writes()).toHaveLength(1)
    if (api === 'module-consumers') {
      expect(write?.body).toEqual(seedBodyFor(...all))
    } else if (api === 'relationships') {
      expect(write?.body).toEqual(relationshipsBody(...all))
    } else {
      expect(write?.body).toEqual(registryBody(all, []))
    }

    expect(result.outputs.changed).toBe('true')
    expect(output(result, 'added')).toEqual([idOf('newcomer')])
    expect(output(result, 'removed')).toEqual([])
    expect(idsOutput(result, 'previous-consumer-ids')).toEqual(ids(...before))
    expect(idsOutput(result, 'consumer-ids')).toEqual(ids(...all))
    expect(planRows(result.summary)).toHaveLength(251)
  })

  it.each<[PaginationShape, string]>([
    ['links', 'top-level links only'],
    ['meta', 'meta.pagination only'],
    ['none', 'neither links nor meta']
  ])('reads all 250 when the pages come with %s (%s)', async shape => {
    await replaceFakeTfe({ pagination: shape }, seedSharing)
    before = fake.addOrganizations(250, 'team').map(o => o.name)
    fake.addOrganization({ name: 'big', moduleConsumers: before })
    fake.addOrganization({ name: 'newcomer' })

    const result = await runInProcessOnFake({
      organization: 'big',
      mode: 'add',
      consumers: 'newcomer'
    })

    expectSuccess(result)
    const [read, ...more] = consumerReads()
    expect(more).toEqual([])
    const size = read?.size ?? 0
    // With neither links nor meta, only a short (or empty) page ends the list.
    const extra = shape === 'none' && 250 % size === 0 ? [250 / size + 1] : []
    expect(read?.pages).toEqual([...pagesFor(250, size), ...extra])
    expect(idsOutput(result, 'previous-consumer-ids')).toEqual(ids(...before))
    expect(org('big').moduleConsumers).toEqual([...before, 'newcomer'].sort())
  })
})
