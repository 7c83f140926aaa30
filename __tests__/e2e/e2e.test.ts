// The action built from src/ by this test run, run as a GitHub runner runs it, against the fake
// TFE: the smoke of setting consumers by name and by id, and what only a process shows: the
// token masked before anything else and never shown, TFE_TOKEN, TFE_HOSTNAME and TFE_ADDRESS read
// from the process environment, and a failure's exit code and one error line. Every other case
// of these flows runs in process (integration/in-process-*).
import { expectFailure, idOf, runOnFake, seedTeams, writes } from '../support/action-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { runAction } from '../../test-kit/runner.mjs'
import { annotations, visible } from '../support/run-expectations.js'

useFakeTfe(seedTeams)

describe('setting module consumers', () => {
  it('sets consumers given by name and by id, and reports them', async () => {
    const result = await runOnFake({ consumers: `team-a\n${idOf('team-b')}` })

    expect(result.code).toBe(0)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a', 'team-b'])
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: '/api/v2/admin/organizations/modules/module-consumers',
        body: {
          data: {
            type: 'module-partnerships',
            attributes: {
              'module-consuming-organization-ids': [idOf('team-a'), idOf('team-b')]
            }
          }
        }
      }
    ])

    const partnerships = JSON.parse(result.outputs.partnerships as string)
    expect(partnerships).toEqual([
      {
        id: expect.stringMatching(/^mp-[1-9A-HJ-NP-Za-km-z]{16}$/),
        'consuming-organization-id': idOf('team-a'),
        'consuming-organization-name': 'team-a',
        'producing-organization-id': idOf('modules'),
        'producing-organization-name': 'modules'
      },
      {
        id: expect.stringMatching(/^mp-/),
        'consuming-organization-id': idOf('team-b'),
        'consuming-organization-name': 'team-b',
        'producing-organization-id': idOf('modules'),
        'producing-organization-name': 'modules'
      }
    ])
    expect(JSON.parse(result.outputs['partnership-ids'] as string)).toEqual(
      partnerships.map((p: { id: string }) => p.id)
    )
    expect(JSON.parse(result.outputs['consumer-ids'] as string)).toEqual([
      idOf('team-a'),
      idOf('team-b')
    ])
    expect(JSON.parse(result.outputs['consumer-names'] as string)).toEqual(['team-a', 'team-b'])

    expect(result.summary).toContain('### Module sharing: modules')
    expect(result.summary).toContain(
      `| team-a | ${idOf('team-a')} | ➕ added | ${partnerships[0].id} |`
    )
    expect(result.summary).toContain(
      `| team-b | ${idOf('team-b')} | ➕ added | ${partnerships[1].id} |`
    )
    expect(result.summary).toContain(
      `| legacy | ${fake.org('legacy')?.externalId} | ➖ removed |  |`
    )
    expect(annotations(result, 'error')).toEqual([])
  })

  it('masks the token first and never shows it', async () => {
    const result = await runOnFake({ consumers: 'team-a' })
    expect(result.code).toBe(0)
    expect(result.annotations[0]).toEqual({
      command: 'add-mask',
      properties: {},
      message: fake.adminToken
    })
    expect(result.stdout.split(fake.adminToken)).toHaveLength(2)
    expect(visible(result)).not.toContain(fake.adminToken)
  })

  it('reads the token and hostname from the process environment: TFE_TOKEN, TFE_HOSTNAME', async () => {
    const result = await runAction(
      { organization: 'modules', consumers: 'team-a' },
      { env: { TFE_TOKEN: fake.adminToken, TFE_HOSTNAME: fake.url } }
    )
    expect(result.code).toBe(0)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a'])
    expect(visible(result)).not.toContain(fake.adminToken)
  })

  it('reads the hostname from TFE_ADDRESS in the process environment when TFE_HOSTNAME is unset', async () => {
    const result = await runAction(
      { organization: 'modules', consumers: 'team-a', token: fake.adminToken },
      { env: { TFE_ADDRESS: fake.url } }
    )
    expect(result.code).toBe(0)
  })
})

describe('a failure', () => {
  it('says a rejected token is missing, expired or invalid (401)', async () => {
    const result = await runOnFake({ consumers: idOf('team-a'), token: 'not-a-real-token' })
    const line = expectFailure(result, /^modules: .* rejected the token \(HTTP 401\)/)
    expect(line).not.toContain('not-a-real-token')
  })
})
