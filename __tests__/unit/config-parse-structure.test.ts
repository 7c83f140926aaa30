// The shape of a sharing file: its keys, their types, and what a producer must state. Each
// problem is asserted as the user sees it: file, line, column and message.
import { formatFileProblem } from '../../src/domain/problems.js'
import { parseSharingFile } from '../../src/files/parse.js'

const FILE = 'sharing/platform.yml'
const ID = 'org-939hp5K7kecppVmd'
const ADD =
  'add consumers: (modules) or provider-consumers: (providers) with the organizations to share ' +
  'with ([] for nobody), or global-module-sharing: true or global-provider-sharing: true'
const STATES =
  'consumers: or global-module-sharing: true for modules, ' +
  'provider-consumers: or global-provider-sharing: true for providers'
const TAKES =
  'a producer takes only consumers, global-module-sharing, provider-consumers and ' +
  'global-provider-sharing'

/** A file from its lines, so that line numbers are easy to read off: line n is argument n. */
function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** The problems as the log shows them: `file:line:column: message`. */
function problems(text: string): string[] {
  return parseSharingFile(text, FILE).errors.map(formatFileProblem)
}

describe('a valid file', () => {
  it('reads every producer, in the order of the file, with the lines of its keys and entries', () => {
    const text = yaml(
      '# sharing/platform.yml',
      'version: 1',
      'producers:',
      '  platform-modules:',
      '    consumers:',
      '      - app-team-a',
      `      - ${ID}`,
      '  network-modules:',
      '    global-module-sharing: true',
      '  retired-modules:',
      '    consumers: []'
    )
    expect(parseSharingFile(text, FILE)).toEqual({
      producers: [
        {
          organization: 'platform-modules',
          consumers: [
            { kind: 'name', name: 'app-team-a' },
            { kind: 'id', id: ID }
          ],
          consumerLines: [6, 7],
          globalModuleSharing: false,
          managesModules: true,
          source: { file: FILE, line: 4 }
        },
        {
          organization: 'network-modules',
          consumers: [],
          consumerLines: [],
          globalModuleSharing: true,
          managesModules: true,
          source: { file: FILE, line: 8 }
        },
        {
          organization: 'retired-modules',
          consumers: [],
          consumerLines: [],
          globalModuleSharing: false,
          managesModules: true,
          source: { file: FILE, line: 10 }
        }
      ],
      errors: []
    })
  })

  it('takes version as optional, and flow style as well as block style', () => {
    const { producers, errors } = parseSharingFile(
      '{producers: {a: {consumers: [b, c]}, d: {"global-module-sharing": true}}}',
      FILE
    )
    expect(errors).toEqual([])
    expect(producers.map(p => [p.organization, p.consumers, p.globalModuleSharing])).toEqual([
      [
        'a',
        [
          { kind: 'name', name: 'b' },
          { kind: 'name', name: 'c' }
        ],
        false
      ],
      ['d', [], true]
    ])
  })

  it('takes global-module-sharing: false with a list as the list, and true with [] as global', () => {
    const { producers, errors } = parseSharingFile(
      yaml(
        'producers:',
        '  a:',
        '    global-module-sharing: false',
        '    consumers: [b]',
        '  c:',
        '    global-module-sharing: true',
        '    consumers: []',
        '  d:',
        '    global-module-sharing: False',
        '    consumers: []'
      ),
      FILE
    )
    expect(errors).toEqual([])
    expect(producers.map(p => [p.organization, p.consumers.length, p.globalModuleSharing])).toEqual(
      [
        ['a', 1, false],
        ['c', 0, true],
        ['d', 0, false]
      ]
    )
  })

  it('reads a file that starts with a byte order mark, or has Windows line ends', () => {
    const text = '\uFEFFproducers:\r\n  a:\r\n    consumers:\r\n      - b\r\n'
    const { producers, errors } = parseSharingFile(text, FILE)
    expect(errors).toEqual([])
    expect(producers[0]?.consumerLines).toEqual([4])
  })
})

