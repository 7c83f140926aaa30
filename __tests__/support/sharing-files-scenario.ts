// The sharing-files scenarios that the in-process and the end-to-end file runs share: two seeds of
// the current test's fake TFE, and what it holds and received afterwards.
import type { FakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake } from './fake-tfe-per-test.js'

/**
 * team-a, team-b, team-c and legacy consume; platform shares with legacy, tools with team-a, docs
 * with team-b; network shares with nobody.
 */
export function seedTeams(tfe: FakeTfe): void {
  for (const name of ['team-a', 'team-b', 'team-c', 'legacy']) tfe.addOrganization({ name })
  tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
  tfe.addOrganization({ name: 'tools', moduleConsumers: ['team-a'] })
  tfe.addOrganization({ name: 'docs', moduleConsumers: ['team-b'] })
  tfe.addOrganization({ name: 'network' })
}

/**
 * Sharing as a TFE has it before anyone wrote files: platform shares with legacy and team-a,
 * tools with team-b, network with everyone; idle shares with nobody.
 */
export function seedToday(tfe: FakeTfe): void {
  for (const name of ['team-a', 'team-b', 'team-c', 'legacy']) tfe.addOrganization({ name })
  tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy', 'team-a'] })
  tfe.addOrganization({ name: 'tools', moduleConsumers: ['team-b'] })
  tfe.addOrganization({ name: 'network', globalModuleSharing: true })
  tfe.addOrganization({ name: 'idle' })
}

export function current(name: string) {
  const found = fake.org(name)
  if (!found) throw new Error(`test setup: no organization ${name}`)
  return found
}

export const idOf = (name: string): string => current(name).externalId

/** The writes TFE received, by path, bodies parsed. */
export function writesByPath(): { method: string; path: string; body: unknown }[] {
  return fake
    .writes()
    .map(w => ({ method: w.method, path: w.path, body: w.body ? JSON.parse(w.body) : undefined }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
