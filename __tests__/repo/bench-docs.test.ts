// Every figure in the docs comes from a committed `npm run bench` result: the blocks
// <!-- bench:ID --> … <!-- /bench --> in README.md and docs/*.md are exactly what
// scripts/bench-docs.mjs generates from bench/results/*.json (so a stale or hand-edited figure
// fails here, and `npm run bench:docs` mends it), each results file says when, where and how it
// was measured, and docs/performance.md has no measurement-looking figure outside its blocks
// (a number with ms, s, MB, ×, or a count of requests), but for a target that says so ("goal ≤
// 1.15×").
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { readResults, resultsDir, stableJson } from '../../bench/results.mjs'
import {
  BLOCKS,
  documentationPages,
  findBlocks,
  renderBlock,
  strayFigures
} from '../../scripts/bench-docs.mjs'
import { repoRoot } from '../../test-kit/runner.mjs'

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8')
const results = readResults()
const resultFiles = readdirSync(resultsDir).filter(name => name.endsWith('.json'))
const blocks = documentationPages().flatMap(page =>
  findBlocks(read(page)).map(
    block => [`${page} line ${block.line}: bench:${block.id}`, page, block] as const
  )
)

it('has the figures of docs/performance.md in blocks, and a results file for every block kind', () => {
  const onPerformance = findBlocks(read('docs/performance.md')).map(b => b.id)
  expect(new Set(onPerformance)).toEqual(new Set(Object.keys(BLOCKS)))
  for (const { section } of Object.values(BLOCKS)) expect(resultFiles).toContain(`${section}.json`)
})

describe.each(blocks)('%s', (_where, page, block) => {
  it('is what the committed results generate (npm run bench:docs rewrites it)', async () => {
    expect(block.body).toBe(await renderBlock(block.id, results, page))
  })
})

describe.each(resultFiles)('bench/results/%s', name => {
  const text = readFileSync(join(resultsDir, name), 'utf8')
  const result = JSON.parse(text)

  it('is stable JSON: keys sorted, two-space indentation, a trailing newline', () => {
    expect(text).toBe(stableJson(result))
  })

  it('says what, when, where and how: section, date, machine with its load, command', () => {
    expect(result.section).toBe(name.replace(/\.json$/, ''))
    expect(result.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(result.command).toMatch(/^(npm run bench|node bench\/run\.mjs)\b/)
    expect(result.commit).toMatch(/^[0-9a-f]{40}\b/)
    expect(result.machine).toEqual({
      os: expect.any(String),
      cpu: expect.any(String),
      cores: expect.any(Number),
      memoryGiB: expect.any(Number),
      node: expect.stringMatching(/^v\d+\./),
      loadAverage: {
        start: { '1m': expect.any(Number), '5m': expect.any(Number), '15m': expect.any(Number) },
        end: { '1m': expect.any(Number), '5m': expect.any(Number), '15m': expect.any(Number) }
      }
    })
  })

  it('holds figures, each a value and a unit', () => {
    const figures = Object.values(result.figures as Record<string, unknown>)
    expect(figures.length).toBeGreaterThan(0)
    for (const figure of figures) {
      expect(figure).toEqual({ unit: expect.any(String), value: expect.anything() })
    }
  })
})

describe('a block that no longer matches its results', () => {
  it('is told apart: another figure, or a hand edit, changes what is compared', async () => {
    const page = 'docs/performance.md'
    const fresh = await renderBlock('many-producers', results, page)
    const edited = fresh.replace(/\d+\.\d\d s/, '1.00 s')
    expect(edited).not.toBe(fresh)
    const changed = structuredClone(results)
    const wall = changed['many-producers']?.figures.wall
    if (wall) wall.value = Number(wall.value) + 1000
    expect(await renderBlock('many-producers', changed, page)).not.toBe(fresh)
  })

  it('needs its results file, and a known id', async () => {
    await expect(renderBlock('no-such-block', results, 'README.md')).rejects.toThrow(
      /unknown block bench:no-such-block/
    )
    const withoutScale = { ...results }
    delete withoutScale.scale
    await expect(renderBlock('scale', withoutScale, 'README.md')).rejects.toThrow(
      /needs bench\/results\/scale\.json/
    )
  })
})

describe('figures outside the blocks', () => {
  it('docs/performance.md has none: every measurement there comes from bench/results/', () => {
    expect(strayFigures(read('docs/performance.md'))).toEqual([])
  })

  it.each([
    ['5,000 consumers by name: 777 ms', '777 ms'],
    ['took 25.4 s in all', '25.4 s'],
    ['peak RSS 79.9 MB', '79.9 MB'],
    ['within 1.01× of the floor', '1.01×'],
    ['about 2x slower', '2x'],
    ['271,861 B', '271,861 B'],
    ['a dry run sends 5 requests', '5 requests'],
    ['Cold start misses the 1.3× goal', '1.3×']
  ])('finds "%s"', (line, figure) => {
    expect(strayFigures(`Some prose.\n\n${line}\n`)).toEqual([{ line: 3, figure, text: line }])
  })

  it.each([
    'goal ≤ 1.15×',
    'wall time within the goal of 1.1× the floor',
    'target ≤ 100 MB',
    "TFE's 30 requests a second per user",
    '1,500 organizations, 100 of them changed, `rate-limit: 25`',
    'P = ⌈O/100⌉ pages, at most min(N, P) + 1 lookups',
    'below v202103-1'
  ])('lets "%s" be', line => {
    expect(strayFigures(`${line}\n`)).toEqual([])
  })

  it('looks neither inside blocks nor inside code fences', () => {
    const page = [
      '<!-- bench:scale -->',
      'set 5,000 by names: 2.78 s',
      '<!-- /bench -->',
      '```sh',
      'sleep 5 s',
      '```',
      'but 3 ms here'
    ].join('\n')
    expect(strayFigures(page)).toEqual([{ line: 7, figure: '3 ms', text: 'but 3 ms here' }])
  })
})
