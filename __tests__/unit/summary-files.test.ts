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
  const run = report(
    [
      producer('network', ['legacy'], ['app-a', 'legacy']),
      producer('platform', ['app-a', 'app-b'], ['app-b']),
      producer('quiet', ['app-a'], ['app-a'], 'unchanged')
    ],
    [
      { organization: 'shadow', global: true, consumers: undefined },
      { organization: 'side', global: false, consumers: 4 }
    ]
  )
  const text = filesSummaryMarkdown(run, SUMMARY_LIMIT, 'see the producers output')

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
  })

  it('escapes the patterns, which may hold anything', () => {
    const odd = filesSummaryMarkdown(
      { ...run, patterns: 'sharing/<script>.yml\nteams|b.yml' },
      SUMMARY_LIMIT,
      'x'
    )
    expect(odd).toContain('files `sharing/&#60;script&#62;.yml, teams&#124;b.yml`')
    expect(odd).not.toContain('<script>')
  })

  it('says nothing was written when a plan failed on a real run', () => {
    const failed = producer('broken', [], [], 'failed')
    failed.plan = undefined
    failed.problems.push({
      file: 'sharing/teams.yml',
      line: 7,
      message: 'broken: no organization named ghost on this TFE'
    })
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

  it('fits a pull request comment, counting the producers it leaves out', () => {
    const text = filesSummaryMarkdown(many, COMMENT_LIMIT, 'the job summary has all of them')
    expect(bytes(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const shown = (text.match(/^#### producer-\d+: would change$/gm) ?? []).length
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
      global: true,
      consumers: undefined
    }))
    const text = filesSummaryMarkdown(report([], unmanaged), 10_000, 'see the unmanaged output')
    expect(bytes(text)).toBeLessThanOrEqual(10_000)
    expect(text).toMatch(/… cut here to fit: see the unmanaged output\n$/)
  })
})

describe('the producers output', () => {
  it('gives names sorted, and null for what a failure leaves unknown', () => {
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
        'global-module-sharing': false
      },
      {
        organization: 'broken',
        result: 'failed',
        added: ['a', 'c'],
        removed: ['b'],
        consumers: null,
        'global-module-sharing': null
      }
    ])
  })
})
