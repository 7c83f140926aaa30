// Every YAML example in the README and in docs/*.md is something a user can paste: it parses, it
// is a whole workflow, a step or a sharing file, it passes step outputs to scripts through env:
// (never into run:), it gives this action only the inputs action.yml declares and the reusable
// workflow only the inputs and secrets it declares, and the whole workflows pass actionlint. A
// sharing file in them is one the action reads without a problem. Links to a heading lead to one.
// The README itself stays one a platform team reads quickly: short, with a table of contents.
// (docs.test.ts checks that the docs pages' links lead to files, and the reusable workflow's setup.)
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { parseSharingFile } from '../../src/files/parse.js'
import {
  documentationFiles,
  isCompleteWorkflow,
  lintWorkflow,
  yamlBlocks
} from '../../scripts/lint-workflows.mjs'
import { readActionDefaults, repoRoot } from '../../test-kit/runner.mjs'

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8')
const pages = documentationFiles()
const declared = new Set(Object.keys(readActionDefaults()))
const THIS_ACTION = /^your-org\/tfe-module-sharing-action@/
const REUSABLE_WORKFLOW = /\/\.github\/workflows\/module-sharing\.yml@/
const reusable = (
  parse(read('.github/workflows/module-sharing.yml')) as {
    on: {
      workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> }
    }
  }
).on.workflow_call

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

it('has YAML examples to check in the README and in docs/', () => {
  expect(yamlBlocks(read('README.md')).length).toBeGreaterThanOrEqual(3)
  expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/sharing-files.md']))
})

const blocks = pages.flatMap(file =>
  yamlBlocks(read(file)).map(block => [`${file} line ${block.line}`, file, block] as const)
)

describe.each(blocks)('%s', (_where, file, block) => {
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
      const parsed = parseSharingFile(block.text, file)
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

  it('gives the reusable workflow only the inputs and secrets it declares', () => {
    const callers = mappings(document).filter(
      m => typeof m.uses === 'string' && REUSABLE_WORKFLOW.test(m.uses)
    )
    for (const job of callers) {
      const inputs = Object.keys(isMapping(job.with) ? job.with : {})
      expect(inputs.filter(name => !(name in reusable.inputs))).toEqual([])
      const secrets = isMapping(job.secrets) ? Object.keys(job.secrets) : []
      expect(secrets.filter(name => !(name in reusable.secrets))).toEqual([])
    }
  })

  if (isCompleteWorkflow(block.text)) {
    it('passes actionlint', async () => {
      expect(await lintWorkflow(block.text, file)).toEqual([])
    })
  }
})

/** GitHub's anchors for a page's headings (outside code blocks): lower case, punctuation dropped. */
function anchorsOf(file: string): Set<string> {
  const prose = read(file).replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '')
  return new Set(
    [...prose.matchAll(/^#{1,6} (.+)$/gm)].map(m =>
      (m[1] as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-')
    )
  )
}

/** A page's relative links: the file (relative to the repository) and the anchor, if any. */
function linksOf(file: string): { target: string; path: string; anchor: string | undefined }[] {
  return [...read(file).matchAll(/\]\(([^)\s]*)\)/g)]
    .map(m => m[1] as string)
    .filter(target => !/^[a-z]+:/.test(target))
    .map(target => {
      const [path, anchor] = target.split('#') as [string, string | undefined]
      return { target, path: path === '' ? file : join(dirname(file), path), anchor }
    })
}

describe.each(pages)('%s', file => {
  it('links only to headings that exist, on the page or another', () => {
    for (const { target, path, anchor } of linksOf(file)) {
      if (anchor === undefined || !existsSync(join(repoRoot, path))) continue
      expect([target, anchorsOf(path).has(anchor)]).toEqual([target, true])
    }
  })
})

describe('README.md, read quickly', () => {
  const readme = read('README.md')

  it('stays under 25,000 characters', () => {
    expect(readme.length).toBeLessThanOrEqual(25_000)
  })

  it('says what it does, lists its contents and starts quickly within 5,000 characters', () => {
    const start = readme.slice(0, 5_000)
    expect(start).toMatch(/^## Contents$/m)
    expect(start).toMatch(/^## Quick start$/m)
    const quickStart = readme.indexOf('## Quick start')
    const firstWorkflowEnd = readme.indexOf('\n```\n', readme.indexOf('```yaml', quickStart))
    expect(firstWorkflowEnd).toBeLessThan(5_000)
  })

  it('links only to files that exist', () => {
    for (const { target, path } of linksOf('README.md'))
      expect([target, existsSync(join(repoRoot, path))]).toEqual([target, true])
  })

  it('uses no table: lists read without padding', () => {
    expect(readme).not.toMatch(/^\|.*\|$/m)
  })
})
