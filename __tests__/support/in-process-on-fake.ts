// Running the action in process (support/in-process.ts) against the current test's fake TFE
// (support/fake-tfe-per-test.ts): what action-on-fake's runOnFake, fault-injection's
// runSettingTeams and sharing-files' runWithFiles do with a spawned process, for the integration
// suites that share the end-to-end suites' scenarios and helpers.
import { PRODUCER, idOf } from './action-on-fake.js'
import { fake } from './fake-tfe-per-test.js'
import { workspace } from './sharing-files.js'
import {
  FAST_BACKOFF,
  type InProcessOptions,
  type InProcessRun,
  runInProcess
} from './in-process.js'

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

/**
 * What fault-injection's runSettingTeams does with a spawned process, in process: sets team-a and
 * team-b, by external id, as the consumers of modules, with retries that wait a millisecond or
 * two (FAST_BACKOFF) unless `options` say otherwise. At rate-limit: 1000 (the most the input
 * allows), the slower pace a run keeps after a 429 (a quarter slower each time) costs a few
 * milliseconds a request rather than the default's 67 ms and more.
 */
export function runSettingTeamsInProcess(
  inputs: Record<string, string> = {},
  options: InProcessOptions = {}
): Promise<InProcessRun> {
  return runInProcessOnFake(
    { consumers: `${idOf('team-a')}\n${idOf('team-b')}`, 'rate-limit': '1000', ...inputs },
    { backoff: FAST_BACKOFF, ...options }
  )
}

/**
 * What sharing-files' runWithFiles does with a spawned process, in process: `inputs` on the fake
 * with the site admin's token and hostname, in the current test's workspace (useWorkspace).
 */
export function runWithFilesInProcess(inputs: Record<string, string>): Promise<InProcessRun> {
  return runInProcess(
    { hostname: fake.url, token: fake.adminToken, ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}
