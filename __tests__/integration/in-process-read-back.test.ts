// What the action does after a write and without a way to read, in process against the fake TFE:
// it reads the list back and fails when TFE holds something else than the plan, and on a TFE
// without the relationships endpoint it refuses a write it could not confirm (in-process-apis has
// the rest of that TFE).
import { expectFailure, idOf, org } from '../support/action-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { runInProcessOnFake } from '../support/in-process-on-fake.js'
import { type Api, relationshipsBody, seedSharing } from '../support/sharing-scenario.js'

useFakeTfe(seedSharing)

describe('the result is confirmed after the write', () => {
  /** The two lists of the failure line, as sets of names. */
  function listsIn(line: string): { tfe: string[]; plan: string[] } {
    const m = /TFE lists (.*?),? but the plan was (.*?);/.exec(line)
    expect(m).not.toBeNull()
    const names = (text: string) => (text.match(/[\w-]+/g) ?? []).sort()
    return { tfe: names(m?.[1] ?? ''), plan: names(m?.[2] ?? '') }
  }

  it.each<[Api, string]>([
    ['relationships', 'PATCH'],
    ['registry-partnerships', 'PUT']
  ])('%s: a 204 that changed nothing fails, naming both lists', async (api, method) => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== method) return false
      res.writeHead(204)
      res.end()
      return true
    })
    const result = await runInProcessOnFake({ api, mode: 'add', consumers: 'team-a' })

    const line = expectFailure(result, /another run/)
    expect(listsIn(line)).toEqual({
      tfe: ['legacy', 'team-c'],
      plan: ['legacy', 'team-a', 'team-c']
    })
    expect(fake.writes()).toHaveLength(1)
  })

  it('relationships: a list that another run changed at the same time fails', async () => {
    // The PATCH goes through, but with someone else's list in it.
    fake.intercept((_req, _res, recorded) => {
      if (recorded.method === 'PATCH') {
        recorded.body = JSON.stringify(relationshipsBody('team-b'))
      }
      return false
    })
    const result = await runInProcessOnFake({
      api: 'relationships',
      mode: 'add',
      consumers: 'team-a'
    })

    const line = expectFailure(result, /another run/)
    expect(listsIn(line)).toEqual({ tfe: ['team-b'], plan: ['legacy', 'team-a', 'team-c'] })
  })

  it('module-consumers: a 200 whose partnerships differ from the plan fails', async () => {
    const producer = org('modules')
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: [
            {
              id: 'mp-AAAAAAAAAAAAAAAA',
              type: 'module-partnerships',
              attributes: {
                'consuming-organization-id': idOf('team-b'),
                'consuming-organization-name': 'team-b',
                'producing-organization-id': producer.externalId,
                'producing-organization-name': 'modules'
              }
            }
          ]
        })
      )
      return true
    })
    const result = await runInProcessOnFake({ mode: 'add', consumers: 'team-a' })

    const line = expectFailure(result, /another run/)
    expect(listsIn(line)).toEqual({ tfe: ['team-b'], plan: ['legacy', 'team-a', 'team-c'] })
  })
})

describe('a TFE without the relationships endpoint', () => {
  beforeEach(() => {
    fake.features.relationships = false
  })

  it('api registry-partnerships is refused before writing, as it could not be confirmed', async () => {
    // PUT registry-partnerships answers 204 and only the relationships GET could confirm it.
    const result = await runInProcessOnFake({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /relationships/)
    expect(fake.writes()).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })
})
