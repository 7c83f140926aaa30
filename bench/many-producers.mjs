// @ts-check
// Sections 5 and 6: sharing as code at the scale a platform team runs it. Section 5: 500
// producers in 5 sharing files, 100 of them changed, against a fake TFE that enforces TFE's 30
// requests a second, at rate-limit: 25. Section 6: 5,000 producers in 50 files, 1,000 changed,
// on a TFE of 20,000 organizations whose admins raised the limit to 300 a second, at
// rate-limit: 250. Wall time against its floor (requests ÷ rate-limit), 429s, requests (and what
// they were for), peak RSS, and whether TFE ends up as the files say, each beside its target
// (issue 9). Figures, not verdicts: the reader compares them with the targets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  PAGE_SIZE,
  count,
  mb,
  mib,
  ratio,
  repoRoot,
  runWithRss,
  say,
  section,
  startFakeTfe,
  table
} from './support.mjs'

/** @typedef {import('./support.mjs').RecordedRequest} RecordedRequest */
/** @typedef {typeof CASES.standard} Case */
/** @typedef {{ name: string, today: string[], desired: string[], changed: boolean }} Producer */

/**
 * One case. `requestSlack` bounds requests at that multiple of (list pages + one consumer read a
 * producer + one write a changed producer); `wallGoal` bounds wall time at that multiple of its
 * floor. `fakePerSecond` is the fake's per-user rate limit (TFE's default is 30).
 */
const CASES = {
  standard: {
    title: '5. Many producers',
    label: 'many producers',
    organizations: 1500,
    producers: 500,
    consumersEach: 5,
    changed: 100,
    files: 5,
    rateLimit: 25,
    fakePerSecond: 30,
    wallGoal: 1.15,
    requestSlack: 1.1,
    rssGoalMb: 150,
    timeoutMs: 300_000
  },
  large: {
    title: '6. Many producers, large',
    label: 'many producers (5,000)',
    organizations: 20_000,
    producers: 5000,
    consumersEach: 5,
    changed: 1000,
    files: 50,
    rateLimit: 250,
    fakePerSecond: 300,
    wallGoal: 1.1,
    requestSlack: 1.1,
    rssGoalMb: 200,
    // The floor is about 6,200 ÷ 250 = 25 s; a run three times slower than that plus start-up is
    // killed rather than waited for.
    timeoutMs: 120_000
  }
}

/**
 * Zero-padded to the width of the largest number, so names sort as numbers do.
 * @param {string} prefix
 * @param {number} total
 * @returns {(i: number) => string}
 */
const namer = (prefix, total) => {
  const width = Math.max(4, String(total).length)
  return i => `${prefix}-${String(i + 1).padStart(width, '0')}`
}

/**
 * Producer i shares with the `consumersEach` teams from consumersEach × i on (wrapping), so every
 * team consumes from a few producers. Every (producers / changed)th producer is changed in the
 * files: its last consumer is swapped for the team after its own, which it does not share with
 * yet.
 * @param {Case} c
 * @returns {{ teamNames: string[], producers: Producer[] }}
 */
function scenario(c) {
  const teams = c.organizations - c.producers
  const teamName = namer('team', teams)
  const producerName = namer('producer', c.producers)
  const step = c.producers / c.changed
  const producers = Array.from({ length: c.producers }, (_, i) => {
    const today = Array.from({ length: c.consumersEach }, (_, k) =>
      teamName((i * c.consumersEach + k) % teams)
    )
    const changed = i % step === 0
    const desired = changed
      ? [...today.slice(0, -1), teamName((i * c.consumersEach + c.consumersEach) % teams)]
      : today
    return { name: producerName(i), today, desired, changed }
  })
  return { teamNames: Array.from({ length: teams }, (_, i) => teamName(i)), producers }
}

/**
 * A sharing file written out by hand: the bench uses Node built-ins only (no yaml package).
 * @param {Producer[]} producers
 */
function sharingFileText(producers) {
  const lines = ['version: 1', 'producers:']
  for (const p of producers) {
    lines.push(`  ${p.name}:`, '    consumers:', ...p.desired.map(c => `      - ${c}`))
  }
  return `${lines.join('\n')}\n`
}

const KINDS = {
  list: 'organization list pages',
  filtered: 'filtered list pages (filter[module_producer])',
  consumers: 'consumer reads (GET relationships/module-consumers)',
  writes: 'writes',
  others: 'others'
}

