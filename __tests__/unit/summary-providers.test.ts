// Provider sharing beside module sharing, as a reader sees it after a file run: the producers
// output's provider keys, the summary's one row per changed producer with each kind labelled,
// each change's provider table, unmanaged organizations by kind, and the drift and
// fail-on-unmanaged wording. Plans are real (makePlan), on the registry-partnerships API.
import type { Desired } from '../../src/domain/desired.js'
import type { Consumer, ConsumerRef } from '../../src/domain/model.js'
import type { ProducerOutcome, Unmanaged } from '../../src/domain/outcome.js'
import { makePlan } from '../../src/domain/plan.js'
import { unmanagedLine } from '../../src/report/failure.js'
import {
  COMMENT_LIMIT,
  type FilesReport,
  SUMMARY_LIMIT,
  filesSummaryMarkdown
} from '../../src/report/files-summary.js'
import { producerOutput } from '../../src/report/outputs.js'
import { type Block, render, visible } from '../support/gfm.js'

/** A consumer with a stable external id made from its name. */
function org(name: string): Consumer {
  const id = Array.from(name.padEnd(16, 'x').slice(0, 16), c =>
    /[1-9A-HJ-NP-Za-km-z]/.test(c) ? c : 'z'
  ).join('')
  return { name, externalId: `org-${id}` }
}

const ref = (name: string): ConsumerRef => ({ kind: 'name', name })

/**
 * One kind's sharing: today's list (and global flag), and what the file states: a list
 * (`wanted`), global sharing, or nothing (not managed: left as TFE has it).
 */
interface Kind {
  today: string[]
  globalToday?: boolean
  wanted?: string[]
  global?: true
}

const states = (kind: Kind | undefined) => kind?.wanted !== undefined || kind?.global === true

/** A producer of a sharing file, planned from today's sharing to what its file states. */
function producer(
  organization: string,
  { modules, providers }: { modules?: Kind; providers?: Kind },
  result: ProducerOutcome['result'] = 'would-change'
): ProducerOutcome {
  const place = { file: 'sharing/teams.yml', line: 3 }
  const desired: Desired = {
    organization,
    consumers: (modules?.wanted ?? []).map(ref),
    mode: 'set',
    globalModuleSharing: modules?.global === true,
    allowEmpty: true,
    place,
    consumerPlaces: [],
    managesModules: states(modules),
    providers: states(providers)
      ? {
          consumers: (providers?.wanted ?? []).map(ref),
          consumerPlaces: [],
          global: providers?.global === true,
          place: { ...place, line: 5 }
        }
      : undefined
  }
  const everyone = [modules, providers].flatMap(k => [...(k?.today ?? []), ...(k?.wanted ?? [])])
  const plan = makePlan({
    organization,
    mode: 'set',
    api: 'registry-partnerships',
    dryRun: true,
    globalModuleSharing: desired.globalModuleSharing,
    allowEmpty: true,
    globalBefore: modules?.globalToday === true,
    previous: (modules?.today ?? []).map(org),
    requested: desired.consumers,
    known: everyone.map(org),
    managesModules: desired.managesModules,
    providers: desired.providers && {
      requested: desired.providers.consumers,
      global: desired.providers.global
    },
    providerConsumers: (providers?.today ?? []).map(org),
    globalProviderSharing: providers?.globalToday === true
  })
  return { desired, result, plan, applied: undefined, problems: [], error: undefined }
}

function report(producers: ProducerOutcome[], unmanaged: Unmanaged[] = []): FilesReport {
  return {
    producers,
    unmanaged,
    wrote: false,
    warnings: [],
    baseUrl: 'https://tfe.example.com',
    api: 'registry-partnerships',
    dryRun: true,
    patterns: 'sharing/*.yml'
  }
}

const summary = (run: FilesReport, limit = SUMMARY_LIMIT) =>
  filesSummaryMarkdown(run, limit, 'the producers output has every producer')

/** The overview: the first table visible without a click. */
function overview(markdown: string): Block | undefined {
  return visible(render(markdown)).find(b => b.kind === 'table')
}

