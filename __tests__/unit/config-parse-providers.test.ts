// Provider sharing in a sharing file: provider-consumers and global-provider-sharing beside (or
// instead of) the module keys, with the same rules and checks as module sharing. A kind a producer
// does not state is not managed. Each problem as the user sees it: file, line, column and message.
import { formatFileProblem } from '../../src/domain/problems.js'
import { parseSharingFile } from '../../src/files/parse.js'

const FILE = 'sharing/platform.yml'
const ID = 'org-939hp5K7kecppVmd'
const TAKES =
  'a producer takes only consumers, global-module-sharing, provider-consumers and ' +
  'global-provider-sharing'

/** A file from its lines, so that line numbers are easy to read off: line n is argument n. */
function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

function problems(text: string): string[] {
  return parseSharingFile(text, FILE).errors.map(formatFileProblem)
}

/** A file whose producer `platform` has these lines under it (from line 3). */
function platform(...lines: string[]): string {
  return yaml('producers:', '  platform:', ...lines)
}

describe('a valid file with provider sharing', () => {
  it("reads the issue's example: both kinds, and providers alone", () => {
    const text = yaml(
      'producers:',
      '  platform:',
      '    consumers: [team-a, team-b]        # modules, as today',
      '    provider-consumers: [team-a]       # providers: the whole list, names or org- ids',
      '  tools:',
      '    global-provider-sharing: true      # providers shared with every organization'
    )
    expect(parseSharingFile(text, FILE)).toEqual({
      producers: [
        {
          organization: 'platform',
          managesModules: true,
          consumers: [
            { kind: 'name', name: 'team-a' },
            { kind: 'name', name: 'team-b' }
          ],
          consumerLines: [3, 3],
          globalModuleSharing: false,
          providers: {
            consumers: [{ kind: 'name', name: 'team-a' }],
            consumerLines: [4],
            global: false,
            line: 4,
            column: 5
          },
          source: { file: FILE, line: 2 }
        },
        {
          organization: 'tools',
          // Modules not stated: not managed; the empty list and false are placeholders.
          managesModules: false,
          consumers: [],
          consumerLines: [],
          globalModuleSharing: false,
          providers: { consumers: [], consumerLines: [], global: true, line: 6, column: 5 },
          source: { file: FILE, line: 5 }
        }
      ],
      errors: []
    })
  })

  it('a producer that states only modules does not manage providers', () => {
    const [producer] = parseSharingFile(platform('    consumers: [a]'), FILE).producers
    expect(producer?.managesModules).toBe(true)
    expect(producer).not.toHaveProperty('providers')
  })

  it('takes names and external ids, one a line, each with its line', () => {
    const { producers, errors } = parseSharingFile(
      platform(
        '    provider-consumers:',
        '      # the app teams',
        '      - app-team-a',
        `      - ${ID}`,
        '      - org-939hp5K7kecppVm0',
        '      - "42"'
      ),
      FILE
    )
    expect(errors).toEqual([])
    expect(producers[0]?.providers).toEqual({
      consumers: [
        { kind: 'name', name: 'app-team-a' },
        { kind: 'id', id: ID },
        { kind: 'name', name: 'org-939hp5K7kecppVm0', looksLikeId: true },
        { kind: 'name', name: '42' }
      ],
      consumerLines: [5, 6, 7, 8],
      global: false,
      line: 3,
      column: 5
    })
  })

  it('provider-consumers: [] shares providers with nobody, on purpose', () => {
    const { producers, errors } = parseSharingFile(platform('    provider-consumers: []'), FILE)
    expect(errors).toEqual([])
    expect(producers[0]?.managesModules).toBe(false)
    expect(producers[0]?.providers).toEqual({
      consumers: [],
      consumerLines: [],
      global: false,
      line: 3,
      column: 5
    })
  })

  it('global false with a list is the list, true with [] is global, each kind on its own', () => {
    const { producers, errors } = parseSharingFile(
      yaml(
        'producers:',
        '  a:',
        '    global-provider-sharing: false',
        '    provider-consumers: [b]',
        '  c:',
        '    global-module-sharing: true',
        '    provider-consumers: []',
        '    global-provider-sharing: true',
        '  d:',
        '    consumers: [e]',
        '    global-provider-sharing: False',
        '    provider-consumers: []'
      ),
      FILE
    )
    expect(errors).toEqual([])
    expect(
      producers.map(p => [
        p.organization,
        p.managesModules,
        p.globalModuleSharing,
        p.providers?.consumers.length,
        p.providers?.global
      ])
    ).toEqual([
      ['a', false, false, 1, false],
      ['c', true, true, 0, true],
      ['d', true, false, 0, false]
    ])
  })

  it('places provider sharing at its first key, whichever comes first', () => {
    const { producers } = parseSharingFile(
      yaml(
        'producers:',
        '  a:',
        '    consumers: []',
        '    global-provider-sharing: false',
        '    provider-consumers:',
        '      - b',
        '  c: {provider-consumers: [d], consumers: [e]}'
      ),
      FILE
    )
    expect(producers.map(p => [p.organization, p.providers?.line, p.providers?.column])).toEqual([
      ['a', 4, 5],
      ['c', 7, 7]
    ])
  })
})

