// @ts-check
// `npm run bench:docs`: rewrites every block of figures in README.md and docs/*.md from the
// committed bench results (bench/results/<section>.json, written by `npm run bench`), so that no
// figure in the docs is copied by hand. A block is
//
//   <!-- bench:ID -->
//   (generated: the date, machine, load and command of the measurement, then the figures)
//   <!-- /bench -->
//
// where ID is one of BLOCKS below; everything between the two comments is replaced. Prose outside
// the blocks carries no measurement (__tests__/repo/bench-docs.test.ts holds both to it).
//
//   npm run bench:docs              # rewrites the blocks
//   npm run bench:docs -- --check   # changes nothing; exit code 1 if a block is stale
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { readResults, resultsDir, slug } from '../bench/results.mjs'
import { RUN_KINDS } from '../bench/run-kinds.mjs'

/** @typedef {import('../bench/results.mjs').SectionResult} SectionResult */
/** @typedef {{ section: string, render: (r: Figures) => string }} Block */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The pages that may hold blocks: the README and every page of docs/. */
export function documentationPages() {
  const docs = readdirSync(join(repoRoot, 'docs'))
    .filter(name => name.endsWith('.md'))
    .sort()
    .map(name => `docs/${name}`)
  return ['README.md', ...docs]
}

// ---------------------------------------------------------------------------------------------
// Reading one section's results

/** One section's results, read by key: a missing figure is an error, not a blank in the docs. */
class Figures {
  /** @param {SectionResult} result */
  constructor(result) {
    this.result = result
  }

  /** @param {string} key */
  value(key) {
    const figure = this.result.figures[key]
    if (figure === undefined) {
      throw new Error(`bench/results/${this.result.section}.json: no figure ${key}`)
    }
    return figure.value
  }

  /** @param {string} key */
  number(key) {
    const value = this.value(key)
    return typeof value === 'number' ? value : Number.NaN
  }

  /** @param {string} key */
  has(key) {
    return key in this.result.figures
  }

  /** @param {string} key */
  parameter(key) {
    const value = this.result.parameters[key]
    if (value === undefined) {
      throw new Error(`bench/results/${this.result.section}.json: no parameter ${key}`)
    }
    return value
  }

  /** @param {string} key */
  detail(key) {
    const value = this.result.details[key]
    if (value === undefined) {
      throw new Error(`bench/results/${this.result.section}.json: no detail ${key}`)
    }
    return value
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** @param {number} value */
const na = value => !Number.isFinite(value)
/** @param {number} value */
const count = value => (na(value) ? 'n/a' : value.toLocaleString('en-US'))
/** @param {number} value */
const ms = value => (na(value) ? 'n/a' : `${value.toFixed(1)} ms`)
/** @param {number} value */
const seconds = value => (na(value) ? 'n/a' : `${(value / 1000).toFixed(2)} s`)
/** @param {number} value A whole number of ms: in ms below a second, else in seconds. */
const duration = value => (na(value) || value >= 1000 ? seconds(value) : `${value.toFixed(0)} ms`)
/** @param {number} value */
const ratio = value => (na(value) ? 'n/a' : `${value.toFixed(2)}×`)
/** @param {number} value */
const mb = value => (na(value) ? 'n/a' : `${value.toFixed(1)} MB`)
/** @param {number} value */
const bytes = value => (na(value) ? 'n/a' : `${count(value)} B (${(value / 1e6).toFixed(2)} MB)`)

/**
 * A Markdown table; Prettier aligns it afterwards.
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  const line = (/** @type {string[]} */ cells) =>
    `| ${cells.map(c => c.replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * The line every block starts with: when, where, how loaded, by which command, from which file.
 * @param {SectionResult} result
 * @param {string} page The page the block is on, for the link to the results file.
 */
export function stamp(result, page) {
  const m = result.machine
  const date = result.date.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d).*$/, '$1 $2 UTC')
  const file = join(resultsDir, `${result.section}.json`)
  const link = relative(join(repoRoot, dirname(page)), file)
    .split('\\')
    .join('/')
  const commit = result.commit.replace(/^([0-9a-f]{12})[0-9a-f]+/, '$1')
  return (
    `Measured ${date} with \`${result.command}\` (commit ${commit}) on ${m.os}, ` +
    `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}; load average (1 min) ` +
    `${m.loadAverage.start['1m'].toFixed(2)} at the start, ${m.loadAverage.end['1m'].toFixed(2)} at the end. ` +
    `Figures: [bench/results/${result.section}.json](${link}).`
  )
}

