// Sharing as code end to end, the smokes: a glob of sharing files planned then applied, a
// fail-on-drift check, an export (each loads the files chunk of the bundle), and a run that fails
// while other reads are under way, which must end in one line, not an unhandled rejection. The
// action built from src/ by this test run, run as a GitHub runner runs it, against the fake TFE.
// Every other case of file runs runs in process (integration/in-process-files and
// in-process-sharing-files).
import { parse } from 'yaml'
import { fake, replaceFakeTfe, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  NO_PROVIDERS,
  expectFileRunSuccess,
  expectStepFailure,
  producersOutput,
  readWorkspaceFile,
  resultsByProducer,
  runWithFiles,
  sharingFile,
  stepErrors,
  unmanagedOutput,
  useWorkspace,
  writeWorkspaceFile
} from '../support/sharing-files.js'
import { admin, callTfe } from '../support/tfe-calls.js'
import {
  seedTeams,
  seedToday,
  current,
  idOf,
  writesByPath
} from '../support/sharing-files-scenario.js'

/** The external ids a module-consumers PATCH body sends, sorted. */
function sentIds(body: unknown): string[] {
  const doc = body as { data: { attributes: { 'module-consuming-organization-ids': string[] } } }
  return [...doc.data.attributes['module-consuming-organization-ids']].sort()
}

function writeFiles(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeWorkspaceFile(path, text)
}

useFakeTfe(seedTeams)
useWorkspace()