/** The text of the blocks under a producer's heading, up to the next heading. */
function section(markdown: string, organization: string): Block[] {
  const { blocks } = render(markdown)
  const start = blocks.findIndex(b => b.kind === 'heading' && b.text.startsWith(`${organization}:`))
  if (start < 0) return []
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading')
  return blocks.slice(start, end < 0 ? undefined : end)
}

/** A table's header and rows, from a producer's section, whose first header cell is given. */
function table(blocks: Block[], first: string): string[][] | undefined {
  const found = blocks.find(b => b.kind === 'table' && b.header[0] === first)
  return found && [found.header, ...found.rows]
}

// network: gains app-a for modules, team-a for providers, loses old-team's providers.
const network = () =>
  producer('network', {
    modules: { today: ['legacy'], wanted: ['app-a', 'legacy'] },
    providers: { today: ['old-team'], wanted: ['team-a'] }
  })
// tools: its file states only providers; it shares its modules with app-a and app-b today.
const tools = () =>
  producer('tools', {
    modules: { today: ['app-a', 'app-b'] },
    providers: { today: [], wanted: ['team-a', 'team-b'] }
  })

describe('the producers output with provider sharing', () => {
  it('gives provider-added, -removed, -consumers and global-provider-sharing, names sorted', () => {
    const both = producer('network', {
      modules: { today: ['legacy'], wanted: ['legacy'] },
      providers: { today: ['old', 'kept'], wanted: ['zeta', 'kept', 'alpha'] }
    })
    expect(producerOutput(both)).toEqual({
      organization: 'network',
      result: 'would-change',
      added: [],
      removed: [],
      consumers: ['legacy'],
      'global-module-sharing': false,
      'provider-added': ['alpha', 'zeta'],
      'provider-removed': ['old'],
      'provider-consumers': ['alpha', 'kept', 'zeta'],
      'global-provider-sharing': false
    })
  })

  it('gives null for provider sharing that a file does not state, and today for unmanaged modules', () => {
    const modulesOnly = producer('platform', {
      modules: { today: ['app-a'], wanted: ['app-b'] },
      providers: { today: ['team-a'] }
    })
    expect(producerOutput(modulesOnly)).toEqual(
      expect.objectContaining({
        added: ['app-b'],
        removed: ['app-a'],
        'provider-added': null,
        'provider-removed': null,
        'provider-consumers': null,
        'global-provider-sharing': null
      })
    )
    // Modules left as TFE has them: nothing added or removed, today's list.
    expect(producerOutput(tools())).toEqual(
      expect.objectContaining({
        added: [],
        removed: [],
        consumers: ['app-a', 'app-b'],
        'global-module-sharing': false,
        'provider-added': ['team-a', 'team-b'],
        'provider-consumers': ['team-a', 'team-b']
      })
    )
  })

  it('says global provider sharing as planned, and after a write as TFE holds it', () => {
    const global = producer('registry', { providers: { today: ['team-a'], global: true } })
    expect(producerOutput(global)).toEqual(
      expect.objectContaining({ 'provider-consumers': [], 'global-provider-sharing': true })
    )
    const written: ProducerOutcome = {
      ...network(),
      result: 'changed',
      applied: {
        partnerships: [],
        consumers: [org('app-a'), org('legacy')],
        globalAfter: false,
        // Named by TFE's answer: the plan's consumer had only its id.
        providerConsumers: [org('team-a'), org('team-c')],
        globalProvidersAfter: false
      }
    }
    expect(producerOutput(written)).toEqual(
      expect.objectContaining({
        result: 'changed',
        'provider-added': ['team-a'],
        'provider-removed': ['old-team'],
        'provider-consumers': ['team-a', 'team-c'],
        'global-provider-sharing': false
      })
    )
  })

  it('keeps what a failure leaves unknown null, and what was planned', () => {
    expect(producerOutput({ ...network(), result: 'failed' })).toEqual(
      expect.objectContaining({
        consumers: null,
        'global-module-sharing': null,
        'provider-added': ['team-a'],
        'provider-removed': ['old-team'],
        'provider-consumers': null,
        'global-provider-sharing': null
      })
    )
    // Not planned at all: managed, so lists rather than null, but nothing in them.
    const unplanned = { ...network(), result: 'failed' as const, plan: undefined }
    expect(producerOutput(unplanned)).toEqual(
      expect.objectContaining({ 'provider-added': [], 'provider-removed': [] })
    )
  })
})

