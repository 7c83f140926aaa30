// @ts-check
// `npm run bundle`: builds src/ into one ESM file (plus a chunk for code loaded on demand) with
// ncc. The end-to-end tests build into a temporary folder the same way (`--out DIR`), so what
// they run is always the source as it is now, never a stale dist/.
import { spawnSync } from 'node:child_process'
import { renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Builds the action into `out` (default dist/), replacing what was there. */
export function bundle(out = join(repoRoot, 'dist')) {
  const ncc = join(
    dirname(createRequire(import.meta.url).resolve('@vercel/ncc/package.json')),
    'dist/ncc/cli.js'
  )
  // Built beside `out`, then swapped in whole: a failed build leaves the last good one, and a
  // chunk that the source no longer produces does not linger.
  const next = `${out}.building-${process.pid}`
  rmSync(next, { recursive: true, force: true })
  const result = spawnSync(
    process.execPath,
    [ncc, 'build', 'src/index.ts', '-o', next, '--license', 'licenses.txt', '--quiet'],
    { cwd: repoRoot, encoding: 'utf8' }
  )
  if (result.status !== 0) {
    rmSync(next, { recursive: true, force: true })
    throw new Error(`ncc failed (exit ${result.status}):\n${result.stderr || result.stdout}`)
  }
  rmSync(out, { recursive: true, force: true })
  renameSync(next, out)
  return join(out, 'index.js')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  try {
    bundle(values.out ? resolve(values.out) : undefined)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