describe('the top of the file', () => {
  it.each([
    ['an empty file', ''],
    ['a file of only comments', '# nothing yet\n\n# still nothing\n'],
    ['a file of an explicit null', '~\n']
  ])('%s is an error, never a file that shares nothing', (_, text) => {
    expect(problems(text)).toEqual([
      `${FILE}:1:1: the file holds no settings; write producers: with at least one producing ` +
        `organization, and under each what it shares: ${STATES}`
    ])
  })

  it('a list or a single value at the top is an error', () => {
    const tail = '; start with producers: and write each producing organization under it'
    expect(problems(yaml('# the list', '- platform-modules'))).toEqual([
      `${FILE}:2:1: a sharing file is a map with the keys version and producers, not a list${tail}`
    ])
    expect(problems('platform-modules\n')).toEqual([
      `${FILE}:1:1: a sharing file is a map with the keys version and producers, not a single value${tail}`
    ])
  })

  it('no producers key is an error', () => {
    expect(problems(yaml('version: 1'))).toEqual([
      `${FILE}:1:1: the file has no producers: key; add producers: with at least one producing organization`
    ])
  })

  it('an unknown key is an error at the key, with the key it was probably meant as', () => {
    expect(problems(yaml('version: 1', 'producer:', '  a:', '    consumers: [b]'))).toEqual([
      `${FILE}:2:1: unknown key "producer": a sharing file takes only version and producers; did you mean producers?`
    ])
    expect(
      problems(yaml('producers:', '  a:', '    consumers: [b]', 'owners: [me]', 'Version: 1'))
    ).toEqual([
      `${FILE}:4:1: unknown key "owners": a sharing file takes only version and producers`,
      `${FILE}:5:1: unknown key "Version": a sharing file takes only version and producers; did you mean version?`
    ])
  })

  it('a duplicate key is an error at its second place, naming the first', () => {
    expect(
      problems(
        yaml('producers:', '  a:', '    consumers: [b]', 'producers:', '  c:', '    consumers: []')
      )
    ).toEqual([`${FILE}:4:1: producers is written twice (first on line 1); write each key once`])
  })
})

describe('version', () => {
  it.each([
    ['version: 2', '1:10', '2; write version: 1, or leave version out'],
    ['version: "1"', '1:10', 'the string "1"; write version: 1 without quotes'],
    ['version: v1', '1:10', '"v1"; write version: 1, or leave version out'],
    ['version:', '1:1', 'empty; write version: 1, or leave version out'],
    ['version: [1]', '1:10', 'a list; write version: 1, or leave version out']
  ])('%s is an error', (line, position, shown) => {
    expect(problems(yaml(line, 'producers:', '  a:', '    consumers: []'))).toEqual([
      `${FILE}:${position}: version must be 1, not ${shown}`
    ])
  })

  it('1.0 is the number 1', () => {
    expect(problems(yaml('version: 1.0', 'producers:', '  a:', '    consumers: []'))).toEqual([])
  })
})

describe('producers', () => {
  const EMPTY =
    'producers is empty; write at least one producing organization under it, as name: with ' +
    `what it shares under it (${STATES})`

  it('no producers, {} or nothing, is an error, so that an empty file never passes', () => {
    expect(problems(yaml('version: 1', 'producers: {}'))).toEqual([`${FILE}:2:12: ${EMPTY}`])
    expect(problems(yaml('version: 1', 'producers:', '# later'))).toEqual([`${FILE}:2:1: ${EMPTY}`])
  })

  it('a list of names instead of a map is an error saying how to write it', () => {
    expect(problems(yaml('producers:', '  - platform-modules'))).toEqual([
      `${FILE}:2:3: producers must be a map of producing organizations, not a list; write each ` +
        `organization as name: with what it shares under it (${STATES})`
    ])
  })

  it('a producer named by external id, or by an invalid name, is an error at its key', () => {
    expect(
      problems(
        yaml(
          'producers:',
          `  ${ID}:`,
          '    consumers: []',
          '  platform.modules:',
          '    consumers: []',
          '  "":',
          '    consumers: []'
        )
      )
    ).toEqual([
      `${FILE}:2:3: producer ${ID} is an external id; write the producing organization by its name`,
      `${FILE}:4:3: this producer is not a valid organization name (letters, digits, - and _ only): "platform.modules"`,
      `${FILE}:6:3: a producer has an empty name; write the producing organization's name before the colon`
    ])
  })

  it('a producer name that YAML reads as a number or boolean must be quoted', () => {
    expect(
      problems(yaml('producers:', '  1234:', '    consumers: []', '  true:', '    consumers: []'))
    ).toEqual([
      `${FILE}:2:3: producer "1234" is read by YAML as a number; write it in quotes ("1234") if it is an organization's name`,
      `${FILE}:4:3: producer "true" is read by YAML as a boolean; write it in quotes ("true") if it is an organization's name`
    ])
    expect(problems(yaml('producers:', '  "1234":', '    consumers: []'))).toEqual([])
  })

  it('a producer named twice in one file is an error naming both places', () => {
    const { producers, errors } = parseSharingFile(
      yaml(
        'producers:',
        '  platform-modules:',
        '    consumers: [a]',
        '  other:',
        '    consumers: []',
        '  platform-modules:',
        '    consumers: [b]'
      ),
      FILE
    )
    expect(errors.map(formatFileProblem)).toEqual([
      `${FILE}:6:3: producer platform-modules is set twice: ${FILE}:2 and ${FILE}:6; keep one of them`
    ])
    // The first place stands; only the second is the error.
    expect(producers.map(p => [p.organization, p.source.line])).toEqual([
      ['platform-modules', 2],
      ['other', 4]
    ])
  })
})

