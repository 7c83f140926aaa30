// @ts-check
// Jest's global teardown: removes the build that the global setup made for this test run.
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname } from 'node:path'
import { BUILD_PREFIX } from './global-setup.mjs'
import { BUILT_ACTION_ENV } from '../../test-kit/runner.mjs'

export default function globalTeardown() {
  const script = process.env[BUILT_ACTION_ENV]
  if (!script) return
  delete process.env[BUILT_ACTION_ENV]
  // .../action-under-test-XXXXXX/dist/index.js: only ever a folder the setup made.
  const dir = dirname(dirname(script))
  if (dirname(dir) === tmpdir() && basename(dir).startsWith(BUILD_PREFIX)) {
    rmSync(dir, { recursive: true, force: true })
  } else {
    throw new Error(`global teardown: ${script} is not a build of the global setup; left alone`)
  }
}
