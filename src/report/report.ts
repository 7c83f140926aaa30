// One report for every run, written from its outcome: warnings and annotations where the user
// wrote each problem, the step's outputs, the job summary and the pull request comment. It
// decides nothing: main.ts says whether the step failed.
import * as core from '@actions/core'
import { ConfigInvalid, InputError } from '../domain/errors.js'
import type { Api } from '../domain/model.js'
import type { Outcome, ProducerOutcome } from '../domain/outcome.js'
import {
  type FileProblem,
  type Problem,
  formatFileProblem,
  isFilePlace
} from '../domain/problems.js'
import { commentMarker, commentOnPullRequest } from './comment.js'
import { driftMarker, keepDriftIssue } from './drift-issue.js'
import { describeCommentFailure, describeFailure, describeIssueFailure } from './failure.js'
import { COMMENT_LIMIT, SUMMARY_LIMIT, filesSummaryMarkdown } from './files-summary.js'
import { writeFilesOutputs, writeProducerOutputs } from './outputs.js'
import {
  failureMarkdown,
  markdownText,
  problemLine,
  summaryMarkdown,
  writeSummary
} from './summary.js'

export interface RunContext {
  /** A drift check (fail-on-drift): its summary says drift, and which way. */
  drift: boolean
  baseUrl: string
  api: Api
  dryRun: boolean
  /** What the run is about, as its summary heading and comment marker say it. */
  subject: string
  /** The config input of a run of sharing files; undefined for a run of the step's inputs. */
  patterns: string | undefined
  /** Only to comment on pull requests; undefined when no comment is wanted. */
  comment: { githubToken: string } | undefined
  /** Kept out of every line, whatever a server echoes back. */
  secrets: readonly string[]
}

/**
 * The problems of a producer, each where the user wrote it. A failed write has no place of its
 * own: it is shown at the producer, worded with what TFE already holds.
 */
export function problemsOf(producer: ProducerOutcome, context: RunContext): Problem[] {
  if (producer.problems.length > 0 || producer.result !== 'failed') return producer.problems
  const message = describeFailure(producer.error, {
    organization: producer.desired.organization,
    secrets: context.secrets
  })
  return [{ ...producer.desired.place, message }]
}

export async function reportOutcome(
  outcome: Outcome,
  context: RunContext,
  /** The step's error line when it fails: shown first in the summary and the comment. */
  failure?: string
): Promise<void> {
  const shown = {
    ...outcome,
    producers: outcome.producers.map(p => ({ ...p, problems: problemsOf(p, context) }))
  }
  outcome.warnings.forEach(warning => core.warning(warning))
  if (context.patterns === undefined) {
    const [producer] = shown.producers
    // A run of the step's inputs that failed shows its one line instead (reportFailure).
    if (!producer?.plan || producer.result === 'failed') return
    writeProducerOutputs(producer)
    const markdown = summaryMarkdown({ ...context, plan: producer.plan, applied: producer.applied })
    await writeSummary(markdown)
    await comment(context, markdown)
    return
  }
  for (const { problems } of shown.producers) {
    for (const problem of problems) {
      if (isFilePlace(problem))
        core.error(problem.message, { file: problem.file, startLine: problem.line })
    }
  }
  writeFilesOutputs(outcome)
  const run = { ...shown, ...context, patterns: context.patterns, failure }
  await writeSummary(
    filesSummaryMarkdown(run, SUMMARY_LIMIT, 'the producers output has every producer')
  )
  await comment(
    context,
    filesSummaryMarkdown(
      run,
      // The hidden marker goes into the same comment: the plan gets what it leaves.
      COMMENT_LIMIT - Buffer.byteLength(`${commentMarker(context.subject)}\n`),
      `the job summary has all of them (${runUrl()})`
    )
  )
}

/**
 * What the summary and the pull request show when the run failed: its one line, and each problem
 * of the sharing files as an annotation on its line.
 */
