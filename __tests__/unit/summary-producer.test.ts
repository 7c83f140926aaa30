// The summary and comment of a run of the step's inputs (one producer), and the one line of a
// failed run, as GitHub renders them: names shown as written, the changes before what is kept.
import type { Consumer } from '../../src/domain/model.js'
import { makePlan } from '../../src/domain/plan.js'
import { COMMENT_LIMIT, failureMarkdown, summaryMarkdown } from '../../src/report/summary.js'
import { render, visible } from '../support/gfm.js'

function org(name: string): Consumer {
  const id = Array.from(name.padEnd(16, 'x').slice(0, 16), c =>
    /[1-9A-HJ-NP-Za-km-z]/.test(c) ? c : 'z'
  ).join('')
  return { name, externalId: `org-${id}` }
}

function summary(organization: string, today: string[], wanted: string[], dryRun = true): string {
  const plan = makePlan({
    organization,
    mode: 'set',
    api: 'module-consumers',
    dryRun,
    globalModuleSharing: false,
    allowEmpty: true,
    globalBefore: false,
    previous: today.map(org),
    requested: wanted.map(name => ({ kind: 'name', name })),
    known: [...today, ...wanted].map(org)
  })
  return summaryMarkdown({
    plan,
    baseUrl: 'https://tfe.example.com',
    api: 'module-consumers',
    dryRun,
    applied: undefined
  })
}

describe("the summary of a run of the step's inputs", () => {
  it('shows a producer and consumers named with markdown specials as written', () => {
    const rendered = render(summary('__proto__', ['_legacy_'], ["r&d's", '**/*', 'a|b']))
    expect(rendered.blocks[0]?.text).toBe('Module sharing plan for __proto__ (dry run)')
    expect(rendered.blocks[0]?.marks).toEqual([])
    const [table] = visible(rendered).filter(b => b.kind === 'table')
    expect(table?.rows.map(r => r[0])).toEqual(["r&d's", '**/*', 'a|b', '_legacy_'])
    expect(table?.marks).toEqual([])
  })

  it('lists the changes of a producer with 60 kept consumers first, the kept ones collapsed', () => {
    const kept = Array.from({ length: 60 }, (_, i) => `kept-${i}`)
    const rendered = render(summary('platform', [...kept, 'legacy'], [...kept, 'app-a']))
    const tables = rendered.blocks.filter(b => b.kind === 'table')
    expect(tables.map(t => [t.depth, t.rows.length])).toEqual([
      [0, 2],
      [1, 60]
    ])
    expect(tables[0]?.rows.map(r => `${r[0]} ${r[2]}`)).toEqual([
      'app-a ➕ added',
      'legacy ➖ removed'
    ])
    expect(rendered.unclosed).toBe(0)
    // What a removal means, said where the removal is shown.
    const after = visible(rendered).slice(visible(rendered).indexOf(tables[0] as never) + 1)
    expect(after[0]?.text).toMatch(
      /^➖ removed: would lose access to this producer's private modules/
    )
  })

  it('fits a comment with 3,000 consumers, counting the rows it leaves out', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `consumer-${i}`)
    const text = summary('platform', many.slice(0, 1500), many)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(COMMENT_LIMIT)
    const rendered = render(text)
    expect(rendered.unclosed).toBe(0)
    const [changes, kept] = rendered.blocks.filter(b => b.kind === 'table')
    expect(changes?.rows.length).toBeGreaterThan(0)
    const pointers = rendered.blocks
      .map(b =>
        /^… and (\d+) more not shown here: the step's outputs list every consumer\.$/.exec(b.text)
      )
      .filter(m => m !== null)
      .map(m => Number(m[1]))
    expect(
      (changes?.rows.length ?? 0) + (kept?.rows.length ?? 0) + pointers.reduce((a, b) => a + b, 0)
    ).toBe(3000)
  })

  it("keeps the asterisks of a sharing file's pattern in a failed run's heading", () => {
    const rendered = render(
      failureMarkdown('sharing files **/*.yml, _team_.yml', 'Something failed: `x` <y> & z.', false)
    )
    expect(rendered.blocks.map(b => [b.text, b.marks])).toEqual([
      ['Module sharing: sharing files **/*.yml, _team_.yml', []],
      ['Failed: Something failed: `x` <y> & z.', ['strong']]
    ])
  })
})
