// @ts-check
// Sections 5 and 6: sharing as code at the scale a platform team runs it. Section 5: 500
// producers in 5 sharing files, 100 of them changed, against a fake TFE that enforces TFE's 30
// requests a second, at rate-limit: 25. Section 5b: the same producers stating their provider
// sharing too, run with api: registry-partnerships, 100 of their provider lists changed (50 of
// them beside a module change), so 150 producers written. Section 6: 5,000 producers in 50 files,
// 1,000 changed, on a TFE of 20,000 organizations whose admins raised the limit to 300 a second,
// at rate-limit: 250. Wall time against its floor (requests ÷ rate-limit), 429s, requests (and what
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
/**
 * Provider sharing stated in the files too, for every producer: each shares its providers with
 * `consumersEach` teams, and `changed` of those lists change.
 * @typedef {{ consumersEach: number, changed: number }} ProviderCase
 */
/**
 * @typedef {object} Case
 * @property {string} title
 * @property {string} label
 * @property {number} organizations
 * @property {number} producers
 * @property {number} consumersEach
 * @property {number} changed Producers whose module list changes.
 * @property {number} files
 * @property {number} rateLimit
 * @property {number} fakePerSecond
 * @property {number} wallGoal
 * @property {number} requestSlack
 * @property {number} rssGoalMb
 * @property {number} timeoutMs
 * @property {'registry-partnerships'} [api] The action's api input (default: its own default).
 * @property {ProviderCase} [providers]
 */
/**
 * @typedef {object} Producer
 * @property {string} name
 * @property {string[]} today Its module consumers before the run.
 * @property {string[]} desired Its module consumers as the files state them.
 * @property {string[]} providersToday
 * @property {string[] | undefined} providersDesired As the files state them; undefined: not stated.
 * @property {boolean} changed Whether either list changes (a write).
 */

/** @type {Case} The 500 producers of section 5. */
const STANDARD = {
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
}

/**
 * One case. `requestSlack` bounds requests at that multiple of (list pages + one consumer read a
 * producer + one write a changed producer, and with providers one provider read a producer and
 * the write's read-back); `wallGoal` bounds wall time at that multiple of its floor.
 * `fakePerSecond` is the fake's per-user rate limit (TFE's default is 30).
 * @type {Record<'standard' | 'providers' | 'large', Case>}
 */
