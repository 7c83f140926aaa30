// The one summary of a file run, built from real plans: totals first, a table per changed
// producer, unchanged ones collapsed, unmanaged ones listed; and it stays under the limit it is
// given (a pull request comment, a job summary), counting what it had to leave out.
import type { DesiredFromFile } from '../../src/files/load.js'
import type { Consumer } from '../../src/domain/model.js'
import { makePlan } from '../../src/domain/plan.js'
import {
  COMMENT_LIMIT,
  type FilesReport,
  SUMMARY_LIMIT,
  filesSummaryMarkdown
} from '../../src/report/files-summary.js'
import { producerOutput } from '../../src/report/outputs.js'
import type { ProducerOutcome, Unmanaged } from '../../src/domain/outcome.js'
import { render, visible } from '../support/gfm.js'

/** A consumer with a stable external id made from its name. */
function org(name: string): Consumer {
  const id = Array.from(name.padEnd(16, 'x').slice(0, 16), c =>
    /[1-9A-HJ-NP-Za-km-z]/.test(c) ? c : 'z'
  ).join('')
  return { name, externalId: `org-${id}` }
}

function desired(organization: string, consumers: string[], line = 3): DesiredFromFile {
  return {
    organization,
    consumers: consumers.map(name => ({ kind: 'name', name })),
    mode: 'set',
    globalModuleSharing: false,
    allowEmpty: true,
    place: { file: 'sharing/teams.yml', line },
    consumerPlaces: consumers.map((_, i) => ({ file: 'sharing/teams.yml', line: line + 2 + i }))
  }
}

/** A producer planned from today's list to the file's list, with the given result. */
function producer(
  organization: string,
  today: string[],
  wanted: string[],
  result: ProducerOutcome['result'] = 'would-change'
): ProducerOutcome {
  const want = desired(organization, wanted)
  const plan = makePlan({
    organization,
    mode: 'set',
    api: 'module-consumers',
    dryRun: true,
    globalModuleSharing: false,
    allowEmpty: true,
    globalBefore: false,
    previous: today.map(org),
    requested: want.consumers,
    known: [...today, ...wanted].map(org)
  })
  return { desired: want, result, plan, applied: undefined, problems: [], error: undefined }
}

/** The producer `broken`, which failed before it could be planned, with its problems. */
function unplanned(problems: ProducerOutcome['problems']): ProducerOutcome {
  return { ...producer('broken', [], [], 'failed'), plan: undefined, problems }
}

function report(producers: ProducerOutcome[], unmanaged: Unmanaged[] = []): FilesReport {
  return {
    producers,
    unmanaged,
    wrote: false,
    warnings: [],
    baseUrl: 'https://tfe.example.com',
    api: 'module-consumers',
    dryRun: true,
    patterns: 'sharing/*.yml'
  }
}

const bytes = (text: string) => Buffer.byteLength(text)