// ---------------------------------------------------------------------------------------------
// The blocks

/** @param {Figures} r */
function coldStart(r) {
  /** @param {string} key */
  const timing = key => `${ms(r.number(`${key}.median`))} / ${ms(r.number(`${key}.p90`))}`
  const goal = r.parameter('goal.action-to-bare-patch')
  const rows = [
    [
      'start path: `dist/index.js`, loaded and compiled by every run',
      bytes(r.number('dist.start-path')),
      ''
    ],
    [
      `chunks loaded on demand (${count(r.number('dist.chunk-files'))} files): the comment, sharing files`,
      bytes(r.number('dist.chunks')),
      ''
    ],
    [
      'all JavaScript in `dist/`',
      bytes(r.number('dist.total')),
      `≤ ${r.parameter('goal.dist-total-mb')} MB`
    ],
    ['action, setting 3 consumers by id: median / p90', timing('action'), ''],
    ['bare `node:http`, the PATCH alone: median / p90', timing('bare-patch'), ''],
    ['bare, the same 3 requests (GET ‖ GET, then PATCH)', timing('bare-all'), ''],
    ['bare, the same 3 with `node:https` and `crypto` loaded', timing('bare-all-tls'), ''],
    ['bare, the same 3 in turn', timing('bare-in-turn'), ''],
    ['action ÷ bare PATCH (medians)', ratio(r.number('ratio.action-to-bare-patch')), `≤ ${goal}×`],
    ['action ÷ bare, the same 3 requests', ratio(r.number('ratio.action-to-bare-all')), ''],
    [
      'action ÷ bare, the same 3 with TLS loaded',
      ratio(r.number('ratio.action-to-bare-all-tls')),
      ''
    ]
  ]
  if (r.has('ratio.pairs-to-baseline')) {
    rows.push([
      `this build ÷ \`${r.parameter('baseline')}\`, median of the pair ratios`,
      ratio(r.number('ratio.pairs-to-baseline')),
      ''
    ])
  }
  return [
    `Cold start: ${r.parameter('runs')} measured rounds after ${r.parameter('warmups')} warm-up rounds, each variant once a round, in turn; the action's requests: ${r.detail('requests')}.`,
    '',
    table(['figure', 'value', 'goal'], rows)
  ].join('\n')
}

/** @param {Figures} r */
function roundTrips(r) {
  const latency = Number(r.parameter('latency-ms'))
  const rows = RUN_KINDS.map(([label]) => {
    const key = `run.${slug(label)}`
    const tfe = r.number(`${key}.tfe-time`)
    return [
      label,
      count(r.number(`${key}.requests`)),
      count(r.number(`${key}.round-trips`)),
      `${Math.round(tfe / latency)} × ${latency} ms (${ms(tfe)})`
    ]
  })
  return [
    `The fake waits ${latency} ms before it answers each request; TFE time is from the first request's arrival to the last answer.`,
    '',
    table(['run', 'requests', 'round trips', 'TFE time'], rows),
    '',
    'The chains (‖: sent side by side; →: sent once the answers before it are in; paths relative to `/api/v2/admin/organizations`):',
    '',
    ...RUN_KINDS.map(([label]) => `- ${label}: ${r.detail(`run.${slug(label)}`)}`)
  ].join('\n')
}

/** @param {Figures} r */
function requests(r) {
  const rows = RUN_KINDS.map(([label]) => [label, count(r.number(`run.${slug(label)}`))])
  return [
    table(['run', 'requests'], rows),
    '',
    'Which, in the order sent (paths relative to `/api/v2/admin/organizations`; every list request asks for 100 a page):',
    '',
    ...RUN_KINDS.map(([label]) => `- ${label}: ${r.detail(`run.${slug(label)}`)}`)
  ].join('\n')
}

/** @param {Figures} r */
function resolvingNames(r) {
  const cases = Object.keys(r.result.figures)
    .flatMap(key => {
      const m = /^resolve\.(\d+)-of-(\d+)\.lookups$/.exec(key)
      return m ? [{ key: `resolve.${m[1]}-of-${m[2]}`, n: Number(m[1]), o: Number(m[2]) }] : []
    })
    .sort((a, b) => a.o - b.o || a.n - b.n)
  const rows = cases.map(({ key, n, o }) => [
    count(n),
    count(o),
    count(Number(r.parameter(`${key}.pages`))),
    count(r.number(`${key}.on-first-page`)),
    count(r.number(`${key}.lookups`)),
    count(Number(r.parameter(`${key}.bound`))),
    count(r.number(`${key}.requests`)),
    count(r.number(`${key}.set`))
  ])
  return table(
    [
      'N names',
      'O organizations',
      'P pages',
      'on page 1',
      'lookups',
      'min(N, P + 1)',
      'requests in all',
      'consumers set'
    ],
    rows
  )
}

