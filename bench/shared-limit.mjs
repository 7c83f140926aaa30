// @ts-check
// Section 7: several runs of one admin against one rate limit. TFE's 30 requests a second are
// per user, shared by every token, run and automation of that user (docs/tfe-api.md#rate-limiting),
// so two workflows that run at once spend one budget. The fake TFE's rate limit is per user, all
// tokens of the user together: every run here has its own token of the same site admin, so all
// of them draw on one bucket of 30 requests a second. Cases: two equal runs started together,
// four equal runs started together, and one run alone at rate-limit: 60 against one at the
// default 20. Wall time of each run against the shared floor (requests TFE accepted from all the
// runs together ÷ 30), and 429s. Figures, not verdicts: the targets are shown beside them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { count, ratio, repoRoot, runAction, say, section, startFakeTfe, table } from './support.mjs'

/** @typedef {{ name: string, today: string[], desired: string[], changed: boolean }} Producer */
/**
 * One run's figures.
 * @typedef {object} RunFigures
 * @property {number} rateLimit
 * @property {number} durationMs
 * @property {number} requests The fake's record of the run's token, 429s included.
 * @property {number | undefined} limited The run's own count of 429s (undefined: not logged).
 * @property {number} wrong Producers of the run not as its file says afterwards.
 * @property {string} failure Empty when the run succeeded.
 * @property {boolean} killed
 */

/** TFE's default limit, requests a second per user. */
const TFE_PER_SECOND = 30
/**
 * Producers each run manages (one sharing file each): 120, as in the trial that found the
 * collapse, for two runs; 60 for four. A files run also reads every other organization that
 * shares (to name those no file manages), the other runs' producers too, so every run of a case
 * sends about 275 requests either way. 240 for the runs alone, about 300 requests.
 */
const PRODUCERS = { two: 120, four: 60, alone: 240 }
/** Every CHANGE_EVERY-th producer of a run has one consumer swapped in its file. */
const CHANGE_EVERY = 5
const TEAMS = 400
const CONSUMERS_EACH = 3
/** Each run's wait before it is killed; far above the slowest expected (four runs: ~40 s). */
const RUN_TIMEOUT_MS = 180_000
/** Each run ≤ this × the shared floor. */
const SHARED_GOAL = 1.3

const pad = (/** @type {string} */ prefix, /** @type {number} */ i) =>
  `${prefix}-${String(i + 1).padStart(4, '0')}`
const seconds = (/** @type {number} */ value) => `${(value / 1000).toFixed(2)} s`

/**
 * The producers of run `r` (of `runs`): each shares with CONSUMERS_EACH teams; every
 * CHANGE_EVERY-th is changed in its file (its last consumer swapped for the next team).
 * @param {number} r
 * @param {number} perRun
 * @returns {Producer[]}
 */