describe('the summary of a file run', () => {
  // Built before each test rather than in the describe body: what runs while jest collects the
  // tests is no test's coverage, so Stryker would run none of these tests against its mutants
  // (docs/development.md, "Other scripts").
  let run: FilesReport
  let text: string
  beforeEach(() => {
    run = report(
      [
        producer('network', ['legacy'], ['app-a', 'legacy']),
        producer('platform', ['app-a', 'app-b'], ['app-b']),
        producer('quiet', ['app-a'], ['app-a'], 'unchanged')
      ],
      [
        {
          organization: 'shadow',
          modules: { global: true, consumers: undefined },
          providers: undefined
        },
        { organization: 'side', modules: { global: false, consumers: 4 }, providers: undefined }
      ]
    )
    text = filesSummaryMarkdown(run, SUMMARY_LIMIT, 'see the producers output')
  })

  it('says the totals first', () => {
    const lines = text.split('\n')
    expect(lines[0]).toBe('### Module sharing plan: 3 producers (dry run)')
    expect(lines[4]).toBe(
      '**2 would change** · 1 unchanged · 1 partnership to add, 1 to remove · 2 unmanaged'
    )
  })

  it('counts, after writes, only what TFE accepted: a failed write adds nothing', () => {
    const written = {
      ...report([
        producer('network', ['legacy'], ['app-a', 'legacy'], 'changed'),
        producer('platform', [], ['app-a', 'app-b', 'app-c'], 'failed')
      ]),
      wrote: true,
      dryRun: false
    }
    const lines = filesSummaryMarkdown(written, SUMMARY_LIMIT, 'see the producers output').split(
      '\n'
    )
    expect(lines[4]).toBe(
      '**1 changed** · 0 unchanged · **1 failed** · 1 partnership added, 0 removed · 0 unmanaged'
    )
  })

  it('puts a failure first: the heading says so, the line follows, failed producers lead', () => {
    const failed = {
      ...report([
        producer('alpha', ['legacy'], ['app-a']),
        producer('zulu', ['legacy'], ['app-b'], 'failed')
      ]),
      failure: '1 of 2 producers cannot be planned (zulu), so this dry run stops there.'
    }
    const text = filesSummaryMarkdown(failed, SUMMARY_LIMIT, 'see the producers output')
    const lines = text.split('\n')
    expect(lines[0]).toBe('### ❌ Failed: Module sharing plan: 2 producers (dry run)')
    expect(lines[2]).toBe(
      '**Failed**: 1 of 2 producers cannot be planned (zulu), so this dry run stops there.'
    )
    expect(text.indexOf('#### zulu')).toBeLessThan(text.indexOf('#### alpha'))
  })

  it('calls drift drift, and says which way each difference goes', () => {
    const drift = { ...report([producer('network', ['legacy'], ['app-a'])]), drift: true }
    const text = filesSummaryMarkdown(drift, SUMMARY_LIMIT, 'see the producers output')
    expect(text.split('\n')[0]).toBe('### Module sharing drift check: 1 producer (dry run)')
    expect(text).toContain('**1 drifted**')
    expect(text).toContain('#### network: drifted')
    expect(text).toContain(`| app-a | ${org('app-a').externalId} | ➕ in the files, not in TFE |`)
    expect(text).toContain(`| legacy | ${org('legacy').externalId} | ➖ in TFE, in no file |`)
    expect(text).toContain('TFE grants access that no file does')
  })

  it('shows a table per changed producer with only what changes, and counts the rest', () => {
    expect(text).toContain(
      [
        '#### network: would change',
        '',
        '| Consumer | External id | Change |',
        '| --- | --- | --- |',
        `| app-a | ${org('app-a').externalId} | ➕ added |`,
        '',
        '1 consumer kept.'
      ].join('\n')
    )
    expect(text).toContain(`| app-a | ${org('app-a').externalId} | ➖ removed |`)
  })

  it('collapses the unchanged producers and lists the unmanaged ones', () => {
    expect(text).toContain(
      '<details><summary>1 unchanged producer</summary>\n\nquiet (1 consumer)\n\n</details>'
    )
    expect(text).not.toContain('#### quiet')
    expect(text).toContain('- shadow: shares with every organization\n- side: 4 consumers')
    const heading = (markdown: string) =>
      visible(render(markdown)).find(b => b.kind === 'heading' && /Unmanaged/.test(b.text))?.text
    expect(heading(text)).toBe('Unmanaged: 2 organizations share modules but are in no file')
    const one = filesSummaryMarkdown(
      { ...run, unmanaged: run.unmanaged?.slice(1) },
      SUMMARY_LIMIT,
      'x'
    )
    expect(heading(one)).toBe('Unmanaged: 1 organization shares modules but is in no file')
  })

  // Code shows its text as written, entities included: the patterns are shown, not run.
  it('shows the patterns, which may hold anything, as code', () => {
    const odd = filesSummaryMarkdown(
      { ...run, patterns: 'sharing/<script>.yml\nteams|b.yml' },
      SUMMARY_LIMIT,
      'x'
    )
    expect(odd).toContain('files `sharing/<script>.yml, teams|b.yml`')
    const [, files] = render(odd).blocks
    expect(files?.code).toContain('sharing/<script>.yml, teams|b.yml')
    expect(files?.marks).not.toContain('html')
  })

  it('says nothing was written when a plan failed on a real run', () => {
    const failed = unplanned([
      {
        file: 'sharing/teams.yml',
        line: 7,
        message: 'broken: no organization named ghost on this TFE'
      }
    ])
    const text = filesSummaryMarkdown(
      { ...report([failed, producer('network', ['legacy'], ['app-a'])]), dryRun: false },
      SUMMARY_LIMIT,
      'x'
    )
    expect(text).toContain('**1 would change** · 0 unchanged · **1 failed**')
    expect(text).toContain('A plan failed, so **nothing was written** to any producer.')
    expect(text).toContain(
      '#### broken: ❌ failed\n\n- `sharing/teams.yml:7`: broken: no organization named ghost on this TFE'
    )
  })
})