const SCALE_RUNS = [
  ['bare-node', 'bare Node (`node:http` loaded, no request)'],
  ['set-3-by-ids-baseline', 'set 3 by ids'],
  ['set-5000-by-ids', 'set 5,000 by ids'],
  ['same-5000-ids-again-no-change', 'the same 5,000 ids again (no change)'],
  ['set-5000-by-names', 'set 5,000 by names'],
  ['set-5000-by-names-api-relationships', 'set 5,000 by names, `api: relationships`']
]

/** @param {Figures} r */
function scale(r) {
  const rows = SCALE_RUNS.map(([key, label]) => {
    const known = (/** @type {string} */ figure) =>
      r.has(`${key}.${figure}`) ? count(r.number(`${key}.${figure}`)) : ''
    return [
      label ?? '',
      duration(r.number(`${key}.wall`)),
      mb(r.number(`${key}.peak-rss`)),
      known('requests'),
      known('lookups'),
      known('state-pages'),
      known('writes'),
      known('read-back-pages')
    ]
  })
  return [
    `Each run starts a fresh fake TFE holding ${count(Number(r.parameter('consumers')))} organizations and the producer; goal: peak RSS ≤ ${r.parameter('goal.peak-rss-mb')} MB.`,
    '',
    table(
      [
        'run',
        'wall time',
        'peak RSS',
        'requests',
        'lookups',
        'state pages',
        'writes',
        'read-back pages'
      ],
      rows
    )
  ].join('\n')
}

/**
 * A many-producers case: its setup, then requests, wall time, 429s, peak RSS and whether TFE ends
 * up as the files say, each beside its goal. A case whose files state providers too (5b) also
 * counts provider reads and each write's registry-partnerships read-back in its bound.
 * @param {Figures} r
 */
function manyProducers(r) {
  const p = (/** @type {string} */ key) => Number(r.parameter(key))
  const providers = r.has('requests.providers')
  const requestsIn = count(r.number('requests'))
  const others = r.number('requests.others')
  const kinds = providers
    ? [
        `${count(r.number('requests.list'))} list pages`,
        `${count(r.number('requests.filtered') + r.number('requests.providerFiltered'))} filtered list pages (modules, providers)`,
        `${count(r.number('requests.consumers'))} module list reads`,
        `${count(r.number('requests.providers'))} provider list reads`
      ]
    : [
        `${count(r.number('requests.list'))} list pages`,
        `${count(r.number('requests.filtered'))} filtered list pages`,
        `${count(r.number('requests.consumers'))} consumer reads`
      ]
  kinds.push(`${count(r.number('requests.writes'))} writes`)
  if (others > 0) kinds.push(`${count(others)} others (${r.detail('requests.others')})`)
  const written = providers ? p('writes') : p('changed')
  const setup = providers
    ? `${count(p('producers'))} producers with ${p('consumers-each')} module and ${p('provider-consumers-each')} provider consumers each, in ${p('files')} sharing files, among ${count(p('organizations'))} organizations; ${count(p('changed'))} module lists and ${count(p('providers-changed'))} provider lists changed (${count(written)} producers written); \`api: ${r.parameter('api')}\`, \`rate-limit: ${p('rate-limit')}\` against a fake TFE allowing ${p('fake-per-second')} requests a second per user.`
    : `${count(p('producers'))} producers with ${p('consumers-each')} consumers each, in ${p('files')} sharing files, among ${count(p('organizations'))} organizations; ${count(p('changed'))} of them changed; \`rate-limit: ${p('rate-limit')}\` against a fake TFE allowing ${p('fake-per-second')} requests a second per user.`
  const bound = providers
    ? `${count(p('list-pages'))} + ${count(p('producers'))} + ${count(p('provider-reads'))} provider reads + ${count(written)} × (1 + ${p('read-back-per-write')} read-backs)`
    : `${count(p('list-pages'))} + ${count(p('producers'))} + ${count(written)}`
  const exit = r.detail('exit')
  return [
    setup,
    '',
    table(
      ['figure', 'value', 'goal'],
      [
        [
          'requests',
          `${requestsIn}: ${kinds.join(', ')}`,
          `≤ ${p('goal.request-slack')} × (${bound}) = ${count(p('goal.requests'))}`
        ],
        [
          'wall time',
          `${seconds(r.number('wall'))}: ${ratio(r.number('wall-to-floor'))} the floor of ${seconds(r.number('floor'))} (${requestsIn} requests ÷ ${p('rate-limit')} a second)`,
          `≤ ${p('goal.wall-to-floor')}× the floor`
        ],
        ['429s', count(r.number('429s')), '0'],
        ['peak RSS', mb(r.number('peak-rss')), `≤ ${p('goal.peak-rss-mb')} MB`],
        [
          'TFE as the files say',
          `${count(r.number('producers-as-files-say'))} of ${count(p('producers'))} producers${providers ? ' (both kinds, both flags)' : ''}, ${count(r.number('producers-changed-in-output'))} changed; exit code ${exit}`,
          `all, ${count(written)} changed; exit code 0`
        ]
      ]
    )
  ].join('\n')
}