describe('the summary of a file run that manages providers', () => {
  // Built before each test, not in the describe body, for Stryker's per-test coverage (see
  // summary-files.test.ts).
  let run: FilesReport
  let text: string
  beforeEach(() => {
    run = report(
      [
        network(),
        tools(),
        producer('registry', { providers: { today: ['team-a'], global: true } }),
        producer('platform', { modules: { today: ['app-a', 'app-b'], wanted: ['app-b'] } }),
        producer(
          'quiet',
          {
            modules: { today: ['app-a'], wanted: ['app-a'] },
            providers: { today: [], wanted: [] }
          },
          'unchanged'
        ),
        producer(
          'steady',
          { modules: { today: ['app-a'] }, providers: { today: ['team-a'], wanted: ['team-a'] } },
          'unchanged'
        )
      ],
      [
        {
          organization: 'side',
          modules: { global: false, consumers: 4 },
          providers: { global: true, consumers: undefined }
        },
        { organization: 'tools', modules: { global: false, consumers: 2 }, providers: undefined },
        { organization: 'maker', modules: undefined, providers: { global: false, consumers: 1 } }
      ]
    )
    text = summary(run)
  })

  it('names both kinds in its heading, and counts each kind apart', () => {
    const [heading, , totals] = visible(render(text))
    expect(heading?.text).toBe('Module and provider sharing plan: 6 producers (dry run)')
    expect(totals?.text).toBe(
      '4 would change · 2 unchanged · 1 module partnership to add, 1 to remove · ' +
        '3 provider partnerships to add, 2 to remove · 3 unmanaged'
    )
  })

  it('gives each changed producer one row, saying which kind gains and which loses access', () => {
    expect(overview(text)?.header).toEqual(['Producer', '➕ added', '➖ removed (loses access)'])
    expect(overview(text)?.rows).toEqual([
      ['network', 'modules: app-a · providers: team-a', 'providers: old-team'],
      ['tools', 'providers: team-a, team-b', '—'],
      ['registry', 'providers: every organization (global sharing on)', '—'],
      ['platform', '—', 'modules: app-a']
    ])
  })

  it('shows no module change for a producer whose file states only providers', () => {
    const blocks = section(text, 'tools')
    expect(blocks.map(b => b.header[0])).not.toContain('Module consumer')
    expect(blocks.map(b => b.text).join('\n')).not.toMatch(/module/i)
    expect(table(blocks, 'Provider consumer')).toEqual([
      ['Provider consumer', 'External id', 'Change'],
      ['team-a', org('team-a').externalId, '➕ added'],
      ['team-b', org('team-b').externalId, '➕ added']
    ])
  })

  it("gives a producer's provider changes a table of their own, after its module changes", () => {
    const blocks = section(text, 'network')
    expect(blocks.map(b => b.text || b.header[0])).toEqual([
      'network: would change',
      'Module consumer',
      '1 module consumer kept.',
      'Provider consumer'
    ])
    expect(table(blocks, 'Module consumer')?.slice(1)).toEqual([
      ['app-a', org('app-a').externalId, '➕ added']
    ])
    expect(table(blocks, 'Provider consumer')?.slice(1)).toEqual([
      ['team-a', org('team-a').externalId, '➕ added'],
      ['old-team', org('old-team').externalId, '➖ removed']
    ])
    expect(section(text, 'registry').map(b => b.text)).toContain(
      'Global provider sharing: off → on'
    )
  })

  it('lists unchanged producers with what each kind shares', () => {
    const unchanged = render(text).blocks.find(b => b.depth === 1 && b.text.startsWith('quiet'))
    expect(unchanged?.text).toBe(
      'quiet (modules: 1 consumer; providers: 0 consumers), steady (providers: 1 consumer)'
    )
  })

  it('says which kinds each unmanaged organization shares, and how widely', () => {
    const shown = visible(render(text))
    expect(shown.find(b => b.kind === 'heading' && /Unmanaged/.test(b.text))?.text).toBe(
      'Unmanaged: 3 organizations share modules or providers that no file manages'
    )
    expect(shown.filter(b => b.item).map(b => b.text)).toEqual([
      'side: shares modules with 4 consumers, providers with every organization',
      'tools: shares modules with 2 consumers',
      'maker: shares providers with 1 consumer'
    ])
  })

  it('words drift for both kinds: which way, and which kind', () => {
    const drift = summary({ ...run, drift: true })
    const shown = visible(render(drift))
    expect(shown[0]?.text).toBe('Module and provider sharing drift check: 6 producers (dry run)')
    expect(shown.find(b => b.text.startsWith('Drift:'))?.text).toBe(
      'Drift: TFE differs from the sharing files. ➕ a file grants access that TFE does not; ' +
        '➖ TFE grants access that no file does (the apply would remove it). ' +
        'Each difference says whether it is about modules or providers.'
    )
    expect(overview(drift)?.header).toEqual([
      'Producer',
      '➕ in the files, not in TFE',
      '➖ in TFE, in no file'
    ])
    expect(overview(drift)?.rows[0]).toEqual([
      'network',
      'modules: app-a · providers: team-a',
      'providers: old-team'
    ])
    expect(table(section(drift, 'network'), 'Provider consumer')?.slice(1)).toEqual([
      ['team-a', org('team-a').externalId, '➕ in the files, not in TFE'],
      ['old-team', org('old-team').externalId, '➖ in TFE, in no file']
    ])
  })

  it('says global provider sharing turned off loses every organization not listed', () => {
    const off = summary(
      report([producer('registry', { providers: { today: [], globalToday: true, wanted: ['a'] } })])
    )
    expect(overview(off)?.rows).toEqual([
      ['registry', 'providers: a', 'providers: every organization not listed (global sharing off)']
    ])
  })

  it('puts a failed producer with provider changes first, the failure in the heading', () => {
    const failed = summary({
      ...report([network(), { ...tools(), result: 'failed' }]),
      failure: '1 of 2 producers cannot be planned (tools).'
    })
    const headings = render(failed).blocks.filter(b => b.kind === 'heading')
    expect(headings[0]?.text).toBe(
      '❌ Failed: Module and provider sharing plan: 2 producers (dry run)'
    )
    expect(headings[1]?.text).toBe('tools: ❌ failed')
  })

  it('renders names with markdown specials in provider cells as written, kinds in italics', () => {
    const odd = summary(
      report([producer('_p_', { providers: { today: ['__proto__'], wanted: ['**/*', 'a|b'] } })])
    )
    expect(overview(odd)?.rows).toEqual([['_p_', 'providers: **/*, a|b', 'providers: __proto__']])
    // The two labels, and nothing of the names.
    const tables = render(odd).blocks.filter(b => b.kind === 'table')
    expect(tables.flatMap(b => b.marks)).toEqual(['em', 'em'])
  })

  it('says a module-only unmanaged organization shares modules, not that it is in no file', () => {
    // tools' file states only its providers: it is in a file, its modules are unmanaged.
    const text = summary(
      report(
        [tools()],
        [{ organization: 'tools', modules: { global: false, consumers: 2 }, providers: undefined }]
      )
    )
    const shown = visible(render(text))
    expect(shown.find(b => b.kind === 'heading' && /Unmanaged/.test(b.text))?.text).toBe(
      'Unmanaged: 1 organization shares modules or providers that no file manages'
    )
    expect(shown.filter(b => b.item).map(b => b.text)).toEqual([
      'tools: shares modules with 2 consumers'
    ])
  })

  it('says an organization shares providers when no file states providers but TFE was asked', () => {
    // registry-partnerships looks for provider sharers even when every file states modules only.
    const text = summary(
      report(
        [producer('network', { modules: { today: [], wanted: ['app-a'] } })],
        [{ organization: 'maker', modules: undefined, providers: { global: false, consumers: 1 } }]
      )
    )
    const shown = visible(render(text))
    expect(shown.find(b => b.kind === 'heading' && /Unmanaged/.test(b.text))?.text).toBe(
      'Unmanaged: 1 organization shares modules or providers that no file manages'
    )
    expect(shown.filter(b => b.item).map(b => b.text)).toEqual([
      'maker: shares providers with 1 consumer'
    ])
  })

  it('offers partnership ids after writes only where TFE gave some', () => {
    const written = (partnerships: boolean): FilesReport => ({
      ...report([
        {
          ...network(),
          result: 'changed',
          applied: {
            partnerships: partnerships
              ? [
                  {
                    id: 'mp-1',
                    consumer: { name: 'app-a', externalId: org('app-a').externalId },
                    producer: { name: 'network', externalId: org('network').externalId }
                  }
                ]
              : [],
            consumers: [org('app-a'), org('legacy')],
            globalAfter: false
          }
        }
      ]),
      wrote: true,
      dryRun: false
    })
    const summaryLine = (run: FilesReport) =>
      render(summary(run))
        .blocks.find(b => b.html.includes('<summary>Each change'))
        ?.html.trim()
    expect(summaryLine(written(false))).toBe(
      '<details><summary>Each change with its external ids</summary>'
    )
    expect(summaryLine(written(true))).toBe(
      '<details><summary>Each change with its external ids and partnership ids</summary>'
    )
  })
})

