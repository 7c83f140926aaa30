// What a run is asked to make true, producer by producer: a list of one from the step's inputs,
// or every producer of the sharing files. Each remembers where it was written, so that every
// problem found later is shown there.
import type { Api, ConsumerRef, Mode } from './model.js'
import type { Place } from './problems.js'

export interface Desired {
  organization: string
  consumers: ConsumerRef[]
  mode: Mode
  /** undefined: leave global module sharing as the consumer list implies. */
  globalModuleSharing: boolean | undefined
  allowEmpty: boolean
  /** Where the producer is written: the `organization` input, or its key in a sharing file. */
  place: Place
  /** Where each consumer is written, in the order of `consumers`. */
  consumerPlaces: Place[]
}

/** How the run writes: the same for every producer of a run. */
export interface Writing {
  api: Api
  dryRun: boolean
}