/** @param {Figures} r */
function sharedLimit(r) {
  const goal = r.parameter('goal.wall-to-shared-floor')
  /** @type {string[][]} */
  const together = []
  /** @type {string[][]} */
  const runs = []
  for (const n of [2, 4]) {
    const key = `together-${n}`
    together.push([
      `${n} runs, ${r.parameter(`${key}.producers-each`)} producers each`,
      count(r.number(`${key}.received`)),
      count(r.number(`${key}.429s`)),
      seconds(r.number(`${key}.shared-floor`)),
      seconds(r.number(`${key}.all-done`))
    ])
    for (let i = 1; i <= n; i++) {
      const run = `${key}.run-${i}`
      const outcome = r.detail(`${run}.outcome`)
      const bound = outcome.startsWith('killed') ? '≥ ' : ''
      runs.push([
        `${i} of ${n}`,
        seconds(r.number(`${run}.wall`)),
        `${bound}${ratio(r.number(`${run}.wall-to-shared-floor`))}`,
        `≤ ${goal}×`,
        count(r.number(`${run}.requests`)),
        count(r.number(`${run}.429s`)),
        outcome
      ])
    }
  }
  const alone = [20, 60].map(limit => {
    const key = `alone-${limit}`
    const outcome = r.detail(`${key}.outcome`)
    return [
      String(limit),
      seconds(r.number(`${key}.wall`)),
      seconds(r.number(`${key}.floor`)),
      `${outcome.startsWith('killed') ? '≥ ' : ''}${ratio(r.number(`${key}.wall-to-floor`))}`,
      count(r.number(`${key}.requests`)),
      count(r.number(`${key}.429s`)),
      outcome
    ]
  })
  return [
    `A fake TFE allowing ${r.parameter('tfe-per-second')} requests a second per user; every run has its own token of the same admin, at \`rate-limit: 20\` unless said, and is killed after ${Number(r.parameter('run-timeout-ms')) / 1000} s. The shared floor is the requests TFE accepted from all the runs together ÷ ${r.parameter('tfe-per-second')} a second.`,
    '',
    table(
      ['runs started together', 'requests received', '429s', 'shared floor', 'all done after'],
      together
    ),
    '',
    table(
      [
        'run',
        'wall time',
        'wall ÷ shared floor',
        'goal',
        'requests',
        '429s (its own count)',
        'outcome'
      ],
      runs
    ),
    '',
    `One run alone (${r.parameter('alone.producers')} producers, a fresh fake each); \`rate-limit: 60\` took ${ratio(r.number('alone-60-to-alone-20'))} the time of \`rate-limit: 20\` (goal ≤ 1×):`,
    '',
    table(
      ['rate-limit', 'wall time', 'floor', 'wall ÷ floor', 'requests', '429s', 'outcome'],
      alone
    )
  ].join('\n')
}

/** Every block a page may hold: its results file (section) and how it is written. */
/** @type {Record<string, Block>} */
export const BLOCKS = {
  'cold-start': { section: 'cold-start', render: coldStart },
  'round-trips': { section: 'round-trips', render: roundTrips },
  requests: { section: 'requests', render: requests },
  'resolving-names': { section: 'requests', render: resolvingNames },
  scale: { section: 'scale', render: scale },
  'many-producers': { section: 'many-producers', render: manyProducers },
  'many-producers-large': { section: 'many-producers-large', render: manyProducers },
  'many-producers-providers': { section: 'many-producers-providers', render: manyProducers },
  'shared-limit': { section: 'shared-limit', render: sharedLimit }
}

