// Runs the action's run() in this process, as a runner would see it: action.yml defaults plus the
// test's inputs, file-based outputs and job summary, workflow commands and log lines captured from
// stdout, and the exit code core.setFailed leaves behind. The result has the shape of runAction's
// (test-kit/runner.mjs), so the helpers of run-expectations.ts work on both; unlike the end-to-end
// runs, coverage sees src/.
import * as core from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InputSource } from '../../src/settings/inputs.js'
import { type RunOptions, run } from '../../src/main.js'
import {
  type ActionRun,
  parseOutputs,
  parseWorkflowCommands,
  readActionDefaults
} from '../../test-kit/runner.mjs'

export type Backoff = NonNullable<NonNullable<RunOptions['client']>['backoff']>

/**
 * Retries wait a millisecond or two, never the real backoff, and add no jitter to a wait TFE
 * asks for.
 */
export const FAST_BACKOFF: Backoff = { baseMs: 1, maxMs: 2, random: () => 0 }

/**
 * Each attempt's timeout (InProcessOptions.timeoutMs) for tests that hang a request on purpose:
 * short enough that no test waits long, and long enough for the fake on loopback to answer every
 * other request in time on a busy machine (at 50 ms, a run of the suites beside others on two
 * loaded cores saw an ordinary read time out now and then). The error line says 0.1 s.
 */
export const SHORT_TIMEOUT_MS = 100

export interface InProcessOptions {
  /** What the action sees of the environment (TFE_TOKEN, TFE_HOSTNAME, TFE_ADDRESS); nothing else. */
  env?: Record<string, string | undefined>
  backoff?: Backoff
  /** Each attempt's limit, in place of timeout-seconds (whose least is 1 s). */
  timeoutMs?: number
}

export interface MaskCall {
  secret: string
  /** How much stdout had been written when the secret was masked: 0 means before anything. */
  stdoutBefore: number
}

export interface InProcessRun extends ActionRun {
  /** Every call of the InputSource's mask, in order. */
  masked: MaskCall[]
}

// @actions/core remembers the summary file's path after its first write, so every run of one
// test file writes to the same two files, emptied before each run.
const dir = mkdtempSync(join(tmpdir(), 'action-in-process-'))
const OUTPUT_FILE = join(dir, 'output')
const SUMMARY_FILE = join(dir, 'summary')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The inputs the runner would pass: action.yml defaults (expressions left empty), then the test's. */
export function actionInputValues(inputs: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(readActionDefaults())) {
    values[name] = value === undefined || value.includes('${{') ? '' : value
  }
  return { ...values, ...inputs }
}

type Write = typeof process.stdout.write

/** Collects what is written to a stream instead of writing it. */
function capture(stream: NodeJS.WriteStream, into: string[]): () => void {
  const original = stream.write
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined
    callback?.()
    return true
  }) as Write
  return () => {
    stream.write = original
  }
}

/**
 * The secret is nowhere a user could see it, not even in part: no 12-character piece of it
 * appears (a server may echo it split, or a message may cut it).
 */
export function expectHidden(seen: string, secret: string): void {
  const piece = Math.min(12, secret.length)
  for (let i = 0; i + piece <= secret.length; i++) {
    expect(seen).not.toContain(secret.slice(i, i + piece))
  }
}

export async function runInProcess(
  inputs: Record<string, string> = {},
  options: InProcessOptions = {}
): Promise<InProcessRun> {
  const values = actionInputValues(inputs)
  const env = options.env ?? {}
  const stdout: string[] = []
  const stderr: string[] = []
  const masked: MaskCall[] = []
  const source: InputSource = {
    // core.getInput trims, and so does this.
    input: name => (values[name] ?? '').trim(),
    env: name => env[name],
    mask: secret => {
      masked.push({ secret, stdoutBefore: stdout.join('').length })
      core.setSecret(secret)
    }
  }

  writeFileSync(OUTPUT_FILE, '')
  writeFileSync(SUMMARY_FILE, '')
  const saved = {
    GITHUB_OUTPUT: process.env.GITHUB_OUTPUT,
    GITHUB_STEP_SUMMARY: process.env.GITHUB_STEP_SUMMARY
  }
  const exitCodeBefore = process.exitCode
  process.exitCode = undefined
  process.env.GITHUB_OUTPUT = OUTPUT_FILE
  process.env.GITHUB_STEP_SUMMARY = SUMMARY_FILE
  const restoreStdout = capture(process.stdout, stdout)
  const restoreStderr = capture(process.stderr, stderr)
  const started = Date.now()
  let code: number
  try {
    await run(source, {
      client: {
        backoff: options.backoff ?? FAST_BACKOFF,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
      }
    })
    code = Number(process.exitCode ?? 0)
  } catch (error) {
    // What Node would do with an unhandled rejection: print the stack, exit 1.
    stderr.push(`${error instanceof Error ? error.stack : String(error)}\n`)
    code = 1
  } finally {
    restoreStdout()
    restoreStderr()
    process.exitCode = exitCodeBefore
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  const out = stdout.join('')
  return {
    code,
    signal: null,
    timedOut: false,
    durationMs: Date.now() - started,
    stdout: out,
    stderr: stderr.join(''),
    outputs: parseOutputs(readFileSync(OUTPUT_FILE, 'utf8')),
    summary: readFileSync(SUMMARY_FILE, 'utf8'),
    annotations: parseWorkflowCommands(out),
    env: Object.fromEntries(
      Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)
    ),
    masked
  }
}
