// @ts-check
// Section 2: how many requests each kind of run sends, and what each one is for. Requests count
// against TFE's 30/second per admin user, shared with every other automation of that user, so
// this is the figure that matters on a busy instance more than milliseconds.
import {
  PAGE_SIZE,
  PRODUCER,
  baseInputs,
  count,
  describeRequests,
  requireSuccess,
  runAction,
  say,
  section,
  startFakeTfe,
  summarizeRequests,
  table
} from './support.mjs'
import { slug } from './results.mjs'
import { RUN_KINDS, shortKind, smallFake, startingState } from './run-kinds.mjs'

/**
 * (N names, O organizations in TFE, the producer included).
 * @type {[number, number][]}
 */
const RESOLUTION_CASES = [
  [3, 50],
  [2, 1000],
  [3, 1000],
  [50, 1000],
  [500, 1000],
  [1000, 5000]
]

/**
 * @param {{ record: import('./results.mjs').Recorder }} options
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
export async function requestsPerRun({ record }) {
  section('2. Requests per run')
  say(
    "Method: one run of dist/index.js per row (runAction, as in section 1); the count is the fake's",
    'record of the requests it received during that run (fake.requests), retries included, so it',
    'is what TFE would see. Paths are relative to /api/v2; :producer is the organization input,',
    ':consumer any other organization, page numbers are n (every list request also sends',
    'page[size]=100). api is module-consumers unless said.',
    '',
    ...startingState('Small runs: ')
  )

  /** @type {string[][]} */
  const summary = []
  for (const [label, makeInputs, producer] of RUN_KINDS) {
    const { fake, idOf } = await smallFake(producer)
    try {
      requireSuccess(await runAction(baseInputs(fake, makeInputs(idOf))), label)
      const requests = [...fake.requests]
      say('', `${label}: ${requests.length} requests`)
      // Two lines a request kind rather than a table: paths and reasons together are too wide.
      const groups = describeRequests(requests)
      for (const group of groups) {
        say(`  ${group.count}× ${group.kind}`, `       ${group.reason}`)
      }
      summary.push([`requests: ${label}`, String(requests.length), ''])
      record.figure(`run.${slug(label)}`, requests.length, 'requests')
      record.detail(
        `run.${slug(label)}`,
        groups.map(g => `${g.count}× ${shortKind(g.kind)}`).join(', ')
      )
    } finally {
      await fake.close()
    }
  }

  say(
    '',
    'Name resolution at scale: a fresh fake holding O organizations (O − 1 named team-0001 … in',
    `list order, then ${PRODUCER}, with no consumers); one run sets N of the teams by name`,
    '(default api). The names are spread evenly over the list: name i is team number',
    '⌊(i + ½)·(O − 1)/N⌋ + 1, so few of them sit on the first list page. Lookups = GET',
    '/admin/organizations?page… plus GET /admin/organizations/:consumer; the other requests are',
    `GET :producer, its relationships page(s) and the PATCH. P = ⌈O/${PAGE_SIZE}⌉ list pages;`,
    'bound = min(N, P + 1), the figure asked for; "doc bound" = min(N, P) + 1, the one',
    "findOrganizations' comment promises (src/tfe/organizations.ts)."
  )
  /** @type {unknown[][]} */
  const resolution = []
  for (const [n, o] of RESOLUTION_CASES) {
    const fake = await startFakeTfe()
    try {
      const teams = fake.addOrganizations(o - 1, 'team')
      fake.addOrganization({ name: PRODUCER })
      const picks = Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * (o - 1)) / n))
      const names = picks.map(i => teams[i]?.name ?? '')
      const label = `N=${n}, O=${o}`
      const run = requireSuccess(
        await runAction(baseInputs(fake, { consumers: names.join('\n') }), { timeoutMs: 60_000 }),
        label
      )
      const set = JSON.parse(run.outputs['consumer-ids'] ?? '[]').length
      const counts = summarizeRequests(fake.requests)
      const pages = Math.ceil(o / PAGE_SIZE)
      const bound = Math.min(n, pages + 1)
      const over = counts.lookups - bound
      resolution.push([
        count(n),
        count(o),
        pages,
        picks.filter(i => i < PAGE_SIZE).length,
        counts.lookups,
        bound,
        over > 0 ? `+${over}` : String(over),
        Math.min(n, pages) + 1,
        counts.total,
        count(set)
      ])
      summary.push([`lookups: ${label}`, `${counts.lookups} (total ${counts.total})`, `≤ ${bound}`])
      const key = `resolve.${n}-of-${o}`
      record.figure(`${key}.lookups`, counts.lookups, 'requests')
      record.figure(`${key}.requests`, counts.total, 'requests')
      record.figure(`${key}.set`, set, 'consumers')
      record.figure(`${key}.on-first-page`, picks.filter(i => i < PAGE_SIZE).length, 'names')
      record.parameter(`${key}.bound`, bound)
      record.parameter(`${key}.pages`, pages)
    } finally {
      await fake.close()
    }
  }
  say('')
  table(
    [
      'N',
      'O',
      'P',
      'on page 1',
      'lookups',
      'bound',
      'lookups − bound',
      'doc bound',
      'requests in all',
      'consumers set'
    ],
    resolution
  )
  return summary
}
