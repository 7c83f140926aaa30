// @ts-check
// `npm run bench`: figures about the built action (dist/index.js) against the fake TFE on
// 127.0.0.1, nothing beyond loopback. It prints measurements and the method behind each; it
// judges nothing (targets are shown next to the figures, for the reader). Node built-ins only,
// so it runs on a fresh clone before `npm ci`, like scripts/demo.mjs. Each section that completes
// also writes its figures, with the date, the machine and the command, to
// bench/results/<section>.json (bench/results.mjs), which is committed: docs/performance.md is
// generated from those files by `npm run bench:docs`. A section run alone rewrites only its own
// file; --no-save writes none (a trial run, or a run against a --baseline build).
//
//   npm run bench                                # every section
//   npm run bench -- --only cold-start --runs 40
//   npm run bench -- --only cold-start --runs 30 --baseline ../before/dist/index.js
//   npm run bench -- --only requests,scale
//   npm run bench -- --only round-trips
//   npm run bench -- --only many-producers
//   npm run bench -- --only many-producers-providers   # providers too, registry-partnerships, about 70 s
//   npm run bench -- --only many-producers-large   # 5,000 producers, about 30 s
//   npm run bench -- --only shared-limit           # runs of one admin sharing 30/s, about 2 min
//   npm run bench -- --only scale --no-save        # prints the figures, writes no result file
import { existsSync, statSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { coldStart } from './cold-start.mjs'
import { manyProducers, manyProducersLarge, manyProducersProviders } from './many-producers.mjs'
import { requestsPerRun } from './requests.mjs'
import { Recorder, commandLine, commitOf, loadAverage, machine, saveResult } from './results.mjs'
import { roundTrips } from './round-trips.mjs'
import { scale } from './scale.mjs'
import { sharedLimit } from './shared-limit.mjs'
import { distJavaScriptBytes, repoRoot, section, table } from './support.mjs'

/** @typedef {{ runs: number, warmups: number, baseline?: string, record: Recorder }} SectionOptions */
/**
 * Each section takes the run's options and returns its rows of the summary: what, figure, target.
 * What it measured it also gives `record` (figure, parameter, detail), for its results file.
 * @type {Record<string, (options: SectionOptions) => Promise<string[][]>>}
 */
const SECTIONS = {
  'cold-start': coldStart,
  requests: requestsPerRun,
  scale,
  'round-trips': roundTrips,
  'many-producers': manyProducers,
  'many-producers-providers': manyProducersProviders,
  'many-producers-large': manyProducersLarge,
  'shared-limit': sharedLimit
}
// Every child has its own timeout; this catches anything else (a fake that stops answering the
// bench itself), so the whole run is bounded in time too.
const WATCHDOG_MS = 10 * 60_000
const USAGE = `usage: node bench/run.mjs [--only ${Object.keys(SECTIONS).join(',')}] [--runs N] [--warmups N] [--no-save]
  --only     sections to run, comma-separated or repeated (default: all)
  --no-save  print the figures only: write no bench/results/<section>.json (default: each
             section that completes rewrites its own file)
  --runs     measured cold-start runs per variant, 1-500 (default 20)
  --warmups  cold-start warm-up rounds, 0-50 (default 2)
  --baseline another build's dist/index.js (e.g. a worktree of the commit before): cold start
             runs it too, in turn with this one, and compares the two pair by pair`

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`${message}\n${USAGE}`)
  process.exit(2)
}

/**
 * @param {string | undefined} raw
 * @param {string} name
 * @param {number} min
 * @param {number} max
 * @param {number} fallback
 */
function integer(raw, name, min, max, fallback) {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`)
  }
  return value
}

/** @type {{ only?: string[], runs?: string, warmups?: string, baseline?: string, 'no-save'?: boolean, help?: boolean }} */
let args = {}
try {
  args = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      warmups: { type: 'string' },
      baseline: { type: 'string' },
      'no-save': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  }).values
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
if (args.help) {
  console.log(USAGE)
  process.exit(0)
}
const only = (args.only ?? Object.keys(SECTIONS)).flatMap(v => v.split(',')).filter(Boolean)
const unknown = only.filter(name => !(name in SECTIONS))
if (unknown.length > 0) fail(`unknown section: ${unknown.join(', ')}`)
const options = {
  runs: integer(args.runs, 'runs', 1, 500, 20),
  warmups: integer(args.warmups, 'warmups', 0, 50, 2),
  baseline: args.baseline === undefined ? undefined : resolve(args.baseline)
}
const save = !args['no-save']
const command = commandLine(process.argv.slice(2))
if (options.baseline !== undefined && !existsSync(options.baseline)) {
  fail(`--baseline: ${options.baseline} does not exist`)
}

if (!existsSync(join(repoRoot, 'dist', 'index.js'))) {
  console.error('dist/index.js does not exist yet: build it with `npm run bundle`, then re-run.')
  process.exit(1)
}

setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; giving up`)
  process.exit(1)
}, WATCHDOG_MS).unref()

// The figures are of one build: a dist/ rebuilt while the bench runs (by another process in the
// same tree) would mix two. Compared at the end, by name, size and modification time.
function distStamp() {
  try {
    return distJavaScriptBytes()
      .files.map(f => `${f.path}:${f.size}:${statSync(join(repoRoot, f.path)).mtimeMs}`)
      .join(' ')
  } catch {
    return 'dist/ unreadable' // being rebuilt: removed, or half written
  }
}
const distAtStart = distStamp()

const started = Date.now()
const cpu = cpus()[0]?.model ?? 'unknown CPU'
// Timings are only as quiet as the machine: the load average tells a reader how quiet it was.
const load = () => loadavg()[0]?.toFixed(2) ?? 'n/a'
console.log(
  `TFE module sharing: benchmark of dist/index.js against the fake TFE on 127.0.0.1\n` +
    `Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpu}; ` +
    `load average (1 min) ${load()}`
)

/** @type {string[][]} */
const summary = []
// Sections run in the order they are listed in SECTIONS, one at a time: running them side by
// side would make each disturb the others' timings.
/** @type {string[]} */
const saved = []
for (const name of Object.keys(SECTIONS).filter(n => only.includes(n))) {
  const run = /** @type {NonNullable<(typeof SECTIONS)[string]>} */ (SECTIONS[name])
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const loadAtStart = loadAverage()
  const distBefore = distStamp()
  const record = new Recorder()
  summary.push(...(await run({ ...options, record })))
  if (!save) continue
  // A section's figures are of one build, or not saved.
  if (distStamp() !== distBefore) {
    console.log(`\nbench: dist/ changed while ${name} ran; bench/results/${name}.json not written.`)
    continue
  }
  const file = saveResult({
    section: name,
    date,
    command,
    commit: commitOf(repoRoot),
    machine: machine(loadAtStart),
    parameters: record.parameters,
    figures: record.figures,
    details: record.details
  })
  saved.push(relative(repoRoot, file))
}

section('Summary')
table(['figure', 'value', 'target'], summary)
if (distStamp() !== distAtStart) {
  console.log('\nWARNING: dist/ changed while the bench ran; the figures may mix two builds.')
}
if (saved.length > 0) {
  console.log(
    `\nResults written: ${saved.join(', ')}. \`npm run bench:docs\` regenerates the docs' figures from them.`
  )
}
console.log(
  `\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s; load average (1 min) ${load()}`
)