const CASES = {
  standard: STANDARD,
  // The same producers stating provider sharing too: about 1,600 requests at 25 a second, a floor
  // near 65 s, well inside the standard timeout.
  providers: {
    ...STANDARD,
    title: '5b. Many producers, providers too',
    label: 'many producers with providers',
    api: 'registry-partnerships',
    providers: { consumersEach: 2, changed: 100 }
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
 * yet. With providers, producer i also shares its providers with the `providers.consumersEach`
 * teams from half the teams further on, and `providers.changed` of those lists change the same
 * way: half of them at producers whose modules change (every 2 × step-th from the first), half at
 * producers whose modules do not (every 2 × step-th from the fourth), step being
 * producers / providers.changed.
 * @param {Case} c
 * @returns {{ teamNames: string[], producers: Producer[] }}
 */
function scenario(c) {
  const teams = c.organizations - c.producers
  const teamName = namer('team', teams)
  const producerName = namer('producer', c.producers)
  const step = c.producers / c.changed
  /**
   * `each` teams from `first` on, the last swapped for the next team when `change`.
   * @param {number} first
   * @param {number} each
   * @param {boolean} change
   */
  const lists = (first, each, change) => {
    const today = Array.from({ length: each }, (_, k) => teamName((first + k) % teams))
    const desired = change ? [...today.slice(0, -1), teamName((first + each) % teams)] : today
    return { today, desired }
  }
  const providerStep = c.providers ? 2 * (c.producers / c.providers.changed) : 0
  const producers = Array.from({ length: c.producers }, (_, i) => {
    const modulesChange = i % step === 0
    const modules = lists(i * c.consumersEach, c.consumersEach, modulesChange)
    /** @type {Producer} */
    const producer = {
      name: producerName(i),
      today: modules.today,
      desired: modules.desired,
      providersToday: [],
      providersDesired: undefined,
      changed: modulesChange
    }
    if (c.providers) {
      const providersChange = i % providerStep === 0 || i % providerStep === 3
      const each = c.providers.consumersEach
      const providers = lists(i * each + Math.floor(teams / 2), each, providersChange)
      producer.providersToday = providers.today
      producer.providersDesired = providers.desired
      producer.changed ||= providersChange
    }
    return producer
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
    if (p.providersDesired) {
      lines.push('    provider-consumers:', ...p.providersDesired.map(c => `      - ${c}`))
    }
  }
  return `${lines.join('\n')}\n`
}

const KINDS = {
  list: 'organization list pages',
  filtered: 'filtered list pages (filter[module_producer])',
  providerFiltered: 'filtered list pages (filter[provider_producer])',
  consumers: 'consumer reads (GET relationships/module-consumers)',
  providers: 'provider reads (GET relationships/provider-consumers)',
  writes: 'writes',
  others: 'others'
}
/** The kinds only a case with providers has, left out of the others' tables and results. */
const PROVIDER_KINDS = [KINDS.providerFiltered, KINDS.providers]

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
    const modules = 'filter[module_producer]' in recorded.query
    const providers = 'filter[provider_producer]' in recorded.query
    if (modules && providers) return KINDS.others
    if (providers) return KINDS.providerFiltered
    return modules ? KINDS.filtered : KINDS.list
  }
  if (/^\/admin\/organizations\/[^/]+\/relationships\/module-consumers$/.test(path)) {
    return KINDS.consumers
  }
  if (/^\/admin\/organizations\/[^/]+\/relationships\/provider-consumers$/.test(path)) {
    return KINDS.providers
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
 * @param {import('./results.mjs').Recorder} record
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
async function manyProducersCase(c, record) {
  const teams = c.organizations - c.producers
  const perFile = Math.ceil(c.producers / c.files)
  const pages = Math.ceil(c.organizations / PAGE_SIZE)
  const { teamNames, producers } = scenario(c)
  const writes = producers.filter(p => p.changed).length
  // With registry-partnerships the engine reads every producer's provider list (the PUT sends
  // it, changed or back unchanged); here every producer states its providers anyway. The PUT
  // answers 204 with no body, so each write is read back: the module list, the provider list and
  // the organization (both global flags).
  const providerReads = c.api === 'registry-partnerships' ? c.producers : 0
  const readBack = c.api === 'registry-partnerships' ? 3 : 0
  const expected = pages + c.producers + providerReads + writes * (1 + readBack)
  const requestBound = c.requestSlack * expected
  const boundTerms = c.providers
    ? `${count(pages)} + ${count(c.producers)} + ${count(providerReads)} + ${count(writes)} × ${1 + readBack}`
    : `${count(pages)} + ${count(c.producers)} + ${count(c.changed)}`
  const kindsShown = Object.entries(KINDS).filter(
    ([, kind]) => c.providers || !PROVIDER_KINDS.includes(kind)
  )
  record.parameter('organizations', c.organizations)
  record.parameter('producers', c.producers)
  record.parameter('consumers-each', c.consumersEach)
  record.parameter('changed', c.changed)
  record.parameter('files', c.files)
  record.parameter('rate-limit', c.rateLimit)
  record.parameter('fake-per-second', c.fakePerSecond)
  record.parameter('list-pages', pages)
  record.parameter('goal.wall-to-floor', c.wallGoal)
  record.parameter('goal.requests', Math.floor(requestBound))
  record.parameter('goal.request-slack', c.requestSlack)
  record.parameter('goal.peak-rss-mb', c.rssGoalMb)
  record.parameter('timeout-ms', c.timeoutMs)
  if (c.providers) {
    record.parameter('api', c.api ?? null)
    record.parameter('provider-consumers-each', c.providers.consumersEach)
    record.parameter('providers-changed', c.providers.changed)
    record.parameter('writes', writes)
    record.parameter('provider-reads', providerReads)
    record.parameter('read-back-per-write', readBack)
  }
  const changes = c.providers
    ? `${count(c.changed)} module and ${count(c.providers.changed)} provider lists changed (${count(writes)} producers)`
    : `${count(c.changed)} changed`
  section(
    `${c.title}: ${count(c.producers)} producers in ${c.files} sharing files, ${changes}, ` +
      `${count(c.organizations)} organizations, rate-limit: ${c.rateLimit}${c.api ? `, api: ${c.api}` : ''}`
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
    `+ one consumer read a producer + one write a changed producer${c.providers ? ', + what providers add, below' : ''}) = ${c.requestSlack} × ${count(expected)}; peak RSS ≤ ${c.rssGoalMb} MB.`
  )
  if (c.providers) {
    const providerStep = 2 * (c.producers / c.providers.changed)
    say(
      '',
      `Providers: every producer also shares its providers with ${c.providers.consumersEach} teams, and its file states them`,
      `(provider-consumers); ${count(c.providers.changed)} of those lists change (one team swapped): at every ${providerStep}th producer from the`,
      `first, beside its module change, and from the fourth, alone. So ${count(writes)} producers are written. The run uses`,
      `api: ${c.api}, the only API that writes provider sharing: one PUT a written producer, sending both lists.`,
      `The request target grows by exactly what providers need: one provider-consumers read a producer (${count(providerReads)};`,
      `registry-partnerships reads every producer's), and after each PUT (204, no body) the read-back of both lists`,
      `and of the organization for its flags (${readBack} a write): ${c.requestSlack} × (${count(pages)} list pages`,
      `+ ${count(c.producers)} consumer reads + ${count(providerReads)} provider reads + ${count(writes)} × (1 PUT + ${readBack} read-back))`,
      `= ${c.requestSlack} × ${count(expected)}.`
    )
  }

  const build = process.env.TFE_SHARING_ACTION_UNDER_TEST || join(repoRoot, 'dist', 'index.js')
  say('', `Build under test: ${build}`)

  const setupStarted = Date.now()
  const fake = await startFakeTfe({ rateLimit: { perSecond: c.fakePerSecond } })
  const workspace = mkdtempSync(join(tmpdir(), 'bench-sharing-'))
  try {
    for (const name of teamNames) fake.addOrganization({ name })
    for (const p of producers) {
      fake.addOrganization({
        name: p.name,
        moduleConsumers: p.today,
        providerConsumers: p.providersToday
      })
    }
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
        'rate-limit': String(c.rateLimit),
        ...(c.api ? { api: c.api } : {})
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
      kindsShown.map(([, kind]) => [kind, count(kinds.get(kind) ?? 0)])
    )
    const others = otherKinds(requests)
    if (others.length > 0) {
      record.detail('requests.others', others.map(([kind, n]) => `${n}× ${kind}`).join(', '))
    }
    if (others.length > 0) {
      say('', 'Others:')
      for (const [kind, n] of others) say(`  ${count(n)}× ${kind}`)
    }

    /** @param {string[]} names */
    const same = (names, /** @type {string[]} */ want) =>
      names.join(',') === [...want].sort().join(',')
    const wrong = producers.filter(p => {
      const now = fake.org(p.name)
      if (!now || now.globalModuleSharing || now.globalProviderSharing) return true
      if (!same(now.moduleConsumers, p.desired)) return true
      return !same(now.providerConsumers, p.providersDesired ?? p.providersToday)
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
    record.figure('wall', run.durationMs, 'ms')
    record.figure('floor', floorMs, 'ms')
    record.figure('wall-to-floor', run.durationMs / floorMs, '×')
    record.figure('429s', throttled, 'responses')
    record.figure('requests', requests.length, 'requests')
    for (const [name, kind] of kindsShown) {
      record.figure(`requests.${name}`, kinds.get(kind) ?? 0, 'requests')
    }
    record.figure('peak-rss', (run.maxRssKiB * 1024) / 1e6, 'MB')
    record.figure('producers-as-files-say', c.producers - wrong.length, 'producers')
    record.figure('producers-changed-in-output', changedInOutput, 'producers')
    record.detail(
      'exit',
      run.timedOut ? `killed after ${c.timeoutMs / 1000} s` : String(run.code ?? run.signal)
    )
    /** @type {[string, string, string][]} */
    const rows = [
      ['wall time', seconds(run.durationMs), ''],
      ['floor', `${seconds(floorMs)} (${count(requests.length)} requests ÷ ${c.rateLimit}/s)`, ''],
      ['wall ÷ floor', ratio(run.durationMs / floorMs), `≤ ${c.wallGoal}×`],
      ['429s', String(throttled), '0'],
      [
        'requests',
        count(requests.length),
        `≤ ${count(Math.floor(requestBound))} (${c.requestSlack} × (${boundTerms}))`
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
        `all${c.providers ? ', modules and providers' : ''}; ${count(writes)} changed; exit code 0`
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

/** @param {{ record: import('./results.mjs').Recorder }} options */
export function manyProducers({ record }) {
  return manyProducersCase(CASES.standard, record)
}

/** @param {{ record: import('./results.mjs').Recorder }} options */
export function manyProducersProviders({ record }) {
  return manyProducersCase(CASES.providers, record)
}

/** @param {{ record: import('./results.mjs').Recorder }} options */
export function manyProducersLarge({ record }) {
  return manyProducersCase(CASES.large, record)
}
