// scripts/check-imports.mjs on small src/ trees in a temporary folder: a tree that keeps every rule
// passes; each tree that breaks one rule fails with exactly the lines that name the breach. The
// runs are concurrent: each is a Node process that loads the TypeScript parser.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('../../scripts/check-imports.mjs', import.meta.url))

// Every layer, importing only what it may, through every form of import the checker follows
// (a directory's index.js, a type import, `export … from`, a dynamic import(), a package subpath).
const CLEAN: Record<string, string> = {
  'src/index.ts': `import { run } from './main.js'

void run()
`,
  'src/main.ts': `import * as core from '@actions/core'
import { summary } from './report/summary.js'

export async function run(): Promise<void> {
  core.info(await summary())
}
`,
  'src/domain/rule.ts': `export interface Rule {
  text: string
}
`,
  'src/domain/plan.ts': `import { parse } from 'yaml'
import type { Rule } from './rule.js'

export const plan = (rule: Rule): unknown => parse(rule.text)
`,
  'src/tfe/client.ts': `import { HttpClient } from '@actions/http-client'
import type { IHeaders } from '@actions/http-client/lib/interfaces'

export const headers: IHeaders = {}
export const client = new HttpClient()
`,
  'src/settings/inputs.ts': `import type { Rule } from '../domain/rule.js'

export const inputs: Rule[] = []
`,
  'src/files/find.ts': `import { plan } from '../domain/plan.js'

export const find = plan
`,
  'src/sharing/index.ts': `export { engine } from './engine.js'
`,
  'src/sharing/engine.ts': `import { plan } from '../domain/plan.js'
import { client } from '../tfe/client.js'

export const engine = { client, plan }
`,
  'src/report/summary.ts': `import type { Rule } from '../domain/rule.js'
import { inputs } from '../settings/inputs.js'
import { engine } from '../sharing/index.js'
export { client } from '../tfe/client.js'

export async function summary(): Promise<string> {
  const { find } = await import('../files/find.js')
  const rules: Rule[] = inputs
  return String([engine, find, rules])
}
`
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
  files: number
}

// Made here rather than in beforeAll: concurrent tests may start before beforeAll hooks run.
const dir = mkdtempSync(join(tmpdir(), 'check-imports-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the checker on CLEAN with `changes` written over it. */
function check(changes: Record<string, string>): Promise<Run> {
  const root = mkdtempSync(join(dir, 'tree-'))
  const files = { ...CLEAN, ...changes }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return new Promise(done => {
    execFile(process.execPath, [SCRIPT, '--root', root], (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0
      done({ status, stdout, stderr, files: Object.keys(files).length })
    })
  })
}

/** The run failed with exactly `problems`, then the summary line. */
function expectProblems(run: Run, problems: string[]) {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    ...problems,
    `check-imports: ${run.files} files, ${count}`
  ])
  expect(run.stdout).toBe('')
  expect(run.status).toBe(1)
}

test.concurrent('a tree that keeps every rule passes with one line', async () => {
  const run = await check({})
  expect(run.stderr).toBe('')
  expect(run.stdout).toBe(`check-imports: ${run.files} files, no cycle, layers respected\n`)
  expect(run.status).toBe(0)
})

describe('import cycles', () => {
  test.concurrent('closed by an `import type` fails, naming every file in order', async () => {
    const run = await check({
      'src/domain/a.ts': `import { b } from './b.js'\nexport const a = () => b()\n`,
      'src/domain/b.ts': `import { c } from './c.js'\nexport const b = () => c\n`,
      'src/domain/c.ts': `import type { a } from './a.js'\nexport let c: typeof a | undefined\n`
    })
    expectProblems(run, [
      'import cycle: src/domain/a.ts → src/domain/b.ts → src/domain/c.ts → src/domain/a.ts'
    ])
  })

  test.concurrent('closed by a type written as import(…) fails', async () => {
    const run = await check({
      'src/domain/a.ts': `import { b } from './b.js'\nexport const a = () => b\n`,
      'src/domain/b.ts': `export let b: typeof import('./a.js').a | undefined\n`
    })
    expectProblems(run, ['import cycle: src/domain/a.ts → src/domain/b.ts → src/domain/a.ts'])
  })

  test.concurrent('closed by `export { x } from` or `export * as x from` fails', async () => {
    const run = await check({
      'src/sharing/p.ts': `export * as q from './q.js'\n`,
      'src/sharing/q.ts': `import { p } from './p.js'\nexport const q = p\n`,
      'src/sharing/x.ts': `export { y } from './y.js'\n`,
      'src/sharing/y.ts': `import { x } from './x.js'\nexport const y = x\n`
    })
    expectProblems(run, [
      'import cycle: src/sharing/p.ts → src/sharing/q.ts → src/sharing/p.ts',
      'import cycle: src/sharing/x.ts → src/sharing/y.ts → src/sharing/x.ts'
    ])
  })

  test.concurrent('closed by a dynamic import() fails', async () => {
    const run = await check({
      'src/files/load.ts': `export async function load() {
  const { parse } = await import('./parse.js')
  return parse
}
`,
      'src/files/parse.ts': `import { load } from './load.js'\nexport const parse = () => load\n`
    })
    expectProblems(run, [
      'import cycle: src/files/load.ts → src/files/parse.ts → src/files/load.ts'
    ])
  })
})

