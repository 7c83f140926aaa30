// @ts-check
// Section 4: how many round trips each kind of run waits for, one after another. On a real
// network every round trip costs the latency to TFE (tens of milliseconds to a remote instance,
// more through a proxy), so this, not the count of requests, is what a run's TFE time scales with.
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  baseInputs,
  ms,
  requestKind,
  requireSuccess,
  runAction,
  say,
  section,
  table
} from './support.mjs'
import { slug } from './results.mjs'
import { RUN_KINDS, shortKind, smallFake, startingState } from './run-kinds.mjs'

const LATENCY_MS = 50

/** @typedef {import('./support.mjs').RecordedRequest} RecordedRequest */
/** @typedef {{ recorded: RecordedRequest, arrived: number, answered: number }} Timing */

/**
 * The longest chain of requests in which each one arrived after the one before it had been
 * answered (a longest chain in the interval order): the round trips a run waits for in turn,
 * however many requests it sends side by side. Returns each request's place in such a chain
 * ending with it (1 = sent without waiting on any other answer) and the longest one.
 * @template {{ arrived: number, answered: number }} T
 * @param {T[]} timings
 * @returns {{ levels: Map<T, number>, length: number }}
 */
export function criticalPath(timings) {
  const sorted = [...timings].sort((a, b) => a.arrived - b.arrived)
  /** @type {Map<T, number>} */
  const levels = new Map()
  for (const t of sorted) {
    let before = 0
    for (const u of sorted) {
      if (u.answered <= t.arrived) before = Math.max(before, levels.get(u) ?? 0)
    }
    levels.set(t, before + 1)
  }
  return { levels, length: Math.max(0, ...levels.values()) }
}

/**
 * @param {{ record: import('./results.mjs').Recorder }} options
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
export async function roundTrips({ record }) {
  record.parameter('latency-ms', LATENCY_MS)
  section('4. Round trips on the critical path')
  say(
    'Method: one run of dist/index.js per kind of run (runAction), against a fake TFE that waits',
    `${LATENCY_MS} ms before it answers each request (an intercept that sleeps, then lets the fake route`,
    'the request as usual): a round trip to a TFE some distance away. For each request the',
    "bench records, on the fake's side, when it arrived (head and body read, before the wait) and",
    "when it was answered (the response's 'finish'). Round trips = the longest chain of requests",
    'in which each arrived after the previous one had been answered: requests sent side by side',
    'count once. TFE time = first arrival to last answer, in multiples of the latency',
    `(÷ ${LATENCY_MS} ms, rounded) and in ms; what it has over round trips × ${LATENCY_MS} ms is the`,
    "action's own time between an answer and its next request. The runs are those of section 2:",
    ...startingState()
  )

  /** @type {unknown[][]} */
  const rows = []
  /** @type {[string, string[]][]} */
  const waves = []
  /** @type {Record<string, { requests: number, roundTrips: number }>} */
  const byLabel = {}
  for (const [label, makeInputs, producer] of RUN_KINDS) {
    const { fake, idOf } = await smallFake(producer)
    try {
      /** @type {Timing[]} */
      const timings = []
      fake.intercept(async (_req, res, recorded) => {
        const t = { recorded, arrived: performance.now(), answered: NaN }
        timings.push(t)
        res.once('finish', () => {
          t.answered = performance.now()
        })
        await sleep(LATENCY_MS)
        return undefined // the fake answers as usual
      })
      requireSuccess(await runAction(baseInputs(fake, makeInputs(idOf))), `round trips: ${label}`)
      if (timings.some(t => !Number.isFinite(t.answered))) {
        throw new Error(`round trips: ${label}: a request was never answered; figures skipped`)
      }
      const { levels, length } = criticalPath(timings)
      const first = Math.min(...timings.map(t => t.arrived))
      const last = Math.max(...timings.map(t => t.answered))
      const tfe = timings.length ? last - first : 0
      byLabel[label] = { requests: timings.length, roundTrips: length }
      rows.push([
        label,
        timings.length,
        length,
        `${Math.round(tfe / LATENCY_MS)} × ${LATENCY_MS} ms (${ms(tfe)})`
      ])
      const steps = Array.from({ length }, (_, i) =>
        timings
          .filter(t => levels.get(t) === i + 1)
          .map(t => shortKind(requestKind(t.recorded)))
          .join(' ‖ ')
      )
      waves.push([label, steps])
      const key = `run.${slug(label)}`
      record.figure(`${key}.requests`, timings.length, 'requests')
      record.figure(`${key}.round-trips`, length, 'round trips')
      record.figure(`${key}.tfe-time`, tfe, 'ms')
      record.detail(key, steps.join(' → '))
    } finally {
      await fake.close()
    }
  }

  say('')
  table(['run', 'requests', 'round trips on the critical path', 'TFE time'], rows)
  say(
    '',
    'The chain, wave by wave (‖: side by side; each wave sent after the answers of the one',
    'before; paths relative to /api/v2/admin/organizations, :producer the organization input):'
  )
  for (const [label, steps] of waves) say(`${label}:`, ...steps.map((w, i) => `  ${i + 1}. ${w}`))

  const ids = byLabel['set by ids (3)']
  return [
    [
      'round trips: set by ids (3)',
      ids ? `${ids.roundTrips} (${ids.requests} requests)` : 'n/a',
      '2 (reads side by side, then PATCH)'
    ]
  ]
}