export async function reportFailure(
  line: string,
  context: RunContext,
  error?: unknown
): Promise<void> {
  if (error instanceof ConfigInvalid) {
    for (const problem of error.problems) {
      const { file, line, column, message } = problem
      core.error(message, { file, startLine: line, startColumn: column })
      // Past ten, GitHub drops annotations: the log keeps each, with its place.
      core.info(formatFileProblem(problem))
    }
  }
  // The pull request must not keep showing an earlier, successful plan.
  const input = error instanceof InputError ? error.input : undefined
  let markdown = failureMarkdown(context.subject, line, context.dryRun, input)
  if (error instanceof ConfigInvalid) {
    // GitHub shows ten error annotations a step: the summary and the comment list them all.
    markdown += problemList(error.problems, PROBLEMS_SHOWN)
  }
  await writeSummary(markdown).catch(() => {})
  await comment(context, markdown)
}

const PROBLEMS_SHOWN = 200

/** Each problem with its file and line, as a list; the rest counted (the log has every one). */
function problemList(problems: readonly FileProblem[], max: number): string {
  const lines = problems.slice(0, max).map(p => problemLine(`${p.file}:${p.line}`, p.message))
  if (problems.length > max) {
    lines.push(`- … and ${problems.length - max} more: the step's log lists every one.`)
  }
  return `\n${lines.join('\n')}\n`
}

/** The sharing change stands whatever happens here, so a comment failure is a warning. */
async function comment(context: RunContext, markdown: string): Promise<void> {
  if (!context.comment) return
  const key = context.subject
  const { githubToken } = context.comment
  try {
    const result = await commentOnPullRequest(githubToken, key, markdown)
    if (!result) {
      core.info('comment-on-pr: this run is not for a pull request; no comment.')
      return
    }
    core.info(
      `${result.action === 'created' ? 'Commented on' : 'Updated the comment on'} pull request #${result.number}${result.url ? `: ${result.url}` : ''}`
    )
  } catch (error) {
    core.warning(
      describeCommentFailure(error, {
        organization: key,
        apiUrl: process.env.GITHUB_API_URL,
        secrets: context.secrets
      })
    )
  }
}

/** What a drift check found: drift, nothing, or that it could not check (and why). */
export type DriftFinding =
  { kind: 'drift' | 'clean'; outcome: Outcome } | { kind: 'could-not-check'; line: string }

/**
 * The drift issue: the same layout and budget as the pull request comment, with what to do. A
 * failure to keep it is a warning: the check's own result stands.
 */
export async function reportDrift(
  finding: DriftFinding,
  context: RunContext,
  githubToken: string
): Promise<void> {
  const run = runUrl()
  let markdown: string
  if (finding.kind === 'could-not-check') {
    markdown = [
      `### The drift check could not run`,
      '',
      `This is not drift: the check stopped before it could compare TFE with the sharing files (${run}).`,
      '',
      `**Failed**: ${markdownText(finding.line)}`,
      '',
      'Fix the cause (the token, the sharing files, TFE itself); the next check updates this issue.',
      ''
    ].join('\n')
  } else if (finding.kind === 'clean') {
    markdown = `### TFE matches the sharing files again\n\nChecked by ${run}; this issue is closed.\n`
  } else {
    const intro = [
      '**TFE differs from the sharing files.** To resolve it: run the apply (the default',
      "branch's apply job) so that TFE matches the files again; or, if TFE is right, export",
      "today's sharing (the action's `export` input) and review the difference into the files.",
      `Found by ${run}.`,
      ''
    ].join('\n')
    const budget = COMMENT_LIMIT - Buffer.byteLength(`${driftMarker(context.subject)}\n${intro}\n`)
    markdown = `${intro}\n${filesSummaryMarkdown({ ...finding.outcome, ...context, patterns: context.patterns ?? '' }, budget, `the job summary has all of them (${run})`)}`
  }
  try {
    const result = await keepDriftIssue(githubToken, context.subject, {
      kind: finding.kind,
      markdown
    })
    if (result.action !== 'none') {
      core.info(
        `Drift issue #${result.number} ${result.action}${result.url ? `: ${result.url}` : ''}`
      )
    }
  } catch (error) {
    core.warning(
      describeIssueFailure(error, {
        subject: context.subject,
        apiUrl: process.env.GITHUB_API_URL,
        secrets: context.secrets
      })
    )
  }
}

function runUrl(): string {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
    ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    : 'see the run'
}
