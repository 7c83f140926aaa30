// The reusable workflow teams call (.github/workflows/module-sharing.yml), read as YAML: which
// caller events plan, apply or check for drift; that a pull request's files reach the job holding
// the token only as data in a folder of their own, and nothing from them is run; that the token
// comes only from environments that are named by default; one runner job per event, each running
// the action at the workflow's own version; least privilege per job; concurrency groups that
// never cancel an apply; outputs wired from the job that ran; and the callers the docs show.
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
  outputs?: Record<string, string>
  steps?: Step[]
}
interface Workflow {
  on: {
    workflow_call: {
      inputs: Record<string, Mapping>
      secrets: Record<string, Mapping>
      outputs: Record<string, { description?: string; value?: string }>
    }
  }
  permissions?: Mapping
  concurrency?: unknown
  jobs: Record<string, Job>
}

const workflowsDir = join(repoRoot, '.github', 'workflows')
const text = readFileSync(join(workflowsDir, 'module-sharing.yml'), 'utf8')
const workflow = parse(text, { strict: true, uniqueKeys: true }) as Workflow
const { inputs, secrets, outputs } = workflow.on.workflow_call
const actionDefaults = readActionDefaults()
const jobs = Object.entries(workflow.jobs)
const ACTION_PATH = '.tfe-module-sharing-action'
const TOKEN = '${{ secrets.TFE_TOKEN }}'

const stepsOf = (job: Job): Step[] => job.steps ?? []
const isCheckout = (step: Step) => step.uses?.startsWith('actions/checkout@') === true

/** Every job with the one step that runs the action (a local action), and that step's inputs. */
const actionRuns = jobs.map(([name, job]) => {
  const local = stepsOf(job).filter(step => step.uses?.startsWith('./'))
  const step = local[0] ?? {}
  return { name, job, local, step, with: step.with ?? {} }
})
const runOf = (jobName: string) => {
  const run = actionRuns.find(r => r.name === jobName)
  if (!run) throw new Error(`no job ${jobName}`)
  return run
}
/** The checkout of the sharing files a job reads: the one into the action's working-directory. */
const filesCheckoutOf = (jobName: string) => {
  const run = runOf(jobName)
  return stepsOf(run.job).find(
    step => isCheckout(step) && step.with?.path === run.with['working-directory']
  )
}

describe('its interface', () => {
  it('is only called by other workflows', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call'])
  })

  it('requires config and hostname; every other input is optional and has a default', () => {
    const required = Object.keys(inputs).filter(name => inputs[name]?.required === true)
    expect(required).toEqual(['config', 'hostname'])
    for (const [name, input] of Object.entries(inputs))
      if (!required.includes(name)) {
        expect([name, input.required]).toEqual([name, false])
        expect([name, input.default === undefined]).toEqual([name, false])
      }
  })

  it('takes the token as TFE_TOKEN, the name of the environment secret, and action-token', () => {
    expect(Object.keys(secrets).sort()).toEqual(['TFE_TOKEN', 'action-token'])
    // Not required: the caller's own job sees no environment secret; the jobs check it instead.
    for (const [name, secret] of Object.entries(secrets))
      expect([name, secret.required]).toEqual([name, false])
    expect(text).not.toMatch(/tfe-token/)
  })

  it('describes every input, secret and output', () => {
    for (const [name, item] of [
      ...Object.entries(inputs),
      ...Object.entries(secrets),
      ...Object.entries(outputs)
    ])
      expect([name, typeof item.description]).toEqual([name, 'string'])
  })

  it('uses every input and secret it declares, and no other', () => {
    const used = (context: string) =>
      [
        ...new Set(
          [...text.matchAll(new RegExp(`\\b${context}\\.([A-Za-z_][A-Za-z0-9_-]*)`, 'g'))].map(
            m => m[1]
          )
        )
      ].sort()
    expect(used('inputs')).toEqual(Object.keys(inputs).sort())
    expect(used('secrets')).toEqual(Object.keys(secrets).sort())
  })

  it.each(['changed', 'producers', 'unmanaged'])(
    'outputs %s: the output of whichever job ran, which is the action step output',
    name => {
      const runners = actionRuns.map(r => r.name)
      expect(outputs[name]?.value).toBe(
        `\${{ ${runners.map(job => `jobs.${job}.outputs.${name}`).join(' || ')} }}`
      )
      for (const run of actionRuns) {
        const value = run.job.outputs?.[name]
        const direct = `steps.${String(run.step.id)}.outputs.${name}`
        expect([run.name, value]).toEqual([
          run.name,
          name === 'changed'
            ? `\${{ ${direct} }}`
            : `\${{ inputs.list-outputs && ${direct} || '' }}`
        ])
      }
    }
  )

  it('outputs nothing else', () => {
    expect(Object.keys(outputs).sort()).toEqual(['changed', 'producers', 'unmanaged'])
  })
})