/**
 * What a request was for: one of KINDS.
 * @param {RecordedRequest} recorded
 */
function requestKind(recorded) {
  const path = recorded.path.replace(/^\/api\/v2/, '')
  if (recorded.method !== 'GET' && recorded.method !== 'HEAD') return KINDS.writes
  if (path === '/admin/organizations') {
    // A name search (q, q[name]) reads part of the list, not a page of all of it.
    if ('q' in recorded.query || 'q[name]' in recorded.query) return KINDS.others
    return 'filter[module_producer]' in recorded.query ? KINDS.filtered : KINDS.list
  }
  if (/^\/admin\/organizations\/[^/]+\/relationships\/module-consumers$/.test(path)) {
    return KINDS.consumers
  }
  return KINDS.others
}

/**
 * The requests of kind 'others', as method + path with organization names folded and the query's
 * keys (not their values) kept, page[size] and page[number] left out.
 * @param {RecordedRequest[]} requests
 */
function otherKinds(requests) {
  /** @type {Map<string, number>} */
  const counts = new Map()
  for (const recorded of requests) {
    if (requestKind(recorded) !== KINDS.others) continue
    const path = recorded.path
      .replace(/^\/api\/v2/, '')
      .replace(/^(\/admin\/organizations\/)[^/]+/, '$1:org')
    const keys = Object.keys(recorded.query)
      .filter(key => key !== 'page[size]' && key !== 'page[number]')
      .sort()
    const kind = `${recorded.method} ${path}${keys.length > 0 ? `?${keys.map(k => `${k}=…`).join('&')}` : ''}`
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])
}

/** @param {number} value */
const seconds = value => `${(value / 1000).toFixed(2)} s`

