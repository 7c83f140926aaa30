// The reusable workflow teams call (.github/workflows/module-sharing.yml): which caller events
// plan, apply or check for drift; that it gives the action only inputs action.yml declares, with
// the same defaults; least privilege per job; one apply at a time per TFE; the action run at
// the workflow's own version; every workflow's third-party actions pinned to a commit.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { isCompleteWorkflow, yamlBlocks } from '../../scripts/lint-workflows.mjs'
import { parseOutputs, readActionDefaults, repoRoot } from '../../test-kit/runner.mjs'

type Mapping = Record<string, unknown>
interface Step extends Mapping {
  id?: string
  uses?: string
  run?: string
  with?: Mapping
  env?: Mapping
}
interface Job extends Mapping {
  if?: string
  needs?: string | string[]
  permissions?: Mapping | string
  environment?: unknown
  concurrency?: { group?: string; 'cancel-in-progress'?: unknown }
  steps?: Step[]
}
interface Workflow {
  on: { workflow_call: { inputs: Record<string, Mapping>; secrets: Record<string, Mapping> } }
  permissions?: Mapping
  concurrency?: unknown
  jobs: Record<string, Job>
}

const workflowsDir = join(repoRoot, '.github', 'workflows')
const text = readFileSync(join(workflowsDir, 'module-sharing.yml'), 'utf8')
const workflow = parse(text, { strict: true, uniqueKeys: true }) as Workflow
const { inputs, secrets } = workflow.on.workflow_call
const actionDefaults = readActionDefaults()
const jobs = Object.entries(workflow.jobs)

/** The jobs that run the action, with the step that does. */
const actionRuns = jobs.flatMap(([name, job]) =>
  (job.steps ?? [])
    .filter(step => step.uses?.startsWith('./'))
    .map(step => ({ name, job, step, with: step.with ?? {} }))
)
const runOf = (jobName: string) => {
  const run = actionRuns.find(r => r.name === jobName)
  if (!run) throw new Error(`job ${jobName} does not run the action`)
  return run
}

describe('its interface', () => {
  it('is only called by other workflows', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call'])
  })

  it('requires config, hostname and the tfe-token secret; the rest is optional', () => {
    const required = (items: Record<string, Mapping>) =>
      Object.keys(items).filter(name => items[name]?.required === true)
    expect(required(inputs)).toEqual(['config', 'hostname'])
    expect(required(secrets)).toEqual(['tfe-token'])
    for (const name of [
      'environment',
      'api',
      'rate-limit',
      'ca-certificate',
      'runs-on',
      'action-ref'
    ])
      expect([name, inputs[name]?.required]).toEqual([name, false])
  })

  it('describes every input and secret', () => {
    for (const [name, item] of [...Object.entries(inputs), ...Object.entries(secrets)])
      expect([name, typeof item.description]).toEqual([name, 'string'])
  })

  it('uses every input and secret it declares, and no other', () => {
    const used = (context: string) =>
      [
        ...new Set(
          [...text.matchAll(new RegExp(`\\b${context}\\.([a-z][a-z0-9-]*)`, 'g'))].map(m => m[1])
        )
      ].sort()
    expect(used('inputs')).toEqual(Object.keys(inputs).sort())
    expect(used('secrets')).toEqual(Object.keys(secrets).sort())
  })
})

