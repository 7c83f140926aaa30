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
import type { ConsumerRef } from '../../src/domain/model.js'

const names = (consumers: readonly ConsumerRef[]) =>
  consumers.map(c => (c.kind === 'name' ? c.name : c.id))

/** What a file states for each producer, in the export's terms. */
function stated(text: string): ExportEntry[] {
  const { producers, errors } = parseSharingFile(text, 'sharing/exported.yml')
  expect(errors).toEqual([])
  return producers.map(p => ({
    organization: p.organization,
    ...(!p.managesModules
      ? {}
      : p.globalModuleSharing
        ? { globalModuleSharing: true as const }
        : { consumers: names(p.consumers) }),
    ...(p.providers === undefined
      ? {}
      : p.providers.global
        ? { globalProviderSharing: true as const }
        : { providerConsumers: names(p.providers.consumers) })
  }))
}

/** An entry as the export writes it back: its lists sorted. */
function normal(entry: ExportEntry): ExportEntry {
  const byName = (list: readonly string[]) => [...list].sort((a, b) => (a < b ? -1 : 1))
  return {
    ...entry,
    ...(entry.consumers ? { consumers: byName(entry.consumers) } : {}),
    ...(entry.providerConsumers ? { providerConsumers: byName(entry.providerConsumers) } : {})
  } as ExportEntry
}

const byOrganization = (a: ExportEntry, b: ExportEntry) =>
  a.organization < b.organization ? -1 : 1

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
    expect(stated(text)).toEqual([...entries].sort(byOrganization).map(normal))
  })

  it('reads back as exactly the state it was given (round trip)', () => {
    // Names as TFE has them (a name shaped like a GitHub token would be refused on reading).
    const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).filter(n => !n.includes('github_pat_'))
    /** A kind's sharing: a list, global (null), or not exported (undefined). */
    const kind = fc.option(fc.option(fc.uniqueArray(name, { maxLength: 6 })), { nil: undefined })
    const entries = fc
      .uniqueArray(fc.tuple(name, kind, kind), {
        minLength: 1,
        maxLength: 8,
        selector: ([organization]) => organization
      })
      .map(list =>
        list.map(([organization, modules, providers]): ExportEntry => {
          // TFE never lists a producer as its own consumer.
          const others = (consumers: string[]) => consumers.filter(c => c !== organization)
          // An entry states at least one kind: modules as a list when neither is given.
          const moduleSharing = modules === undefined && providers === undefined ? [] : modules
          return {
            organization,
            ...(moduleSharing === undefined
              ? {}
              : moduleSharing === null
                ? { globalModuleSharing: true as const }
                : { consumers: others(moduleSharing) }),
            ...(providers === undefined
              ? {}
              : providers === null
                ? { globalProviderSharing: true as const }
                : { providerConsumers: others(providers) })
          } as ExportEntry
        })
      )
    fc.assert(
      fc.property(entries, list => {
        const text = sharingFileText(list, undefined)
        expect(stated(text)).toEqual([...list].sort(byOrganization).map(normal))
        // And the text is one the schema's rules hold for: it parses without a problem.
        expect(parseSharingFile(text, 'x.yml').errors).toEqual([])
      })
    )
  })
})

describe('sharingFileText with provider sharing', () => {
  it('writes provider keys after the module keys, sorted; a producer may state providers alone', () => {
    const text = sharingFileText(
      [
        {
          organization: 'platform',
          consumers: ['team-b', 'team-a'],
          providerConsumers: ['team-c', 'team-a', 'team-c']
        },
        { organization: 'tools', globalProviderSharing: true },
        { organization: 'network', globalModuleSharing: true, providerConsumers: [] },
        { organization: 'docs', consumers: ['team-a'], globalProviderSharing: true },
        { organization: 'retired', providerConsumers: [] }
      ],
      undefined
    )
    expect(text).toBe(
      [
        EXPORT_HEADER,
        'version: 1',
        'producers:',
        '  docs:',
        '    consumers:',
        '      - team-a',
        '    global-provider-sharing: true',
        '  network:',
        '    global-module-sharing: true',
        '    provider-consumers: []',
        '  platform:',
        '    consumers:',
        '      - team-a',
        '      - team-b',
        '    provider-consumers:',
        '      - team-a',
        '      - team-c',
        '  retired:',
        '    provider-consumers: []',
        '  tools:',
        '    global-provider-sharing: true',
        ''
      ].join('\n')
    )
  })

  it('parses back to the same producers, each kind managed only where it was given', () => {
    const entries: ExportEntry[] = [
      { organization: 'platform', consumers: ['a'], providerConsumers: ['b', 'a'] },
      { organization: 'tools', globalProviderSharing: true },
      { organization: 'legacy', consumers: [] }
    ]
    const { producers, errors } = parseSharingFile(sharingFileText(entries, SCHEMA_URL), 'x.yml')
    expect(errors).toEqual([])
    expect(
      producers.map(p => [p.organization, p.managesModules, p.providers?.global ?? 'unmanaged'])
    ).toEqual([
      ['legacy', true, 'unmanaged'],
      ['platform', true, false],
      ['tools', false, true]
    ])
    expect(stated(sharingFileText(entries, SCHEMA_URL))).toEqual(
      [...entries].sort(byOrganization).map(normal)
    )
  })

  it('refuses an entry with neither kind: a file cannot state it', () => {
    expect(() => sharingFileText([{ organization: 'a' }], undefined)).toThrow(
      'sharingFileText: a has neither module nor provider sharing; give one'
    )
  })
})