/**
 * @param {Case} c
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
async function manyProducersCase(c) {
  const teams = c.organizations - c.producers
  const perFile = Math.ceil(c.producers / c.files)
  const pages = Math.ceil(c.organizations / PAGE_SIZE)
  const expected = pages + c.producers + c.changed
  const requestBound = c.requestSlack * expected
  section(
    `${c.title}: ${count(c.producers)} producers in ${c.files} sharing files, ${count(c.changed)} ` +
      `changed, ${count(c.organizations)} organizations, rate-limit: ${c.rateLimit}`
  )
  say(
    `Method: a fresh fake TFE enforcing ${c.fakePerSecond} requests a second per user (rateLimit: { perSecond: ${c.fakePerSecond} }),`,
    `holding ${count(c.organizations)} organizations: ${count(teams)} teams and ${count(c.producers)} producers sharing with ${c.consumersEach} teams each.`,
    `${c.files} sharing files of ${count(perFile)} producers, consumers by name, in a temporary workspace state every`,
    `producer; for ${count(c.changed)} of them (every ${c.producers / c.changed}th) one consumer is swapped for another team. One run of the`,
    `built action (dist/index.js unless ${'$'}TFE_SHARING_ACTION_UNDER_TEST names another build) with`,
    `config: sharing/*.yml and rate-limit: ${c.rateLimit}, spawned by runAction as a runner does, with the peak-RSS`,
    `preload (bench/peak-rss.mjs: process.resourceUsage().maxRSS of the action's process at exit),`,
    `killed after ${c.timeoutMs / 1000} s. Wall time is runAction's durationMs (spawn to 'close'); the floor is`,
    `requests ÷ ${c.rateLimit} a second, the least a run sending that many requests at its rate-limit can`,
    "take. Requests and 429s are the fake's record (429s included), so they are what TFE would see.",
    `Targets (issue 9): wall ≤ ${c.wallGoal} × floor; no 429; requests ≤ ${c.requestSlack} × (${pages} list pages of ${PAGE_SIZE}`,
    `+ one consumer read a producer + one write a changed producer) = ${c.requestSlack} × ${count(expected)}; peak RSS ≤ ${c.rssGoalMb} MB.`
  )

  const build = process.env.TFE_SHARING_ACTION_UNDER_TEST || join(repoRoot, 'dist', 'index.js')
  say('', `Build under test: ${build}`)

  const setupStarted = Date.now()
  const { teamNames, producers } = scenario(c)
  const fake = await startFakeTfe({ rateLimit: { perSecond: c.fakePerSecond } })
  const workspace = mkdtempSync(join(tmpdir(), 'bench-sharing-'))
  try {
    for (const name of teamNames) fake.addOrganization({ name })
    for (const p of producers) fake.addOrganization({ name: p.name, moduleConsumers: p.today })
    mkdirSync(join(workspace, 'sharing'))
    const fileName = namer('part', c.files)
    for (let f = 0; f < c.files; f++) {
      writeFileSync(
        join(workspace, 'sharing', `${fileName(f)}.yml`),
        sharingFileText(producers.slice(f * perFile, (f + 1) * perFile))
      )
    }
    const setupMs = Date.now() - setupStarted

    const run = await runWithRss(
      {
        config: 'sharing/*.yml',
        hostname: fake.url,
        token: fake.adminToken,
        'rate-limit': String(c.rateLimit)
      },
      { env: { GITHUB_WORKSPACE: workspace }, timeoutMs: c.timeoutMs }
    )
    const requests = [...fake.requests]
    const throttled = fake.throttled

    if (run.code !== 0 || run.timedOut) {
      const error = run.annotations.find(a => a.command === 'error')?.message
      say(
        '',
        `The run failed (${run.timedOut ? `killed after ${c.timeoutMs / 1000} s` : `exit code ${run.code}`}): ${
          error ?? run.stderr.trim().split('\n').slice(-3).join(' | ')
        }`
      )
    }

    /** @type {Map<string, number>} */
    const kinds = new Map()
    for (const recorded of requests) {
      const kind = requestKind(recorded)
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
    }
    say('', `Requests by kind (${count(requests.length)} in all, 429s included):`)
    table(
      ['kind', 'requests'],
      Object.values(KINDS).map(kind => [kind, count(kinds.get(kind) ?? 0)])
    )
    const others = otherKinds(requests)
    if (others.length > 0) {
      say('', 'Others:')
      for (const [kind, n] of others) say(`  ${count(n)}× ${kind}`)
    }

    const wrong = producers.filter(p => {
      const now = fake.org(p.name)?.moduleConsumers ?? []
      return now.join(',') !== [...p.desired].sort().join(',')
    })
    /** @type {{ result: string }[]} */
    let results = []
    try {
      results = JSON.parse(run.outputs.producers ?? '[]')
    } catch {
      // A run killed mid-output: counted as no result.
    }
    const changedInOutput = results.filter(r => r.result === 'changed').length

    const floorMs = (requests.length * 1000) / c.rateLimit
    /** @type {[string, string, string][]} */
    const rows = [
      ['wall time', seconds(run.durationMs), ''],
      ['floor', `${seconds(floorMs)} (${count(requests.length)} requests ÷ ${c.rateLimit}/s)`, ''],
      ['wall ÷ floor', ratio(run.durationMs / floorMs), `≤ ${c.wallGoal}×`],
      ['429s', String(throttled), '0'],
      [
        'requests',
        count(requests.length),
        `≤ ${count(Math.floor(requestBound))} (${c.requestSlack} × (${count(pages)} + ${count(c.producers)} + ${count(c.changed)}))`
      ],
      [
        'peak RSS',
        Number.isFinite(run.maxRssKiB)
          ? `${mb(run.maxRssKiB)} (${mib(run.maxRssKiB)})`
          : 'n/a (the process did not exit on its own)',
        `≤ ${c.rssGoalMb} MB`
      ],
      [
        'TFE as the files say',
        `${count(c.producers - wrong.length)} of ${count(c.producers)} producers; ${count(changedInOutput)} changed in the producers output; exit code ${run.code ?? run.signal}`,
        `all; ${count(c.changed)} changed; exit code 0`
      ]
    ]
    say('')
    table(['figure', 'value', 'target'], rows)
    if (wrong.length > 0) {
      say(
        '',
        `Not as the files say: ${wrong
          .slice(0, 10)
          .map(p => p.name)
          .join(', ')}${wrong.length > 10 ? ', …' : ''}`
      )
    }
    say(
      '',
      `Setting up the fake and the files took ${seconds(setupMs)} (not part of the wall time).`
    )
    return rows.map(([figure, value, target]) => [`${c.label}: ${figure}`, value, target])
  } finally {
    await fake.close()
    rmSync(workspace, { recursive: true, force: true })
  }
}

export function manyProducers() {
  return manyProducersCase(CASES.standard)
}

export function manyProducersLarge() {
  return manyProducersCase(CASES.large)
}
