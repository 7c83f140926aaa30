// Section 5: sharing as code at the scale a platform team runs it: 500 producers in 5 sharing
// files, 100 of them changed, against a fake TFE that enforces TFE's 30 requests a second, at
// rate-limit: 25. Wall time, 429s, requests (and what they were for), peak RSS, and whether TFE
// ends up as the files say, each beside its target from issue 9. Measured, not judged: a missed
// target prints MISS and the bench goes on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  PAGE_SIZE,
  count,
  mb,
  mib,
  ms,
  runWithRss,
  say,
  section,
  startFakeTfe,
  table
} from './support.mjs'

const ORGANIZATIONS = 1500
const PRODUCERS = 500
const CONSUMERS_EACH = 5
const CHANGED = 100
const FILES = 5
const RATE_LIMIT = 25
const RSS_TARGET_MB = 150
const TIMEOUT_MS = 300_000

const pad = i => String(i).padStart(4, '0')
const producerName = i => `producer-${pad(i + 1)}`
const teamName = i => `team-${pad(i + 1)}`

/**
 * Producer i shares with the five teams from 5i on (wrapping), so every team consumes from a few
 * producers. Every (PRODUCERS / CHANGED)th producer is changed in the files: its last consumer is
 * swapped for the team after its five, which it does not share with yet.
 */
function scenario() {
  const teams = ORGANIZATIONS - PRODUCERS
  const step = PRODUCERS / CHANGED
  return Array.from({ length: PRODUCERS }, (_, i) => {
    const today = Array.from({ length: CONSUMERS_EACH }, (_, k) =>
      teamName((i * CONSUMERS_EACH + k) % teams)
    )
    const changed = i % step === 0
    const desired = changed
      ? [...today.slice(0, -1), teamName((i * CONSUMERS_EACH + CONSUMERS_EACH) % teams)]
      : today
    return { name: producerName(i), today, desired, changed }
  })
}

/** A sharing file written out by hand: the bench uses Node built-ins only (no yaml package). */
function sharingFileText(producers) {
  const lines = ['version: 1', 'producers:']
  for (const p of producers) {
    lines.push(`  ${p.name}:`, '    consumers:', ...p.desired.map(c => `      - ${c}`))
  }
  return `${lines.join('\n')}\n`
}

/** What a request was for, in the terms of the requests target. */
function requestKind(recorded) {
  const path = recorded.path.replace(/^\/api\/v2/, '')
  if (recorded.method !== 'GET' && recorded.method !== 'HEAD') return 'writes'
  if (path === '/admin/organizations') {
    return 'filter[module_producer]' in recorded.query
      ? 'filtered organization list pages'
      : 'organization list pages'
  }
  if (/^\/admin\/organizations\/[^/]+\/relationships\/module-consumers$/.test(path)) {
    return 'relationships/module-consumers GETs'
  }
  return 'others'
}

/** The requests of kind 'others', as method + path with organization names folded. */
function otherKinds(requests) {
  const counts = new Map()
  for (const recorded of requests) {
    if (requestKind(recorded) !== 'others') continue
    const path = recorded.path
      .replace(/^\/api\/v2/, '')
      .replace(/^(\/admin\/organizations\/)[^/]+/, '$1:org')
    const kind = `${recorded.method} ${path}`
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])
}

const verdict = ok => (ok ? 'PASS' : 'MISS')

