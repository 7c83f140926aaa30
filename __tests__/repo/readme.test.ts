// Every YAML example in the README is something a user can paste: it parses, it is a whole
// workflow or a step, it passes step outputs to scripts through env: (never into run:), it uses
// only inputs the action declares, and the whole workflows pass actionlint. A sharing file in it
// is one the action reads without a problem.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseSharingFile } from '../../src/files/parse.js'
import { isCompleteWorkflow, lintWorkflow, yamlBlocks } from '../../scripts/lint-workflows.mjs'
import { readActionDefaults, repoRoot } from '../../test-kit/runner.mjs'

const blocks = yamlBlocks(readFileSync(join(repoRoot, 'README.md'), 'utf8'))
const declared = new Set(Object.keys(readActionDefaults()))
const THIS_ACTION = /^your-org\/tfe-module-sharing-action@/

type Node = unknown
function isMapping(node: Node): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node)
}
function isStep(node: Node): boolean {
  return isMapping(node) && ('uses' in node || 'run' in node)
}
/** Every mapping in a document, depth first. */
function mappings(node: Node): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(mappings)
  if (!isMapping(node)) return []
  return [node, ...Object.values(node).flatMap(mappings)]
}

it('has YAML examples to check', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3)
})

describe.each(blocks.map(b => [`README line ${b.line}`, b] as const))('%s', (_where, block) => {
  const document: Node = parse(block.text, { strict: true, uniqueKeys: true })

  const sharingFile = isMapping(document) && 'producers' in document

  it('is a whole workflow, a step, a list of steps or a sharing file', () => {
    const kind = isCompleteWorkflow(block.text)
      ? 'workflow'
      : isStep(document) || (Array.isArray(document) && document.every(isStep))
        ? 'step'
        : sharingFile
          ? 'sharing file'
          : 'other'
    expect(kind).not.toBe('other')
  })

  if (sharingFile) {
    it('is a sharing file the action reads without a problem', () => {
      const parsed = parseSharingFile(block.text, 'README.md')
      expect(parsed.errors).toEqual([])
      expect(parsed.producers.length).toBeGreaterThan(0)
    })
  }

  it('never puts an expression into a run: script', () => {
    const scripts = mappings(document).flatMap(m => (typeof m.run === 'string' ? [m.run] : []))
    for (const script of scripts) expect(script).not.toMatch(/\$\{\{/)
  })

  it('gives this action only the inputs its action.yml declares', () => {
    const ours = mappings(document).filter(
      m => typeof m.uses === 'string' && THIS_ACTION.test(m.uses)
    )
    for (const step of ours) {
      const inputs = Object.keys(isMapping(step.with) ? step.with : {})
      expect(inputs.filter(name => !declared.has(name))).toEqual([])
    }
  })

  if (isCompleteWorkflow(block.text)) {
    it('passes actionlint', async () => {
      expect(await lintWorkflow(block.text, 'README.md')).toEqual([])
    })
  }
})
