// The action built from src/ by this test run, run as a GitHub runner runs it, against the fake
// TFE: setting consumers, inputs, tokens, and one clear line for every kind of failure.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  PRODUCER,
  expectFailure,
  idOf,
  runOnFake,
  seedTeams,
  writes
} from '../support/action-on-fake.js'
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { repoRoot, runAction } from '../../test-kit/runner.mjs'
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

  it('writes exactly the outputs action.yml declares, but unmanaged (sharing files only)', async () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'))
    const result = await runOnFake({ consumers: 'team-a' })
    expect(result.code).toBe(0)
    expect(Object.keys(result.outputs).sort()).toEqual(
      Object.keys(action.outputs)
        .filter(name => name !== 'unmanaged')
        .sort()
    )
    expect(JSON.parse(result.outputs.producers ?? '')).toEqual([
      {
        organization: PRODUCER,
        result: 'changed',
        added: ['team-a'],
        removed: ['legacy'],
        consumers: ['team-a'],
        'global-module-sharing': false
      }
    ])
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

  it('sends the token as a bearer token with JSON:API media types', async () => {
    await runOnFake({ consumers: 'team-a' })
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.adminToken}`)
      expect(request.headers.accept).toBe('application/vnd.api+json')
    }
    expect(fake.writes()[0]?.headers['content-type']).toBe('application/vnd.api+json')
  })

  it('collapses a name and the id of the same organization into one consumer', async () => {
    const result = await runOnFake({ consumers: `team-a, ${idOf('team-a')}\nteam-a` })
    expect(result.code).toBe(0)
    expect(writes()[0]?.body.data.attributes['module-consuming-organization-ids']).toEqual([
      idOf('team-a')
    ])
    expect(JSON.parse(result.outputs['consumer-names'] as string)).toEqual(['team-a'])
  })

  it('reads the current state, then writes ids without looking them up', async () => {
    await runOnFake({ consumers: `${idOf('team-a')},${idOf('team-b')}` })
    expect(fake.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v2/admin/organizations/modules',
      'GET /api/v2/admin/organizations/modules/relationships/module-consumers',
      'PATCH /api/v2/admin/organizations/modules/module-consumers'
    ])
  })

  it('reads the token and hostname from TFE_TOKEN and TFE_HOSTNAME', async () => {
    const result = await runAction(
      { organization: 'modules', consumers: 'team-a' },
      { env: { TFE_TOKEN: fake.adminToken, TFE_HOSTNAME: fake.url } }
    )
    expect(result.code).toBe(0)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a'])
    expect(visible(result)).not.toContain(fake.adminToken)
  })

  it('reads the hostname from TFE_ADDRESS when TFE_HOSTNAME is unset', async () => {
    const result = await runAction(
      { organization: 'modules', consumers: 'team-a', token: fake.adminToken },
      { env: { TFE_ADDRESS: fake.url } }
    )
    expect(result.code).toBe(0)
  })

  it('clears every consumer only with allow-empty: true', async () => {
    const refused = await runOnFake({ consumers: '' })
    expectFailure(refused, /^Invalid input: consumers is empty.*allow-empty: true/)
    expect(fake.requests).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])

    const result = await runOnFake({ consumers: ' \n', 'allow-empty': 'true' })
    expect(result.code).toBe(0)
    expect(fake.org('modules')?.moduleConsumers).toEqual([])
    expect(result.outputs['partnership-ids']).toBe('[]')
    expect(result.outputs['consumer-ids']).toBe('[]')
    expect(result.outputs['consumer-names']).toBe('[]')
    expect(result.outputs.partnerships).toBe('[]')
    expect(result.summary).toContain(`| legacy | ${fake.org('legacy')?.externalId} | ➖ removed |`)
  })

  it('escapes what the server says in the summary', async () => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: [
            {
              id: 'mp-<b>x</b>',
              type: 'module-partnerships',
              attributes: {
                'consuming-organization-id': idOf('team-a'),
                'consuming-organization-name': '<img src=x onerror=alert(1)>|pipe',
                'producing-organization-id': idOf('modules'),
                'producing-organization-name': 'modules'
              }
            }
          ]
        })
      )
      return true
    })
    const result = await runOnFake({ consumers: idOf('team-a') })
    expect(result.code).toBe(0)
    expect(result.summary).not.toContain('<img')
    expect(result.summary).not.toContain('<b>')
    expect(result.summary).toContain('&#60;img src=x onerror=alert(1)&#62;&#124;pipe')
  })
})

describe('failures', () => {
  it.each([
    [
      { organization: 'my org' },
      /^Invalid input: organization is not a valid organization name: 6 characters, the first that is not allowed is a space at position 3/
    ],
    [{ organization: '' }, /^Invalid input: organization is required/],
    [
      { consumers: 'team-a, bad/name' },
      /^Invalid input: consumers has an entry that is neither .*entry 2 \(8 characters, the first that is not allowed is "\/" at position 4\)/
    ],
    [{ 'allow-empty': 'yes' }, /^Invalid input: allow-empty must be true or false, not "yes"/],
    [{ hostname: 'http://tfe.example.com' }, /^Invalid input: hostname .* unencrypted/],
    [{ token: '' }, /^Invalid input: no TFE token/]
  ])('refuses bad input %p before any request', async (inputs, pattern) => {
    const result = await runOnFake({ consumers: 'team-a', ...inputs })
    expectFailure(result, pattern)
    expect(fake.requests).toEqual([])
  })

  it('refuses a missing hostname, naming where it can come from', async () => {
    const result = await runAction({ organization: 'modules', consumers: 'team-a', token: 'x' })
    expectFailure(result, /no TFE hostname: set the hostname input .*TFE_HOSTNAME or TFE_ADDRESS/)
  })

  it('names every unknown consumer and writes nothing', async () => {
    const result = await runOnFake({ consumers: 'team-a, ghost, phantom' })
    const line = expectFailure(
      result,
      /^modules: no organization named ghost, phantom on this TFE \(HTTP 404\)/
    )
    expect(line).toMatch(/nothing was changed/)
    expect(fake.writes()).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('says when a token is valid but not a site admin', async () => {
    const byName = await runOnFake({ consumers: 'team-a', token: fake.userToken })
    expectFailure(byName, /^modules: the token is valid but not a site administrator's.*HTTP 404/)
    expect(fake.writes()).toEqual([])

    const byId = await runOnFake({ consumers: idOf('team-a'), token: fake.userToken })
    expectFailure(byId, /^modules: the token is valid but not a site administrator's.*HTTP 404/)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('says a rejected token is missing, expired or invalid (401)', async () => {
    const result = await runOnFake({ consumers: idOf('team-a'), token: 'not-a-real-token' })
    const line = expectFailure(result, /^modules: .* rejected the token \(HTTP 401\)/)
    expect(line).not.toContain('not-a-real-token')
  })

  it('says when the producing organization does not exist', async () => {
    const result = await runOnFake({ organization: 'nowhere', consumers: idOf('team-a') })
    expectFailure(result, /^nowhere: no such organization on this TFE \(HTTP 404\)/)
  })

  it('says when this TFE has no module-consumers endpoint', async () => {
    fake.features.moduleConsumersEndpoint = false
    const result = await runOnFake({ consumers: idOf('team-a') })
    expectFailure(
      result,
      /^modules: this TFE does not offer the module-consumers endpoint .*HTTP 404 although the organization exists/
    )
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('lists every 422 error with title, detail and pointer', async () => {
    const result = await runOnFake({ consumers: 'org-11111111111111111,org-2222222222222222' })
    // 17 characters is a name, not an id: this is refused as an unknown name.
    expectFailure(result, /no organization named org-11111111111111111/)

    const unknownIds = await runOnFake({ consumers: 'org-1111111111111111, org-2222222222222222' })
    const line = expectFailure(unknownIds, /^modules: TFE refused the request \(HTTP 422\): /)
    expect(line).toMatch(
      /org-1111111111111111.*\(at \/data\/attributes\/module-consuming-organization-ids\)/
    )
    expect(line).toMatch(
      /org-2222222222222222.*\(at \/data\/attributes\/module-consuming-organization-ids\)/
    )
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('reads old plain-string error lists and numeric statuses', async () => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(422, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          errors: ['Consumer list is invalid', { status: 422, title: 'bad', detail: 'worse' }]
        })
      )
      return true
    })
    const result = await runOnFake({ consumers: idOf('team-a') })
    expectFailure(
      result,
      /HTTP 422\): Consumer list is invalid; bad: worse\. Check the consumers list/
    )
  })

  it.each([
    [
      'an HTML proxy page',
      502,
      'text/html',
      '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      /HTTP 502 with an HTML page \("502 Bad Gateway"\), not TFE's JSON/
    ],
    ['an empty body', 503, 'text/plain', '', /HTTP 503 with an empty body/],
    ['plain text', 500, 'text/plain', 'upstream exploded', /HTTP 500: "upstream exploded"/],
    [
      'an HTML login page with status 200',
      200,
      'text/html',
      '<html><title>Sign in</title></html>',
      /unexpected answer from http:\/\/127\.0\.0\.1:\d+: .*HTTP 200 with a body that is not JSON/
    ]
  ])('explains %s in one line', async (_what, status, type, body, pattern) => {
    fake.intercept((_req, res) => {
      res.writeHead(status, { 'content-type': type })
      res.end(body)
      return true
    })
    // 502 and 503 are retried, which the faults suites test: here the first answer is the last.
    const result = await runOnFake({ consumers: idOf('team-a'), 'max-retries': '0' })
    expectFailure(result, pattern)
  })

  it('explains a 200 without the partnership list', async () => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end('{"data":{"id":"x"}}')
      return true
    })
    const result = await runOnFake({ consumers: idOf('team-a') })
    expectFailure(result, /without the list of partnerships/)
  })

  it('explains a refused connection', async () => {
    // A port that was just listened on and closed again refuses connections.
    const gone = await startFakeTfe()
    await gone.close()
    const result = await runAction({
      organization: 'modules',
      consumers: idOf('team-a'),
      hostname: gone.url,
      token: 'unused-token-1234',
      // Retrying a refused connection is the faults suites' subject: no backoff here.
      'max-retries': '0'
    })
    expectFailure(
      result,
      /^modules: could not reach http:\/\/127\.0\.0\.1:\d+: .*connection refused \(ECONNREFUSED\)\. Check hostname/
    )
  })

  it('refuses to follow a redirect, so the token stays with TFE', async () => {
    fake.intercept((_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.1:1/elsewhere' })
      res.end()
      return true
    })
    const result = await runOnFake({ consumers: idOf('team-a') })
    expectFailure(result, /redirected \(HTTP 307\).*http:\/\/127\.0\.0\.1:1\/elsewhere/)
    // The two state reads went out side by side; both were refused, and nothing followed.
    expect(fake.requests.map(r => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v2/admin/organizations/modules',
      'GET /api/v2/admin/organizations/modules/relationships/module-consumers'
    ])
  })
})
