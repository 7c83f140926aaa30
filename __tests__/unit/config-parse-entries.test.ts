// Consumer entries (classified as the step input classifies them), their positions, YAML that
// cannot be read, and values that must never be shown back (a token pasted by mistake).
import fc from 'fast-check'
import { formatFileProblem } from '../../src/domain/problems.js'
import { parseSharingFile } from '../../src/files/parse.js'

const FILE = 'sharing/apps.yml'
const ID = 'org-939hp5K7kecppVmd'
const ID_B = 'org-etdex8r9VLnyHFct'
const NEITHER =
  'this consumer is neither an organization name (letters, digits, - and _) nor an external id ' +
  '(org- and 16 base58 characters): '

function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** A file whose producer `platform` has these lines under `consumers:` (entries from line 4). */
function withConsumers(...entries: string[]): string {
  return yaml('producers:', '  platform:', '    consumers:', ...entries)
}

function problems(text: string): string[] {
  return parseSharingFile(text, FILE).errors.map(formatFileProblem)
}

describe('consumer entries', () => {
  it('are names or external ids, like the consumers input', () => {
    const { producers, errors } = parseSharingFile(
      withConsumers(
        '      - app-team-a',
        `      - ${ID}`,
        '      - org-939hp5K7kecppVm0',
        '      - "42"'
      ),
      FILE
    )
    expect(errors).toEqual([])
    expect(producers[0]?.consumers).toEqual([
      { kind: 'name', name: 'app-team-a' },
      { kind: 'id', id: ID },
      // Starts like an id but is not one (0 is no base58 character): a name, worth a hint later.
      { kind: 'name', name: 'org-939hp5K7kecppVm0', looksLikeId: true },
      { kind: 'name', name: '42' }
    ])
  })

  it('have the line of each entry, past comments and blank lines', () => {
    const { producers, errors } = parseSharingFile(
      withConsumers(
        '      # the app teams',
        '      - app-team-a # since 2024',
        '',
        `      - ${ID}`,
        '      - "app-team-b"'
      ),
      FILE
    )
    expect(errors).toEqual([])
    expect(producers[0]?.consumerLines).toEqual([5, 7, 8])
  })

  it('in flow style, have the line each entry is on', () => {
    const { producers } = parseSharingFile(
      yaml('producers:', '  platform:', '    consumers: [a, b,', '      c]'),
      FILE
    )
    expect(producers[0]?.consumerLines).toEqual([3, 3, 4])
  })

  it('an exact duplicate is an error at the second, naming the first line', () => {
    expect(
      problems(
        withConsumers('      - app-team-a', `      - ${ID}`, '      - app-team-a', `      - ${ID}`)
      )
    ).toEqual([
      `${FILE}:6:9: app-team-a is listed twice in the consumers of platform (first on line 4); remove this entry`,
      `${FILE}:7:9: ${ID} is listed twice in the consumers of platform (first on line 5); remove this entry`
    ])
  })

  it('a name and an id are not duplicates here: only TFE knows whether they are one organization', () => {
    expect(problems(withConsumers('      - app-team-a', `      - ${ID_B}`))).toEqual([])
  })

  it('the producer listing itself by name is an error', () => {
    expect(problems(withConsumers('      - other', '      - platform'))).toEqual([
      `${FILE}:5:9: platform lists itself as a consumer; an organization always uses its own modules: remove this entry`
    ])
  })

  it('an entry that is neither a name nor an id is an error at the entry', () => {
    expect(
      problems(
        withConsumers(
          '      - app.team',
          '      - "app team a"',
          '      - app-t\u00e9am',
          '      - org-939hp5K7kecppVmd!'
        )
      )
    ).toEqual([
      `${FILE}:4:9: ${NEITHER}"app.team"`,
      `${FILE}:5:9: ${NEITHER}10 characters, the first that is not allowed is a space at position 4`,
      `${FILE}:6:9: ${NEITHER}8 characters, the first that is not allowed is a non-ASCII character (U+00E9) at position 6`,
      `${FILE}:7:9: ${NEITHER}21 characters, the first that is not allowed is "!" at position 21`
    ])
  })

  it('an entry indented more than the one above it merges with it; the error says so', () => {
    expect(
      problems(yaml('producers:', '  platform:', '    consumers:', '    - a', '      - b'))
    ).toEqual([
      `${FILE}:4:7: ${NEITHER}5 characters, the first that is not allowed is a space at position 2; ` +
        'is a - entry indented more than the one above it?'
    ])
  })

  it('an entry that YAML reads as a number, boolean or nothing is an error', () => {
    expect(
      problems(withConsumers('      - 42', '      - 0x1F', '      - true', '      -', '      - ~'))
    ).toEqual([
      `${FILE}:4:9: consumer "42" is read by YAML as a number; write it in quotes ("42") if it is an organization's name`,
      `${FILE}:5:9: consumer "0x1F" is read by YAML as a number; write it in quotes ("0x1F") if it is an organization's name`,
      `${FILE}:6:9: consumer "true" is read by YAML as a boolean; write it in quotes ("true") if it is an organization's name`,
      `${FILE}:7:8: a consumer entry is empty (a - with nothing after it); write an organization name or external id, or remove the line`,
      `${FILE}:8:9: a consumer entry is empty (a - with nothing after it); write an organization name or external id, or remove the line`
    ])
  })

  it('an entry that is a map or a list is an error', () => {
    expect(problems(withConsumers('      - app-team-a: read', '      - [a, b]'))).toEqual([
      `${FILE}:4:9: a consumer must be an organization name or external id, not a map (is there a colon after a name?)`,
      `${FILE}:5:9: a consumer must be an organization name or external id, not a list`
    ])
  })

  it('every bad entry of a list is reported, and the producer is left out', () => {
    const { producers, errors } = parseSharingFile(
      withConsumers(
        '      - good',
        '      - bad.one',
        '      - good',
        '      - 7',
        '      - platform'
      ),
      FILE
    )
    expect(producers).toEqual([])
    expect(errors.map(e => e.line)).toEqual([5, 6, 7, 8])
  })
})