describe('the action it runs', () => {
  it('runs in a plan, an apply and a drift job, and there is no other job', () => {
    expect(actionRuns.map(r => r.name).sort()).toEqual(['apply', 'drift', 'plan'])
  })

  it.each(actionRuns.map(r => [r.name, r] as const))(
    '%s: runs the action once, from its own checkout; no job needs another',
    (_name, run) => {
      expect(run.local.map(step => step.uses)).toEqual([`./${ACTION_PATH}`])
      expect(run.job.needs).toBeUndefined()
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    '%s: gives only inputs action.yml declares',
    (_name, run) => {
      expect(Object.keys(run.with).filter(input => !(input in actionDefaults))).toEqual([])
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    '%s: passes the caller inputs and TFE_TOKEN through, with the same defaults as the action',
    (_name, run) => {
      const passed = ['hostname', 'api', 'rate-limit', 'ca-certificate', 'config']
      if (run.name === 'drift') passed.push('fail-on-unmanaged')
      for (const name of passed)
        expect([name, run.with[name]]).toEqual([name, `\${{ inputs.${name} }}`])
      expect(run.with.token).toBe(TOKEN)
      // An empty or different default here would override the action's own default.
      for (const name of passed.filter(
        n => n in actionDefaults && !['hostname', 'config'].includes(n)
      ))
        expect([name, String(inputs[name]?.default)]).toEqual([name, actionDefaults[name]])
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    "%s: checks out the action at the repository and commit the job's first step found",
    (_name, run) => {
      const steps = stepsOf(run.job)
      const prepare = steps[0] as Step
      expect(prepare.id).toBe('prepare')
      const action = steps.filter(step => isCheckout(step) && step.with?.repository !== undefined)
      expect(action).toHaveLength(1)
      expect(action[0]?.with).toMatchObject({
        repository: '${{ steps.prepare.outputs.repository }}',
        ref: '${{ steps.prepare.outputs.ref }}',
        path: ACTION_PATH,
        token: '${{ secrets.action-token || github.token }}',
        'persist-credentials': false
      })
      expect(steps.indexOf(run.step)).toBeGreaterThan(steps.indexOf(action[0] as Step))
    }
  )

  it.each(actionRuns.map(r => [r.name, r] as const))(
    "%s: reads the sharing files from a checkout of their own, the action's working-directory",
    (_name, run) => {
      const files = filesCheckoutOf(run.name)
      expect(files).toBeDefined()
      const path = String(files?.with?.path)
      expect(path).toMatch(/^[a-z][a-z-]*$/)
      expect(path).not.toBe(ACTION_PATH)
      expect(files?.with?.['persist-credentials']).toBe(false)
      expect(files?.with?.repository).toBeUndefined() // the caller's repository
      expect(stepsOf(run.job).filter(isCheckout)).toHaveLength(2)
      const steps = stepsOf(run.job)
      expect(steps.indexOf(run.step)).toBeGreaterThan(steps.indexOf(files as Step))
    }
  )

  it('plans and comments on pull requests, applies, and checks for drift with an issue', () => {
    const flags = (job: string) => {
      const w = runOf(job).with
      return [w['dry-run'], w['comment-on-pr'], w['fail-on-drift'], w['drift-issue']]
    }
    expect(flags('plan')).toEqual([true, true, undefined, undefined])
    expect(flags('apply')).toEqual([false, undefined, undefined, undefined])
    expect(flags('drift')).toEqual([true, undefined, true, true])
  })

  it("gives the job's own token to the steps that write to GitHub", () => {
    expect(runOf('plan').with['github-token']).toBe('${{ github.token }}')
    expect(runOf('drift').with['github-token']).toBe('${{ github.token }}')
    expect(inputs['fail-on-unmanaged']?.default).toBe(false)
  })
})

describe("a pull request's files: data in a folder of their own, never run", () => {
  const plan = runOf('plan')
  const steps = stepsOf(plan.job)
  const checkout = filesCheckoutOf('plan') as Step
  const path = String(checkout.with?.path)
  const after = steps.slice(steps.indexOf(checkout) + 1)

  it("runs the default branch's definition: the plan job runs only on pull_request_target", () => {
    expect(plan.job.if).toMatch(/^github\.event_name == 'pull_request_target' &&/)
    expect(text).not.toMatch(/'pull_request'/)
  })

  it('checks out the commit of the event, without credentials, into its own path', () => {
    expect(checkout.with).toEqual({
      ref: '${{ github.event.pull_request.head.sha }}',
      path: 'pull-request',
      'persist-credentials': false
    })
    // Nothing else the pull request holds (submodules, LFS) is fetched.
    expect(Object.keys(checkout.with ?? {})).not.toContain('submodules')
  })

  it('has no run: step after it, and no uses: into its path', () => {
    expect(after.length).toBeGreaterThan(0)
    for (const step of after) {
      expect([step.name, step.run]).toEqual([step.name, undefined])
      expect(String(step.uses)).not.toMatch(new RegExp(`^\\./${path}(/|$)`))
      expect(String(step.uses)).toMatch(/^(\.\/\.tfe-module-sharing-action|[\w.-]+\/[\w./-]+@)/)
    }
  })

  it('is read by the action only, as sharing files under its working-directory', () => {
    expect(after).toEqual([plan.step])
    expect(plan.with['working-directory']).toBe(path)
  })

  it("runs the action from the workflow's repository, checked out before the pull request", () => {
    const action = steps.find(step => isCheckout(step) && step.with?.path === ACTION_PATH)
    expect(steps.indexOf(action as Step)).toBeLessThan(steps.indexOf(checkout))
  })

  it('restores no cache, which a pull_request_target run shares with the default branch', () => {
    const all = jobs.flatMap(([, job]) => stepsOf(job))
    expect(all.filter(step => /^actions\/cache[@/]/.test(String(step.uses)))).toEqual([])
    expect(all.filter(step => step.with?.cache !== undefined)).toEqual([])
  })

  it('reads no event data before the checkout but what the checkout needs', () => {
    // The steps before the pull request's checkout read inputs and the job context, never the
    // pull request's title, branch name or body (script injection).
    const before = JSON.stringify(steps.slice(0, steps.indexOf(checkout)))
    expect(before).not.toMatch(/github\.event/)
  })
})

describe('which caller events run what', () => {
  interface Context {
    event_name: string
    ref: string
    repository: string
    event: Mapping
  }
  // Enough of the expression language for these conditions: ==, !=, &&, ||, parentheses,
  // strings, github.*, inputs.* (null where the event has no such property) and format().
  function evaluate(condition: string, github: Context, given: Mapping = {}): boolean {
    const withInputs = { ...defaults(), ...given }
    const js = condition
      .replace(
        /\b(github|inputs)((?:\.[A-Za-z_][\w-]*)+)/g,
        (_, root: string, path: string) =>
          root +
          path
            .split('.')
            .slice(1)
            .map(key => `?.[${JSON.stringify(key)}]`)
            .join('')
      )
      .replace(/([!=])=/g, '$1==')
    const format = (template: string, ...args: string[]) =>
      template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '')
    return Boolean(
      new Function('github', 'inputs', 'format', `return (${js})`)(github, withInputs, format)
    )
  }
  const defaults = () =>
    Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.default]))

  const REPO = 'acme/sharing'
  const repository = { default_branch: 'trunk' }
  const pullRequest = (action: string, from: string | null, base = 'trunk', label?: string) => ({
    event_name: 'pull_request_target',
    ref: 'refs/heads/trunk', // since 2025-12-08 the default branch, whatever the base
    repository: REPO,
    event: {
      action,
      repository,
      ...(label === undefined ? {} : { label: { name: label } }),
      pull_request: {
        number: 7,
        base: { ref: base },
        head: { sha: 'b'.repeat(40), repo: from === null ? null : { full_name: from } }
      }
    }
  })
  const other = (event_name: string, ref: string): Context => ({
    event_name,
    ref,
    repository: REPO,
    event: event_name === 'schedule' ? { schedule: '17 5 * * *' } : { repository }
  })
  function jobsRunFor(github: Context, given: Mapping = {}): string[] {
    return jobs
      .filter(([, job]) => job.if === undefined || evaluate(job.if, github, given))
      .map(([name]) => name)
  }

  it.each([
    ['a branch of the repository: opened', pullRequest('opened', REPO), ['plan']],
    ['a branch of the repository: pushed to', pullRequest('synchronize', REPO), ['plan']],
    ['a branch of the repository: reopened', pullRequest('reopened', REPO), ['plan']],
    ['a branch, another label', pullRequest('labeled', REPO, 'trunk', 'docs'), []],
    ['a branch, the plan label', pullRequest('labeled', REPO, 'trunk', 'safe-to-plan'), ['plan']],
    ['a fork: opened', pullRequest('opened', 'someone/sharing'), []],
    ['a fork: pushed to', pullRequest('synchronize', 'someone/sharing'), []],
    ['a fork: another label', pullRequest('labeled', 'someone/sharing', 'trunk', 'docs'), []],
    [
      'a fork: the plan label',
      pullRequest('labeled', 'someone/sharing', 'trunk', 'safe-to-plan'),
      ['plan']
    ],
    ['a deleted fork', pullRequest('synchronize', null), []],
    ['into another branch', pullRequest('opened', REPO, 'release'), []],
    ['push to the default branch', other('push', 'refs/heads/trunk'), ['apply']],
    [
      'workflow_dispatch on the default branch',
      other('workflow_dispatch', 'refs/heads/trunk'),
      ['apply']
    ],
    ['schedule', other('schedule', 'refs/heads/trunk'), ['drift']],
    ['push to another branch', other('push', 'refs/heads/feature'), []],
    ['push of a tag named like the default branch', other('push', 'refs/tags/trunk'), []],
    ['workflow_dispatch on another branch', other('workflow_dispatch', 'refs/heads/feature'), []],
    ['workflow_dispatch on a tag', other('workflow_dispatch', 'refs/tags/v1'), []],
    [
      "pull_request (runs the branch's definition)",
      { ...pullRequest('opened', REPO), event_name: 'pull_request' },
      []
    ],
    ['issue_comment', other('issue_comment', 'refs/heads/trunk'), []]
  ] as [string, Context, string[]][])('%s runs %j', (_what, github, expected) => {
    expect(jobsRunFor(github)).toEqual(expected)
  })

  it('never plans a fork when fork-plan-label is empty', () => {
    const labeled = pullRequest('labeled', 'someone/sharing', 'trunk', '')
    expect(jobsRunFor(labeled, { 'fork-plan-label': '' })).toEqual([])
    const named = pullRequest('labeled', 'someone/sharing', 'trunk', 'tfe: plan me')
    expect(jobsRunFor(named, { 'fork-plan-label': 'tfe: plan me' })).toEqual(['plan'])
  })

  it('starts one runner job per event at most', () => {
    expect(jobs.every(([, job]) => typeof job.if === 'string')).toBe(true)
    expect(jobs.every(([, job]) => job.needs === undefined)).toBe(true)
  })
})

