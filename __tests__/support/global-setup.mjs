// @ts-check
// Jest's global setup: builds the action from src/ as it is now, with the same ncc build as
// `npm run bundle`, into a temporary folder (a whole folder: ncc writes package.json beside
// index.js, and chunks of code loaded on demand), and tells the test workers where it is. So the
// end-to-end suites never run a stale dist/; a source that does not build fails the test run
// here, with ncc's message.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundle } from '../../scripts/bundle.mjs'
import { BUILT_ACTION_ENV } from '../../test-kit/runner.mjs'

/** Where the build goes: `${tmpdir()}/${BUILD_PREFIX}XXXXXX/dist/index.js`. */
export const BUILD_PREFIX = 'action-under-test-'

export default function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), BUILD_PREFIX))
  // Workers are started after this and inherit the environment; runAction reads it.
  process.env[BUILT_ACTION_ENV] = bundle(join(dir, 'dist'))
}
