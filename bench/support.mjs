// @ts-check
// What the bench sections share: statistics, formatting, running the built action (optionally
// with its peak RSS recorded) and naming the requests the fake TFE received. Node built-ins and
// the test kit (test-kit/, plain JS) only, like scripts/demo.mjs: `npm run bench` must work on
// a fresh clone before `npm ci`.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { repoRoot, runAction } from '../test-kit/runner.mjs'

/** @typedef {import('../test-kit/runner.mjs').ActionRun} ActionRun */
/** @typedef {import('../test-kit/runner.mjs').RunActionOptions} RunActionOptions */
/** @typedef {import('../test-kit/fake-tfe.mjs').FakeTfe} FakeTfe */
/** @typedef {import('../test-kit/fake-tfe.mjs').RecordedRequest} RecordedRequest */
/** @typedef {ActionRun & { maxRssKiB: number }} RunWithRss */

export { repoRoot, runAction }
export { startFakeTfe } from '../test-kit/fake-tfe.mjs'

export const benchDir = dirname(fileURLToPath(import.meta.url))
export const PRODUCER = 'platform-modules'
/** The page size the action asks for (src/tfe/client.ts PAGE_SIZE, TFE's maximum). */
export const PAGE_SIZE = 100

// ---------------------------------------------------------------------------------------------
// Statistics

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2
}

/**
 * Nearest-rank percentile: a value that was actually measured, no interpolation.
 * @param {number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** @param {number} value */
export const ms = value => `${value.toFixed(1)} ms`
/** @param {number} value */
export const ratio = value => `${value.toFixed(2)}×`
/** @param {number} value */
export const count = value => value.toLocaleString('en-US')
/** @param {number} kib */
export const mib = kib => `${(kib / 1024).toFixed(1)} MiB`
/** @param {number} kib */
export const mb = kib => `${((kib * 1024) / 1e6).toFixed(1)} MB`

/** @param {number} value */
export function bytes(value) {
  return `${count(value)} B (${(value / 1e6).toFixed(2)} MB)`
}

