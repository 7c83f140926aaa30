// Running the action in process (support/in-process.ts) against the current test's fake TFE
// (support/fake-tfe-per-test.ts): what action-on-fake's runOnFake does with a spawned process, for
// the integration suites that share the end-to-end suites' scenarios (sharing-scenario.ts).
import { PRODUCER } from './action-on-fake.js'
import { fake } from './fake-tfe-per-test.js'
import { type InProcessOptions, type InProcessRun, runInProcess } from './in-process.js'

/**
 * Runs run() on the fake, for the producer `modules` with the site admin's token, and `inputs`
 * on top; `env` is what the action sees of the environment (TFE_TOKEN, TFE_HOSTNAME, TFE_ADDRESS).
 */
export function runInProcessOnFake(
  inputs: Record<string, string>,
  options: InProcessOptions = {}
): Promise<InProcessRun> {
  return runInProcess(
    { organization: PRODUCER, hostname: fake.url, token: fake.adminToken, ...inputs },
    options
  )
}