describe('a summary that must be shortened', () => {
  // 500 changed producers, each adding 20 consumers: far more than a comment holds.
  const consumers = Array.from({ length: 20 }, (_, i) => `consumer-${i}`)
  const many = report(
    Array.from({ length: 500 }, (_, i) =>
      producer(`producer-${String(i).padStart(3, '0')}`, [], consumers)
    )
  )

  // A row per producer first: when the rows do not all fit, their external ids do not either.
  it('fits a pull request comment, counting the producers it leaves out', () => {
    const text = filesSummaryMarkdown(many, COMMENT_LIMIT, 'the job summary has all of them')
    expect(bytes(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const [table] = visible(render(text)).filter(b => b.kind === 'table')
    const shown = table?.rows.length ?? 0
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(500)
    expect(text).toContain(
      `… and ${500 - shown} more producers not shown here: the job summary has all of them`
    )
    // The totals still count every producer.
    expect(text).toContain('**500 would change**')
  })

  it('fits everything into a job summary', () => {
    const text = filesSummaryMarkdown(many, SUMMARY_LIMIT, 'x')
    expect(bytes(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect((text.match(/^#### producer-\d+: would change$/gm) ?? []).length).toBe(500)
    expect(text).not.toContain('more producers not shown')
  })

  it('cuts even a list of unmanaged organizations too long for the limit', () => {
    const unmanaged = Array.from({ length: 5000 }, (_, i) => ({
      organization: `unmanaged-${i}`,
      modules: { global: true, consumers: undefined },
      providers: undefined
    }))
    const text = filesSummaryMarkdown(report([], unmanaged), 10_000, 'see the unmanaged output')
    expect(bytes(text)).toBeLessThanOrEqual(10_000)
    // Counted, and closed: nothing after it is swallowed by an open <details>.
    const shown = (text.match(/^- unmanaged-\d+: /gm) ?? []).length
    expect(shown).toBeGreaterThan(0)
    expect(text).toMatch(
      new RegExp(
        `\n… and ${5000 - shown} more unmanaged organizations not shown here: see the unmanaged output\n\n</details>\n$`
      )
    )
    expect(render(text).unclosed).toBe(0)
  })
})

describe('the producers output', () => {
  it('gives names sorted, and null for what a failure leaves unknown and providers not stated', () => {
    const failed = producer('broken', ['b'], ['c', 'a'], 'failed')
    expect(
      [producer('network', ['legacy'], ['zeta', 'alpha']), failed].map(producerOutput)
    ).toEqual([
      {
        organization: 'network',
        result: 'would-change',
        added: ['alpha', 'zeta'],
        removed: ['legacy'],
        consumers: ['alpha', 'zeta'],
        'global-module-sharing': false,
        // A file that states no provider sharing leaves it as it is.
        'provider-added': null,
        'provider-removed': null,
        'provider-consumers': null,
        'global-provider-sharing': null
      },
      {
        organization: 'broken',
        result: 'failed',
        added: ['a', 'c'],
        removed: ['b'],
        consumers: null,
        'global-module-sharing': null,
        'provider-added': null,
        'provider-removed': null,
        'provider-consumers': null,
        'global-provider-sharing': null
      }
    ])
  })
})

/** The text a reader sees without opening anything: blocks and table cells. */
function visibleText(markdown: string): string {
  return visible(render(markdown))
    .map(b => [b.text, ...b.header, ...b.rows.flat()].join('\n'))
    .join('\n')
}

/** Blocks whose rendered text matches, wherever they are. */
function blocksMatching(markdown: string, pattern: RegExp) {
  return render(markdown).blocks.filter(b => pattern.test(b.text))
}

describe('a pull request comment at scale: the changes first, every block closed', () => {
  const elsewhere = 'the job summary has all of them'
  // 100 characters each: the list of 600 is longer than a comment.
  const long = (i: number) => `producer-${String(i).padStart(3, '0')}-${'x'.repeat(87)}`

  it('keeps the one change among 600 producers of long names, and counts the unchanged', () => {
    const kept = ['app-a', 'app-b', 'app-c']
    const producers = [
      producer('platform', ['legacy'], ['app-a', 'legacy']),
      ...Array.from({ length: 600 }, (_, i) => producer(long(i), kept, kept, 'unchanged'))
    ]
    const text = filesSummaryMarkdown(report(producers), COMMENT_LIMIT, elsewhere)
    expect(bytes(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const rendered = render(text)
    expect(rendered.unclosed).toBe(0)
    expect(rendered.strayClosings).toBe(0)
    expect(visibleText(text)).toContain('platform')
    expect(visibleText(text)).toContain('app-a')
    // The unchanged ones that fit are a click away; the rest are counted and pointed at.
    const [pointer] = blocksMatching(text, /more unchanged producers not shown here/)
    expect(pointer?.depth).toBe(1)
    const left = Number(/… and (\d+) more/.exec(pointer?.text ?? '')?.[1])
    const listed = rendered.blocks
      .filter(b => b.depth === 1)
      .reduce((sum, b) => sum + (b.text.match(/producer-\d{3}-/g) ?? []).length, 0)
    expect(listed).toBeGreaterThan(0)
    expect(listed + left).toBe(600)
    expect(pointer?.text).toContain(elsewhere)
  })

  it('keeps both changes beside 2,000 unmanaged organizations, and counts the unmanaged', () => {
    const unmanaged = Array.from({ length: 2000 }, (_, i) => ({
      organization: `unmanaged-organization-with-a-long-name-${String(i).padStart(4, '0')}`,
      modules: { global: false, consumers: 3 },
      providers: undefined
    }))
    const text = filesSummaryMarkdown(
      report(
        [
          producer('network', ['legacy'], ['app-a', 'legacy']),
          producer('platform', ['app-a', 'app-b'], ['app-b'])
        ],
        unmanaged
      ),
      COMMENT_LIMIT,
      elsewhere
    )
    expect(bytes(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const rendered = render(text)
    expect(rendered.unclosed).toBe(0)
    expect(rendered.strayClosings).toBe(0)
    expect(visibleText(text)).toMatch(/network[\s\S]*platform/)
    const heading = visible(rendered).find(b => b.kind === 'heading' && /Unmanaged/.test(b.text))
    expect(heading?.text).toContain('2000 organizations')
    const [pointer] = blocksMatching(text, /more unmanaged organizations not shown here/)
    const left = Number(/… and (\d+) more/.exec(pointer?.text ?? '')?.[1])
    const listed = (text.match(/unmanaged-organization-with-a-long-name-\d{4}/g) ?? []).length
    expect(left).toBeGreaterThan(0)
    expect(listed + left).toBe(2000)
    expect(pointer?.text).toContain(elsewhere)
  })

  it('closes every block of a summary cut to a small limit, whatever it holds', () => {
    const unmanaged = Array.from({ length: 5000 }, (_, i) => ({
      organization: `unmanaged-${i}`,
      modules: { global: true, consumers: undefined },
      providers: undefined
    }))
    const kept = ['app-a', 'app-b']
    const producers = [
      producer('broken', [], ['app-a'], 'failed'),
      ...Array.from({ length: 300 }, (_, i) => producer(`team-${i}`, ['legacy'], ['app-a'])),
      ...Array.from({ length: 300 }, (_, i) => producer(long(i), kept, kept, 'unchanged'))
    ]
    for (const limit of [6_000, 10_000, 30_000, COMMENT_LIMIT]) {
      const text = filesSummaryMarkdown(report(producers, unmanaged), limit, elsewhere)
      expect(bytes(text)).toBeLessThanOrEqual(limit)
      const rendered = render(text)
      expect([rendered.unclosed, rendered.strayClosings]).toEqual([0, 0])
      expect(rendered.blocks.filter(b => b.kind === 'code')).toEqual([])
      expect(visibleText(text)).toContain('broken')
    }
  })
})

describe('names and paths shown as written', () => {
  it('escapes markdown in names: _legacy_, __proto__ and **/* render as themselves', () => {
    const run = report(
      [producer('_legacy_', ['__proto__'], ["r&d's", '**/*']), producer('<b>x</b>', [], ['a|b'])],
      [
        {
          organization: '[link](https://x.test)',
          modules: { global: true, consumers: undefined },
          providers: undefined
        }
      ]
    )
    for (const text of [
      filesSummaryMarkdown(run, SUMMARY_LIMIT, 'x'),
      filesSummaryMarkdown({ ...run, drift: true }, COMMENT_LIMIT, 'x')
    ]) {
      const rendered = render(text)
      const marks = rendered.blocks
        .filter(b => /legacy|proto|r&d|\*\*\/\*|<b>|a\|b|link/.test(b.text + b.rows.flat().join()))
        .flatMap(b => b.marks)
      expect(marks).toEqual([])
      const cells = rendered.blocks.flatMap(b => b.rows.flat())
      expect(cells).toEqual(expect.arrayContaining(['_legacy_', '<b>x</b>']))
      const all = rendered.blocks.map(b => [b.text, ...b.rows.flat()].join('\n')).join('\n')
      for (const name of ['__proto__', "r&d's", '**/*', 'a|b', '[link](https://x.test)']) {
        expect(all).toContain(name)
      }
      expect(all).not.toMatch(/&#|&amp;|\\/)
    }
  })

  it('shows a file path in code as written, with no entity inside', () => {
    const failed = unplanned([
      {
        file: "sharing/r&d's `odd`.yml",
        line: 7,
        message: 'broken: no organization named _ghost_ on this TFE'
      }
    ])
    const run = { ...report([failed]), patterns: "sharing/r&d's.yml\n**/*.yml" }
    const rendered = render(filesSummaryMarkdown(run, SUMMARY_LIMIT, 'x'))
    const code = rendered.blocks.flatMap(b => b.code)
    expect(code).toContain("sharing/r&d's `odd`.yml:7")
    expect(code).toContain("sharing/r&d's.yml, **/*.yml")
    const problem = rendered.blocks.find(b => b.item && b.text.includes('ghost'))
    expect(problem?.text).toBe(
      "sharing/r&d's `odd`.yml:7: broken: no organization named _ghost_ on this TFE"
    )
    expect(problem?.marks).toEqual(['code'])
  })
})

describe('a run of many producers at a glance', () => {
  it('gives 100 changed producers one table, a row each, under one heading', () => {
    const text = filesSummaryMarkdown(
      report(
        Array.from({ length: 100 }, (_, i) =>
          producer(`team-${i}`, ['legacy'], ['app-a', 'legacy'])
        )
      ),
      COMMENT_LIMIT,
      'x'
    )
    const shown = visible(render(text))
    const tables = shown.filter(b => b.kind === 'table')
    expect(tables).toHaveLength(1)
    expect(tables[0]?.rows).toHaveLength(100)
    expect(tables[0]?.rows[0]).toEqual(['team-0', 'app-a', '—'])
    expect(shown.filter(b => b.kind === 'heading').length).toBeLessThanOrEqual(2)
  })

  it('says what each producer gains and loses, names capped, the rest counted', () => {
    const many = Array.from({ length: 30 }, (_, i) => `consumer-${String(i).padStart(2, '0')}`)
    const text = filesSummaryMarkdown(
      report([producer('network', ['legacy', 'old', 'kept-a'], ['kept-a', ...many])]),
      COMMENT_LIMIT,
      'x'
    )
    const [table] = visible(render(text)).filter(b => b.kind === 'table')
    expect(table?.header).toEqual(['Producer', '➕ added', '➖ removed (loses access)'])
    expect(table?.rows).toEqual([
      ['network', `${many.slice(0, 10).join(', ')} and 20 more`, 'legacy, old']
    ])
  })

  it('keeps a failed producer and its problems visible, before the changes', () => {
    const failed = unplanned([
      { file: 'sharing/teams.yml', line: 7, message: 'broken: no such thing' }
    ])
    const text = filesSummaryMarkdown(
      {
        ...report([
          failed,
          ...Array.from({ length: 100 }, (_, i) => producer(`t-${i}`, [], ['a']))
        ]),
        failure: '1 of 101 producers cannot be planned (broken).'
      },
      COMMENT_LIMIT,
      'x'
    )
    const shown = visible(render(text))
    const problem = shown.findIndex(b => b.item && b.code.includes('sharing/teams.yml:7'))
    const table = shown.findIndex(b => b.kind === 'table')
    expect(problem).toBeGreaterThan(0)
    expect(problem).toBeLessThan(table)
    expect(shown[1]?.text).toBe('Failed: 1 of 101 producers cannot be planned (broken).')
  })

  // A producer's problems can be one per consumer: the summary keeps the first 20 of them.
  it("lists a producer's first 20 problems, each at its line, and counts the rest", () => {
    /** The list items of the summary of `broken` with `count` problems, from line 10 on. */
    const items = (count: number) => {
      const failed = unplanned(
        Array.from({ length: count }, (_, i) => ({
          file: 'sharing/teams.yml',
          line: 10 + i,
          message: `ghost-${10 + i}`
        }))
      )
      const text = filesSummaryMarkdown(report([failed]), SUMMARY_LIMIT, 'x')
      return visible(render(text))
        .filter(b => b.item)
        .map(b => b.text)
    }

    const lines = Array.from(
      { length: 20 },
      (_, i) => `sharing/teams.yml:${10 + i}: ghost-${10 + i}`
    )
    expect(items(23)).toEqual([...lines, "… and 3 more: the step's log lists every one."])
    expect(items(20)).toEqual(lines)
  })
})
