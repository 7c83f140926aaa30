// @ts-check
// The small runs that sections 2 (requests per run) and 4 (round trips) both measure: one kind
// of run each, every one starting from a fresh fake in the same small state, so no run sees
// another's write.
import { PRODUCER, startFakeTfe } from './support.mjs'

export const TEAMS = ['a', 'b', 'c', 'd', 'e'].map(x => `app-team-${x}`)
const [TEAM_A, TEAM_B, TEAM_C, TEAM_D, TEAM_E] =
  /** @type {[string, string, string, string, string]} */ (TEAMS)
/** Who the producer shares with before each run (unless the run says otherwise). */
export const BEFORE = [TEAM_A, TEAM_B]
const NAMES = [TEAM_C, TEAM_D, TEAM_E].join('\n')

/** @typedef {Partial<import('../test-kit/fake-tfe.mjs').FakeOrganizationInput>} ProducerOverrides */
/**
 * One kind of run: its label, its inputs (idOf maps a team's name to its external id on that
 * run's fake), and overrides of the producer's starting state.
 * @typedef {[string, (idOf: (name: string) => string) => Record<string, string>, ProducerOverrides?]} RunKind
 */

/**
 * [label, inputs(idOf), producer overrides]: idOf maps a team's name to its external id on
 * that run's fake.
 * @type {RunKind[]}
 */
export const RUN_KINDS = [
  ['set by ids (3)', ids => ({ consumers: [TEAM_C, TEAM_D, TEAM_E].map(ids).join('\n') })],
  ['set by names (3)', () => ({ consumers: NAMES })],
  ['add (1 name)', () => ({ mode: 'add', consumers: TEAM_C })],
  ['remove (1 name on the list)', () => ({ mode: 'remove', consumers: TEAM_A })],
  ['remove (1 name not on the list)', () => ({ mode: 'remove', consumers: TEAM_C })],
  ['dry-run, set by names (3)', () => ({ 'dry-run': 'true', consumers: NAMES })],
  ['set by names (3), api: relationships', () => ({ api: 'relationships', consumers: NAMES })],
  [
    'set by names (3), api: registry-partnerships',
    () => ({ api: 'registry-partnerships', consumers: NAMES })
  ],
  [
    'global sharing on (allow-empty)',
    () => ({ 'global-module-sharing': 'true', 'allow-empty': 'true' })
  ],
  [
    'global off + set by names (3)',
    () => ({ 'global-module-sharing': 'false', consumers: NAMES }),
    { globalModuleSharing: true, moduleConsumers: [] }
  ]
]

/**
 * A request kind of support.mjs's requestKind, shorter: the producer and a consumer by their
 * placeholders alone, a page number left out.
 * @param {string} kind
 */
export function shortKind(kind) {
  return kind
    .replace('/admin/organizations/:producer', ':producer')
    .replace('/admin/organizations/:consumer', ':consumer')
    .replace(/\?page\[number\]=n$/, '')
}

/** Says, for a method paragraph, where every run starts from. */
export function startingState(prefix = '') {
  return [
    `${prefix}a fresh fake holding ${TEAMS.join(', ')} and`,
    `${PRODUCER}, which shares with ${BEFORE.join(' and ')} (for "global off …": with every`,
    'organization, global sharing on, no list); each run starts from that state.'
  ]
}

/**
 * A fresh fake in the starting state, with the run's overrides for the producer.
 * @param {ProducerOverrides} [producer]
 */
export async function smallFake(producer = {}) {
  const fake = await startFakeTfe()
  const orgs = TEAMS.map(name => fake.addOrganization({ name }))
  fake.addOrganization({ name: PRODUCER, moduleConsumers: BEFORE, ...producer })
  const idOf = (/** @type {string} */ name) => orgs.find(o => o.name === name)?.externalId ?? name
  return { fake, idOf }
}
