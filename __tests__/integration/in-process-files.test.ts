// Sharing as code in process, against the fake TFE: many producers from sharing files in the
// workspace (config:), planned together and written only when every plan holds; problems in the
// files, dry runs and drift checks, export, organizations no file manages, a failed write beside
// successful ones, and a run of many producers under TFE's rate limit. What is asserted is what a
// user sees: exit code, outputs, annotations, summary, and what TFE received. The smokes (plan
// then apply, fail-on-drift, export) run as a GitHub runner runs them (e2e/e2e-files); more file
// runs in in-process-sharing-files.
import { parse } from 'yaml'
import type { ModuleProducerFilter } from '../../test-kit/fake-tfe.mjs'
import { fake, replaceFakeTfe, useFakeTfe } from '../support/fake-tfe-per-test.js'
import {
  NO_PROVIDERS,
  type FileEntry,
  expectFileRunSuccess,
  expectStepFailure,
  fileErrors,
  lineOf,
  producersOutput,
  readWorkspaceFile,
  resultsByProducer,
  sharingFile,
  stepErrors,
  unmanagedOutput,
  useWorkspace,
  writeWorkspaceFile
} from '../support/sharing-files.js'
import { runWithFilesInProcess } from '../support/in-process-on-fake.js'
import {
  seedTeams,
  seedToday,
  current,
  idOf,
  writesByPath
} from '../support/sharing-files-scenario.js'

const FILTERS: ModuleProducerFilter[] = ['lists-and-global', 'lists-only', 'ignored']

function writeFiles(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeWorkspaceFile(path, text)
}

useFakeTfe(seedTeams)
useWorkspace()

describe('applying sharing files', () => {
  it('writes nothing anywhere when one file names an unknown consumer, and annotates its line', async () => {
    const apps = sharingFile({ platform: ['team-a', 'ghost-team'], tools: ['team-a', 'team-c'] })
    const more = sharingFile({ docs: ['team-b', 'no-such-team'], network: 'global' })
    writeFiles({ 'sharing/apps.yml': apps, 'sharing/more.yml': more })

    const result = await runWithFilesInProcess({ config: 'sharing/apps.yml\nsharing/more.yml' })

    expectStepFailure(result, /.+/)
    expect(fake.writes()).toEqual([])
    expect(current('platform').moduleConsumers).toEqual(['legacy'])
    expect(current('network').globalModuleSharing).toBe(false)
    // Every failed plan is annotated, each on the line of the consumer it cannot find.
    const errors = fileErrors(result)
    expect(errors).toHaveLength(2)
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          file: 'sharing/apps.yml',
          line: lineOf(apps, '- ghost-team'),
          message: expect.stringContaining('ghost-team')
        },
        {
          file: 'sharing/more.yml',
          line: lineOf(more, '- no-such-team'),
          message: expect.stringContaining('no-such-team')
        }
      ])
    )
  })
})