describe('the action it runs', () => {
  it('runs in a plan, an apply and a drift job', () => {
    expect(actionRuns.map(r => r.name).sort()).toEqual(['apply', 'drift', 'plan'])
  })

  it.each(actionRuns.map(r => [r.name, r] as const))(
    '%s: gives only inputs action.yml declares',
    (_name, run) => {
      expect(Object.keys(run.with).filter(input => !(input in actionDefaults))).toEqual([])
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    '%s: passes the caller inputs through, with the same defaults as the action',
    (_name, run) => {
      for (const name of ['hostname', 'api', 'rate-limit', 'ca-certificate'])
        expect([name, run.with[name]]).toEqual([name, `\${{ inputs.${name} }}`])
      expect(run.with.token).toBe('${{ secrets.tfe-token }}')
      // An empty or different default here would override the action's own default.
      for (const name of ['api', 'rate-limit', 'ca-certificate'])
        expect([name, String(inputs[name]?.default)]).toEqual([name, actionDefaults[name]])
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    "%s: gives the caller's config, leaving out the action's own checkout",
    (_name, run) => {
      const checkout = (run.job.steps ?? []).find(
        step => step.uses?.startsWith('actions/checkout@') && step.with?.repository !== undefined
      )
      const path = String(checkout?.with?.path)
      expect(run.step.uses).toBe(`./${path}`)
      expect(String(run.with.config).split('\n').filter(Boolean)).toEqual([
        '${{ inputs.config }}',
        `!${path}/**`
      ])
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    '%s: checks out the action at the repository and commit the action job found',
    (_name, run) => {
      expect(run.job.needs).toBe('action')
      const checkouts = (run.job.steps ?? []).filter(step =>
        step.uses?.startsWith('actions/checkout@')
      )
      expect(checkouts.map(step => step.with?.repository)).toEqual([
        undefined, // the caller's repository, for the sharing files
        '${{ needs.action.outputs.repository }}'
      ])
      expect(checkouts[1]?.with?.ref).toBe('${{ needs.action.outputs.ref }}')
      for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false)
      const order = (run.job.steps ?? []).indexOf(run.step)
      expect(order).toBeGreaterThan((run.job.steps ?? []).indexOf(checkouts[1] as Step))
    }
  )

  it('plans and comments on pull requests, applies, and fails a drift check on drift', () => {
    const flags = (job: string) => {
      const w = runOf(job).with
      return [w['dry-run'], w['comment-on-pr'], w['fail-on-drift']]
    }
    expect(flags('plan')).toEqual([true, true, undefined])
    expect(flags('apply')).toEqual([false, undefined, undefined])
    expect(flags('drift')).toEqual([true, undefined, true])
  })
})

describe('which caller events run what', () => {
  interface Event {
    event_name: string
    ref: string
    event: { repository: { default_branch: string } }
  }
  // Enough of the expression language for these conditions: ==, !=, &&, ||, parentheses,
  // strings, github.* and format().
  function evaluate(condition: string, github: Event): boolean {
    const js = condition.replace(/([!=])=/g, '$1==')
    const format = (template: string, ...args: string[]) =>
      template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '')
    return Boolean(new Function('github', 'format', `return (${js})`)(github, format))
  }
  function jobsRunFor(event_name: string, ref: string): string[] {
    const github = { event_name, ref, event: { repository: { default_branch: 'trunk' } } }
    const ran = new Set<string>()
    for (const [name, job] of jobs) {
      const needs = job.needs === undefined ? [] : [job.needs].flat()
      if (needs.every(n => ran.has(n)) && (job.if === undefined || evaluate(job.if, github)))
        ran.add(name)
    }
    return [...ran].filter(name => name !== 'action')
  }

  it.each([
    ['pull_request', 'refs/pull/7/merge', ['plan']],
    ['push', 'refs/heads/trunk', ['apply']],
    ['workflow_dispatch', 'refs/heads/trunk', ['apply']],
    ['schedule', 'refs/heads/trunk', ['drift']],
    ['push', 'refs/heads/feature', []],
    ['push', 'refs/tags/trunk', []],
    ['issue_comment', 'refs/heads/trunk', []]
  ])('%s on %s runs %j', (event, ref, expected) => {
    expect(jobsRunFor(event, ref)).toEqual(expected)
  })

  it('starts no runner at all for an event that runs nothing', () => {
    const github = {
      event_name: 'push',
      ref: 'refs/heads/feature',
      event: { repository: { default_branch: 'trunk' } }
    }
    expect(evaluate(String(workflow.jobs.action?.if), github)).toBe(false)
  })
})

describe('privileges', () => {
  it('reads contents by default and nothing more', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })

  it.each(jobs)('%s: sets its permissions explicitly, writing only what it must', (name, job) => {
    expect(typeof job.permissions).toBe('object')
    const writes = Object.entries(job.permissions as Mapping)
      .filter(([, level]) => level !== 'read' && level !== 'none')
      .map(([scope, level]) => `${scope}: ${String(level)}`)
    expect(writes).toEqual(name === 'plan' ? ['pull-requests: write'] : [])
  })

  it('asks approval (the environment) only for the apply', () => {
    expect(workflow.jobs.apply?.environment).toBe('${{ inputs.environment }}')
    expect(inputs.environment?.default).toBe('')
    for (const [name, job] of jobs)
      if (name !== 'apply') expect([name, job.environment]).toEqual([name, undefined])
  })
})

describe('one apply at a time per TFE', () => {
  const concurrency = workflow.jobs.apply?.concurrency

  it('groups the applies by a literal prefix and the hostname input', () => {
    expect(concurrency?.group).toMatch(/^[a-z][a-z0-9-]*-\$\{\{ inputs\.hostname \}\}$/)
  })

  it("builds no group from the caller's contexts", () => {
    // github.* is the caller's here: the same group in caller and callee deadlocks.
    expect(text).not.toMatch(/group:.*\b(github|env|vars)\./)
    expect(workflow.concurrency).toBeUndefined()
  })

  it('never cancels an apply in progress', () => {
    expect(concurrency?.['cancel-in-progress']).toBe(false)
  })
})

