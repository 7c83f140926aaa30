// @ts-check
// Section 3: one run setting 5,000 consumers, the most the bench asks of the action: wall time,
// the child's peak memory and the requests it costs, with a small run and a bare Node process
// for scale.
import { join } from 'node:path'
import {
  PAGE_SIZE,
  PRODUCER,
  baseInputs,
  benchDir,
  count,
  mb,
  mib,
  ms,
  requireSuccess,
  runWithRss,
  say,
  section,
  startFakeTfe,
  summarizeRequests,
  table
} from './support.mjs'
import { slug } from './results.mjs'

const CONSUMERS = 5000
const TIMEOUT_MS = 120_000

/** @typedef {import('./support.mjs').FakeTfe} FakeTfe */
/** @typedef {{ run: import('./support.mjs').RunWithRss, counts: ReturnType<typeof summarizeRequests> }} Measured */

/** A fresh fake: CONSUMERS organizations, then the producer, sharing with nobody. */
async function bigFake() {
  const fake = await startFakeTfe()
  const teams = fake.addOrganizations(CONSUMERS, 'team')
  fake.addOrganization({ name: PRODUCER })
  return { fake, teams }
}

/**
 * @param {{ record: import('./results.mjs').Recorder }} options
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
export async function scale({ record }) {
  record.parameter('consumers', CONSUMERS)
  record.parameter('goal.peak-rss-mb', 100)
  /**
   * One row's figures in bench/results/scale.json, under the row's label as a key.
   * @param {string} label
   * @param {import('./support.mjs').RunWithRss} run
   */
  const recordRun = (label, run) => {
    record.figure(`${slug(label)}.wall`, run.durationMs, 'ms')
    record.figure(`${slug(label)}.peak-rss`, (run.maxRssKiB * 1024) / 1e6, 'MB')
  }
  section(`3. Scale: ${count(CONSUMERS)} consumers in one run`)
  say(
    `Method: a fresh fake holding ${count(CONSUMERS)} organizations (team-0001 …) and ${PRODUCER},`,
    'which shares with nobody. One run of dist/index.js per row, spawned by runAction with',
    'NODE_OPTIONS=--import=bench/peak-rss.mjs: that preload writes',
    "process.resourceUsage().maxRSS (the child's peak RSS, KiB) on exit. Wall time is runAction's",
    "durationMs (spawn to 'close'). Consumers go in one per line, in one INPUT_CONSUMERS variable",
    'as on a runner. Requests are counted from the fake\'s record. "state pg": pages of the',
    'producer\'s relationships/module-consumers list read before the write; "read-back pg": read',
    `after it. The action asks for ${PAGE_SIZE} a page (TFE's maximum; TFE's default is 20).`,
    '"after": consumers in the consumer-ids output.'
  )

  /** @type {unknown[][]} */
  const rows = []
  /**
   * @param {string} label
   * @param {FakeTfe} fake
   * @param {Record<string, string>} inputs
   * @returns {Promise<Measured>}
   */
  const measure = async (label, fake, inputs) => {
    const from = fake.requests.length
    const run = requireSuccess(
      await runWithRss(baseInputs(fake, inputs), { timeoutMs: TIMEOUT_MS }),
      label
    )
    const c = summarizeRequests(fake.requests.slice(from))
    const after = JSON.parse(run.outputs['consumer-ids'] ?? '[]').length
    recordRun(label, run)
    const key = slug(label)
    record.figure(`${key}.requests`, c.total, 'requests')
    record.figure(`${key}.lookups`, c.lookups, 'requests')
    record.figure(`${key}.state-pages`, c.statePages, 'requests')
    record.figure(`${key}.writes`, c.writes, 'requests')
    record.figure(`${key}.read-back-pages`, c.readBackPages, 'requests')
    record.figure(`${key}.consumers-after`, after, 'consumers')
    record.detail(`${key}.changed`, String(run.outputs.changed))
    rows.push([
      label,
      ms(run.durationMs),
      mib(run.maxRssKiB),
      c.total,
      c.lookups,
      c.statePages,
      c.writes,
      c.readBackPages,
      count(after),
      run.outputs.changed
    ])
    return { run, counts: c }
  }

  // Baselines: the least any Node child costs, and a small run of the action.
  const bare = requireSuccess(
    await runWithRss({}, { script: join(benchDir, 'bare-request.mjs'), timeoutMs: TIMEOUT_MS }),
    'bare Node'
  )
  rows.push(['bare Node (node:http loaded, no request)', ms(bare.durationMs), mib(bare.maxRssKiB)])
  recordRun('bare Node', bare)
  const small = await startFakeTfe()
  try {
    const teams = ['a', 'b', 'c'].map(x => small.addOrganization({ name: `app-team-${x}` }))
    small.addOrganization({ name: PRODUCER })
    await measure('set 3 by ids (baseline)', small, {
      consumers: teams.map(t => t.externalId).join('\n')
    })
  } finally {
    await small.close()
  }

  /** @type {Record<'ids' | 'again' | 'names' | 'relationships', Measured>} */
  const results = /** @type {any} */ ({}) // filled in below, each before it is read
  let big = await bigFake()
  try {
    const ids = big.teams.map(t => t.externalId).join('\n')
    results.ids = await measure(`set ${count(CONSUMERS)} by ids`, big.fake, { consumers: ids })
    // Same input again: nothing to write, but today's list is now 5,000 long.
    results.again = await measure(`same ${count(CONSUMERS)} ids again (no change)`, big.fake, {
      consumers: ids
    })
  } finally {
    await big.fake.close()
  }
  big = await bigFake()
  try {
    results.names = await measure(`set ${count(CONSUMERS)} by names`, big.fake, {
      consumers: big.teams.map(t => t.name).join('\n')
    })
  } finally {
    await big.fake.close()
  }
  big = await bigFake()
  try {
    results.relationships = await measure(
      `set ${count(CONSUMERS)} by names, api: relationships`,
      big.fake,
      { api: 'relationships', consumers: big.teams.map(t => t.name).join('\n') }
    )
  } finally {
    await big.fake.close()
  }

  say('')
  table(
    [
      'run',
      'wall',
      'peak RSS',
      'requests',
      'lookups',
      'state pg',
      'writes',
      'read-back pg',
      'after',
      'changed'
    ],
    rows.map(r => [...r, ...Array(10 - r.length).fill('')])
  )
  const pages = Math.ceil(CONSUMERS / PAGE_SIZE)
  say(
    '',
    `A list of ${count(CONSUMERS)} consumers is ${pages} pages of ${PAGE_SIZE}. With the default api (module-consumers)`,
    'the PATCH answer is the read-back, so nothing is read after the write. A run that starts',
    `from a ${count(CONSUMERS)}-long list reads it first: ${results.again.counts.statePages} state pages above. api: relationships`,
    `answers its PATCH with 204, so the list is read back: ${results.relationships.counts.readBackPages} read-back pages above.`,
    'Peak RSS: maxRSS KiB ÷ 1024 (MiB; 100 MB = 95.4 MiB).'
  )

  const figure = (/** @type {string} */ label, /** @type {Measured} */ r) => [
    `scale: ${label}`,
    `${ms(r.run.durationMs)}, ${mib(r.run.maxRssKiB)} (${mb(r.run.maxRssKiB)}), ${r.counts.total} requests`,
    '≤ 100 MB RSS'
  ]
  return [
    figure(`set ${count(CONSUMERS)} by ids`, results.ids),
    figure(`set ${count(CONSUMERS)} by names`, results.names),
    figure(`same ${count(CONSUMERS)} ids again`, results.again),
    figure(`${count(CONSUMERS)} names, api: relationships`, results.relationships),
    [
      'scale: relationships pages (state / read-back)',
      `${results.again.counts.statePages} / ${results.relationships.counts.readBackPages}`,
      ''
    ]
  ]
}