describe('problems in the files, reported before any request', () => {
  const typo = 'version: 1\nproducers:\n  platform:\n    consumer:\n      - team-a\n'
  const globalWithList =
    'producers:\n  platform:\n    consumers:\n      - team-a\n    global-module-sharing: true\n'
  const cases: {
    what: string
    files: Record<string, string>
    expected: { file: string; line: number; message: RegExp }[]
  }[] = [
    {
      what: "a typo'd key (consumer:)",
      files: { 'sharing/a.yml': typo },
      expected: [
        {
          file: 'sharing/a.yml',
          line: 4,
          message: /unknown key "consumer".*did you mean consumers\?/
        }
      ]
    },
    {
      what: 'global sharing with a non-empty list',
      files: { 'sharing/a.yml': globalWithList },
      expected: [
        {
          file: 'sharing/a.yml',
          line: 5,
          message: /platform has global-module-sharing: true and 1 consumer/
        }
      ]
    },
    {
      what: 'an unknown version',
      files: { 'sharing/a.yml': 'version: 2\nproducers:\n  platform:\n    consumers: []\n' },
      expected: [{ file: 'sharing/a.yml', line: 1, message: /version must be 1, not 2/ }]
    },
    {
      what: 'broken YAML (a tab for indentation)',
      files: { 'sharing/a.yml': 'producers:\n  platform:\n\tconsumers: []\n' },
      expected: [{ file: 'sharing/a.yml', line: 3, message: /not valid YAML.*tab/ }]
    },
    {
      what: 'broken YAML (a map on one line)',
      files: {
        'sharing/a.yml':
          'producers:\n  platform:\n    consumers:\n      - team-a\n  docs: consumers: []\n'
      },
      expected: [{ file: 'sharing/a.yml', line: 5, message: /not valid YAML/ }]
    },
    {
      what: 'problems in two files: each reported',
      files: {
        'sharing/a.yml': 'version: 2\nproducers:\n  docs:\n    consumers: []\n',
        'sharing/b.yml': typo
      },
      expected: [
        { file: 'sharing/a.yml', line: 1, message: /version must be 1/ },
        { file: 'sharing/b.yml', line: 4, message: /unknown key "consumer"/ }
      ]
    }
  ]

  it.each(cases)('$what', async ({ files, expected }) => {
    // A valid file beside the broken one: it is not applied either.
    writeFiles({ ...files, 'sharing/valid.yml': sharingFile({ tools: ['team-c'] }) })

    const result = await runWithFilesInProcess({ config: 'sharing/*.yml' })

    expectStepFailure(result, /.+/)
    expect(fake.requests).toEqual([])
    const errors = fileErrors(result)
    expect(errors).toHaveLength(expected.length)
    expect(errors).toEqual(
      expect.arrayContaining(
        expected.map(e => ({
          file: e.file,
          line: e.line,
          message: expect.stringMatching(e.message)
        }))
      )
    )
  })

  it('the summary lists the first 200 problems and counts the rest', async () => {
    const producers = Array.from({ length: 205 }, (_, i) => `  team-${i}:\n    consumer: []\n`)
    writeFiles({ 'sharing/a.yml': `producers:\n${producers.join('')}` })

    const result = await runWithFilesInProcess({ config: 'sharing/a.yml' })

    expectStepFailure(result, /.+/)
    expect(fake.requests).toEqual([])
    const listed = result.summary.split('\n').filter(line => line.includes('sharing/a.yml:'))
    expect(listed).toHaveLength(200)
    expect(listed[0]).toContain('sharing/a.yml:3')
    expect(listed[199]).toContain(`sharing/a.yml:${3 + 2 * 199}`)
    expect(result.summary).toContain("- … and 5 more: the step's log lists every one.")
  })

  it('a producer in two files: an annotation names both places', async () => {
    const first = sharingFile({ docs: ['team-b'], platform: ['team-a'] })
    const second = sharingFile({ platform: ['team-c'] }, { version: false })
    writeFiles({ 'sharing/a.yml': first, 'sharing/b.yml': second })

    const result = await runWithFilesInProcess({ config: 'sharing/a.yml\nsharing/b.yml' })

    expectStepFailure(result, /.+/)
    expect(fake.requests).toEqual([])
    const places = [
      { file: 'sharing/a.yml', line: lineOf(first, 'platform:') },
      { file: 'sharing/b.yml', line: lineOf(second, 'platform:') }
    ]
    const errors = fileErrors(result)
    expect(errors.length).toBeGreaterThanOrEqual(1)
    for (const error of errors) {
      expect(places).toContainEqual({ file: error.file, line: error.line })
      expect(error.message).toContain('platform')
      for (const place of places) expect(error.message).toContain(`${place.file}:${place.line}`)
    }
  })

  it('refuses config together with organization, before any request', async () => {
    writeWorkspaceFile('sharing/a.yml', sharingFile({ platform: ['team-a'] }))
    const result = await runWithFilesInProcess({
      config: 'sharing/a.yml',
      organization: 'platform'
    })
    const line = expectStepFailure(result, /organization/)
    expect(line).toMatch(/config/)
    expect(fake.requests).toEqual([])
  })

  it('refuses a pattern that matches no file, before any request', async () => {
    writeWorkspaceFile('sharing/a.yml', sharingFile({ platform: ['team-a'] }))
    const result = await runWithFilesInProcess({ config: 'sharing/a.yml\nsharing/*.yaml' })
    expectStepFailure(
      result,
      /sharing\/\*\.yaml.*matches no file|matches no file.*sharing\/\*\.yaml/
    )
    expect(fake.requests).toEqual([])
  })
})

