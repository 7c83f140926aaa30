// @ts-check
// The bench's results as committed files: bench/results/<section>.json, one a section, written
// when the section has run (`npm run bench -- --no-save` writes none). Each holds the figures the
// section measured (key → value and unit), the setup they were measured with, the date, the
// machine (with its load average, since timings are only as quiet as the machine) and the exact
// command, so that docs/performance.md is generated from them (scripts/bench-docs.mjs) and a
// stale figure shows in review as a dated diff. Stable on purpose: keys sorted at every level,
// two-space indentation, a trailing newline, no arrays (Prettier reflows those), numbers rounded
// to what they mean. Node built-ins only, like the rest of bench/.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results')

/** @typedef {string | number | boolean | null} Scalar */
/** @typedef {{ unit: string, value: Scalar }} Figure */
/**
 * One section's committed results.
 * @typedef {object} SectionResult
 * @property {string} section
 * @property {string} date ISO 8601, UTC: when the section started.
 * @property {string} command As typed: `npm run bench -- …` (or `node bench/run.mjs …`).
 * @property {string} commit The commit checked out, with "+ uncommitted dist/, test-kit/" when those
 *   differed from it.
 * @property {Machine} machine
 * @property {Record<string, Scalar>} parameters The setup: counts, latencies, rate limits, goals.
 * @property {Record<string, Figure>} figures The measurements.
 * @property {Record<string, string>} details What a figure does not hold: request chains, outcomes.
 */
/**
 * @typedef {object} Machine
 * @property {string} os
 * @property {string} cpu
 * @property {number} cores
 * @property {number} memoryGiB
 * @property {string} node
 * @property {{ start: LoadAverage, end: LoadAverage }} loadAverage Of the section's start and end.
 */
/** @typedef {{ '1m': number, '5m': number, '15m': number }} LoadAverage */

/** Digits kept by unit: timings to 0.1 ms, ratios to 0.001, memory to 0.1 MB; counts whole. */
const DIGITS = /** @type {Record<string, number>} */ ({ ms: 1, '×': 3, MB: 1, s: 2 })

/**
 * @param {number} value
 * @param {number} digits
 */
export function round(value, digits) {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Collects one section's figures while it runs. */
export class Recorder {
  constructor() {
    /** @type {Record<string, Figure>} */
    this.figures = {}
    /** @type {Record<string, Scalar>} */
    this.parameters = {}
    /** @type {Record<string, string>} */
    this.details = {}
  }

  /**
   * A measurement. Not a finite number (a run that did not exit on its own has no peak RSS):
   * recorded as null, shown as n/a.
   * @param {string} key
   * @param {Scalar} value
   * @param {string} unit
   */
  figure(key, value, unit) {
    if (key in this.figures) throw new Error(`bench: figure ${key} recorded twice`)
    this.figures[key] = { unit, value: scalar(value, unit) }
  }

  /**
   * Part of the setup (what was measured, not a measurement): counts, latencies, goals.
   * @param {string} key
   * @param {Scalar} value
   */
  parameter(key, value) {
    this.parameters[key] = scalar(value, '')
  }

  /**
   * @param {string} key
   * @param {string} text
   */
  detail(key, text) {
    this.details[key] = text
  }
}

/**
 * @param {Scalar} value
 * @param {string} unit
 * @returns {Scalar}
 */
function scalar(value, unit) {
  if (typeof value !== 'number') return value
  if (!Number.isFinite(value)) return null
  return round(value, DIGITS[unit] ?? 3)
}

/**
 * A label as a key: "set by names (3), api: relationships" → "set-by-names-3-api-relationships",
 * "set 5,000 by ids" → "set-5000-by-ids".
 * @param {string} label
 */
export function slug(label) {
  return label
    .replace(/(\d),(\d)/g, '$1$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** @returns {LoadAverage} */
export function loadAverage() {
  const [one = 0, five = 0, fifteen = 0] = loadavg()
  return { '1m': round(one, 2), '5m': round(five, 2), '15m': round(fifteen, 2) }
}

/**
 * The machine the figures were measured on; loadAverage.start is the section's start.
 * @param {LoadAverage} start
 * @returns {Machine}
 */
export function machine(start) {
  return {
    os: `${process.platform} ${release()} ${process.arch}`,
    cpu: (cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverage: { start, end: loadAverage() }
  }
}

/**
 * The command that ran the bench, as typed.
 * @param {string[]} argv process.argv.slice(2)
 */
export function commandLine(argv) {
  const quoted = argv.map(a => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
  if (process.env.npm_lifecycle_event === 'bench') {
    return ['npm run bench', ...(quoted.length ? ['--', ...quoted] : [])].join(' ')
  }
  return ['node bench/run.mjs', ...quoted].join(' ')
}

/**
 * The commit checked out, and what the figures depend on that differs from it: dist/ (the action
 * measured) and test-kit/ (the fake TFE and the runner that spawns it).
 * @param {string} root
 */
export function commitOf(root) {
  try {
    const git = (/** @type {string[]} */ ...args) =>
      execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      })
    const head = git('rev-parse', 'HEAD').trim()
    const dirty = ['dist', 'test-kit'].filter(
      dir => git('status', '--porcelain', '--', dir).trim() !== ''
    )
    return dirty.length ? `${head} + uncommitted ${dirty.map(d => `${d}/`).join(', ')}` : head
  } catch {
    return 'unknown (not a git checkout)'
  }
}

/**
 * JSON with every object's keys sorted, two-space indentation and a trailing newline.
 * @param {unknown} value
 */
export function stableJson(value) {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`
}

/**
 * @param {unknown} value
 * @returns {unknown}
 */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map(key => [key, sortKeys(/** @type {Record<string, unknown>} */ (value)[key])])
  )
}

/** @param {string} section */
export const resultFile = section => join(resultsDir, `${section}.json`)

/**
 * Writes one section's results; returns the file's path.
 * @param {SectionResult} result
 */
export function saveResult(result) {
  mkdirSync(resultsDir, { recursive: true })
  const file = resultFile(result.section)
  writeFileSync(file, stableJson(result))
  return file
}

/**
 * Every committed section's results, by section.
 * @returns {Record<string, SectionResult>}
 */
export function readResults(dir = resultsDir) {
  /** @type {Record<string, SectionResult>} */
  const results = {}
  for (const name of readdirSync(dir)
    .filter(n => n.endsWith('.json'))
    .sort()) {
    results[name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, name), 'utf8'))
  }
  return results
}
