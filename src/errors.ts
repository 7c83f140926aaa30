// The errors a person reads. Every one has a kind (what went wrong) and, once anything may have
// been written to TFE, the phase it happened in and what is already changed, so that no message
// claims "nothing was changed" after something was.

export type ErrorKind =
  /** An input is missing, malformed or conflicts with another; nothing was sent. */
  | 'input'
  /** The run cannot go ahead as asked, given what TFE holds; nothing was written. */
  | 'conflict'
  /** TFE answered, but not as hoped: an HTTP error, an unexpected body, a failed read-back. */
  | 'tfe'
  /** No usable answer: refused, reset, timed out, DNS or TLS. */
  | 'transport'

export type Phase = 'reading' | 'writing' | 'confirming'

export class ActionError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string
  ) {
    super(message)
    this.name = 'ActionError'
  }
}

/** The run cannot go ahead as asked; nothing has been written. */
export class PlanConflict extends ActionError {
  constructor(message: string) {
    super('conflict', message)
    this.name = 'PlanConflict'
  }
}

/**
 * A failure after the first write was sent. `cause` is what went wrong; `written` says, in the
 * user's words, each write TFE has accepted so far ("the consumer list is set to [a, b]").
 */
export class ApplyError extends ActionError {
  constructor(
    kind: ErrorKind,
    readonly phase: Exclude<Phase, 'reading'>,
    readonly written: readonly string[],
    override readonly cause: unknown
  ) {
    super(kind, cause instanceof Error ? cause.message : String(cause))
    this.name = 'ApplyError'
  }
}
