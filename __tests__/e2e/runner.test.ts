// runAction stands in for the GitHub runner in end-to-end tests, so its contract (environment,
// INPUT_ names, output and command formats, timeouts) is checked against a stand-in action. What
// it reads (action.yml's defaults, GITHUB_OUTPUT, workflow commands) is unit/runner-parsers'.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { inputEnvName, readActionDefaults, runAction } from '../../test-kit/runner.mjs'

const dir = mkdtempSync(join(tmpdir(), 'runner-test-'))

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function script(name: string, body: string): string {
  const file = join(dir, name)
  writeFileSync(file, body)
  return file
}

// Writes outputs the way @actions/core does, and reports what it saw.
const echo = script(
  'echo.mjs',
  `import { appendFileSync } from 'node:fs'
const set = (name, value) => {
  const d = 'ghadelimiter_' + Math.random().toString(16).slice(2)
  appendFileSync(process.env.GITHUB_OUTPUT, name + '<<' + d + '\\n' + value + '\\n' + d + '\\n')
}
const inputs = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_')))
set('inputs', JSON.stringify(inputs))
set('multi', 'line one\\nline two')
appendFileSync(process.env.GITHUB_OUTPUT, 'plain=a=b\\n')
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## Summary\\n')
console.log('hello')
console.log('::add-mask::secret')
console.log('::warning file=src/a.ts,line=3,title=Look%3A here%2C please::careful%0Anow')
console.log('::error::100%25 broken%0D%0Adone')
process.exitCode = Number(process.env.EXIT_CODE ?? 0)
`
)

describe('runAction', () => {
  it('runs the script with a minimal environment and INPUT_ variables', async () => {
    process.env.TFE_TOKEN = 'must-not-leak'
    try {
      const run = await runAction(
        { organization: 'my-org', 'allow-empty': 'true', extra: 'kept' },
        { script: echo, env: { TFE_HOSTNAME: 'tfe.example.com', CI: undefined } }
      )
      expect(run).toMatchObject({ code: 0, signal: null, timedOut: false })
      expect(run.stdout).toContain('hello')
      // Every declared input is set (its default, '' for ${{ }} expressions), plus extra ones.
      const declared = Object.fromEntries(
        Object.entries(readActionDefaults()).map(([name, value]) => [
          inputEnvName(name),
          value === undefined || value.includes('${{') ? '' : value
        ])
      )
      expect(JSON.parse(run.outputs.inputs ?? '')).toEqual({
        ...declared,
        INPUT_ORGANIZATION: 'my-org',
        'INPUT_ALLOW-EMPTY': 'true',
        INPUT_EXTRA: 'kept'
      })
      expect(declared).toMatchObject({ INPUT_CONSUMERS: '', INPUT_TOKEN: '', INPUT_HOSTNAME: '' })
      expect(run.env.TFE_TOKEN).toBeUndefined()
      expect(run.env.TFE_HOSTNAME).toBe('tfe.example.com')
      expect(run.env.CI).toBeUndefined()
      expect(run.env.GITHUB_ACTIONS).toBe('true')
      expect(run.outputs.multi).toBe('line one\nline two')
      expect(run.outputs.plain).toBe('a=b')
      expect(run.summary).toBe('## Summary\n')
      expect(run.annotations).toEqual([
        { command: 'add-mask', properties: {}, message: 'secret' },
        {
          command: 'warning',
          properties: { file: 'src/a.ts', line: '3', title: 'Look: here, please' },
          message: 'careful\nnow'
        },
        { command: 'error', properties: {}, message: '100% broken\r\ndone' }
      ])
    } finally {
      delete process.env.TFE_TOKEN
    }
  })

  it('uses action.yml defaults for inputs not given', async () => {
    const run = await runAction({}, { script: echo })
    const inputs = JSON.parse(run.outputs.inputs ?? '') as Record<string, string>
    expect(inputs['INPUT_ALLOW-EMPTY']).toBe('false')
    expect(inputs.INPUT_ORGANIZATION).toBe('')
  })

  it('reports the exit code', async () => {
    const run = await runAction({}, { script: echo, env: { EXIT_CODE: '3' } })
    expect(run.code).toBe(3)
  })

  it('keeps this process serving while the action runs', async () => {
    const fake = await startFakeTfe()
    try {
      const ping = script(
        'ping.mjs',
        `const res = await fetch(process.env.INPUT_HOSTNAME + '/api/v2/ping')
console.log('status ' + res.status)
`
      )
      const run = await runAction({ hostname: fake.url }, { script: ping })
      expect(run.stdout.trim()).toBe('status 204')
      expect(fake.requests.map(r => r.path)).toEqual(['/api/v2/ping'])
    } finally {
      await fake.close()
    }
  })

  it('kills a script that outlives the timeout', async () => {
    const hang = script('hang.mjs', 'setInterval(() => {}, 1000)\n')
    const run = await runAction({}, { script: hang, timeoutMs: 300 })
    expect(run).toMatchObject({ timedOut: true, signal: 'SIGKILL', code: null })
  })

  it('says so when the script does not exist', async () => {
    await expect(runAction({}, { script: join(dir, 'missing.js') })).rejects.toThrow(
      /does not exist/
    )
  })
})