/** @param {string} title */
export function section(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(3, 92 - title.length))}`)
}

/**
 * Prints indented prose; the method paragraph of each section goes through here.
 * @param {string[]} lines
 */
export function say(...lines) {
  for (const line of lines) console.log(line ? `  ${line}` : '')
}

/**
 * Left-aligned columns; numbers read fine that way at these widths.
 * @param {string[]} header
 * @param {unknown[][]} rows
 */
export function table(header, rows, indent = '  ') {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)))
  const line = (/** @type {unknown[]} */ cells) =>
    indent + cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ')
  console.log(line(header).trimEnd())
  console.log(indent + widths.map(w => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row).trimEnd())
}

// ---------------------------------------------------------------------------------------------
// Running the action

/**
 * Inputs every run shares: the producer on the fake, with its admin token.
 * @param {FakeTfe} fake
 * @param {Record<string, string>} [inputs]
 * @returns {Record<string, string>}
 */
export function baseInputs(fake, inputs) {
  return { organization: PRODUCER, hostname: fake.url, token: fake.adminToken, ...inputs }
}

/**
 * runAction plus the child's peak RSS. The preload's exit handler writes
 * process.resourceUsage().maxRSS (KiB) to a file: portable, unlike /usr/bin/time or /proc.
 * `script` lets the bare baseline be measured the same way.
 * @param {Record<string, string>} inputs
 * @param {RunActionOptions} [options]
 * @returns {Promise<RunWithRss>}
 */
export async function runWithRss(inputs, { env = {}, timeoutMs, script } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'))
  const file = join(dir, 'max-rss')
  try {
    const preload = pathToFileURL(join(benchDir, 'peak-rss.mjs')).href
    const run = await runAction(inputs, {
      env: { ...env, NODE_OPTIONS: `--import=${preload}`, BENCH_MAX_RSS_FILE: file },
      timeoutMs,
      script
    })
    const maxRssKiB = existsSync(file) ? Number(readFileSync(file, 'utf8')) : NaN
    return { ...run, maxRssKiB }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A run whose figures would mean nothing (it failed or was killed) stops the bench.
 * @template {ActionRun} T
 * @param {T} run
 * @param {string} what
 * @returns {T}
 */
export function requireSuccess(run, what) {
  if (run.code === 0 && !run.timedOut) return run
  const error = run.annotations?.find(a => a.command === 'error')?.message
  const detail = error ?? (run.stderr.trim().split('\n').slice(-3).join(' | ') || 'no output')
  throw new Error(
    `${what}: ${run.timedOut ? 'timed out' : `exit code ${run.code}`} (${detail}); figures skipped`
  )
}

/**
 * The JavaScript in dist/, every level down, split the way a run loads it: the start path
 * (dist/index.js, loaded and compiled by every run) and the rest (chunks ncc split off, loaded
 * by a dynamic import only on runs that need them: the pull request comment).
 * @param {string} [dir]
 */
export function distJavaScriptBytes(dir = join(repoRoot, 'dist')) {
  let total = 0
  /** @type {{ path: string, size: number }[]} */
  const files = []
  // Bounded: dist/ is a handful of files, and the walk stops at 10,000 entries regardless.
  const stack = [dir]
  for (let seen = 0; stack.length > 0 && seen < 10_000; seen++) {
    const current = /** @type {string} */ (stack.pop())
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) stack.push(path)
      else if (/\.(?:js|mjs|cjs)$/.test(entry.name)) {
        const size = statSync(path).size
        total += size
        files.push({ path: path.slice(repoRoot.length + 1), size })
      }
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path))
  const start = join(dir, 'index.js').slice(repoRoot.length + 1)
  const startPath = files.find(f => f.path === start) ?? { path: start, size: 0 }
  const chunks = files.filter(f => f !== startPath)
  const chunkTotal = chunks.reduce((sum, f) => sum + f.size, 0)
  return { total, files, startPath, chunks, chunkTotal }
}

/**
 * One request from this process (not timed): resets the fake between measured runs.
 * @param {string} url
 * @param {{ method: string, path: string, headers?: Record<string, string>, body?: string }} request
 * @returns {Promise<{ status: number | undefined, body: string }>}
 */
export function send(url, { method, path, headers = {}, body = '' }, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers }, res => {
      /** @type {Buffer[]} */
      const chunks = []
      res.on('data', chunk => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') })
      )
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer`)))
    req.on('error', reject)
    req.end(body || undefined)
  })
}

// ---------------------------------------------------------------------------------------------
// Naming requests

/**
 * Method + path pattern, relative to /api/v2: the producer and a consumer get different
 * placeholders because they are read for different reasons; page numbers become `n`.
 * @param {RecordedRequest} recorded
 */
export function requestKind(recorded, producer = PRODUCER) {
  const path = recorded.path.replace(/^\/api\/v2/, '')
  const m = /^\/admin\/organizations\/([^/]+)(\/.*)?$/.exec(path)
  const pattern = m
    ? `/admin/organizations/${decodeURIComponent(m[1] ?? '') === producer ? ':producer' : ':consumer'}${m[2] ?? ''}`
    : path
  // page[size] is always 100 (PAGE_SIZE); leaving it out keeps the lines readable.
  const query = Object.entries(recorded.query)
    .filter(([key, value]) => !(key === 'page[size]' && value === String(PAGE_SIZE)))
    .map(([key, value]) => `${key}=${key === 'page[number]' ? 'n' : value}`)
    .join('&')
  return `${recorded.method} ${pattern}${query ? `?${query}` : ''}`
}

const LIST = 'GET /admin/organizations?'
const ONE_CONSUMER = 'GET /admin/organizations/:consumer'

/**
 * Name → external id lookups: admin list pages and single-organization reads of consumers.
 * @param {string} kind
 */
