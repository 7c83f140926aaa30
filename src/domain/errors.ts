// The errors a person reads, in one place: each is a line already worded for a person. The place
// where the user wrote the problem travels with it as data (an input's name, a file's lines), and
// an error after a write says what is already changed, so that no message claims "nothing was
// changed" after something was. TFE's own answers are tfe/errors.ts; a failed pull request
// comment is report/comment.ts.
import type { FileProblem } from './problems.js'

/** The run cannot go on; the message says why and what to do. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ActionError'
  }
}

/** A value the user gave is unusable. Carries the input's name so the message can point at it. */
export class InputError extends ActionError {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
    this.name = 'InputError'
  }
}

/** Sharing files that cannot be used; nothing was sent. Carries every problem, with its place. */
export class ConfigInvalid extends ActionError {
  constructor(readonly problems: readonly FileProblem[]) {
    super(configSummary(problems))
    this.name = 'ConfigInvalid'
  }
}

/**
 * The patterns that select sharing files are unusable: one matches no file, leaves the
 * workspace, or names something that is not a file of the workspace. Nothing was sent.
 */
export class SharingPatternError extends ActionError {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} problems with the sharing file patterns: ${problems.join('; ')}`
    )
    this.name = 'SharingPatternError'
  }
}

/** The run cannot go ahead as asked; nothing has been written. */
export class PlanConflict extends ActionError {
  constructor(message: string) {
    super(message)
    this.name = 'PlanConflict'
  }
}

/**
 * A failure after the first write was sent. `cause` is what went wrong; `written` says, in the
 * user's words, each write TFE has accepted so far ("the consumer list is set to [a, b]").
 */
export class ApplyError extends ActionError {
  constructor(
    readonly written: readonly string[],
    override readonly cause: unknown
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'ApplyError'
  }
}

/** `3 problems in 2 sharing files; see the annotations`. */
export function configSummary(problems: readonly FileProblem[]): string {
  const files = new Set(problems.map(problem => problem.file)).size
  return (
    `${plural(problems.length, 'problem')} in ${plural(files, 'sharing file')}; ` +
    'see the annotations'
  )
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
