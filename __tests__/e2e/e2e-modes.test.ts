// One smoke per mode and API, run as a GitHub runner runs the action built from src/ by this test
// run, against the fake TFE: add, remove, global sharing on, and mode set through the
// relationships and registry-partnerships APIs (set through module-consumers is e2e.test's). Every
// other case of these flows runs in process (integration/in-process-modes, in-process-global).
import { expectSuccess, idOf, org, runOnFake, writes } from '../support/action-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  MODULES,
  RELATIONSHIPS,
  consumers,
  consumersOutput,
  globalBody,
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

it('add by name and by id: today’s list plus the input', async () => {
  const result = await runOnFake({ mode: 'add', consumers: refs('team-a, id:team-b') })

  expectSuccess(result)
  expect(writes()).toEqual([
    {
      method: 'PATCH',
      path: `${MODULES}/module-consumers`,
      body: seedBodyFor('legacy', 'team-c', 'team-a', 'team-b')
    }
  ])
  expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-b', 'team-c'])

  expect(result.outputs.changed).toBe('true')
  expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
  expect(idsOutput(result, 'removed')).toEqual([])
  expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
  expect(consumersOutput(result)).toEqual(consumers('legacy', 'team-c', 'team-a', 'team-b'))
  expect(result.outputs['global-module-sharing']).toBe('false')
  expect(output(result, 'partnership-ids')).toHaveLength(4)

  expect(planRows(result.summary)).toEqual(
    rows({ legacy: 'kept', 'team-c': 'kept', 'team-a': 'added', 'team-b': 'added' })
  )
})

it('remove by name: today’s list minus the input, with no lookup', async () => {
  const result = await runOnFake({ mode: 'remove', consumers: 'legacy' })

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

it('global module sharing on: true with allow-empty turns it on and wipes the consumers', async () => {
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

describe('mode set through the name-based APIs', () => {
  const next = ['team-a', 'team-b', 'legacy']
  /** The plan table's rows: idOf needs the test's fake, so this is read in each test. */
  const table = () =>
    rows({ 'team-a': 'added', 'team-b': 'added', legacy: 'kept', 'team-c': 'removed' })

  it('api relationships: names, 204, read back', async () => {
    const result = await runOnFake({
      api: 'relationships',
      consumers: refs('team-a\nid:team-b\nlegacy')
    })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: RELATIONSHIPS, body: relationshipsBody(...next) }
    ])
    const at = fake.requests.findIndex(r => r.method === 'PATCH')
    expect(
      fake.requests.slice(at + 1).filter(r => r.method === 'GET' && r.path === RELATIONSHIPS)
    ).not.toHaveLength(0)

    expect(org('modules').moduleConsumers).toEqual([...next].sort())
    expect(org('modules').providerConsumers).toEqual(['legacy', 'team-b'])
    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(idsOutput(result, 'removed')).toEqual(ids('team-c'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers(...next))
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(output(result, 'partnerships')).toEqual([])
    expect(planRows(result.summary)).toEqual(table())
  })

  it('api registry-partnerships: names, provider consumers sent back, read back', async () => {
    const result = await runOnFake({
      api: 'registry-partnerships',
      consumers: refs('team-a\nid:team-b\nlegacy')
    })

    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: `${MODULES}/registry-partnerships`,
        body: registryBody(next, ['legacy', 'team-b'])
      }
    ])
    // Provider consumers are read before the write (to send them back) …
    const at = fake.requests.findIndex(r => r.method === 'PUT')
    const before = fake.requests.slice(0, at).map(r => `${r.method} ${r.path}`)
    expect(before).toContain(`GET ${MODULES}/relationships/provider-consumers`)
    // … and the module consumers after it, to confirm the write.
    const after = fake.requests.slice(at + 1).map(r => `${r.method} ${r.path}`)
    expect(after).toContain(`GET ${RELATIONSHIPS}`)

    expect(org('modules').moduleConsumers).toEqual([...next].sort())
    expect(org('modules').providerConsumers).toEqual(['legacy', 'team-b'])
    expect(org('modules').globalProviderSharing).toBe(false)
    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(idsOutput(result, 'removed')).toEqual(ids('team-c'))
    expect(consumersOutput(result)).toEqual(consumers(...next))
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(output(result, 'partnerships')).toEqual([])
    expect(planRows(result.summary)).toEqual(table())
  })
})
