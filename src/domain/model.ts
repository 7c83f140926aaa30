// The domain: who shares with whom, and how a run was asked to change it. Types and the few
// facts about identifiers that every other module relies on; no I/O.

/** An organization as a consumer: its external id, and its name once known. */
export interface Consumer {
  externalId: string
  /** Unknown only for an id given on the seed endpoint, until TFE's answer names it. */
  name?: string
}

/** A consumer whose name is known: what the name-based APIs need. */
export interface NamedConsumer extends Consumer {
  name: string
}

/**
 * A consumer as the user wrote it: an external id, or a name still to be resolved. `looksLikeId`
 * marks a name that starts like an external id (`org-`) without being one: a valid name, or a
 * mistyped id, which is worth saying if no organization has that name.
 */
export type ConsumerRef =
  { kind: 'id'; id: string } | { kind: 'name'; name: string; looksLikeId?: true }

export type Mode = 'set' | 'add' | 'remove'
export type Api = 'module-consumers' | 'relationships' | 'registry-partnerships'

export const MODES: readonly Mode[] = ['set', 'add', 'remove']
export const APIS: readonly Api[] = ['module-consumers', 'relationships', 'registry-partnerships']

// TFE organization names: letters, digits, `-` and `_`.
const ORGANIZATION_NAME = /^[A-Za-z0-9_-]+$/
// External ids are `org-` plus 16 base58 characters; since v202103-1 no name may look like one.
const EXTERNAL_ID = /^org-[1-9A-HJ-NP-Za-km-z]{16}$/

export function isExternalId(value: string): boolean {
  return EXTERNAL_ID.test(value)
}

export function isOrganizationName(value: string): boolean {
  return ORGANIZATION_NAME.test(value)
}

/** Starts as an external id does (`org-`, in any case) but is not a valid one. */
export function looksLikeExternalId(value: string): boolean {
  return /^org-/i.test(value) && !isExternalId(value)
}

export function hasName(consumer: Consumer): consumer is NamedConsumer {
  return typeof consumer.name === 'string' && consumer.name !== ''
}

/** Just the name and id, from any organization record. */
export function asConsumer({ name, externalId }: Consumer): Consumer {
  return { name, externalId }
}

export function consumerLabel(c: Consumer): string {
  return c.name ?? c.externalId
}

/**
 * Code-point order, for names and ids: the same on every machine whatever its locale, so sorted
 * outputs and exported files never differ between runners.
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