describe('the TFE token: only from environments that are named by default', () => {
  const tokenJobs = jobs.filter(([, job]) => JSON.stringify(job).includes('secrets.TFE_TOKEN'))

  it('is passed by the plan, apply and drift jobs', () => {
    expect(tokenJobs.map(([name]) => name).sort()).toEqual(['apply', 'drift', 'plan'])
  })

  it.each(tokenJobs)(
    '%s: names an environment from an input that is not empty by default',
    (_name, job) => {
      const m = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(String(job.environment))
      expect(m).not.toBeNull()
      const input = inputs[m?.[1] as string]
      expect(typeof input?.default).toBe('string')
      expect(String(input?.default)).toMatch(/^[\w-]+$/)
    }
  )

  it('applies in environment (tfe-apply); plans and drift checks in plan-environment (tfe-plan)', () => {
    expect(workflow.jobs.apply?.environment).toBe('${{ inputs.environment }}')
    expect(workflow.jobs.plan?.environment).toBe('${{ inputs.plan-environment }}')
    expect(workflow.jobs.drift?.environment).toBe('${{ inputs.plan-environment }}')
    expect([inputs.environment?.default, inputs['plan-environment']?.default]).toEqual([
      'tfe-apply',
      'tfe-plan'
    ])
  })

  it.each(tokenJobs)(
    '%s: gives the token to the action step alone; the first step only learns whether it is set',
    (_name, job) => {
      const steps = stepsOf(job)
      const holding = steps.filter(step => JSON.stringify(step).includes('secrets.TFE_TOKEN'))
      expect(holding.map(step => step.id)).toEqual(['prepare', 'sharing'])
      expect(steps[0]?.env?.HAS_TFE_TOKEN).toBe("${{ secrets.TFE_TOKEN != '' }}")
      expect(job.env).toBeUndefined()
    }
  )
})

