// @ts-check
// Runs the built action as a GitHub runner would: INPUT_* variables from action.yml defaults plus
// the given inputs, file-based outputs and job summary, workflow commands on stdout. The child is
// spawned asynchronously because the fake TFE it talks to lives in this same process.
// Which build runs: options.script, else the one `npm test` built from src/ for this test run
// (its path in BUILT_ACTION_ENV, set by the jest global setup), else the committed dist/index.js
// (for `npm run demo` and the benchmarks, which run outside jest).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * One `::command props::message` line of stdout.
 * @typedef {object} WorkflowCommand
 * @property {string} command 'error', 'warning', 'notice', 'debug', 'add-mask', 'group', …
 * @property {Record<string, string>} properties e.g. { title: '…', file: 'a.ts', line: '3' },
 *   unescaped.
 * @property {string} message Unescaped (%25, %0D, %0A).
 */

/**
 * @typedef {object} RunActionOptions
 * @property {Record<string, string | undefined>} [env] Added to (or, with undefined, removed
 *   from) the minimal environment, after the inputs.
 * @property {number} [timeoutMs] SIGKILL after this long (default 20000).
 * @property {string} [script] Default: defaultScript(), the build of this test run (outside
 *   jest: <repo>/dist/index.js).
 */

/**
 * What a run of the action left behind, as a runner would see it.
 * @typedef {object} ActionRun
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} timedOut
 * @property {number} durationMs
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} summary The GITHUB_STEP_SUMMARY file's content.
 * @property {WorkflowCommand[]} annotations Workflow commands from stdout (errors, warnings,
 *   masks, …).
 * @property {Record<string, string>} env The environment the action ran with.
 */

/** The repository root (the folder above test-kit/); the action runs with it as cwd. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The environment variable with the path of the action that `npm test` built from src/ into a
 * temporary folder (see __tests__/support/global-setup.mjs); runAction runs that build by default.
 */
export const BUILT_ACTION_ENV = 'TFE_SHARING_ACTION_UNDER_TEST'

const DEFAULT_TIMEOUT_MS = 20000

/** @param {string} text */
function parseKey(text) {
  const m = /^(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([^\s'"#][^:]*?))\s*:(?:\s+(?:#.*)?)?$/.exec(
    text
  )
  if (!m) return undefined
  if (m[1] !== undefined) return m[1].replace(/''/g, "'")
  if (m[2] !== undefined) return JSON.parse(`"${m[2]}"`)
  return m[3]
}

/**
 * @param {string} raw
 * @param {string} input
 */
function parseScalar(raw, input) {
  const text = raw.trim()
  if (text === '' || text === '~' || text === 'null') return ''
  if (/^[|>]/.test(text)) {
    throw new Error(
      `action.yml: the default of input ${input} is a block scalar; write it on one line`
    )
  }
  if (text.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(text)
    if (m?.[1] === undefined) {
      throw new Error(`action.yml: cannot read the default of input ${input}: ${text}`)
    }
    return m[1].replace(/''/g, "'")
  }
  if (text.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text)
    try {
      // YAML's double-quoted escapes that matter here (\n, \t, \", \\, \u) are JSON's too.
      if (m) return JSON.parse(`"${m[1]}"`)
    } catch {
      // fall through to the error below
    }
    throw new Error(`action.yml: cannot read the default of input ${input}: ${text}`)
  }
  return text.replace(/\s+#.*$/, '')
}

// Just enough YAML for action.yml: the block mapping under the top-level `inputs:` key, each
// input's one-line `default:`. Block scalars elsewhere (descriptions) are skipped by indentation.
/**
 * Each input declared under `inputs:` in action.yml, mapped to its one-line `default:`
 * (undefined when it has none). Throws on a default it cannot read, such as a block scalar.
 * @param {string} [file]
 * @returns {Record<string, string | undefined>}
 */
export function readActionDefaults(file = join(repoRoot, 'action.yml')) {
  /** @type {Record<string, string | undefined>} */
  const defaults = {}
  let inInputs = false
  let nameIndent = -1
  let propertyIndent = -1
  /** @type {string | undefined} */
  let current
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (/^\s*(?:#.*)?$/.test(line)) continue
    const indent = line.length - line.trimStart().length
    if (indent === 0) {
      inInputs = /^inputs\s*:\s*(?:#.*)?$/.test(line)
      current = undefined
      continue
    }
    if (!inInputs) continue
    if (nameIndent < 0) nameIndent = indent
    if (indent <= nameIndent) {
      current = parseKey(line.trim())
      if (current !== undefined) defaults[current] = undefined
      propertyIndent = -1
      continue
    }
    if (current === undefined) continue
    if (propertyIndent < 0) propertyIndent = indent
    if (indent !== propertyIndent) continue
    const m = /^default\s*:(.*)$/.exec(line.trim())
    if (m) defaults[current] = parseScalar(m[1] ?? '', current)
  }
  return defaults
}

/**
 * The runner's variable for an input: 'allow-empty' → 'INPUT_ALLOW-EMPTY'.
 * @param {string} name
 */
export function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Parses a GITHUB_OUTPUT file in the runner's two formats: `name<<DELIMITER` heredocs (what
 * @actions/core writes) and name=value lines; throws on a malformed one.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputs(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter] = heredoc
      /** @type {string[]} */
      const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: ${name}: no closing ${delimiter}`)
      outputs[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT: invalid line ${JSON.stringify(line)}`)
    outputs[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return outputs
}

/** @type {Record<string, string>} */
const DATA_ESCAPES = { '%25': '%', '%0D': '\r', '%0A': '\n' }
/** @type {Record<string, string>} */
const PROPERTY_ESCAPES = { ...DATA_ESCAPES, '%3A': ':', '%2C': ',' }

/**
 * One pass, so an escaped "%250A" stays the literal text "%0A" as it does on the runner.
 * @param {string} text
 * @param {Record<string, string>} table
 */
function unescape(text, table) {
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, code => table[code] ?? code)
}

/**
 * Every `::command props::message` line of stdout, in order.
 * @param {string} stdout
 * @returns {WorkflowCommand[]}
 */
export function parseWorkflowCommands(stdout) {
  /** @type {WorkflowCommand[]} */
  const commands = []
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.startsWith('::')) continue
    const end = line.indexOf('::', 2)
    if (end < 0) continue
    const head = line.slice(2, end)
    const space = head.indexOf(' ')
    const command = space < 0 ? head : head.slice(0, space)
    if (!/^[A-Za-z][\w-]*$/.test(command)) continue
    /** @type {Record<string, string>} */
    const properties = {}
    if (space >= 0) {
      for (const pair of head.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=')
        if (eq > 0)
          properties[pair.slice(0, eq).trim()] = unescape(pair.slice(eq + 1), PROPERTY_ESCAPES)
      }
    }
    commands.push({ command, properties, message: unescape(line.slice(end + 2), DATA_ESCAPES) })
  }
  return commands
}