describe('what a producer must state', () => {
  const ADD =
    'add consumers: (modules) or provider-consumers: (providers) with the organizations to share ' +
    'with ([] for nobody), or global-module-sharing: true or global-provider-sharing: true'

  it('a producer with neither kind is still an error, naming both kinds', () => {
    expect(problems(yaml('producers:', '  a:', '  b: {}'))).toEqual([
      `${FILE}:2:3: a has no settings; ${ADD}`,
      `${FILE}:3:3: b states neither module nor provider sharing; ${ADD}`
    ])
  })

  it('global-provider-sharing: false without a list is an error, as for modules', () => {
    expect(problems(platform('    global-provider-sharing: false'))).toEqual([
      `${FILE}:3:5: platform has global-provider-sharing: false but no provider-consumers; add ` +
        'provider-consumers: with the organizations to share with (provider-consumers: [] for nobody)'
    ])
    // Beside module sharing too: false never means "leave providers as they are".
    expect(
      problems(platform('    consumers: [a]', '    global-provider-sharing: false'))
    ).toHaveLength(1)
  })

  it('a non-empty list beside global-provider-sharing: true is an error', () => {
    expect(
      problems(platform('    provider-consumers: [b, c]', '    global-provider-sharing: true'))
    ).toEqual([
      `${FILE}:4:5: platform has global-provider-sharing: true and 2 provider consumers; global ` +
        'sharing shares with every organization and clears the list: remove the provider ' +
        'consumers, or set global-provider-sharing: false'
    ])
    expect(
      problems(platform('    global-provider-sharing: true', '    provider-consumers: [b]'))
    ).toEqual([
      `${FILE}:3:5: platform has global-provider-sharing: true and 1 provider consumer; global ` +
        'sharing shares with every organization and clears the list: remove the provider ' +
        'consumers, or set global-provider-sharing: false'
    ])
  })

  it('a problem of one kind leaves the producer out, even when the other kind is valid', () => {
    const { producers, errors } = parseSharingFile(
      platform('    global-module-sharing: false', '    provider-consumers: [b]'),
      FILE
    )
    expect(producers).toEqual([])
    expect(errors.map(formatFileProblem)).toEqual([
      `${FILE}:3:5: platform has global-module-sharing: false but no consumers; add consumers: ` +
        'with the organizations to share with (consumers: [] for nobody)'
    ])
  })

  it('reports the problems of both kinds at once', () => {
    expect(
      problems(
        platform(
          '    consumers: [platform]',
          '    global-provider-sharing: yes',
          '    provider-consumers: [a, a]'
        )
      )
    ).toEqual([
      `${FILE}:3:17: platform lists itself as a consumer; an organization always uses its own modules: remove this entry`,
      `${FILE}:4:30: global-provider-sharing of platform must be true or false, not "yes"`,
      `${FILE}:5:29: a is listed twice in the provider-consumers of platform (first on line 5); remove this entry`
    ])
  })
})

