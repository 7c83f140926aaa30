// The organizations the sharing suites (e2e-modes, e2e-pr-comment, and in process in-process-modes,
// in-process-global, in-process-read-back) start from, and how they read a run: outputs, the plan
// table, and the bodies TFE received.
import type { FakeTfe } from '../../test-kit/fake-tfe.mjs'
import { idOf } from './action-on-fake.js'
import { fake } from './fake-tfe-per-test.js'
import type { ActionRun } from '../../test-kit/runner.mjs'

export type Api = 'module-consumers' | 'relationships' | 'registry-partnerships'
export type Change = 'kept' | 'added' | 'removed'

export const ADMIN_ORGS = '/api/v2/admin/organizations'
export const MODULES = `${ADMIN_ORGS}/modules`
export const RELATIONSHIPS = `${MODULES}/relationships/module-consumers`

/**
 * `modules` is the producer most tests work on: it shares with legacy and team-c today (in that
 * order, TFE lists consumers by creation), and its providers with legacy and team-b.
 * `shared` shares its modules with every organization; `empty` shares with nobody.
 */
export function seedSharing(tfe: FakeTfe): void {
  tfe.addOrganization({ name: 'legacy' })
  tfe.addOrganization({ name: 'team-a' })
  tfe.addOrganization({ name: 'team-b' })
  tfe.addOrganization({ name: 'team-c' })
  tfe.addOrganization({
    name: 'modules',
    moduleConsumers: ['legacy', 'team-c'],
    providerConsumers: ['legacy', 'team-b']
  })
  tfe.addOrganization({ name: 'shared', globalModuleSharing: true })
  tfe.addOrganization({ name: 'empty' })
}

/** `'team-a, id:team-b'` → `'team-a, org-…'`: a consumers input that names some by external id. */
export function refs(spec: string): string {
  return spec.replace(/id:([\w-]+)/g, (_m, name: string) => idOf(name))
}

/** One output, parsed as JSON. */
export function output(result: ActionRun, name: string): unknown {
  const raw = result.outputs[name]
  if (raw === undefined) throw new Error(`the run wrote no output ${name}`)
  return JSON.parse(raw)
}

/** An output that is a JSON array of external ids, compared as a set. */
export function idsOutput(result: ActionRun, name: string): string[] {
  const value = output(result, name)
  expect(Array.isArray(value)).toBe(true)
  return [...(value as string[])].sort()
}

/** The external ids of these organizations, sorted. */
export function ids(...names: string[]): string[] {
  return names.map(idOf).sort()
}

/** consumer-ids and consumer-names paired up, as `name id`, order aside. */
export function consumersOutput(result: ActionRun): string[] {
  const consumerIds = output(result, 'consumer-ids') as string[]
  const names = output(result, 'consumer-names') as (string | null)[]
  expect(names).toHaveLength(consumerIds.length)
  return consumerIds.map((id, i) => `${names[i]} ${id}`).sort()
}

/** What consumersOutput gives for these organizations. */
export function consumers(...names: string[]): string[] {
  return names.map(name => `${name} ${idOf(name)}`).sort()
}

/** The plan table's rows as `name id change`, order aside; the label's emoji is left out. */
export function planRows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter(line => line.startsWith('| ') && !/^\| (Consumer|---) /.test(line))
    .map(line => {
      const [name, id, change] = line
        .slice(1, -1)
        .split('|')
        .map(cell => cell.trim())
      return `${name} ${id} ${change?.split(' ').pop()}`
    })
    .sort()
}

/** What planRows gives for these changes. */
export function rows(spec: Record<string, Change>): string[] {
  return Object.entries(spec)
    .map(([name, change]) => `${name} ${idOf(name)} ${change}`)
    .sort()
}

/** Requests that look an organization up, one by name or the admin list. */
export function lookups(name: string): string[] {
  return fake.requests
    .filter(r => r.method === 'GET' && [ADMIN_ORGS, `${ADMIN_ORGS}/${name}`].includes(r.path))
    .map(r => `${r.method} ${r.path}`)
}

/** The body of PATCH module-consumers (the seed endpoint) for these organizations, by id. */
export function seedBodyFor(...names: string[]) {
  return {
    data: {
      type: 'module-partnerships',
      attributes: { 'module-consuming-organization-ids': names.map(idOf) }
    }
  }
}

/** The body of PATCH relationships/module-consumers for these organizations, by name. */
export function relationshipsBody(...names: string[]) {
  return { data: names.map(name => ({ type: 'organizations', id: name })) }
}

/** The body of PUT registry-partnerships. */
export function registryBody(moduleConsumers: string[], providerConsumers: string[]) {
  return {
    data: {
      type: 'registry-partnerships',
      attributes: { 'module-consumers': moduleConsumers, 'provider-consumers': providerConsumers }
    }
  }
}

/** The body of PATCH admin/organizations/:name that sets global module sharing. */
export function globalBody(enabled: boolean) {
  return { data: { type: 'organizations', attributes: { 'global-module-sharing': enabled } } }
}
