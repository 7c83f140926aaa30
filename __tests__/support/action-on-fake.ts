// Running the action end to end against the current test's fake TFE (support/fake-tfe-per-test.ts),
// as a GitHub runner runs it (test-kit/runner.mjs), and what every such run is checked for.
import type { FakeOrganization, FakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake } from './fake-tfe-per-test.js'
import { type ActionRun, runAction } from '../../test-kit/runner.mjs'
import { annotations, expectOneFailure } from './run-expectations.js'

/** The organization whose module sharing the runs change, unless the inputs name another. */
export const PRODUCER = 'modules'

/**
 * Runs the action on the fake, for the producer `modules` with the site admin's token, and
 * `inputs` on top; `env` is added to (or, with undefined, removed from) the runner's environment.
 */
export function runOnFake(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
): Promise<ActionRun> {
  return runAction(
    { organization: PRODUCER, hostname: fake.url, token: fake.adminToken, ...inputs },
    { env }
  )
}

/** The fake's tokens, and their secret parts alone (in case something split them). */
export function fakeSecrets(): string[] {
  return [fake.adminToken, fake.userToken].flatMap(token => [token, token.split('.')[1] ?? token])
}

/** A failed run: exit 1, exactly one readable error line, no stack trace, no token. */
export function expectFailure(result: ActionRun, pattern: RegExp): string {
  return expectOneFailure(result, pattern, fakeSecrets())
}

/** A run that exited 0 in time, without an error annotation. */
export function expectSuccess(result: ActionRun): void {
  expect({
    timedOut: result.timedOut,
    code: result.code,
    errors: annotations(result, 'error')
  }).toEqual({ timedOut: false, code: 0, errors: [] })
}

/** The writes the fake received, bodies parsed. */
export function writes() {
  return fake
    .writes()
    .map(w => ({ method: w.method, path: w.path, body: w.body ? JSON.parse(w.body) : undefined }))
}

/** An organization of the fake, as it is now. */
export function org(name: string): FakeOrganization {
  const found = fake.org(name)
  if (!found) throw new Error(`test setup: no organization ${name}`)
  return found
}

export function idOf(name: string): string {
  return org(name).externalId
}

/** team-a, team-b and legacy; the producer, modules, shares with legacy. */
export function seedTeams(tfe: FakeTfe): void {
  tfe.addOrganization({ name: 'team-a' })
  tfe.addOrganization({ name: 'team-b' })
  tfe.addOrganization({ name: 'legacy' })
  tfe.addOrganization({ name: PRODUCER, moduleConsumers: ['legacy'] })
}