export async function manyProducers() {
  section(`5. Many producers: ${PRODUCERS} producers in ${FILES} sharing files, ${CHANGED} changed`)
  const pages = Math.ceil(ORGANIZATIONS / PAGE_SIZE)
  const expected = pages + PRODUCERS + CHANGED
  say(
    `Method: a fresh fake TFE enforcing 30 requests a second per user (rateLimit: true), holding`,
    `${count(ORGANIZATIONS)} organizations: ${count(ORGANIZATIONS - PRODUCERS)} teams and ${PRODUCERS} producers sharing with ${CONSUMERS_EACH} teams each. ${FILES} sharing`,
    `files in a temporary workspace state every producer; for ${CHANGED} of them (every`,
    `${PRODUCERS / CHANGED}th) one consumer is swapped for another team. One run of the built action (dist/index.js`,
    `unless ${'$'}TFE_SHARING_ACTION_UNDER_TEST names another build) with config: sharing/*.yml and`,
    `rate-limit: ${RATE_LIMIT}, spawned by runAction with the peak-RSS preload (bench/peak-rss.mjs). Wall time`,
    "is runAction's durationMs (spawn to 'close'); requests and 429s are the fake's record, so",
    'they are what TFE would see. Targets (issue 9): wall ≤ 1.15 × requests ÷ rate-limit;',
    `no 429; requests ≤ 1.1 × (${pages} list pages of ${PAGE_SIZE} + one consumer read a producer + one write a`,
    `changed producer) = 1.1 × ${expected}; peak RSS ≤ ${RSS_TARGET_MB} MB.`
  )

  const producers = scenario()
  const fake = await startFakeTfe({ rateLimit: true })
  const workspace = mkdtempSync(join(tmpdir(), 'bench-sharing-'))
  try {
    for (let i = 0; i < ORGANIZATIONS - PRODUCERS; i++) fake.addOrganization({ name: teamName(i) })
    for (const p of producers) fake.addOrganization({ name: p.name, moduleConsumers: p.today })
    mkdirSync(join(workspace, 'sharing'))
    const perFile = Math.ceil(PRODUCERS / FILES)
    for (let f = 0; f < FILES; f++) {
      writeFileSync(
        join(workspace, 'sharing', `part-${f + 1}.yml`),
        sharingFileText(producers.slice(f * perFile, (f + 1) * perFile))
      )
    }

    const run = await runWithRss(
      {
        config: 'sharing/*.yml',
        hostname: fake.url,
        token: fake.adminToken,
        'rate-limit': String(RATE_LIMIT)
      },
      { env: { GITHUB_WORKSPACE: workspace }, timeoutMs: TIMEOUT_MS }
    )
    const requests = [...fake.requests]
    const throttled = fake.throttled

    if (run.code !== 0 || run.timedOut) {
      const error = run.annotations.find(a => a.command === 'error')?.message
      say(
        '',
        `The run failed (${run.timedOut ? 'timed out' : `exit code ${run.code}`}): ${
          error ?? run.stderr.trim().split('\n').slice(-3).join(' | ')
        }`
      )
    }

    const kinds = new Map()
    for (const recorded of requests) {
      const kind = requestKind(recorded)
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
    }
    say('', `Requests by kind (${requests.length} in all, 429s included):`)
    table(
      ['kind', 'requests'],
      [
        'organization list pages',
        'filtered organization list pages',
        'relationships/module-consumers GETs',
        'writes',
        'others'
      ].map(kind => [kind, kinds.get(kind) ?? 0])
    )
    const others = otherKinds(requests)
    if (others.length > 0) {
      say('', 'Others:')
      for (const [kind, n] of others) say(`  ${n}× ${kind}`)
    }

    const wrong = producers.filter(p => {
      const now = fake.org(p.name)?.moduleConsumers ?? []
      return now.join(',') !== [...p.desired].sort().join(',')
    })
    const results = JSON.parse(run.outputs.producers ?? '[]')
    const changedInOutput = results.filter(r => r.result === 'changed').length

    const wallBoundMs = (1.15 * requests.length * 1000) / RATE_LIMIT
    const requestBound = 1.1 * expected
    const rssMb = (run.maxRssKiB * 1024) / 1e6
    const rows = [
      [
        'wall time',
        `${ms(run.durationMs)}`,
        `≤ ${ms(wallBoundMs)} (1.15 × ${requests.length} ÷ ${RATE_LIMIT})`,
        verdict(run.durationMs <= wallBoundMs)
      ],
      ['429s', String(throttled), '0', verdict(throttled === 0)],
      [
        'requests',
        String(requests.length),
        `≤ ${requestBound.toFixed(1)} (1.1 × (${pages} + ${PRODUCERS} + ${CHANGED}))`,
        verdict(requests.length <= requestBound)
      ],
      [
        'peak RSS',
        `${mb(run.maxRssKiB)} (${mib(run.maxRssKiB)})`,
        `≤ ${RSS_TARGET_MB} MB`,
        verdict(rssMb <= RSS_TARGET_MB)
      ],
      [
        'TFE as the files say',
        `${PRODUCERS - wrong.length} of ${PRODUCERS} producers; ${changedInOutput} changed in the producers output`,
        `all; ${CHANGED} changed`,
        verdict(wrong.length === 0 && changedInOutput === CHANGED && run.code === 0)
      ]
    ]
    say('')
    table(['figure', 'value', 'target', 'verdict'], rows)
    if (wrong.length > 0) {
      say(
        '',
        `Not as the files say: ${wrong
          .slice(0, 10)
          .map(p => p.name)
          .join(', ')}`
      )
    }
    return rows.map(([figure, value, target, ok]) => [
      `many producers: ${figure}`,
      value,
      `${target} ${ok}`
    ])
  } finally {
    await fake.close()
    rmSync(workspace, { recursive: true, force: true })
  }
}