/**
 * @param {Record<string, string>} inputs
 * @param {string} dir
 * @param {Record<string, string | undefined>} overrides
 */
function buildEnv(inputs, dir, overrides) {
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? homedir(),
    RUNNER_TEMP: join(dir, 'temp'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_ACTIONS: 'true',
    CI: 'true'
  }
  mkdirSync(join(dir, 'temp'))
  for (const file of ['output', 'summary', 'env', 'path', 'state']) {
    writeFileSync(join(dir, file), '')
  }
  /** @type {Record<string, string>} */
  const values = {}
  for (const [name, value] of Object.entries(readActionDefaults())) {
    // Expressions in defaults (${{ github.token }}) need a workflow context we don't have.
    values[name] = value === undefined || value.includes('${{') ? '' : value
  }
  // Undeclared inputs are passed on too: the runner only warns about them.
  for (const [name, value] of Object.entries(inputs)) values[name] = String(value)
  for (const [name, value] of Object.entries(values)) env[inputEnvName(name)] = value
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/**
 * @param {string} script
 * @param {Record<string, string>} env
 * @param {number} timeoutMs
 * @returns {Promise<Omit<ActionRun, 'outputs' | 'summary' | 'annotations' | 'env'>>}
 */
function spawnNode(script, env, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, [script], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    /** @type {Buffer[]} */
    const stdout = []
    /** @type {Buffer[]} */
    const stderr = []
    child.stdout.on('data', chunk => stdout.push(chunk))
    child.stderr.on('data', chunk => stderr.push(chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({
        code,
        signal,
        timedOut,
        durationMs: Date.now() - started,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    })
  })
}

/**
 * The build runAction runs without options.script: `$BUILT_ACTION_ENV`, else
 * <repo>/dist/index.js.
 * @returns {string}
 */
export function defaultScript() {
  return process.env[BUILT_ACTION_ENV] || join(repoRoot, 'dist', 'index.js')
}

/**
 * Runs the action as a runner would. Inputs are keyed by their action.yml name, e.g.
 * { 'allow-empty': 'true' }.
 * @param {Record<string, string>} [inputs]
 * @param {RunActionOptions} [options]
 * @returns {Promise<ActionRun>}
 */
export async function runAction(inputs = {}, options = {}) {
  const script = options.script ?? defaultScript()
  if (!existsSync(script)) {
    throw new Error(`${script} does not exist: build the action first (npm run bundle)`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'action-run-'))
  try {
    const env = buildEnv(inputs, dir, options.env ?? {})
    const run = await spawnNode(script, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    // options.env may have pointed these elsewhere (or removed them) to test fallbacks.
    /** @param {string | undefined} file */
    const read = file => (file && existsSync(file) ? readFileSync(file, 'utf8') : '')
    return {
      ...run,
      outputs: parseOutputs(read(env.GITHUB_OUTPUT)),
      summary: read(env.GITHUB_STEP_SUMMARY),
      annotations: parseWorkflowCommands(run.stdout),
      env
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