describe('privileges', () => {
  it('reads contents by default and nothing more', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })

  it.each(jobs)('%s: reads contents and writes only what it must', (name, job) => {
    expect(job.permissions).toMatchObject({ contents: 'read' })
    const writes = Object.entries(job.permissions as Mapping)
      .filter(([, level]) => level !== 'read' && level !== 'none')
      .map(([scope, level]) => `${scope}: ${String(level)}`)
    const expected: Record<string, string[]> = {
      plan: ['pull-requests: write'],
      drift: ['issues: write'],
      apply: []
    }
    expect(writes).toEqual(expected[name])
  })
})

describe('concurrency', () => {
  const group = (job: string) => String(workflow.jobs[job]?.concurrency?.group)
  const cancels = (job: string) => workflow.jobs[job]?.concurrency?.['cancel-in-progress']
  /** The literal text before the first expression. */
  const prefix = (job: string) => group(job).split('${{')[0] as string

  it('is set per job, never for the whole workflow', () => {
    expect(workflow.concurrency).toBeUndefined()
    for (const [name, job] of jobs)
      expect([name, typeof job.concurrency?.group]).toEqual([name, 'string'])
  })

  it('gives each kind of job a literal prefix of its own, so no two kinds ever share a group', () => {
    const names = jobs.map(([name]) => name)
    for (const a of names) {
      expect(prefix(a)).toMatch(/^tfe-module-sharing-[a-z]+-$/)
      for (const b of names.filter(n => n !== a))
        expect(prefix(a).startsWith(prefix(b))).toBe(false)
    }
  })

  it('keys every group by the TFE host', () => {
    for (const [name] of jobs) expect(group(name)).toContain('${{ inputs.hostname }}')
  })

  it('never cancels an apply: one at a time per TFE, a waiting one replaced by a newer one', () => {
    expect(group('apply')).toBe('tfe-module-sharing-apply-${{ inputs.hostname }}')
    expect(cancels('apply')).toBe(false)
  })

  it('lets the newest plan of a pull request cancel its older ones', () => {
    expect(group('plan')).toBe(
      'tfe-module-sharing-plan-${{ inputs.hostname }}-pr-${{ github.event.pull_request.number }}'
    )
    expect(cancels('plan')).toBe(true)
  })

  it('never cancels a drift check in progress', () => {
    expect(cancels('drift')).toBe(false)
  })

  it("builds groups from no context but the inputs and the pull request's number", () => {
    const expressions = jobs.flatMap(([name]) =>
      [...group(name).matchAll(/\$\{\{ ([^}]*) \}\}/g)].map(m => m[1])
    )
    for (const expression of expressions)
      expect(expression).toMatch(/^(inputs\.hostname|github\.event\.pull_request\.number)$/)
  })
})