describe('layers', () => {
  test.concurrent('domain importing any @actions package fails, a type import too', async () => {
    const run = await check({
      'src/domain/log.ts': `import type { InputOptions } from '@actions/core'\nexport type O = InputOptions\n`,
      'src/domain/event.ts': `import { context } from '@actions/github/lib/utils'\nexport const c = context\n`
    })
    expectProblems(run, [
      'src/domain/event.ts imports @actions/github: domain may not import @actions/*',
      'src/domain/log.ts imports @actions/core: domain may not import @actions/*'
    ])
  })

  test.concurrent(
    'tfe importing @actions/core fails (the clean tree shows http-client is fine)',
    async () => {
      const run = await check({
        'src/tfe/log.ts': `import { debug } from '@actions/core'\nexport const log = debug\n`
      })
      expectProblems(run, [
        'src/tfe/log.ts imports @actions/core: tfe may not import @actions/core, @actions/github, @actions/glob'
      ])
    }
  )

  test.concurrent('domain importing tfe fails', async () => {
    const run = await check({
      'src/domain/fetch.ts': `import { client } from '../tfe/client.js'\nexport const fetch = client\n`
    })
    expectProblems(run, [
      'src/domain/fetch.ts imports src/tfe/client.ts: domain may import only domain'
    ])
  })

  test.concurrent('tfe importing sharing fails, a type import too', async () => {
    const run = await check({
      'src/tfe/cache.ts': `import type { engine } from '../sharing/engine.js'\nexport let cache: typeof engine | undefined\n`
    })
    expectProblems(run, ['src/tfe/cache.ts imports src/sharing/engine.ts: tfe may import only tfe'])
  })

  test.concurrent('sharing importing report fails', async () => {
    const run = await check({
      'src/sharing/notify.ts': `import { summary } from '../report/summary.js'\nexport const notify = summary\n`
    })
    expectProblems(run, [
      'src/sharing/notify.ts imports src/report/summary.ts: sharing may import only sharing, domain, tfe'
    ])
  })

  test.concurrent('a file in a folder that is not in the table fails', async () => {
    const run = await check({
      'src/config/load.ts': `import { plan } from '../domain/plan.js'\nexport const load = plan\n`
    })
    expectProblems(run, [
      'src/config/load.ts is in no known layer; add its folder to the table in scripts/check-imports.mjs'
    ])
  })
})

test.concurrent('anything but src/index.ts importing src/main.ts fails', async () => {
  const run = await check({
    'src/cli.ts': `import { run } from './main.js'\nvoid run()\n`
  })
  expectProblems(run, [
    'src/cli.ts imports src/main.ts: only src/index.ts may import src/main.ts (it runs the action when loaded)'
  ])
})

test.concurrent(
  'a relative import of no .ts file fails, since its edges cannot be seen',
  async () => {
    const run = await check({
      'src/domain/typo.ts': `import { plan } from './plans.js'\nexport const typo = plan\n`
    })
    expectProblems(run, ['src/domain/typo.ts imports ./plans.js: it names no .ts file under src/'])
  }
)

test.concurrent('a root without src/ is an error, not a pass', async () => {
  const run = await new Promise<{ status: number | null; stderr: string }>(done => {
    execFile(process.execPath, [SCRIPT, '--root', join(dir, 'nothing')], (error, _out, stderr) => {
      done({ status: error && typeof error.code === 'number' ? error.code : 0, stderr })
    })
  })
  expect(run.stderr).toMatch(/^check-imports: cannot read .*nothing[/\\]src: /)
  expect(run.status).toBe(2)
})