describe('YAML that cannot be read', () => {
  it.each([
    [
      'an unclosed quote',
      withConsumers('      - "app-team-a'),
      '5:1',
      'not valid YAML: missing closing "quote'
    ],
    [
      'a tab as indentation',
      yaml('producers:', '  platform:', '\tconsumers: []'),
      '3:1',
      'not valid YAML: a tab is used for indentation; indent with spaces'
    ],
    [
      'keys out of line',
      yaml('producers:', '  platform:', '    consumers: []', '   other:', '    consumers: []'),
      '4:1',
      'not valid YAML: all mapping items must start at the same column; indent each level by the same number of spaces'
    ],
    [
      'two documents',
      yaml(
        'producers:',
        '  a:',
        '    consumers: []',
        '---',
        'producers:',
        '  b:',
        '    consumers: []'
      ),
      '4:1',
      'not valid YAML: the file holds more than one document (a --- line); put every producer under one producers:'
    ],
    [
      'a tag',
      yaml('producers:', '  platform:', '    consumers: !list [a]'),
      '3:16',
      'not valid YAML: tags (a value starting with !) are not supported in sharing files; remove the tag'
    ],
    [
      'an anchor without a name',
      yaml('producers:', '  platform:', '    consumers: & [a]'),
      '3:16',
      'not valid YAML: anchors and aliases (& and *) are not supported in sharing files; write each value out'
    ],
    [
      'a backslash escape YAML does not know',
      withConsumers('      - "app\\qteam"'),
      '4:13',
      'not valid YAML: a double-quoted value has an invalid \\ escape; organization names need neither quotes nor escapes'
    ],
    [
      'a value starting with a reserved character',
      withConsumers('      - @app-team'),
      '4:9',
      'not valid YAML: a value cannot start with this character; organization names are letters, digits, - and _'
    ],
    [
      'a key longer than 1024 characters',
      yaml('producers:', `  ${'k'.repeat(1100)}:`, '    consumers: []'),
      '2:3',
      'not valid YAML: a key is longer than 1024 characters; keys are names, each on one line'
    ],
    [
      'a key over two lines',
      yaml('producers:', '  "platform', '  team":', '    consumers: []'),
      '2:3',
      'not valid YAML: implicit keys need to be on a single line; write each key on its own line, as name: followed by its value'
    ],
    [
      'a producer and its key on one line',
      yaml('producers:', '  platform: consumers: [a]'),
      '2:13',
      'not valid YAML: nested mappings are not allowed in compact mappings; write each key on its own line, as name: followed by its value'
    ],
    [
      'a % directive line',
      yaml('%FOO bar', '---', 'producers:', '  platform:', '    consumers: []'),
      '1:1',
      'not valid YAML: a % directive line is not supported in sharing files; remove it'
    ],
    [
      'a - list inside [ ]',
      yaml('producers:', '  platform:', '    consumers: [a,', '      - b]'),
      '4:7',
      'not valid YAML: block collections are not allowed within flow collections; write the list as - entries, or close the [ ] on one line'
    ],
    // The parser's words here name a YAML construct by a `/`, which no plain sentence holds.
    [
      'a %YAML line with no --- after it',
      yaml('%YAML 1.2', 'producers:', '  platform:', '    consumers: []'),
      '2:1',
      'not valid YAML: the YAML cannot be read here'
    ],
    // The parser's own words quote the file (`...: "]"`): what it quotes is left out.
    [
      'a closing bracket with no list',
      yaml('producers: ]'),
      '1:12',
      'not valid YAML: unexpected flow-seq-end token in YAML stream; check the indentation and punctuation here'
    ]
  ])('%s is an error at its position', (_, text, position, message) => {
    const { producers, errors } = parseSharingFile(text, FILE)
    expect(producers).toEqual([])
    expect(errors.map(formatFileProblem)).toEqual([`${FILE}:${position}: ${message}`])
  })

  it('a file nested too deeply to read is an error at its place, not a crash', () => {
    const deep = `producers: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`
    const found = problems(deep)
    expect(found.length).toBeGreaterThan(0)
    for (const line of found) {
      expect(line).toMatch(
        /^sharing\/apps\.yml:1:\d+: not valid YAML: the file is nested too deeply to read$/
      )
    }
  })

  it('an alias is an error where it is used', () => {
    expect(
      problems(
        yaml('producers:', '  a:', '    consumers: &apps [x]', '  b:', '    consumers: *apps')
      )
    ).toEqual([
      `${FILE}:5:16: aliases (*name) are not supported in sharing files; write the value out here`
    ])
  })

  it('reports every syntax problem the parser finds, then nothing about the half-read contents', () => {
    // The tab throws the next key out of line too; `b` is not reported as a producer without
    // settings, since what the parser made of the file is not what was meant.
    expect(
      problems(yaml('producers:', '  a:', '\tconsumers: []', '  b:', '    consumers: !x [c]'))
    ).toEqual([
      `${FILE}:3:1: not valid YAML: a tab is used for indentation; indent with spaces`,
      `${FILE}:4:1: not valid YAML: all mapping items must start at the same column; indent each level by the same number of spaces`,
      `${FILE}:5:16: not valid YAML: tags (a value starting with !) are not supported in sharing files; remove the tag`
    ])
  })
})

