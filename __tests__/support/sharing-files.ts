// Sharing files: a fresh workspace per test to write them into, a run of the built action over them
// (config:, export:) against the current test's fake TFE (in process: in-process-on-fake's
// runWithFilesInProcess), and what a user sees of such a run: the producers output, the
// annotations on files, the one line that fails the step.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fakeSecrets } from './action-on-fake.js'
import { fake } from './fake-tfe-per-test.js'
import { type ActionRun, runAction } from '../../test-kit/runner.mjs'
import { annotations, visible } from './run-expectations.js'

/** The current test's workspace (GITHUB_WORKSPACE of its runs); a live binding. */
export let workspace: string

/** Before each test: an empty workspace in a temporary folder; removed after the test. */
export function useWorkspace(): void {
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'sharing-workspace-'))
  })
  afterEach(() => {
    rmSync(workspace, { recursive: true, force: true })
  })
}

/** Writes `text` to `path` (relative to the workspace), creating its folders. */
export function writeWorkspaceFile(path: string, text: string): void {
  const file = join(workspace, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}

/** The text of `path` in the workspace, or undefined when there is no such file. */
export function readWorkspaceFile(path: string): string | undefined {
  const file = join(workspace, path)
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

/** A producer as a file states it: consumer names or ids, or global sharing. */
export type FileEntry = readonly string[] | 'global'

/**
 * A sharing file stating `producers` in order, `version: 1` first unless `version` is false.
 * Written out line by line so that a test knows where each entry is (see lineOf).
 */
export function sharingFile(
  producers: Record<string, FileEntry>,
  { version = true }: { version?: boolean } = {}
): string {
  const lines = version ? ['version: 1', 'producers:'] : ['producers:']
  for (const [name, entry] of Object.entries(producers)) {
    lines.push(`  ${name}:`)
    if (entry === 'global') lines.push('    global-module-sharing: true')
    else if (entry.length === 0) lines.push('    consumers: []')
    else lines.push('    consumers:', ...entry.map(consumer => `      - ${consumer}`))
  }
  return `${lines.join('\n')}\n`
}

/** The 1-based line of `text` whose content, without indentation, is `line`; throws if none. */
export function lineOf(text: string, line: string): number {
  const index = text.split('\n').findIndex(l => l.trim() === line)
  if (index < 0) throw new Error(`test setup: no line ${JSON.stringify(line)} in the file`)
  return index + 1
}

/**
 * Runs the action with `inputs` on the fake with the site admin's token and hostname, in the
 * current workspace. No organization: a file run names its producers in files.
 */
export function runWithFiles(
  inputs: Record<string, string>,
  { timeoutMs }: { timeoutMs?: number } = {}
): Promise<ActionRun> {
  return runAction(
    { hostname: fake.url, token: fake.adminToken, ...inputs },
    { env: { GITHUB_WORKSPACE: workspace }, timeoutMs }
  )
}

/** One entry of the producers output. */
export interface ProducerResult {
  organization: string
  result: 'unchanged' | 'would-change' | 'changed' | 'failed'
  added: string[]
  removed: string[]
  consumers: string[] | null
  'global-module-sharing': boolean | null
  /** null where the files do not state the producer's provider sharing. */
  'provider-added': string[] | null
  'provider-removed': string[] | null
  'provider-consumers': string[] | null
  'global-provider-sharing': boolean | null
}

/** The provider keys of a `producers` entry whose provider sharing no file states. */
export const NO_PROVIDERS = {
  'provider-added': null,
  'provider-removed': null,
  'provider-consumers': null,
  'global-provider-sharing': null
} as const

/** The producers output, parsed; fails the test when the run did not set it. */
export function producersOutput(result: ActionRun): ProducerResult[] {
  const raw = result.outputs.producers
  expect(raw).toBeDefined()
  return JSON.parse(raw as string) as ProducerResult[]
}

/** The unmanaged output, parsed; fails the test when the run did not set it. */
export function unmanagedOutput(result: ActionRun): string[] {
  const raw = result.outputs.unmanaged
  expect(raw).toBeDefined()
  return JSON.parse(raw as string) as string[]
}

/** What the results of a run were, by producer: { platform: 'changed', … }. */
export function resultsByProducer(result: ActionRun): Record<string, string> {
  return Object.fromEntries(producersOutput(result).map(p => [p.organization, p.result]))
}

/** An error annotation on a file, as the pull request's diff shows it. */
export interface FileAnnotation {
  file: string
  line: number
  message: string
}

/** The error annotations that point at a file. */
export function fileErrors(result: ActionRun): FileAnnotation[] {
  return result.annotations
    .filter(a => a.command === 'error' && a.properties.file !== undefined)
    .map(a => ({
      file: a.properties.file as string,
      line: Number(a.properties.line),
      message: a.message
    }))
}

/** The error annotations that point at no file: the step's failure line (core.setFailed). */
export function stepErrors(result: ActionRun): string[] {
  return result.annotations
    .filter(a => a.command === 'error' && a.properties.file === undefined)
    .map(a => a.message)
}

/** Nothing a user or a log could see holds a token, a stack trace or `[object Object]`. */
export function expectNothingLeaked(result: ActionRun): void {
  const seen = visible(result)
  expect(seen).not.toMatch(/\n\s+at .+:\d+:\d+|\[object Object\]/)
  for (const secret of fakeSecrets()) expect(seen).not.toContain(secret)
}

/** A run that exited 0 in time, with no error annotation and nothing leaked. */
export function expectFileRunSuccess(result: ActionRun): void {
  expect({
    timedOut: result.timedOut,
    code: result.code,
    errors: annotations(result, 'error')
  }).toEqual({ timedOut: false, code: 0, errors: [] })
  expectNothingLeaked(result)
}

/**
 * A failed run: exit 1, exactly one error line without a file (the step's failure) matching
 * `pattern`, on one line; file annotations may come beside it. Nothing leaked. Returns the line.
 */
export function expectStepFailure(result: ActionRun, pattern: RegExp): string {
  expect(result.timedOut).toBe(false)
  expect(result.code).toBe(1)
  const lines = stepErrors(result)
  expect(lines).toHaveLength(1)
  const line = lines[0] as string
  expect(line).toMatch(pattern)
  expect(line).not.toMatch(/[\r\n]/)
  expectNothingLeaked(result)
  return line
}
