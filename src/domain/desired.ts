// What a run is asked to make true, producer by producer: a list of one from the step's inputs,
// or every producer of the sharing files. Each remembers where it was written, so that every
// problem found later is shown there.
import type { Api, ConsumerRef, Mode } from './model.js'
import type { Place } from './problems.js'

export interface Desired {
  organization: string
  /** The module consumers asked for (none when `managesModules` is false). */
  consumers: ConsumerRef[]
  mode: Mode
  /** undefined: leave global module sharing as the consumer list implies. */
  globalModuleSharing: boolean | undefined
  allowEmpty: boolean
  /** Where the producer is written: the `organization` input, or its key in a sharing file. */
  place: Place
  /** Where each consumer is written, in the order of `consumers`. */
  consumerPlaces: Place[]
  /**
   * False when a sharing file states only provider sharing: module sharing is then not managed
   * and stays exactly as TFE has it. undefined means true.
   */
  managesModules?: boolean
  /** Provider sharing, when a sharing file states it; undefined: not managed, left as it is. */
  providers?: ProvidersDesired
}

/**
 * A producer's provider sharing as a sharing file states it: the whole list (mode `set`), or
 * global provider sharing. Written only through registry-partnerships (docs/tfe-api.md).
 */
export interface ProvidersDesired {
  /** Empty when `global` is true, or when the file shares providers with nobody. */
  consumers: ConsumerRef[]
  /** Where each provider consumer is written, in the order of `consumers`. */
  consumerPlaces: Place[]
  global: boolean
  /** Where provider sharing is stated (its first key), for a problem about it as a whole. */
  place: Place
}

/** The two kinds of a private registry that TFE shares between organizations. */
export type Kind = 'modules' | 'providers'

/** True unless a sharing file states only provider sharing. */
export function managesModules(desired: Pick<Desired, 'managesModules'>): boolean {
  return desired.managesModules !== false
}

/** How the run writes: the same for every producer of a run. */
export interface Writing {
  api: Api
  dryRun: boolean
}
