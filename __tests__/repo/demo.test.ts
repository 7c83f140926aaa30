// npm run demo, as a new user runs it on a fresh clone: it works, and what it prints says which
// run sent which requests (the apply's are not labelled as the plan's).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../../test-kit/runner.mjs'

it('lists the apply requests under the apply, with their count', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/demo.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000
  })
  expect(run.status).toBe(0)
  const lines = run.stdout.split('\n')
  const at = lines.findIndex(line => /^the plan sent \d+ requests, all reads/.test(line))
  expect(at).toBeGreaterThan(0)
  const count = Number(/the apply sent these (\d+):$/.exec(lines[at] ?? '')?.[1])
  const listed = lines.slice(at + 1).filter(line => /^(GET|PATCH|PUT) {2,}\//.test(line))
  expect(listed.length).toBeGreaterThanOrEqual(count)
  expect(listed.slice(0, count).some(line => line.startsWith('PATCH'))).toBe(true)
})
