// Provider sharing loaded from files: the Desired of each producer carries which kinds it manages
// and where provider sharing is written; and a run whose api cannot write provider sharing finds
// that before any request, as a problem on the line where provider sharing is stated.
import { managesModules } from '../../src/domain/desired.js'
import { APIS } from '../../src/domain/model.js'
import { formatFileProblem } from '../../src/domain/problems.js'
import { providersNeedRegistryPartnerships } from '../../src/domain/tfe-answers.js'
import {
  type DesiredFromFile,
  combineSharingFiles,
  inFileOrder,
  providerProblems
} from '../../src/files/load.js'
import { parseSharingFile } from '../../src/files/parse.js'

const ID = 'org-939hp5K7kecppVmd'

function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

function load(...files: [string, string][]): DesiredFromFile[] {
  const { desired, errors } = combineSharingFiles(
    files.map(([file, text]) => parseSharingFile(text, file))
  )
  expect(errors).toEqual([])
  return desired
}

const PLATFORM = yaml(
  'producers:',
  '  platform:',
  '    consumers: [team-a, team-b]',
  '    provider-consumers:',
  '      - team-a',
  `      - ${ID}`,
  '  tools:',
  '    global-provider-sharing: true',
  '  legacy:',
  '    consumers: []'
)

describe('combineSharingFiles with provider sharing', () => {
  it('gives each kind a producer states, placed where it is written', () => {
    expect(load(['sharing/platform.yml', PLATFORM])).toEqual([
      {
        organization: 'legacy',
        consumers: [],
        mode: 'set',
        globalModuleSharing: false,
        allowEmpty: true,
        managesModules: true,
        place: { file: 'sharing/platform.yml', line: 9 },
        consumerPlaces: []
      },
      {
        organization: 'platform',
        consumers: [
          { kind: 'name', name: 'team-a' },
          { kind: 'name', name: 'team-b' }
        ],
        mode: 'set',
        globalModuleSharing: false,
        allowEmpty: true,
        managesModules: true,
        place: { file: 'sharing/platform.yml', line: 2 },
        consumerPlaces: [
          { file: 'sharing/platform.yml', line: 3 },
          { file: 'sharing/platform.yml', line: 3 }
        ],
        providers: {
          consumers: [
            { kind: 'name', name: 'team-a' },
            { kind: 'id', id: ID }
          ],
          consumerPlaces: [
            { file: 'sharing/platform.yml', line: 5 },
            { file: 'sharing/platform.yml', line: 6 }
          ],
          global: false,
          place: { file: 'sharing/platform.yml', line: 4, column: 5 }
        }
      },
      {
        organization: 'tools',
        // Modules are not managed: no consumers, and a false that the plan ignores.
        consumers: [],
        mode: 'set',
        globalModuleSharing: false,
        allowEmpty: true,
        managesModules: false,
        place: { file: 'sharing/platform.yml', line: 7 },
        consumerPlaces: [],
        providers: {
          consumers: [],
          consumerPlaces: [],
          global: true,
          place: { file: 'sharing/platform.yml', line: 8, column: 5 }
        }
      }
    ])
  })

  it('says which kinds each producer manages, as the domain reads it', () => {
    expect(
      load(['a.yml', PLATFORM]).map(d => [d.organization, managesModules(d), !!d.providers])
    ).toEqual([
      ['legacy', true, false],
      ['platform', true, true],
      ['tools', false, true]
    ])
  })

  it('a producer in two files is one error whatever kinds each place states', () => {
    const { desired, errors } = combineSharingFiles([
      parseSharingFile(yaml('producers:', '  p:', '    provider-consumers: [x]'), 'a.yml'),
      parseSharingFile(yaml('producers:', '  p:', '    consumers: [y]'), 'b.yml')
    ])
    expect(errors.map(formatFileProblem)).toEqual([
      'b.yml:2:1: producer p is set in two places: a.yml:2 and b.yml:2; keep it in one file only'
    ])
    expect(desired.map(d => [d.place.file, d.managesModules])).toEqual([['a.yml', false]])
  })
})

describe('providerProblems', () => {
  // Loaded before each test, not in the describe body, for Stryker's per-test coverage (see
  // summary-files.test.ts).
  let desired: DesiredFromFile[]
  beforeEach(() => {
    desired = load(
      [
        'sharing/b.yml',
        yaml(
          'producers:',
          '  zeta:',
          '    consumers: []',
          '  tools-b:',
          '    global-provider-sharing: true'
        )
      ],
      ['sharing/a.yml', PLATFORM]
    )
  })

  it('has none for registry-partnerships, which writes provider sharing', () => {
    expect(providerProblems(desired, 'registry-partnerships')).toEqual([])
  })

  it.each(APIS.filter(api => api !== 'registry-partnerships'))(
    'on %s: one problem per producer stating providers, at its provider key, in file order',
    api => {
      const found = providerProblems(desired, api)
      expect(found).toEqual([
        {
          file: 'sharing/a.yml',
          line: 4,
          column: 5,
          message: providersNeedRegistryPartnerships(api)
        },
        {
          file: 'sharing/a.yml',
          line: 8,
          column: 5,
          message: providersNeedRegistryPartnerships(api)
        },
        {
          file: 'sharing/b.yml',
          line: 5,
          column: 5,
          message: providersNeedRegistryPartnerships(api)
        }
      ])
      // What the annotation says: the api of the run, what to do, and the TFE release needed.
      expect(found[0]?.message).toContain(`api is ${api}`)
      expect(found[0]?.message).toContain('api: registry-partnerships')
      expect(found[0]?.message).toContain('v202301-1')
    }
  )

  it('has none when no file states provider sharing, whatever the api', () => {
    const modulesOnly = load(['a.yml', yaml('producers:', '  a:', '    consumers: [b]')])
    for (const api of APIS) expect(providerProblems(modulesOnly, api)).toEqual([])
  })

  it('provider-consumers: [] states provider sharing too', () => {
    const clearing = load(['a.yml', yaml('producers:', '  a:', '    provider-consumers: []')])
    expect(providerProblems(clearing, 'relationships').map(p => p.line)).toEqual([3])
  })
})

describe('inFileOrder', () => {
  it('sorts by file (code point), line and column, without changing its argument', () => {
    const given = [
      { file: 'b.yml', line: 1, message: 'b1' },
      { file: 'a.yml', line: 4, column: 9, message: 'a4:9' },
      { file: 'a.yml', line: 4, column: 2, message: 'a4:2' },
      { file: 'B.yml', line: 7, message: 'B7' },
      { file: 'a.yml', line: 2, message: 'a2' }
    ]
    expect(inFileOrder(given).map(p => p.message)).toEqual(['B7', 'a2', 'a4:2', 'a4:9', 'b1'])
    expect(given[0]?.message).toBe('b1')
  })
})
