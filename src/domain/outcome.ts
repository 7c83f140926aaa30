// What a run did, producer by producer: one record for every producer whatever asked for it (the
// step's inputs or a sharing file), and the run's own findings. The report is written from this
// alone.
import type { Desired } from './desired.js'
import type { Consumer } from './model.js'
import type { Plan } from './plan.js'
import type { Problem } from './problems.js'

export type ProducerResult = 'unchanged' | 'would-change' | 'changed' | 'failed'

/** A partnership as the seed endpoint answers it: one per consumer. */
export interface Partnership {
  id: string
  consumer: { name: string; externalId: string }
  producer: { name: string; externalId: string }
}

/** What TFE holds after a producer's writes. */
export interface Applied {
  /** The seed endpoint's partnerships; the other APIs return none. */
  partnerships: Partnership[]
  /** The module list TFE holds after the writes. */
  consumers: Consumer[]
  globalAfter: boolean
  /** The provider list TFE holds after the writes; undefined when providers were not managed. */
  providerConsumers?: Consumer[]
  /** Global provider sharing after the writes; undefined when providers were not managed. */
  globalProvidersAfter?: boolean
}

export interface ProducerOutcome {
  desired: Desired
  result: ProducerResult
  /** undefined when the producer could not be planned. */
  plan: Plan | undefined
  /** undefined when nothing was written for it. */
  applied: Applied | undefined
  /** Why it failed, each where the user wrote it; empty unless `result` is `failed`. */
  problems: Problem[]
  /** The error behind a failure, for the step's one line (it knows what was already written). */
  error: unknown
}

/**
 * An organization that shares modules or providers today that no one asks to manage: reported,
 * never changed. Per kind: a producer whose file states only providers but that shares modules is
 * unmanaged for modules.
 */
export interface Unmanaged {
  organization: string
  /** Its module sharing nobody manages; undefined when there is none (or it is managed). */
  modules: UnmanagedSharing | undefined
  /** Its provider sharing nobody manages; undefined when there is none, or it was not looked for. */
  providers: UnmanagedSharing | undefined
}

export interface UnmanagedSharing {
  global: boolean
  /** Its consumers today; undefined when it shares globally or this TFE cannot list them. */
  consumers: number | undefined
}

export interface Outcome {
  /** In the order asked: sorted by organization for sharing files. */
  producers: ProducerOutcome[]
  /** undefined when the run did not look for them (a run of the step's inputs). */
  unmanaged: Unmanaged[] | undefined
  /** False when a plan failed and so nothing was written, or on a dry run. */
  wrote: boolean
  /** Worth a warning annotation, e.g. that today's list could not be read. */
  warnings: string[]
}