describe('one producer', () => {
  it('a producer with no settings, or an empty map, is an error at its key', () => {
    expect(problems(yaml('producers:', '  a:', '  b: {}'))).toEqual([
      `${FILE}:2:3: a has no settings; ${ADD}`,
      `${FILE}:3:3: b states neither module nor provider sharing; ${ADD}`
    ])
  })

  it('a list straight under the producer is an error saying where consumers: goes', () => {
    expect(problems(yaml('producers:', '  a:', '    - b'))).toEqual([
      `${FILE}:3:5: a must be a map with consumers:, global-module-sharing:, provider-consumers: ` +
        'or global-provider-sharing:, not a list; write consumers: (or provider-consumers:) above ' +
        'the list, indented under the name'
    ])
  })

  it('an unknown key is an error at the key, never read as "share with nobody"', () => {
    const { producers, errors } = parseSharingFile(
      yaml(
        'producers:',
        '  a:',
        '    consumer:',
        '      - b',
        '  c:',
        '    global_module_sharing: true'
      ),
      FILE
    )
    expect(producers).toEqual([])
    // The typo is reported once: not also as a producer without consumers.
    expect(errors.map(formatFileProblem)).toEqual([
      `${FILE}:3:5: unknown key "consumer" in a: ${TAKES}; did you mean consumers?`,
      `${FILE}:6:5: unknown key "global_module_sharing" in c: ${TAKES}; did you mean global-module-sharing?`
    ])
  })

  it('an unknown key beside valid ones is still an error', () => {
    expect(problems(yaml('producers:', '  a:', '    consumers: []', '    note: legacy'))).toEqual([
      `${FILE}:4:5: unknown key "note" in a: ${TAKES}`
    ])
  })

  it('a key written twice in a producer is an error at the second', () => {
    expect(
      problems(yaml('producers:', '  a:', '    consumers: [b]', '    consumers: [c]'))
    ).toEqual([
      `${FILE}:4:5: consumers is written twice in a (first on line 3); write each key once`
    ])
  })

  it('a non-empty list with global sharing true is an error', () => {
    expect(
      problems(
        yaml('producers:', '  a:', '    consumers: [b, c]', '    global-module-sharing: true')
      )
    ).toEqual([
      `${FILE}:4:5: a has global-module-sharing: true and 2 consumers; global sharing shares with ` +
        'every organization and clears the list: remove the consumers, or set global-module-sharing: false'
    ])
  })

  it('global sharing false without consumers is an error saying what is missing', () => {
    expect(problems(yaml('producers:', '  a:', '    global-module-sharing: false'))).toEqual([
      `${FILE}:3:5: a has global-module-sharing: false but no consumers; add consumers: with the ` +
        'organizations to share with (consumers: [] for nobody)'
    ])
  })

  it.each([
    ['yes', '3:28', '"yes"'],
    ['"true"', '3:28', '"true"'],
    ['1', '3:28', '1'],
    ['', '3:5', 'empty']
  ])('global-module-sharing: %s is an error', (value, position, shown) => {
    expect(problems(yaml('producers:', '  a:', `    global-module-sharing: ${value}`))).toEqual([
      `${FILE}:${position}: global-module-sharing of a must be true or false, not ${shown}`
    ])
  })

  it('consumers that are not a list are an error saying how to write one', () => {
    expect(
      problems(
        yaml(
          'producers:',
          '  a:',
          '    consumers:',
          '  b:',
          '    consumers: app-team-a',
          '  c:',
          '    consumers:',
          '      app-team-a: true'
        )
      )
    ).toEqual([
      `${FILE}:3:5: consumers of a is empty; write consumers: [] to share with nobody, or list ` +
        'the organizations under it, one - name a line',
      `${FILE}:5:16: consumers of b must be a list, not a single value; write each organization ` +
        'on its own line under consumers:, as - name',
      `${FILE}:8:7: consumers of c must be a list, not a map; write each organization as - name, ` +
        'with no colon after it'
    ])
  })
})

describe('every problem of a file is reported, in the order of the file', () => {
  it('reports problems of several producers and levels at once', () => {
    const { producers, errors } = parseSharingFile(
      yaml(
        'version: 3',
        'producers:',
        '  a:',
        '    consumers: [a]',
        '  b:',
        '    global-module-sharing: maybe',
        '  c:',
        '    consumers: [d]',
        '  e: {}',
        'extra: 1'
      ),
      FILE
    )
    expect(producers.map(p => p.organization)).toEqual(['c'])
    expect(errors.map(e => [e.line, e.column])).toEqual([
      [1, 10],
      [4, 17],
      [6, 28],
      [9, 3],
      [10, 1]
    ])
    expect(errors.every(e => e.file === FILE)).toBe(true)
    expect(errors[1]?.message).toBe(
      'a lists itself as a consumer; an organization always uses its own modules: remove this entry'
    )
  })
})
