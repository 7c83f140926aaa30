// npm run demo, as a new user runs it on a fresh clone: it works, what it prints says which run
// sent which requests (the apply's are not labelled as the plan's), and its sharing files end with
// TFE sharing modules and providers as they say, a kind a file leaves out untouched.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../../test-kit/runner.mjs'

let run: SpawnSyncReturns<string>
let lines: string[]

beforeAll(() => {
  run = spawnSync(process.execPath, [join(repoRoot, 'scripts/demo.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000
  })
  lines = run.stdout.split('\n')
}, 70_000)

/** The exit status, with the end of what the demo printed when it is not 0. */
function exited(): { status: number | null; tail?: string } {
  if (run.status === 0) return { status: 0 }
  return { status: run.status, tail: `${run.stdout}\n${run.stderr}`.slice(-2000) }
}

/** The apply's requests, as the demo lists them under "the apply sent these N". */
function applyRequests(): { count: number; listed: string[] } {
  const at = lines.findIndex(line => /^the plan sent \d+ requests, all reads/.test(line))
  expect(at).toBeGreaterThan(0)
  const count = Number(/the apply sent these (\d+):$/.exec(lines[at] ?? '')?.[1])
  const listed = lines.slice(at + 1).filter(line => /^(GET|PATCH|PUT) {2,}\//.test(line))
  return { count, listed }
}

/**
 * What the last result section says `name` shares, of one kind: its line names it and the
 * modules, the next line the providers.
 */
function sharedAtEnd(name: string, kind: 'modules' | 'providers'): string | undefined {
  const result = lines.map(line => line.startsWith('=== result')).lastIndexOf(true)
  const at = lines.findIndex((line, i) => i > result && line.startsWith(`${name} `))
  if (result < 0 || at < 0) return undefined
  const line = lines[kind === 'modules' ? at : at + 1] ?? ''
  return line.split(`shares ${kind} with: `)[1]
}

it('lists the apply requests under the apply, with their count', () => {
  expect(exited()).toEqual({ status: 0 })
  const { count, listed } = applyRequests()
  expect(listed.length).toBeGreaterThanOrEqual(count)
  expect(listed.slice(0, count).some(line => line.startsWith('PATCH'))).toBe(true)
})

it('shares providers through registry-partnerships as the files say, leaving out what they leave out', () => {
  expect(exited()).toEqual({ status: 0 })
  const { count, listed } = applyRequests()
  const apply = listed.slice(0, count)
  expect(
    apply.some(line =>
      /^PUT +\/api\/v2\/admin\/organizations\/[^/]+\/registry-partnerships$/.test(line)
    )
  ).toBe(true)
  expect(sharedAtEnd('platform-modules', 'modules')).toBe('other-organization, platform-team')
  expect(sharedAtEnd('platform-modules', 'providers')).toBe('platform-team')
  // Its file states only providers: its modules stay as they were.
  expect(sharedAtEnd('platform-providers', 'modules')).toBe('security')
  expect(sharedAtEnd('platform-providers', 'providers')).toBe('networking, security')
  expect(sharedAtEnd('network-modules', 'providers')).toBe(
    'every organization (global provider sharing)'
  )
  // States only modules: providers untouched (it shares none).
  expect(sharedAtEnd('retired-modules', 'providers')).toBe('nobody')
  // In no file: reported, not touched.
  expect(sharedAtEnd('shadow-providers', 'providers')).toBe('legacy-apps')
  // Reported unmanaged: platform-providers for its modules, which its file leaves out.
  expect(lines).toContain('unmanaged: ["platform-providers","shadow-modules","shadow-providers"]')
})