describe("the first step: the job's environment, its token, and the action's version", () => {
  const prepares = jobs.map(([name, job]) => [name, stepsOf(job)[0] as Step] as const)
  const script = String(prepares[0]?.[1].run)

  it.each(prepares)(
    "%s: is the same script, reading the job context, not the caller's",
    (name, step) => {
      expect(step.run).toBe(script)
      expect(step.env?.WORKFLOW_REPOSITORY).toBe('${{ fromJSON(toJSON(job)).workflow_repository }}')
      expect(step.env?.WORKFLOW_SHA).toBe('${{ fromJSON(toJSON(job)).workflow_sha }}')
      expect(step.env?.ACTION_REF).toBe('${{ inputs.action-ref }}')
      const environmentInput = name === 'apply' ? 'environment' : 'plan-environment'
      expect(step.env?.ENVIRONMENT).toBe(`\${{ inputs.${environmentInput} }}`)
      expect(step.env?.ENVIRONMENT_INPUT).toBe(environmentInput)
      expect(JSON.stringify(step.env)).not.toMatch(/github\./)
    }
  )

  function runPrepare(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'prepare-'))
    try {
      const outputFile = join(dir, 'output')
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        env: {
          PATH: process.env.PATH,
          GITHUB_OUTPUT: outputFile,
          ENVIRONMENT: 'tfe-plan',
          ENVIRONMENT_INPUT: 'plan-environment',
          HAS_TFE_TOKEN: 'true',
          ...env
        },
        encoding: 'utf8'
      })
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
  const githubCom = { WORKFLOW_REPOSITORY: 'acme/tfe-sharing', WORKFLOW_SHA: sha, ACTION_REF: '' }

  it('on github.com: the repository and commit GitHub says', () => {
    const run = runPrepare(githubCom)
    expect(run).toMatchObject({ code: 0, outputs: { repository: 'acme/tfe-sharing', ref: sha } })
  })

  it('stops when the environment input is empty, naming the input', () => {
    const run = runPrepare({ ...githubCom, ENVIRONMENT: '', ENVIRONMENT_INPUT: 'environment' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::The input environment is empty\. .*default branch/m)
    expect(run.outputs).toEqual({})
  })

  it('stops when the environment gave no TFE_TOKEN, saying where to put it', () => {
    const run = runPrepare({ ...githubCom, HAS_TFE_TOKEN: 'false' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /^::error::The environment tfe-plan gave this job no TFE_TOKEN\. .*gh secret set TFE_TOKEN --env tfe-plan.*secrets: inherit/m
    )
    expect(run.outputs).toEqual({})
  })

  it('prefers what GitHub says over action-ref, with a notice', () => {
    const run = runPrepare({ ...githubCom, ACTION_REF: 'acme/tfe-sharing@v0' })
    expect(run).toMatchObject({ code: 0, outputs: { repository: 'acme/tfe-sharing', ref: sha } })
    expect(run.stdout).toMatch(/^::notice::action-ref is ignored/m)
  })

  it('on GitHub Enterprise Server: action-ref', () => {
    const run = runPrepare({
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
    const run = runPrepare({ WORKFLOW_REPOSITORY: '', WORKFLOW_SHA: '', ACTION_REF: actionRef })
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

  it('module-sharing.yml: puts no expression into a run: script (no script injection)', () => {
    for (const [name, job] of jobs)
      for (const step of stepsOf(job).filter(s => s.run !== undefined))
        expect([name, step.run]).not.toEqual([name, expect.stringContaining('${{')])
  })
})

describe('the callers in docs/reusable-workflow.md', () => {
  interface Caller extends Job {
    uses: string
    with?: Mapping
    secrets?: Mapping | string
  }
  const documents = yamlBlocks(readFileSync(join(repoRoot, 'docs', 'reusable-workflow.md'), 'utf8'))
    .filter(block => isCompleteWorkflow(block.text))
    .map(block => parse(block.text) as Workflow & { on: Mapping })
  const callers = documents.flatMap(document =>
    Object.values(document.jobs)
      .filter(
        (job): job is Caller =>
          typeof job.uses === 'string' &&
          /\/\.github\/workflows\/module-sharing\.yml@/.test(job.uses)
      )
      .map(job => ({ document, job }))
  )

  it('show a team calling the workflow, on all four events', () => {
    expect(callers.length).toBeGreaterThanOrEqual(2)
    const events = callers.map(({ document }) => Object.keys(document.on).sort())
    expect(events).toContainEqual(['pull_request_target', 'push', 'schedule', 'workflow_dispatch'])
  })

  it.each(callers.map(({ document, job }, i) => [i, document, job] as const))(
    'caller %i: declared inputs, the required ones included, and TFE_TOKEN by name or inherited',
    (_i, _document, job) => {
      const withKeys = Object.keys(job.with ?? {})
      expect(withKeys.filter(name => !(name in inputs))).toEqual([])
      expect(withKeys).toEqual(expect.arrayContaining(['config', 'hostname']))
      if (job.secrets !== 'inherit') {
        expect(job.secrets).toMatchObject({ TFE_TOKEN: TOKEN })
        expect(Object.keys(job.secrets as Mapping).filter(name => !(name in secrets))).toEqual([])
      }
    }
  )

  it.each(callers.map(({ document, job }, i) => [i, document, job] as const))(
    'caller %i: grants what the jobs ask, and plans on pull_request_target with labeled',
    (_i, document, job) => {
      const granted = { ...(document.permissions ?? {}), ...((job.permissions as Mapping) ?? {}) }
      expect(granted).toMatchObject({
        contents: 'read',
        'pull-requests': 'write',
        issues: 'write'
      })
      expect(Object.keys(document.on)).not.toContain('pull_request')
      const target = document.on.pull_request_target as { types?: string[] } | undefined
      if (target)
        expect(target.types).toEqual(
          expect.arrayContaining(['opened', 'synchronize', 'reopened', 'labeled'])
        )
    }
  )
})
