// runAction stands in for the GitHub runner in end-to-end tests, so its contract (environment,
// INPUT_ names, output and command formats, timeouts) is checked against a stand-in action.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import {
  inputEnvName,
  parseOutputs,
  parseWorkflowCommands,
  readActionDefaults,
  runAction
} from '../../test-kit/runner.mjs'

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

describe('readActionDefaults', () => {
  it("reads this repository's action.yml", () => {
    const defaults = readActionDefaults()
    expect(defaults).toMatchObject({
      organization: '',
      mode: '',
      'rate-limit': '20',
      consumers: '',
      token: '',
      hostname: '',
      'allow-empty': 'false'
    })
  })

  it('handles quoting, comments and multi-line descriptions', () => {
    const file = script(
      'action.yml',
      `name: x
# inputs: not this one
inputs:
  plain:
    description: >-
      A long description
      default: not a default, just text
    default: hello world # a comment
  'quoted':
    default: 'it''s'
  "double":
    required: false
    default: "a\\tb"
  none:
    required: true
  expression:
    default: \${{ github.token }}
outputs:
  result:
    description: 'x'
    default: 'not an input'
runs:
  using: node24
`
    )
    expect(readActionDefaults(file)).toEqual({
      plain: 'hello world',
      quoted: "it's",
      double: 'a\tb',
      none: undefined,
      expression: '${{ github.token }}'
    })
  })

  it('refuses a block-scalar default rather than misreading it', () => {
    const file = script('block.yml', 'inputs:\n  x:\n    default: |\n      text\n')
    expect(() => readActionDefaults(file)).toThrow(/block scalar/)
  })
})

describe('parsers', () => {
  it('names INPUT_ variables as the runner does', () => {
    expect(inputEnvName('allow-empty')).toBe('INPUT_ALLOW-EMPTY')
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT')
  })

  it('parses both GITHUB_OUTPUT formats and rejects an unterminated heredoc', () => {
    expect(parseOutputs('a<<EOF\r\nx\r\ny\r\nEOF\r\nb=1\n\n')).toEqual({ a: 'x\ny', b: '1' })
    expect(() => parseOutputs('a<<EOF\nx\n')).toThrow(/no closing EOF/)
  })

  it('parses workflow commands and ignores ordinary lines', () => {
    expect(parseWorkflowCommands('x\n::notice title=a%2Cb::%250A\n::endgroup::\n:: nope')).toEqual([
      { command: 'notice', properties: { title: 'a,b' }, message: '%0A' },
      { command: 'endgroup', properties: {}, message: '' }
    ])
  })
})

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