function producersOf(r, perRun) {
  return Array.from({ length: perRun }, (_, i) => {
    const n = r * perRun + i
    const today = Array.from({ length: CONSUMERS_EACH }, (_, k) =>
      pad('team', (n * CONSUMERS_EACH + k) % TEAMS)
    )
    const changed = i % CHANGE_EVERY === 0
    const desired = changed
      ? [...today.slice(0, -1), pad('team', (n * CONSUMERS_EACH + CONSUMERS_EACH) % TEAMS)]
      : today
    return { name: pad(`run${r + 1}-producer`, i), today, desired, changed }
  })
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

/**
 * The action's own count, logged at the end of a files run: "N requests, M rate-limited (429)".
 * @param {string} stdout
 */
function ownCounts(stdout) {
  const m = /(\d+) requests?, (\d+) rate-limited \(429\)/.exec(stdout)
  return m ? { sent: Number(m[1]), limited: Number(m[2]) } : undefined
}

/**
 * Starts `rateLimits.length` runs together against one fresh fake (one bucket of 30 a second),
 * run i at rate-limit rateLimits[i], each with its own token of the same admin and its own
 * producers. Returns one row of figures per run and what all of them sent together.
 * @param {number[]} rateLimits
 * @param {number} perRun
 * @returns {Promise<{ rows: RunFigures[], accepted: number, received: number, throttled: number,
 *   allMs: number }>}
 */
async function runTogether(rateLimits, perRun) {
  const fake = await startFakeTfe({ rateLimit: { perSecond: TFE_PER_SECOND } })
  /** @type {string[]} */
  const workspaces = []
  try {
    for (let t = 0; t < TEAMS; t++) fake.addOrganization({ name: pad('team', t) })
    const runs = rateLimits.map((rateLimit, r) => {
      const producers = producersOf(r, perRun)
      for (const p of producers) fake.addOrganization({ name: p.name, moduleConsumers: p.today })
      const workspace = mkdtempSync(join(tmpdir(), 'bench-shared-'))
      workspaces.push(workspace)
      mkdirSync(join(workspace, 'sharing'))
      writeFileSync(join(workspace, 'sharing', 'producers.yml'), sharingFileText(producers))
      return { rateLimit, producers, workspace, token: fake.issueToken('admin') }
    })
    const started = Date.now()
    const results = await Promise.all(
      runs.map(r =>
        runAction(
          {
            config: 'sharing/*.yml',
            hostname: fake.url,
            token: r.token,
            'rate-limit': String(r.rateLimit)
          },
          { env: { GITHUB_WORKSPACE: r.workspace }, timeoutMs: RUN_TIMEOUT_MS }
        )
      )
    )
    const allMs = Date.now() - started
    const received = fake.requests.length
    const throttled = fake.throttled
    const accepted = received - throttled
    const rows = runs.map((r, i) => {
      const run = results[i]
      if (!run) throw new Error(`bench: no result for run ${i + 1}`)
      const mine = fake.requests.filter(q => q.headers.authorization === `Bearer ${r.token}`)
      const own = ownCounts(run.stdout)
      const wrong = r.producers.filter(
        p => (fake.org(p.name)?.moduleConsumers ?? []).join(',') !== [...p.desired].sort().join(',')
      ).length
      const failure =
        run.code === 0 && !run.timedOut
          ? ''
          : run.timedOut
            ? `killed after ${RUN_TIMEOUT_MS / 1000} s`
            : `exit code ${run.code}: ${run.annotations.find(a => a.command === 'error')?.message ?? run.stderr.trim().split('\n').slice(-1)[0]}`
      return {
        rateLimit: r.rateLimit,
        durationMs: run.durationMs,
        requests: mine.length,
        limited: own?.limited,
        wrong,
        failure,
        killed: run.timedOut
      }
    })
    return { rows, accepted, received, throttled, allMs }
  } finally {
    await fake.close()
    for (const w of workspaces) rmSync(w, { recursive: true, force: true })
  }
}

/** @typedef {import('./results.mjs').Recorder} Recorder */

/**
 * Two or four equal runs started together: each against the floor of all of them.
 * @param {number} n
 * @param {number} perRun
 * @param {string[][]} summary Rows added: what, figure, target.
 * @param {Recorder} record
 */
async function equalRuns(n, perRun, summary, record) {
  const { rows, accepted, received, throttled, allMs } = await runTogether(
    Array.from({ length: n }, () => 20),
    perRun
  )
  const floorMs = (accepted * 1000) / TFE_PER_SECOND
  say('')
  say(
    `${n} runs at rate-limit: 20 started together, ${perRun} producers each: ${count(received)} requests received, ` +
      `${count(throttled)} answered 429, ${count(accepted)} accepted; all done after ${seconds(allMs)}.`,
    `Shared floor: ${count(accepted)} accepted ÷ ${TFE_PER_SECOND}/s = ${seconds(floorMs)}.`,
    ...(rows.some(row => row.killed)
      ? [
          'A run was killed: the floor counts only what was accepted before, so its ratio is a lower bound (≥).'
        ]
      : [])
  )
  table(
    ['run', 'wall time', 'wall ÷ shared floor', 'target', 'requests', '429s', 'outcome'],
    rows.map((row, i) => [
      `${i + 1} of ${n}`,
      seconds(row.durationMs),
      `${row.killed ? '≥ ' : ''}${ratio(row.durationMs / floorMs)}`,
      `≤ ${SHARED_GOAL}×`,
      count(row.requests),
      row.limited === undefined ? 'n/a' : count(row.limited),
      outcome(row)
    ])
  )
  const worst = Math.max(...rows.map(row => row.durationMs / floorMs))
  const killed = rows.some(row => row.killed) ? '≥ ' : ''
  const key = `together-${n}`
  record.parameter(`${key}.producers-each`, perRun)
  record.figure(`${key}.received`, received, 'requests')
  record.figure(`${key}.429s`, throttled, 'responses')
  record.figure(`${key}.accepted`, accepted, 'requests')
  record.figure(`${key}.shared-floor`, floorMs, 'ms')
  record.figure(`${key}.all-done`, allMs, 'ms')
  record.figure(`${key}.slowest-to-shared-floor`, worst, '×')
  rows.forEach((row, i) => {
    const run = `${key}.run-${i + 1}`
    record.figure(`${run}.wall`, row.durationMs, 'ms')
    record.figure(`${run}.wall-to-shared-floor`, row.durationMs / floorMs, '×')
    record.figure(`${run}.requests`, row.requests, 'requests')
    record.figure(`${run}.429s`, row.limited ?? null, 'responses')
    record.detail(`${run}.outcome`, outcome(row))
  })
  summary.push(
    [`${n} runs together: slowest ÷ shared floor`, `${killed}${ratio(worst)}`, `≤ ${SHARED_GOAL}×`],
    [`${n} runs together: 429s`, count(throttled), '']
  )
}

/**
 * What became of a run: killed, failed, or TFE as its file says (or how many producers not).
 * @param {RunFigures} row
 */
function outcome(row) {
  return (
    row.failure || (row.wrong === 0 ? 'ok: TFE as the files say' : `${row.wrong} producers wrong`)
  )
}

/**
 * One run alone at rate-limit: 60 (above TFE's 30), one alone at the default 20.
 * @param {string[][]} summary Rows added: what, figure, target.
 * @param {Recorder} record
 */
async function fastVersusDefault(summary, record) {
  /** @type {(RunFigures & { accepted: number, throttled: number })[]} */
  const results = []
  for (const rateLimit of [20, 60]) {
    const { rows, accepted, throttled } = await runTogether([rateLimit], PRODUCERS.alone)
    const [row] = rows
    if (!row) throw new Error(`bench: no result for the run at rate-limit: ${rateLimit}`)
    results.push({ ...row, accepted, throttled })
  }
  say('')
  say(`One run alone at a time, a fresh fake each, ${PRODUCERS.alone} producers:`)
  table(
    ['rate-limit', 'wall time', 'floor', 'wall ÷ floor', 'requests', '429s', 'outcome'],
    results.map(r => {
      const floorMs = (r.accepted * 1000) / Math.min(r.rateLimit, TFE_PER_SECOND)
      return [
        String(r.rateLimit),
        seconds(r.durationMs),
        `${seconds(floorMs)} (${count(r.accepted)} ÷ ${Math.min(r.rateLimit, TFE_PER_SECOND)}/s)`,
        `${r.killed ? '≥ ' : ''}${ratio(r.durationMs / floorMs)}`,
        count(r.requests),
        count(r.throttled),
        outcome(r)
      ]
    })
  )
  record.parameter('alone.producers', PRODUCERS.alone)
  for (const r of results) {
    const key = `alone-${r.rateLimit}`
    const floorMs = (r.accepted * 1000) / Math.min(r.rateLimit, TFE_PER_SECOND)
    record.figure(`${key}.wall`, r.durationMs, 'ms')
    record.figure(`${key}.floor`, floorMs, 'ms')
    record.figure(`${key}.wall-to-floor`, r.durationMs / floorMs, '×')
    record.figure(`${key}.requests`, r.requests, 'requests')
    record.figure(`${key}.429s`, r.throttled, 'responses')
    record.detail(`${key}.outcome`, outcome(r))
  }
  const [standard, fast] = results
  if (!standard || !fast) return
  // A killed run's wall time is a lower bound of what it would have taken.
  const fastRatio = `${fast.killed ? '≥ ' : ''}${ratio(fast.durationMs / standard.durationMs)}`
  say(`rate-limit: 60 ÷ rate-limit: 20, wall time: ${fastRatio} (target ≤ 1×)`)
  record.figure('alone-60-to-alone-20', fast.durationMs / standard.durationMs, '×')
  summary.push(
    ['rate-limit: 60 alone ÷ rate-limit: 20 alone', fastRatio, '≤ 1×'],
    ['rate-limit: 60 alone: 429s', count(fast.throttled), '']
  )
}

/**
 * @param {{ record: Recorder }} options
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
export async function sharedLimit({ record }) {
  record.parameter('tfe-per-second', TFE_PER_SECOND)
  record.parameter('teams', TEAMS)
  record.parameter('consumers-each', CONSUMERS_EACH)
  record.parameter('change-every', CHANGE_EVERY)
  record.parameter('run-timeout-ms', RUN_TIMEOUT_MS)
  record.parameter('goal.wall-to-shared-floor', SHARED_GOAL)
  section(
    `7. One rate limit, several runs: ${TFE_PER_SECOND} requests a second per user shared by every run`
  )
  say(
    `Method: a fresh fake TFE per case, enforcing ${TFE_PER_SECOND} requests a second per user (rateLimit: { perSecond: ${TFE_PER_SECOND} }):`,
    'at most 30 accepted in any second, the rest answered 429 with X-RateLimit-Reset. Every run has its own',
    'token (issueToken) of the same site admin, so every run draws on one bucket, as on TFE. The fake holds',
    `${TEAMS} teams and each run's producers (${PRODUCERS.two} a run of two, ${PRODUCERS.four} of four, ${PRODUCERS.alone} alone), each sharing with ${CONSUMERS_EACH}`,
    `teams; each run has one sharing file of its own producers, every ${CHANGE_EVERY}th with one consumer swapped (a files run`,
    "also reads the other runs' producers, which share too). Runs are the built action (dist/index.js unless",
    `${'$'}TFE_SHARING_ACTION_UNDER_TEST names another build) spawned by runAction as a runner does, started`,
    `together (Promise.all), each killed after ${RUN_TIMEOUT_MS / 1000} s. Wall time is runAction's durationMs (spawn to 'close').`,
    `The shared floor is the requests TFE accepted from all the runs together ÷ ${TFE_PER_SECOND}: the least the last of them`,
    `can take. Requests per run are the fake's record by token (429s included); 429s per run are the run's own`,
    `log line ("N requests, M rate-limited (429)"). Targets: each run ≤ ${SHARED_GOAL} × the shared floor; a run at`,
    'rate-limit: 60 no slower than one at the default 20.'
  )
  const build = process.env.TFE_SHARING_ACTION_UNDER_TEST || join(repoRoot, 'dist', 'index.js')
  say('', `Build under test: ${build}`)
  /** @type {string[][]} */
  const summary = []
  await equalRuns(2, PRODUCERS.two, summary, record)
  await equalRuns(4, PRODUCERS.four, summary, record)
  await fastVersusDefault(summary, record)
  return summary
}
