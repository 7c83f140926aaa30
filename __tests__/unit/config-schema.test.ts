// module-sharing.schema.json (what editors check while a file is written) and parseSharingFile
// (what the action checks) must agree on what a valid sharing file is.
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { SCHEMA_URL } from '../../src/files/export.js'
import { parseSharingFile } from '../../src/files/parse.js'

const schema = JSON.parse(
  readFileSync(new URL('../../module-sharing.schema.json', import.meta.url), 'utf8')
) as Record<string, unknown>
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema)

const ID = 'org-939hp5K7kecppVmd'

function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** Valid for an editor: YAML it can read (keys unique, as the action reads it), and the schema. */
function schemaAccepts(text: string): boolean {
  let value: unknown
  try {
    value = parse(text, { uniqueKeys: true })
  } catch {
    return false
  }
  return validate(value) === true
}

function actionAccepts(text: string): boolean {
  return parseSharingFile(text, 'x.yml').errors.length === 0
}

const producer = (...lines: string[]) => yaml('producers:', '  platform:', ...lines)

// Left out, because JSON Schema cannot see them: a producer listing itself as a consumer of either
// kind (a relation between a key and a value), a producer written in two files (across files), a
// producer key that YAML reads as a number (`123:`; in JSON every key is a string), and aliases
// and tags (an editor's YAML reader resolves them before the schema sees the value).
const EXAMPLES: [string, boolean, string][] = [
  [
    'the documented example',
    true,
    yaml(
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
  ],
  ['global sharing only', true, producer('    global-module-sharing: true')],
  [
    'global false with a list',
    true,
    producer('    global-module-sharing: false', '    consumers: [a]')
  ],
  ['global true with []', true, producer('    global-module-sharing: true', '    consumers: []')],
  ['a quoted number as a name', true, producer('    consumers: ["123"]')],
  ['a name that starts like an id', true, producer('    consumers: [org-notAnId]')],
  ['version 1.0', true, yaml('version: 1.0', 'producers:', '  a:', '    consumers: []')],
  ['an empty file', false, ''],
  ['only comments', false, '# nothing\n'],
  ['a list at the top', false, '- platform\n'],
  ['no producers key', false, 'version: 1\n'],
  ['an unknown top key', false, yaml('producer:', '  a:', '    consumers: []')],
  ['version 2', false, yaml('version: 2', 'producers:', '  a:', '    consumers: []')],
  ['version "1"', false, yaml('version: "1"', 'producers:', '  a:', '    consumers: []')],
  ['producers: {}', false, 'producers: {}\n'],
  ['producers: (nothing)', false, 'producers:\n'],
  ['producers as a list', false, yaml('producers:', '  - a')],
  ['a producer without settings', false, yaml('producers:', '  a:')],
  ['a producer with {}', false, yaml('producers:', '  a: {}')],
  ['an unknown producer key', false, producer('    consumer: [a]')],
  ['an extra producer key', false, producer('    consumers: [a]', '    note: x')],
  ['global false without consumers', false, producer('    global-module-sharing: false')],
  [
    'a list with global true',
    false,
    producer('    global-module-sharing: true', '    consumers: [a]')
  ],
  ['global "yes"', false, producer('    global-module-sharing: yes')],
  ['global "true" in quotes', false, producer('    global-module-sharing: "true"')],
  ['consumers: (nothing)', false, producer('    consumers:')],
  ['consumers as one value', false, producer('    consumers: a')],
  ['consumers as a map', false, producer('    consumers:', '      a: true')],
  ['a consumer with a dot', false, producer('    consumers: [app.team]')],
  ['a consumer YAML reads as a number', false, producer('    consumers: [123]')],
  ['an empty consumer entry', false, producer('    consumers:', '      -')],
  ['a consumer entry that is a map', false, producer('    consumers:', '      - a: b')],
  ['a duplicate consumer', false, producer('    consumers: [a, b, a]')],
  [
    'a GitHub token as a consumer',
    false,
    producer(`    consumers: [ghp_${'A1b2C3d4E5'.repeat(2)}]`)
  ],
  ['a producer by external id', false, yaml('producers:', `  ${ID}:`, '    consumers: []')],
  ['a producer with a dot', false, yaml('producers:', '  a.b:', '    consumers: []')],
  ['a duplicate key', false, producer('    consumers: []', '    consumers: []')],
  ['broken YAML', false, producer('    consumers: ["a')]
]

// Provider sharing: the same shapes and rules as module sharing, each kind on its own.
const PROVIDER_EXAMPLES: [string, boolean, string][] = [
  [
    "the issue's example: both kinds, and providers alone",
    true,
    yaml(
      'producers:',
      '  platform:',
      '    consumers: [team-a, team-b]',
      '    provider-consumers: [team-a]',
      '  tools:',
      '    global-provider-sharing: true'
    )
  ],
  [
    'providers alone, by name and id',
    true,
    producer('    provider-consumers:', '      - a', `      - ${ID}`)
  ],
  ['provider-consumers: [] alone', true, producer('    provider-consumers: []')],
  [
    'global provider false with a list',
    true,
    producer('    global-provider-sharing: false', '    provider-consumers: [a]')
  ],
  [
    'global provider true with []',
    true,
    producer('    global-provider-sharing: true', '    provider-consumers: []')
  ],
  [
    'modules global, providers a list',
    true,
    producer('    global-module-sharing: true', '    provider-consumers: [a]')
  ],
  [
    'modules a list, providers global',
    true,
    producer('    consumers: [a]', '    global-provider-sharing: true')
  ],
  [
    'one organization consuming both kinds',
    true,
    producer('    consumers: [a]', '    provider-consumers: [a]')
  ],
  [
    'global provider false without provider-consumers',
    false,
    producer('    global-provider-sharing: false')
  ],
  [
    'global provider false beside module consumers, without provider-consumers',
    false,
    producer('    consumers: [a]', '    global-provider-sharing: false')
  ],
  [
    'global module false beside provider-consumers, without consumers',
    false,
    producer('    global-module-sharing: false', '    provider-consumers: [a]')
  ],
  [
    'a provider list with global provider true',
    false,
    producer('    global-provider-sharing: true', '    provider-consumers: [a]')
  ],
  ['global provider "yes"', false, producer('    global-provider-sharing: yes')],
  ['global provider "true" in quotes', false, producer('    global-provider-sharing: "true"')],
  ['global provider as a list', false, producer('    global-provider-sharing: [true]')],
  ['provider-consumers: (nothing)', false, producer('    provider-consumers:')],
  ['provider-consumers as one value', false, producer('    provider-consumers: a')],
  ['provider-consumers as a map', false, producer('    provider-consumers:', '      a: true')],
  ['a provider consumer with a dot', false, producer('    provider-consumers: [app.team]')],
  ['a provider consumer YAML reads as a number', false, producer('    provider-consumers: [123]')],
  ['an empty provider consumer entry', false, producer('    provider-consumers:', '      -')],
  ['a duplicate provider consumer', false, producer('    provider-consumers: [a, b, a]')],
  [
    'a GitHub token as a provider consumer',
    false,
    producer(`    provider-consumers: [ghp_${'A1b2C3d4E5'.repeat(2)}]`)
  ],
  ['a provider key typo', false, producer('    provider-consumer: [a]')],
  ['providers: as a key', false, producer('    consumers: []', '    providers: [a]')],
  [
    'a duplicate provider key',
    false,
    producer('    provider-consumers: []', '    provider-consumers: []')
  ]
]

describe('the schema and parseSharingFile agree', () => {
  it('on at least 12 examples, valid and invalid, of each kind', () => {
    for (const examples of [EXAMPLES, PROVIDER_EXAMPLES]) {
      expect(examples.length).toBeGreaterThanOrEqual(12)
      expect(examples.filter(([, valid]) => valid).length).toBeGreaterThanOrEqual(5)
    }
  })

  it.each([...EXAMPLES, ...PROVIDER_EXAMPLES])('%s (valid: %s)', (_, valid, text) => {
    expect({ action: actionAccepts(text), schema: schemaAccepts(text) }).toEqual({
      action: valid,
      schema: valid
    })
  })
})

describe('the schema for editors', () => {
  it('is where exported files say it is', () => {
    expect(schema['$id']).toBe(SCHEMA_URL)
  })

  /** Every subschema, with its path. */
  function walk(
    node: unknown,
    path: string,
    visit: (node: Record<string, unknown>, path: string) => void
  ) {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}/${i}`, visit))
    else if (node !== null && typeof node === 'object') {
      visit(node as Record<string, unknown>, path)
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`, visit)
    }
  }

  it('describes every property and definition', () => {
    const undescribed: string[] = []
    walk(schema, '#', (node, path) => {
      for (const key of ['properties', 'definitions']) {
        const children = node[key] as Record<string, Record<string, unknown>> | undefined
        for (const [name, child] of Object.entries(children ?? {})) {
          if (path.includes('/if') || path.includes('/not')) continue
          if (typeof child.description !== 'string') undescribed.push(`${path}/${key}/${name}`)
        }
      }
    })
    expect(undescribed).toEqual([])
  })

  it('allows no unknown key in any object', () => {
    const open: string[] = []
    walk(schema, '#', (node, path) => {
      if (node.type === 'object' && node.additionalProperties === undefined) open.push(path)
    })
    expect(open).toEqual([])
  })
})