describe('values that must not be shown back', () => {
  const TOKEN = 'AbCdEfGh12.atlasv1.' + 'Zz9'.repeat(20)
  const GITHUB = 'ghp_' + 'A1b2C3d4E5'.repeat(3)

  it('a token as a consumer is described, with advice to revoke it', () => {
    const [problem] = problems(withConsumers(`      - ${TOKEN}`))
    expect(problem).toBe(
      `${FILE}:4:9: ${NEITHER}79 characters, the first that is not allowed is "." at position 11; ` +
        'it looks like an API token: remove it, and revoke the token, since it is in the repository'
    )
    // A GitHub token is made of name characters, and is still no name.
    expect(problems(withConsumers(`      - ${GITHUB}`))).toEqual([
      `${FILE}:4:9: ${NEITHER}34 characters; it looks like an API token: remove it, and revoke the ` +
        'token, since it is in the repository'
    ])
  })

  it('a random-looking value is described even where a name could be quoted', () => {
    const key = 'Q' + 'aB3'.repeat(8)
    expect(problems(yaml(`version: ${key}`, 'producers:', '  a:', '    consumers: []'))).toEqual([
      `${FILE}:1:10: version must be 1, not a value of 25 characters; write version: 1, or leave version out`
    ])
  })

  it('a long or strange value is described, a short plain one quoted', () => {
    const long = 'a'.repeat(41)
    expect(problems(withConsumers(`      - ${long}.b`))).toEqual([
      `${FILE}:4:9: ${NEITHER}43 characters, the first that is not allowed is "." at position 42`
    ])
    expect(
      problems(yaml('producers:', '  platform:', `    ${'k'.repeat(41)}: 1`, '    consumers: []'))
    ).toEqual([
      `${FILE}:3:5: unknown key (41 characters) in platform: a producer takes only consumers, ` +
        'global-module-sharing, provider-consumers and global-provider-sharing'
    ])
  })

  it('no message quotes a token, wherever in the file it is', () => {
    const secret = fc
      .tuple(
        fc.constantFrom('ghp_', 'x.atlasv1.', 'github_pat_'),
        fc.stringMatching(/^[A-Za-z0-9]{24,40}$/)
      )
      .map(([prefix, rest]) => prefix + rest + 'Zz9')
    const places = [
      (s: string) => withConsumers(`      - ${s}`),
      (s: string) => withConsumers(`      - "${s} "`),
      (s: string) => yaml('producers:', `  ${s}:`, '    consumers: []'),
      (s: string) => yaml(`version: ${s}`, 'producers:', '  a:', '    consumers: []'),
      (s: string) => yaml('producers:', '  a:', `    global-module-sharing: ${s}`),
      (s: string) => yaml('producers:', '  a:', `    provider-consumers: [${s}]`),
      (s: string) => yaml('producers:', '  a:', `    global-provider-sharing: ${s}`),
      (s: string) => yaml('producers:', '  a:', `    ${s}: []`),
      (s: string) => yaml('producers:', '  a:', `    consumers: |${s}`),
      (s: string) => yaml('producers:', '  a:', `    consumers: !${s} [b]`),
      (s: string) => yaml('producers:', '  a:', `    consumers: ["${s}`),
      (s: string) => yaml(`%${s} x`, '---', 'producers: {}')
    ]
    fc.assert(
      fc.property(secret, fc.constantFrom(...places.keys()), (value, place) => {
        const { errors } = parseSharingFile((places[place] ?? places[0]!)(value), FILE)
        expect(errors.length).toBeGreaterThan(0)
        for (const error of errors) {
          expect(error.message).not.toContain(value.slice(-20))
        }
      })
    )
  })
})