describe('dry runs and drift', () => {
  it('plans without writing: would-change and unchanged, as planned', async () => {
    writeWorkspaceFile('sharing/a.yml', sharingFile({ platform: ['team-a'], tools: ['team-a'] }))

    const result = await runWithFilesInProcess({ config: 'sharing/a.yml', 'dry-run': 'true' })

    expectFileRunSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(current('platform').moduleConsumers).toEqual(['legacy'])
    expect(producersOutput(result)).toEqual([
      {
        organization: 'platform',
        result: 'would-change',
        added: ['team-a'],
        removed: ['legacy'],
        consumers: ['team-a'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      },
      {
        organization: 'tools',
        result: 'unchanged',
        added: [],
        removed: [],
        consumers: ['team-a'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      }
    ])
    expect(result.outputs.changed).toBe('true')
    expect(JSON.parse(result.outputs['partnership-ids'] as string)).toEqual([])
    expect(result.summary).toContain('platform')
  })

  it('fail-on-drift passes when TFE matches the files', async () => {
    writeWorkspaceFile(
      'sharing/a.yml',
      sharingFile({ docs: ['team-b'], platform: ['legacy'], tools: [idOf('team-a')] })
    )

    const result = await runWithFilesInProcess({
      config: 'sharing/a.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })

    expectFileRunSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(resultsByProducer(result)).toEqual({
      docs: 'unchanged',
      platform: 'unchanged',
      tools: 'unchanged'
    })
  })
})

describe('export, and organizations no file manages', () => {
  // The default filter (lists-and-global) is the export smoke of e2e/e2e-files.
  it.each(FILTERS.filter(f => f !== 'lists-and-global'))(
    'exports today, changing nothing; planning the export finds nothing to do (filter %s)',
    async moduleProducerFilter => {
      await replaceFakeTfe({ moduleProducerFilter }, seedToday)

      const exported = await runWithFilesInProcess({ export: 'sharing/today.yml' })

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

      const planned = await runWithFilesInProcess({
        config: 'sharing/today.yml',
        'dry-run': 'true'
      })

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
    }
  )

  it.each(FILTERS)(
    'reports organizations that share but are in no file, and never writes them (filter %s)',
    async moduleProducerFilter => {
      await replaceFakeTfe({ moduleProducerFilter }, seedToday)
      writeWorkspaceFile(
        'sharing/a.yml',
        sharingFile({ idle: ['team-c'], platform: ['team-a', 'team-b'] })
      )

      const result = await runWithFilesInProcess({ config: 'sharing/a.yml' })

      expectFileRunSuccess(result)
      // A plan or apply goes by TFE's filter; one that leaves global sharers out hides them
      // (the drift check reads the whole list: below).
      const unmanaged = moduleProducerFilter === 'lists-only' ? ['tools'] : ['network', 'tools']
      expect(unmanagedOutput(result)).toEqual(unmanaged)
      for (const name of unmanaged) expect(result.summary).toContain(name)
      expect(resultsByProducer(result)).toEqual({ idle: 'changed', platform: 'changed' })
      expect(writesByPath().map(w => `${w.method} ${w.path}`)).toEqual([
        'PATCH /api/v2/admin/organizations/idle/module-consumers',
        'PATCH /api/v2/admin/organizations/platform/module-consumers'
      ])
      expect(current('network').globalModuleSharing).toBe(true)
      expect(current('tools').moduleConsumers).toEqual(['team-b'])
      expect(current('idle').moduleConsumers).toEqual(['team-c'])
      expect(current('platform').moduleConsumers).toEqual(['team-a', 'team-b'])
    }
  )
  it('fails in one line when the export path is a folder, changing nothing', async () => {
    await replaceFakeTfe({}, seedToday)
    writeWorkspaceFile('sharing/keep.txt', 'a file, so that sharing/ is a folder')

    const result = await runWithFilesInProcess({ export: 'sharing' })

    expectStepFailure(
      result,
      /^export: sharing is not a regular file; .*nothing in TFE was changed\.$/
    )
    expect(fake.writes()).toEqual([])
  })
})

describe('a failed write', () => {
  it.each([500, 422])(
    "fails the step for one producer's %d, and the others are still written",
    async status => {
      const failing = '/api/v2/admin/organizations/tools/module-consumers'
      fake.intercept((_req, res, recorded) => {
        if (recorded.method !== 'PATCH' || recorded.path !== failing) return false
        res.writeHead(status, { 'content-type': 'application/vnd.api+json' })
        res.end(JSON.stringify({ errors: [{ status: String(status), title: 'injected failure' }] }))
        return true
      })
      const file = sharingFile({
        docs: ['team-b'],
        network: 'global',
        platform: ['team-a'],
        'team-c': ['team-b'],
        tools: ['team-a', 'team-c']
      })
      writeWorkspaceFile('sharing/a.yml', file)

      const result = await runWithFilesInProcess({ config: 'sharing/a.yml' })

      // The step's line as the README quotes it: who failed, how many went through, what to do.
      expectStepFailure(
        result,
        /^1 of 5 producers failed to be written \(tools\); 3 others were changed\. See the annotations; running again is safe\.$/
      )
      expect(current('platform').moduleConsumers).toEqual(['team-a'])
      expect(current('network').globalModuleSharing).toBe(true)
      expect(current('tools').moduleConsumers).toEqual(['team-a'])
      expect(fake.writes().filter(w => w.path === failing)).toHaveLength(1)
      expect(resultsByProducer(result)).toEqual({
        docs: 'unchanged',
        network: 'changed',
        platform: 'changed',
        'team-c': 'changed',
        tools: 'failed'
      })
      expect(result.outputs.changed).toBe('true')
      for (const name of ['network', 'platform', 'tools']) expect(result.summary).toContain(name)
      // The failed write has no line of its own: it is annotated where the producer is written.
      expect(fileErrors(result)).toEqual([
        {
          file: 'sharing/a.yml',
          line: lineOf(file, 'tools:'),
          message: expect.stringMatching(new RegExp(`^tools: .*${status}`))
        }
      ])
    }
  )
})

describe('many producers under the rate limit', () => {
  const PRODUCERS = 120
  const CHANGED = 110
  // The default rate-limit (20 a second) against TFE's default limit (30) is two thirds of it;
  // so is this pair, 25 times faster, so that the run's 230-odd requests take half a second of
  // pacing rather than twelve. (bench/many-producers.mjs measures the real pace.)
  const RATE_LIMIT = 500
  const TFE_LIMIT = 750

  it(`plans and writes ${PRODUCERS} producers at two thirds of TFE's rate limit with no 429`, async () => {
    const names: string[] = []
    await replaceFakeTfe({ rateLimit: { perSecond: TFE_LIMIT } }, tfe => {
      tfe.addOrganizations(4, 'team')
      for (let i = 1; i <= PRODUCERS; i++) {
        const name = `producer-${String(i).padStart(4, '0')}`
        tfe.addOrganization({ name, moduleConsumers: ['team-0001', 'team-0002'] })
        names.push(name)
      }
    })
    const desired = (i: number): string[] =>
      i < CHANGED ? ['team-0003', 'team-0004'] : ['team-0001', 'team-0002']
    // Three files of 40 producers each.
    for (let f = 0; f < 3; f++) {
      const entries: Record<string, FileEntry> = {}
      for (let i = f * 40; i < (f + 1) * 40; i++) entries[names[i] as string] = desired(i)
      writeWorkspaceFile(`sharing/part-${f + 1}.yml`, sharingFile(entries))
    }

    const result = await runWithFilesInProcess({
      config: 'sharing/*.yml',
      'rate-limit': String(RATE_LIMIT)
    })

    expectFileRunSuccess(result)
    expect(fake.throttled).toBe(0)
    expect(fake.writes()).toHaveLength(CHANGED)
    names.forEach((name, i) => expect(current(name).moduleConsumers).toEqual(desired(i)))
    const producers = producersOutput(result)
    expect(producers.map(p => p.organization)).toEqual(names)
    expect(producers.filter(p => p.result === 'changed')).toHaveLength(CHANGED)
    expect(producers.filter(p => p.result === 'unchanged')).toHaveLength(PRODUCERS - CHANGED)
    expect(result.stdout).toContain(
      `\nWriting ${CHANGED} producers; ${PRODUCERS - CHANGED} need no change\n`
    )
    expect(stepErrors(result)).toEqual([])
  })
})