export function isLookup(kind) {
  return kind.startsWith(LIST) || kind === ONE_CONSUMER
}

/** @param {RecordedRequest} recorded */
export function isWrite(recorded) {
  return recorded.method !== 'GET' && recorded.method !== 'HEAD'
}

/**
 * Why the action sends a request of this kind, and where in src/ it comes from.
 * @param {string} kind
 * @param {boolean} afterWrite
 */
export function why(kind, afterWrite) {
  const relationships = 'GET /admin/organizations/:producer/relationships/'
  if (kind.startsWith(`${relationships}module-consumers`)) {
    return afterWrite
      ? 'read-back: TFE holds the plan? (apply.ts writeList → listModuleConsumers)'
      : "state: today's consumers, page by page (state.ts readState)"
  }
  if (kind.startsWith(`${relationships}provider-consumers`)) {
    return afterWrite
      ? 'read-back: provider consumers unchanged? (apply.ts writeList)'
      : 'state: provider consumers, to send back unchanged (state.ts readState)'
  }
  if (kind === 'GET /admin/organizations/:producer' && afterWrite) {
    return 'confirm: did the list write turn global sharing off? (apply.ts send, global-off)'
  }
  /** @type {Record<string, string>} */
  const reasons = {
    'GET /admin/organizations/:producer':
      'state: producer exists, global sharing flag (state.ts readState)',
    [ONE_CONSUMER]: 'lookup: one name → external id (tfe/organizations.ts lookUpEach)',
    'PATCH /admin/organizations/:producer/module-consumers':
      'write: whole list by external id; the answer is the read-back (apply.ts)',
    'PATCH /admin/organizations/:producer/relationships/module-consumers':
      'write: whole list by name, answers 204 (apply.ts)',
    'PUT /admin/organizations/:producer/registry-partnerships':
      'write: module and provider lists by name, answers 204 (apply.ts)',
    'PATCH /admin/organizations/:producer': 'write: the global sharing flag (apply.ts setGlobal)',
    'GET /account/details': "diagnosis: is the token a site admin's? (tfe/account.ts)"
  }
  if (kind.startsWith(LIST)) {
    return 'lookup: admin list page, names/ids → orgs (tfe/organizations.ts findOrganizations)'
  }
  return reasons[kind] ?? ''
}

/**
 * The requests of one run as lines "×k KIND  why", consecutive requests of one kind folded
 * together (pages of one list arrive together even when fetched concurrently).
 * @param {RecordedRequest[]} requests
 */
export function describeRequests(requests, producer = PRODUCER) {
  /** @type {{ kind: string, reason: string, count: number }[]} */
  const groups = []
  let afterWrite = false
  for (const recorded of requests) {
    const kind = requestKind(recorded, producer)
    const reason = why(kind, afterWrite)
    const last = groups[groups.length - 1]
    if (last && last.kind === kind && last.reason === reason) last.count++
    else groups.push({ kind, reason, count: 1 })
    if (isWrite(recorded)) afterWrite = true
  }
  return groups
}

/**
 * Counts of one run's requests, by what they are for.
 * @param {RecordedRequest[]} requests
 */
export function summarizeRequests(requests, producer = PRODUCER) {
  const kinds = requests.map(r => requestKind(r, producer))
  const firstWrite = requests.findIndex(isWrite)
  // Positions of the producer's consumer-list pages: before the write they are the state read,
  // after it the read-back.
  const listPages = kinds.flatMap((kind, i) =>
    kind.startsWith('GET /admin/organizations/:producer/relationships/module-consumers') ? [i] : []
  )
  return {
    total: requests.length,
    lookups: kinds.filter(isLookup).length,
    writes: requests.filter(isWrite).length,
    statePages: listPages.filter(i => firstWrite < 0 || i < firstWrite).length,
    readBackPages: listPages.filter(i => firstWrite >= 0 && i > firstWrite).length
  }
}
