// Exporting today's sharing as a sharing file: exact, deterministic text that reads back as the
// same desired state.
import fc from 'fast-check'
import {
  EXPORT_HEADER,
  SCHEMA_URL,
  type ExportEntry,
  sharingFileText
} from '../../src/files/export.js'
import { parseSharingFile } from '../../src/files/parse.js'

/** What a file states for one producer, in the export's terms. */
function stated(text: string): ExportEntry[] {
  const { producers, errors } = parseSharingFile(text, 'sharing/exported.yml')
  expect(errors).toEqual([])
  return producers.map(p =>
    p.globalModuleSharing
      ? { organization: p.organization, globalModuleSharing: true }
      : {
          organization: p.organization,
          consumers: p.consumers.map(c => (c.kind === 'name' ? c.name : c.id))
        }
  )
}

describe('sharingFileText', () => {
  it('writes the format: schema line, header, version first, sorted producers and consumers', () => {
    const text = sharingFileText(
      [
        { organization: 'retired-modules', consumers: [] },
        { organization: 'platform-modules', consumers: ['app-team-b', 'app-team-a', 'App-team-c'] },
        { organization: 'network-modules', globalModuleSharing: true }
      ],
      SCHEMA_URL
    )
    expect(text).toBe(
      [
        '# yaml-language-server: $schema=https://raw.githubusercontent.com/your-org/tfe-module-sharing-action/v1/module-sharing.schema.json',
        '# Exported from TFE by tfe-module-sharing-action; review before committing.',
        'version: 1',
        'producers:',
        '  network-modules:',
        '    global-module-sharing: true',
        '  platform-modules:',
        '    consumers:',
        '      - App-team-c',
        '      - app-team-a',
        '      - app-team-b',
        '  retired-modules:',
        '    consumers: []',
        ''
      ].join('\n')
    )
    expect(text.split('\n').slice(0, 2)).toEqual([
      `# yaml-language-server: $schema=${SCHEMA_URL}`,
      EXPORT_HEADER
    ])
  })

  it('has no schema line when the action cannot name its own schema', () => {
    const text = sharingFileText([{ organization: 'a', consumers: ['x'] }], undefined)
    expect(text.split('\n')[0]).toBe(EXPORT_HEADER)
  })

  it('is the same text whatever the order it is given in', () => {
    const entries: ExportEntry[] = [
      { organization: 'b', consumers: ['y', 'x'] },
      { organization: 'a', globalModuleSharing: true },
      { organization: 'c', consumers: ['z'] }
    ]
    expect(sharingFileText([...entries].reverse(), SCHEMA_URL)).toBe(
      sharingFileText(entries, SCHEMA_URL)
    )
  })

  it('drops exact duplicate consumers, and refuses a producer given twice', () => {
    expect(
      stated(sharingFileText([{ organization: 'a', consumers: ['x', 'x'] }], undefined))
    ).toEqual([{ organization: 'a', consumers: ['x'] }])
    expect(() =>
      sharingFileText(
        [
          { organization: 'a', consumers: [] },
          { organization: 'a', globalModuleSharing: true }
        ],
        undefined
      )
    ).toThrow('sharingFileText: a is given twice; give each producer once')
  })

  it('quotes names that YAML would read as something else, so they read back as names', () => {
    const tricky = [
      '123',
      'true',
      'null',
      'No',
      '1e3',
      '0x1F',
      '-',
      '-x',
      '_',
      '__proto__',
      'constructor'
    ]
    const entries: ExportEntry[] = [
      ...tricky.map(organization => ({ organization, consumers: ['app'] })),
      { organization: 'app', consumers: tricky }
    ]
    const text = sharingFileText(entries, undefined)
    expect(text).toContain('  "123":\n')
    expect(text).toContain('      - "true"\n')
    expect(stated(text)).toEqual(
      [...entries]
        .sort((a, b) => (a.organization < b.organization ? -1 : 1))
        .map(entry =>
          'consumers' in entry ? { ...entry, consumers: [...entry.consumers].sort() } : entry
        )
    )
  })

  it('reads back as exactly the state it was given (round trip)', () => {
    // Names as TFE has them (a name shaped like a GitHub token would be refused on reading).
    const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).filter(n => !n.includes('github_pat_'))
    const entries = fc
      .uniqueArray(
        fc.tuple(name, fc.option(fc.uniqueArray(name, { maxLength: 6 }), { nil: undefined })),
        { minLength: 1, maxLength: 8, selector: ([organization]) => organization }
      )
      .map(list =>
        list.map(([organization, consumers]): ExportEntry =>
          consumers === undefined
            ? { organization, globalModuleSharing: true }
            : // TFE never lists a producer as its own consumer.
              { organization, consumers: consumers.filter(c => c !== organization) }
        )
      )
    fc.assert(
      fc.property(entries, list => {
        const expected = [...list]
          .sort((a, b) => (a.organization < b.organization ? -1 : 1))
          .map(entry =>
            'consumers' in entry
              ? { ...entry, consumers: [...entry.consumers].sort((a, b) => (a < b ? -1 : 1)) }
              : entry
          )
        expect(stated(sharingFileText(list, undefined))).toEqual(expected)
      })
    )
  })
})
