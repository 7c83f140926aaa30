// The files maintainers of a published action keep: Dependabot watches both kinds of
// dependencies, .env.example names only inputs the action declares and holds no token, and every
// change has an owner to review it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { readActionDefaults, repoRoot } from '../../test-kit/runner.mjs'

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8')

describe('.github/dependabot.yml', () => {
  const config = parse(read('.github/dependabot.yml')) as {
    version: number
    updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[]
  }

  it.each(['npm', 'github-actions'])('updates %s weekly, from the repository root', ecosystem => {
    expect(config.version).toBe(2)
    const update = config.updates.find(u => u['package-ecosystem'] === ecosystem)
    expect(update).toMatchObject({ directory: '/', schedule: { interval: 'weekly' } })
  })
})

describe('.env.example', () => {
  const lines = read('.env.example').split('\n')
  const declared = readActionDefaults()
  const inputs = lines.flatMap(line => {
    const m = /^#?\s*INPUT_([A-Z0-9_-]+)=/.exec(line)
    return m ? [m[1] as string] : []
  })

  it('names inputs as a runner does, only ones action.yml declares', () => {
    const byVariable = new Map(Object.keys(declared).map(name => [name.toUpperCase(), name]))
    expect(inputs.length).toBeGreaterThan(5)
    expect(inputs.filter(variable => !byVariable.has(variable))).toEqual([])
  })

  it('sets the inputs a run needs', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^INPUT_HOSTNAME=\S/),
        expect.stringMatching(/^INPUT_TOKEN=replace-with-/),
        expect.stringMatching(/^INPUT_ORGANIZATION=\S/)
      ])
    )
  })

  it('holds no real token', () => {
    // A TFE token is `<14 characters>.atlasv1.<60 or more>`; GitHub's start with gh?_ or github_pat_.
    expect(read('.env.example')).not.toMatch(/\.atlasv1\.|gh[pousr]_[A-Za-z0-9]{20}|github_pat_/)
  })

  it('is the template of a file git ignores', () => {
    expect(read('.gitignore').split('\n')).toContain('.env')
  })
})

describe('the local-action script', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts

  it('runs src/main.ts with .env through the pinned devDependency, never npx fetching one', () => {
    // npx asks before installing, which fails without a terminal, and would fetch it unpinned.
    expect(scripts['local-action']).toBe('local-action . src/main.ts .env')
    const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> }
    expect(pkg.devDependencies['@github/local-action']).toMatch(/^\^?\d+\.\d+\.\d+$/)
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { version?: string }>
    }
    expect(lock.packages['node_modules/@github/local-action']?.version).toMatch(/^\d+\.\d+\.\d+$/)
    // local-action calls the entry point's exported run().
    expect(read('src/main.ts')).toMatch(/^export async function run\(/m)
  })

  it('.env.example names organizations the bundled fake TFE has, so it runs as it is', () => {
    const fakeSource = read('scripts/serve-fake-tfe.mjs')
    const value = (name: string) =>
      read('.env.example')
        .split('\n')
        .find(line => line.startsWith(`INPUT_${name}=`))
        ?.split('=')[1] ?? ''
    for (const organization of [value('ORGANIZATION'), ...value('CONSUMERS').split(',')]) {
      expect(fakeSource).toContain(`'${organization}'`)
    }
  })
})

describe('CODEOWNERS', () => {
  it('gives every file an owner', () => {
    const path = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'].find(p =>
      existsSync(join(repoRoot, p))
    )
    expect(path).toBeDefined()
    const rules = read(path as string)
      .split('\n')
      .filter(line => line.trim() && !line.startsWith('#'))
    expect(rules[0]).toMatch(/^\*\s+@[\w-]+\/[\w-]+/)
  })
})
