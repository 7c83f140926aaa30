// What every end-to-end test asserts about a run, in one place: what a user could see of it,
// and what a failure must look like.
import type { ActionRun } from '../../test-kit/runner.mjs'

/**
 * Everything a user or a log could see of a run. The runner consumes `::add-mask::` lines and
 * never shows them: that command is the one place a token may appear.
 */
export function visible(result: ActionRun): string {
  const log = result.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  return [log, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n')
}

/** The messages of one kind of workflow command (`error`, `warning`, …). */
export function annotations(result: ActionRun, command: string): string[] {
  return result.annotations.filter(a => a.command === command).map(a => a.message)
}

/**
 * A failed run: exit 1, exactly one readable error line matching `pattern`, no stack trace or
 * `[object Object]`, and none of `secrets` anywhere visible. Returns the line.
 */
export function expectOneFailure(
  result: ActionRun,
  pattern: RegExp,
  secrets: readonly string[]
): string {
  expect(result.timedOut).toBe(false)
  expect(result.code).toBe(1)
  const errors = annotations(result, 'error')
  expect(errors).toHaveLength(1)
  const line = errors[0] as string
  expect(line).toMatch(pattern)
  expect(line).not.toMatch(/[\r\n]/)
  const seen = visible(result)
  expect(seen).not.toMatch(/\n\s+at .+:\d+:\d+|\[object Object\]|undefined/)
  for (const secret of secrets) expect(seen).not.toContain(secret)
  return line
}
