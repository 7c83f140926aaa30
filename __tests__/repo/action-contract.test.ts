// action.yml is the public contract: it must declare exactly what the code reads and writes.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..')
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean; description?: string }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [readFileSync(join(dir, entry.name), 'utf8')]
        : []
  )
}

const code = sources(join(root, 'src')).join('\n')

function literalArguments(pattern: RegExp): string[] {
  return [...code.matchAll(pattern)].map(match => match[1] as string).sort()
}

describe('action.yml', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs the code reads', () => {
    const read = [...new Set(literalArguments(/\.input\(\s*'([^']+)'\)/g))]
    expect(read).toEqual(Object.keys(action.inputs).sort())
  })

  it('reads inputs only through the one input source', () => {
    // core.getInput with a literal name anywhere else would bypass validation.
    expect(code).not.toMatch(/get(Boolean|Multiline)?Input\('/)
  })

  it('declares exactly the outputs the code writes', () => {
    const written = [...new Set(literalArguments(/setOutput\(\s*'([^']+)'/g))]
    expect(written).toEqual(Object.keys(action.outputs).sort())
  })

  it('describes every input and output, and gives optional inputs a default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description]).toEqual([name, 'string'])
      if (!input.required) expect([name, typeof input.default]).toEqual([name, 'string'])
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect([name, typeof output.description]).toEqual([name, 'string'])
    }
  })

  it('keeps input and output names kebab-case', () => {
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/)
    }
  })
})