describe('provider-consumers and global-provider-sharing values', () => {
  it.each([
    ['yes', '3:30', '"yes"'],
    ['"true"', '3:30', '"true"'],
    ['1', '3:30', '1'],
    ['[true]', '3:30', 'a list'],
    ['', '3:5', 'empty']
  ])('global-provider-sharing: %s is an error', (value, position, shown) => {
    expect(problems(platform(`    global-provider-sharing: ${value}`))).toEqual([
      `${FILE}:${position}: global-provider-sharing of platform must be true or false, not ${shown}`
    ])
  })

  it('provider-consumers that are not a list are an error saying how to write one', () => {
    expect(
      problems(
        yaml(
          'producers:',
          '  a:',
          '    provider-consumers:',
          '  b:',
          '    provider-consumers: app-team-a',
          '  c:',
          '    provider-consumers:',
          '      app-team-a: true'
        )
      )
    ).toEqual([
      `${FILE}:3:5: provider-consumers of a is empty; write provider-consumers: [] to share with ` +
        'nobody, or list the organizations under it, one - name a line',
      `${FILE}:5:25: provider-consumers of b must be a list, not a single value; write each ` +
        'organization on its own line under provider-consumers:, as - name',
      `${FILE}:8:7: provider-consumers of c must be a list, not a map; write each organization ` +
        'as - name, with no colon after it'
    ])
  })

  it('every bad entry is an error at the entry, worded for provider consumers', () => {
    const NEITHER =
      'this provider consumer is neither an organization name (letters, digits, - and _) nor an ' +
      'external id (org- and 16 base58 characters): '
    expect(
      problems(
        platform(
          '    provider-consumers:',
          '      - platform',
          '      - b',
          '      - b',
          `      - ${ID}`,
          `      - ${ID}`,
          '      - 42',
          '      -',
          '      - x: y',
          '      - [a]',
          '      - app.team',
          `      - ghp_${'A1b2C3d4E5'.repeat(3)}`
        )
      )
    ).toEqual([
      `${FILE}:4:9: platform lists itself as a provider consumer; an organization always uses its own providers: remove this entry`,
      `${FILE}:6:9: b is listed twice in the provider-consumers of platform (first on line 5); remove this entry`,
      `${FILE}:8:9: ${ID} is listed twice in the provider-consumers of platform (first on line 7); remove this entry`,
      `${FILE}:9:9: provider consumer "42" is read by YAML as a number; write it in quotes ("42") if it is an organization's name`,
      `${FILE}:10:8: a provider consumer entry is empty (a - with nothing after it); write an organization name or external id, or remove the line`,
      `${FILE}:11:9: a provider consumer must be an organization name or external id, not a map (is there a colon after a name?)`,
      `${FILE}:12:9: a provider consumer must be an organization name or external id, not a list`,
      `${FILE}:13:9: ${NEITHER}"app.team"`,
      `${FILE}:14:9: ${NEITHER}34 characters; it looks like an API token: remove it, and revoke ` +
        'the token, since it is in the repository'
    ])
  })

  it('the same organization may be a consumer of both kinds', () => {
    expect(problems(platform('    consumers: [a, b]', '    provider-consumers: [a, b]'))).toEqual(
      []
    )
  })

  it('an alias is an error where it is used', () => {
    expect(
      problems(
        yaml('producers:', '  a:', '    consumers: &apps [x]', '    provider-consumers: *apps')
      )
    ).toEqual([
      `${FILE}:4:25: aliases (*name) are not supported in sharing files; write the value out here`
    ])
  })

  it('a provider key written twice is an error at the second', () => {
    expect(
      problems(platform('    provider-consumers: [b]', '    provider-consumers: [c]'))
    ).toEqual([
      `${FILE}:4:5: provider-consumers is written twice in platform (first on line 3); write each key once`
    ])
  })
})

describe('unknown keys name the provider keys too', () => {
  it.each([
    ['provider-consumer', 'provider-consumers'],
    ['providers', 'provider-consumers'],
    ['provider_consumers', 'provider-consumers'],
    ['providerConsumers', 'provider-consumers'],
    ['global_provider_sharing', 'global-provider-sharing'],
    ['global-providers-sharing', 'global-provider-sharing'],
    ['module-consumers', 'consumers'],
    ['global', 'global-module-sharing or global-provider-sharing']
  ])('%s: did you mean %s?', (key, meant) => {
    const { producers, errors } = parseSharingFile(platform(`    ${key}: true`), FILE)
    // Never read as "providers not managed", and reported once: not also as a producer
    // without settings.
    expect(producers).toEqual([])
    expect(errors.map(formatFileProblem)).toEqual([
      `${FILE}:3:5: unknown key "${key}" in platform: ${TAKES}; did you mean ${meant}?`
    ])
  })

  it('a typo of a provider key beside valid module sharing is still an error', () => {
    const { producers, errors } = parseSharingFile(
      platform('    consumers: [a]', '    provider-consumer: [b]'),
      FILE
    )
    expect(producers).toEqual([])
    expect(errors.map(formatFileProblem)).toEqual([
      `${FILE}:4:5: unknown key "provider-consumer" in platform: ${TAKES}; did you mean provider-consumers?`
    ])
  })

  it('a key like no known one gets no guess', () => {
    expect(problems(platform('    consumers: []', '    owners: [me]'))).toEqual([
      `${FILE}:4:5: unknown key "owners" in platform: ${TAKES}`
    ])
  })
})
