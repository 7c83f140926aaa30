// What runAction (test-kit/runner.mjs), the end-to-end suites' stand-in for the GitHub runner,
// reads and writes as the runner does: action.yml's input defaults, INPUT_ names, both
// GITHUB_OUTPUT formats and workflow commands. Running a stand-in action is e2e/runner's subject.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  inputEnvName,
  parseOutputs,
  parseWorkflowCommands,
  readActionDefaults
} from '../../test-kit/runner.mjs'

const dir = mkdtempSync(join(tmpdir(), 'runner-parsers-'))

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function script(name: string, body: string): string {
  const file = join(dir, name)
  writeFileSync(file, body)
  return file
}

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