describe('applying sharing files', () => {
  it('plans, then applies, a glob of two files: every changed producer written once, the rest left alone', async () => {
    writeFiles({
      'sharing/apps.yml': sharingFile({
        platform: ['team-a', idOf('team-b')],
        tools: ['team-a', 'team-c'],
        docs: ['team-b']
      }),
      'sharing/network.yml': sharingFile({ network: 'global' }, { version: false }),
      // Not matched by the glob: were it read, its error would fail the run.
      'other/broken.yml': 'producers: [\n'
    })

    const planned = await runWithFiles({ config: 'sharing/*.yml', 'dry-run': 'true' })

    expectFileRunSuccess(planned)
    expect(fake.writes()).toEqual([])
    expect(resultsByProducer(planned)).toEqual({
      docs: 'unchanged',
      network: 'would-change',
      platform: 'would-change',
      tools: 'would-change'
    })

    const result = await runWithFiles({ config: 'sharing/*.yml' })

    expectFileRunSuccess(result)
    expect(current('platform').moduleConsumers).toEqual(['team-a', 'team-b'])
    expect(current('tools').moduleConsumers).toEqual(['team-a', 'team-c'])
    expect(current('docs').moduleConsumers).toEqual(['team-b'])
    expect(current('network').globalModuleSharing).toBe(true)

    const writes = writesByPath()
    expect(writes.map(w => `${w.method} ${w.path}`)).toEqual([
      'PATCH /api/v2/admin/organizations/network',
      'PATCH /api/v2/admin/organizations/platform/module-consumers',
      'PATCH /api/v2/admin/organizations/tools/module-consumers'
    ])
    expect(writes[0]?.body).toMatchObject({
      data: { type: 'organizations', attributes: { 'global-module-sharing': true } }
    })
    expect(sentIds(writes[1]?.body)).toEqual([idOf('team-a'), idOf('team-b')].sort())
    expect(sentIds(writes[2]?.body)).toEqual([idOf('team-a'), idOf('team-c')].sort())

    expect(producersOutput(result)).toEqual([
      {
        organization: 'docs',
        result: 'unchanged',
        added: [],
        removed: [],
        consumers: ['team-b'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      },
      {
        organization: 'network',
        result: 'changed',
        added: [],
        removed: [],
        consumers: [],
        'global-module-sharing': true,
        ...NO_PROVIDERS
      },
      {
        organization: 'platform',
        result: 'changed',
        added: ['team-a', 'team-b'],
        removed: ['legacy'],
        consumers: ['team-a', 'team-b'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      },
      {
        organization: 'tools',
        result: 'changed',
        added: ['team-c'],
        removed: [],
        consumers: ['team-a', 'team-c'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      }
    ])
    expect(result.outputs.changed).toBe('true')
    expect(unmanagedOutput(result)).toEqual([])
    for (const name of ['network', 'platform', 'tools']) expect(result.summary).toContain(name)

    // The ids are those TFE gave: sending the same lists again answers the same partnerships.
    const ids = JSON.parse(result.outputs['partnership-ids'] as string) as string[]
    expect(ids).toHaveLength(4)
    const again: string[] = []
    for (const [producer, consumers] of [
      ['platform', ['team-a', 'team-b']],
      ['tools', ['team-a', 'team-c']]
    ] as const) {
      const res = await callTfe('PATCH', admin(`/${producer}/module-consumers`), {
        body: {
          data: {
            type: 'module-partnerships',
            attributes: { 'module-consuming-organization-ids': consumers.map(idOf) }
          }
        }
      })
      again.push(...(res.doc.data as { id: string }[]).map(p => p.id))
    }
    expect([...ids].sort()).toEqual(again.sort())
  })
})

describe('provider sharing', () => {
  it('plans, then applies, a file stating providers beside modules: one registry-partnerships call', async () => {
    writeWorkspaceFile(
      'sharing/registry.yml',
      [
        'producers:',
        '  platform:',
        '    consumers: [legacy]',
        '    provider-consumers: [team-a, team-c]',
        '  docs:',
        '    global-provider-sharing: true',
        ''
      ].join('\n')
    )
    const inputs = { config: 'sharing/registry.yml', api: 'registry-partnerships' }

    const planned = await runWithFiles({ ...inputs, 'dry-run': 'true' })
    expectFileRunSuccess(planned)
    expect(fake.writes()).toEqual([])
    const platform = producersOutput(planned).find(p => p.organization === 'platform')
    expect(platform).toMatchObject({
      result: 'would-change',
      added: [],
      removed: [],
      'provider-added': ['team-a', 'team-c'],
      'provider-removed': [],
      'provider-consumers': ['team-a', 'team-c'],
      'global-provider-sharing': false
    })

    const applied = await runWithFiles(inputs)
    expectFileRunSuccess(applied)
    expect(resultsByProducer(applied)).toEqual({ docs: 'changed', platform: 'changed' })
    expect(writesByPath().map(w => `${w.method} ${w.path.replace(admin('/'), '')}`)).toEqual([
      'PATCH docs',
      'PUT platform/registry-partnerships'
    ])
    expect(current('platform')).toMatchObject({
      moduleConsumers: ['legacy'],
      providerConsumers: ['team-a', 'team-c']
    })
    // docs states only providers: its module sharing (team-b) is left as it was.
    expect(current('docs')).toMatchObject({
      moduleConsumers: ['team-b'],
      globalProviderSharing: true
    })
  })
})

describe('drift', () => {
  it('fail-on-drift fails the step when a producer would change, and writes nothing', async () => {
    writeWorkspaceFile(
      'sharing/a.yml',
      sharingFile({ docs: ['team-b'], platform: ['team-a'], tools: ['team-a'] })
    )

    const result = await runWithFiles({
      config: 'sharing/a.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })

    // The line the README quotes.
    expectStepFailure(
      result,
      /^Drift: 1 of 3 producers differs from the sharing files \(platform\)\. Run the apply to make TFE match the files, or, if TFE is right, export its sharing and review it into the files\.$/
    )
    expect(fake.writes()).toEqual([])
    expect(resultsByProducer(result)).toEqual({
      docs: 'unchanged',
      platform: 'would-change',
      tools: 'unchanged'
    })
    expect(result.outputs.changed).toBe('true')
  })
})

describe('export', () => {
  it('exports today, changing nothing; planning the export finds nothing to do', async () => {
    await replaceFakeTfe({}, seedToday)

    const exported = await runWithFiles({ export: 'sharing/today.yml' })

    expectFileRunSuccess(exported)
    expect(fake.writes()).toEqual([])
    const text = readWorkspaceFile('sharing/today.yml')
    expect(text).toBeDefined()
    expect(text).not.toContain(fake.adminToken)
    expect(parse(text as string)).toEqual({
      version: 1,
      producers: {
        network: { 'global-module-sharing': true },
        platform: { consumers: ['legacy', 'team-a'] },
        tools: { consumers: ['team-b'] }
      }
    })

    const planned = await runWithFiles({ config: 'sharing/today.yml', 'dry-run': 'true' })

    expectFileRunSuccess(planned)
    expect(fake.writes()).toEqual([])
    expect(planned.outputs.changed).toBe('false')
    expect(unmanagedOutput(planned)).toEqual([])
    expect(producersOutput(planned)).toEqual([
      {
        organization: 'network',
        result: 'unchanged',
        added: [],
        removed: [],
        consumers: [],
        'global-module-sharing': true,
        ...NO_PROVIDERS
      },
      {
        organization: 'platform',
        result: 'unchanged',
        added: [],
        removed: [],
        consumers: ['legacy', 'team-a'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      },
      {
        organization: 'tools',
        result: 'unchanged',
        added: [],
        removed: [],
        consumers: ['team-b'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      }
    ])
  })
})

describe('a run that fails while other reads are under way', () => {
  it('gives one line and no stack trace, though the list of sharers fails too', async () => {
    // The organizations TFE says share are read beside the producers: the run fails on a
    // producer's read first, and the other failure must not escape as an unhandled rejection.
    fake.intercept((req, res) => {
      const url = decodeURIComponent(req.url ?? '')
      if (!url.includes('/relationships/') && !url.includes('filter[module_producer]')) return false
      const delay = url.includes('filter[') ? 50 : 0
      setTimeout(() => {
        res.writeHead(500, { 'content-type': 'application/vnd.api+json' })
        res.end(JSON.stringify({ errors: [{ status: '500', title: 'internal error' }] }))
      }, delay)
      return true
    })
    writeWorkspaceFile('sharing/a.yml', sharingFile({ platform: ['team-a'] }))

    const result = await runWithFiles({ config: 'sharing/a.yml', 'max-retries': '0' })

    expect(result.code).toBe(1)
    expect(stepErrors(result)).toEqual([expect.stringMatching(/HTTP 500/)])
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(fake.writes()).toEqual([])
  })
})