// ---------------------------------------------------------------------------------------------
// Finding and rewriting blocks

const BLOCK = /<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench -->/g

/**
 * The blocks of a page: id, text between the comments, and the line the block starts on.
 * @param {string} markdown
 */
export function findBlocks(markdown) {
  return [...markdown.matchAll(BLOCK)].map(m => ({
    id: m[1] ?? '',
    body: m[2] ?? '',
    line: markdown.slice(0, m.index).split('\n').length
  }))
}

/**
 * What a block holds when generated from the results: the stamp, then its figures, formatted by
 * Prettier as `npm run lint` wants the page.
 * @param {string} id
 * @param {Record<string, SectionResult>} results
 * @param {string} page
 */
export async function renderBlock(id, results, page) {
  const block = BLOCKS[id]
  if (!block)
    throw new Error(`${page}: unknown block bench:${id} (known: ${Object.keys(BLOCKS).join(', ')})`)
  const result = results[block.section]
  if (!result) {
    throw new Error(
      `${page}: block bench:${id} needs bench/results/${block.section}.json: run \`npm run bench -- --only ${block.section}\``
    )
  }
  const markdown = `${stamp(result, page)}\n\n${block.render(new Figures(result))}\n`
  const options = (await resolveConfig(join(repoRoot, page))) ?? {}
  return `\n${await format(markdown, { ...options, parser: 'markdown' })}\n`
}

/**
 * The page with every block generated afresh.
 * @param {string} markdown
 * @param {Record<string, SectionResult>} results
 * @param {string} page
 */
export async function generatePage(markdown, results, page) {
  const bodies = await Promise.all(findBlocks(markdown).map(b => renderBlock(b.id, results, page)))
  let i = 0
  return markdown.replace(
    BLOCK,
    (_match, id) => `<!-- bench:${id} -->\n${bodies[i++]}<!-- /bench -->`
  )
}

// ---------------------------------------------------------------------------------------------
// Figures outside the blocks

/**
 * A number with a unit of time, memory or size, a ratio (1.05×, 2x), or a count of requests (not
 * a rate: "30 requests a second" is TFE's limit, not a measurement).
 */
const MEASUREMENT =
  /(?<![\w.,/-])\d[\d,]*(?:\.\d+)?(?:\s?(?:ms|s|min|B|kB|KB|KiB|MB|MiB|GB|GiB)\b|\s?×|x\b|\s+requests?\b(?!\s+(?:a|per)\s+second))/g
/** A target, not a measurement: "goal ≤ 1.15×", "target ≤ 100 MB", "goal of 1.3×". */
const TARGET = /\b(?:goal|target)s?\s*(?:of\s+|is\s+|at most\s+)?(?:≤|<=|<|≥|>=)?\s*$/i

/**
 * Measurement-looking figures of a page outside its blocks and code fences, each with its line:
 * such a figure was copied by hand and goes stale unnoticed. A target is allowed when it says so
 * right before the number ("goal ≤ 1.15×").
 * @param {string} markdown
 * @returns {{ line: number, figure: string, text: string }[]}
 */
export function strayFigures(markdown) {
  // Blocks and fences blanked out line for line, so the line numbers stay those of the page.
  const blank = (/** @type {string} */ text) => text.replace(/[^\n]/g, '')
  const prose = markdown.replace(BLOCK, blank).replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, blank)
  /** @type {{ line: number, figure: string, text: string }[]} */
  const found = []
  prose.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(MEASUREMENT)) {
      if (TARGET.test(text.slice(0, m.index))) continue
      found.push({ line: i + 1, figure: m[0], text: text.trim() })
    }
  })
  return found
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const check = process.argv.includes('--check')
  const results = readResults()
  let stale = 0
  for (const page of documentationPages()) {
    const path = join(repoRoot, page)
    const before = readFileSync(path, 'utf8')
    const after = await generatePage(before, results, page)
    if (after === before) continue
    stale++
    if (check) console.error(`${page}: figures differ from bench/results/; run npm run bench:docs`)
    else {
      writeFileSync(path, after)
      console.log(`${page}: figures rewritten from bench/results/`)
    }
  }
  if (check && stale > 0) process.exit(1)
  if (stale === 0) console.log('Every block of figures matches bench/results/.')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch(error => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