describe('a run of many producers with providers, as a comment', () => {
  const kinds = (i: number) =>
    producer(`team-${String(i).padStart(3, '0')}`, {
      modules: { today: ['legacy'], wanted: ['app-a', 'legacy'] },
      providers: { today: ['old-team'], wanted: ['team-a'] }
    })

  const comment = (n: number) =>
    summary(report(Array.from({ length: n }, (_, i) => kinds(i))), COMMENT_LIMIT)
  const counted = (markdown: string) =>
    Number(/… and (\d+) more producers not shown/.exec(markdown)?.[1] ?? 0)

  it('gives 400 producers a row each, their ids a click away as far as they fit', () => {
    const text = comment(400)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const rendered = render(text)
    expect([rendered.unclosed, rendered.strayClosings]).toEqual([0, 0])
    const tables = visible(rendered).filter(b => b.kind === 'table')
    expect(tables).toHaveLength(1)
    expect(tables[0]?.rows).toHaveLength(400)
    expect(tables[0]?.rows[0]).toEqual([
      'team-000',
      'modules: app-a · providers: team-a',
      'providers: old-team'
    ])
    const sections = rendered.blocks.filter(b => b.kind === 'heading' && b.depth === 1)
    expect(sections.length).toBeGreaterThan(0)
    expect(sections.length + counted(text)).toBe(400)
  })

  it('cuts the rows of 1,000 and counts them', () => {
    const text = comment(1000)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const rendered = render(text)
    expect([rendered.unclosed, rendered.strayClosings]).toEqual([0, 0])
    const [overview] = visible(rendered).filter(b => b.kind === 'table')
    expect(overview?.rows.length).toBeGreaterThan(100)
    expect((overview?.rows.length ?? 0) + counted(text)).toBe(1000)
  })
})

describe('fail-on-unmanaged', () => {
  it('says which kinds each organization shares once providers were looked for', () => {
    expect(
      unmanagedLine(
        [
          { organization: 'tools', modules: { global: false, consumers: 2 }, providers: undefined },
          {
            organization: 'side',
            modules: { global: true, consumers: undefined },
            providers: { global: false, consumers: 3 }
          }
        ],
        true
      )
    ).toBe(
      'Unmanaged: 2 organizations share modules or providers that no sharing file manages ' +
        '(tools (modules), side (modules, providers)). Add that sharing to a sharing file ' +
        '(export writes their sharing today), or stop it in TFE.'
    )
  })

  it('keeps its words for modules alone where providers were not looked for', () => {
    expect(
      unmanagedLine(
        [
          {
            organization: 'network',
            modules: { global: true, consumers: undefined },
            providers: undefined
          }
        ],
        false
      )
    ).toBe(
      'Unmanaged: 1 organization shares modules but is in no sharing file (network). Add them ' +
        'to a sharing file (export writes their sharing today), or stop their sharing in TFE.'
    )
  })
})