describe('the action job: which version to run', () => {
  const resolve = workflow.jobs.action?.steps?.find(step => step.id === 'resolve') as Step
  const output = workflow.jobs.action as Job & { outputs?: Mapping }

  it('reads the job context (the workflow itself), not the github context (the caller)', () => {
    expect(resolve.env?.WORKFLOW_REPOSITORY).toMatch(/^\$\{\{ .*\bworkflow_repository \}\}$/)
    expect(resolve.env?.WORKFLOW_SHA).toMatch(/^\$\{\{ .*\bworkflow_sha \}\}$/)
    expect(String(resolve.env?.WORKFLOW_SHA)).toMatch(/\bjob\b/)
    expect(JSON.stringify(resolve.env)).not.toMatch(/github\./)
    expect(resolve.env?.ACTION_REF).toBe('${{ inputs.action-ref }}')
    expect(output.outputs).toEqual({
      repository: '${{ steps.resolve.outputs.repository }}',
      ref: '${{ steps.resolve.outputs.ref }}'
    })
  })

  function runResolve(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'resolve-'))
    try {
      const outputFile = join(dir, 'output')
      const result = spawnSync(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', String(resolve.run)],
        {
          env: { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, ...env },
          encoding: 'utf8'
        }
      )
      let outputs = {}
      try {
        outputs = parseOutputs(readFileSync(outputFile, 'utf8'))
      } catch {
        // no output file: the step failed before writing it
      }
      return { code: result.status, stdout: result.stdout, outputs }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const sha = 'a'.repeat(40)

  it('on github.com: the repository and commit GitHub says', () => {
    const run = runResolve({
      WORKFLOW_REPOSITORY: 'acme/tfe-sharing',
      WORKFLOW_SHA: sha,
      ACTION_REF: ''
    })
    expect(run).toMatchObject({ code: 0, outputs: { repository: 'acme/tfe-sharing', ref: sha } })
  })

  it('prefers what GitHub says over action-ref, with a notice', () => {
    const run = runResolve({
      WORKFLOW_REPOSITORY: 'acme/tfe-sharing',
      WORKFLOW_SHA: sha,
      ACTION_REF: 'acme/tfe-sharing@v0'
    })
    expect(run).toMatchObject({ code: 0, outputs: { repository: 'acme/tfe-sharing', ref: sha } })
    expect(run.stdout).toMatch(/^::notice::action-ref is ignored/m)
  })

  it('on GitHub Enterprise Server: action-ref', () => {
    const run = runResolve({
      WORKFLOW_REPOSITORY: '',
      WORKFLOW_SHA: '',
      ACTION_REF: 'platform/tfe.sharing@v1.2.3'
    })
    expect(run).toMatchObject({
      code: 0,
      outputs: { repository: 'platform/tfe.sharing', ref: 'v1.2.3' }
    })
  })

  it.each([
    '',
    'tfe-module-sharing-action@v1',
    'platform/tfe-module-sharing-action',
    'a/b@v1 extra',
    'a/b/c@v1'
  ])('without the context, fails clearly for action-ref %j', actionRef => {
    const run = runResolve({ WORKFLOW_REPOSITORY: '', WORKFLOW_SHA: '', ACTION_REF: actionRef })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::.*action-ref/m)
    expect(run.outputs).toEqual({})
  })
})

describe('every workflow of this repository', () => {
  const files = readdirSync(workflowsDir).filter(name => /\.ya?ml$/.test(name))

  it.each(files)(
    '%s: pins third-party actions to a full commit SHA, with the version beside it',
    file => {
      const lines = readFileSync(join(workflowsDir, file), 'utf8').split('\n')
      const uses = lines.filter(line => /^\s*(-\s+)?uses:/.test(line))
      for (const line of uses.filter(line => !/uses:\s*\.\//.test(line)))
        expect(line).toMatch(/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$/)
    }
  )

  it.each(files)('%s: sets least-privilege permissions at the top', file => {
    const document = parse(readFileSync(join(workflowsDir, file), 'utf8')) as Workflow
    expect(document.permissions).toEqual({ contents: 'read' })
  })
})

describe('the README caller', () => {
  const callers = yamlBlocks(readFileSync(join(repoRoot, 'README.md'), 'utf8'))
    .filter(block => isCompleteWorkflow(block.text))
    .flatMap(block => Object.values((parse(block.text) as Workflow).jobs))
    .filter(
      job =>
        typeof job.uses === 'string' && /\/\.github\/workflows\/module-sharing\.yml@/.test(job.uses)
    )

  it('shows a team calling the workflow', () => {
    expect(callers.length).toBeGreaterThanOrEqual(1)
  })

  it.each(callers.map((job, i) => [i, job] as const))(
    'caller %i gives declared inputs and secrets, the required ones included, and no inherit',
    (_i, job) => {
      const withKeys = Object.keys((job.with as Mapping | undefined) ?? {})
      expect(withKeys.filter(name => !(name in inputs))).toEqual([])
      expect(withKeys).toEqual(expect.arrayContaining(['config', 'hostname']))
      expect(typeof job.secrets).toBe('object')
      expect(Object.keys(job.secrets as Mapping)).toEqual(['tfe-token'])
    }
  )
})
