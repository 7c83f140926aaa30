// What is wrong with sharing files, as data: each problem carries the file and the 1-based line
// (and column) where the user wrote it, so a run can annotate it there
// (`core.error(message, { file, startLine, startColumn })`).
import { ActionError } from '../errors.js'

/** One problem in a sharing file. `file` is as given to the parser (relative to the workspace). */
export interface ConfigError {
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column?: number
  /** One line: what is wrong, and what to write instead. Never quotes a long or strange value. */
  message: string
}

/** Sharing files that cannot be used; nothing was sent. Carries every problem found. */
export class ConfigInvalid extends ActionError {
  constructor(readonly errors: readonly ConfigError[]) {
    super('input', configSummary(errors))
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
      'input',
      problems.length === 1
        ? (problems[0] ?? '')
        : `${problems.length} problems with the sharing file patterns: ${problems.join('; ')}`
    )
    this.name = 'SharingPatternError'
  }
}

/** `3 problems in 2 sharing files; see the annotations`. */
export function configSummary(errors: readonly ConfigError[]): string {
  const files = new Set(errors.map(error => error.file)).size
  return (
    `${plural(errors.length, 'problem')} in ${plural(files, 'sharing file')}; ` +
    'see the annotations'
  )
}

/** `sharing/platform.yml:4:7: message`: a problem as a log line, where annotations are not shown. */
export function formatConfigError({ file, line, column, message }: ConfigError): string {
  return `${file}:${line}${column === undefined ? '' : `:${column}`}: ${message}`
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
