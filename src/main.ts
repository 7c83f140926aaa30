// Orchestration only: settings → one producer's sharing, or every producer of the sharing files,
// or an export → outputs, summary, comment. The only place that decides whether the step failed.
import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ConfigInvalid } from './config/errors.js'
import { ActionError } from './errors.js'
import { describeCommentFailure, describeFailure, driftLine, filesFailureLine } from './failure.js'
import { type InputSource, type Settings, actionInputs, readSettings } from './inputs.js'
import { commentOnPullRequest } from './pull-request-comment.js'
import { failureMarkdown, summaryMarkdown, writeOutputs, writeSummary } from './report.js'
import { shareModules } from './sharing.js'
import { type ClientOptions, TfeClient } from './tfe/client.js'
import { RateLimiter } from './tfe/rate-limit.js'

/** What an in-process caller (a test, a benchmark) may set that no input reaches: timing. */
export interface RunOptions {
  client?: Pick<ClientOptions, 'backoff' | 'idleSocketMs'>
}

/**
 * Requests that may go at once after a pause: enough for a one-producer run's whole exchange
 * (reads side by side, a lookup, the write, a read-back), so that none of them waits for the
 * pace. A burst adds to the pace within a second, so it shrinks as the rate nears the 30 requests
 * a second TFE allows by default (one spare, for requests that arrive bunched).
 */
function burstFor(perSecond: number): number {
  return Math.max(1, Math.min(5, 29 - Math.floor(perSecond)))
}

export async function run(
  source: InputSource = actionInputs,
  options: RunOptions = {}
): Promise<void> {
  let settings: Settings | undefined
  let client: TfeClient | undefined
  const log = (line: string): void => core.info(line)
  try {
    settings = readSettings(source)
    client = new TfeClient({
      baseUrl: settings.baseUrl,
      token: settings.token,
      maxRetries: settings.maxRetries,
      timeoutMs: settings.timeoutMs,
      ca: settings.caCertificate,
      limiter: new RateLimiter({
        perSecond: settings.rateLimit,
        burst: burstFor(settings.rateLimit)
      }),
      log,
      ...options.client
    })
    if (settings.config) await runFiles(client, settings, settings.config, log)
    else if (settings.exportTo) await runExport(client, settings, settings.exportTo, log)
    else await runOneProducer(client, settings, log)
  } catch (error) {
    const line = describeFailure(error, {
      organization: settings?.organization || undefined,
      baseUrl: settings?.baseUrl,
      secrets: settings ? [settings.token, settings.pullRequestComment?.githubToken ?? ''] : []
    })
    core.setFailed(line)
    if (settings) {
      // The pull request must not keep showing an earlier, successful plan.
      const markdown = failureMarkdown(subject(settings), line, settings.dryRun)
      await writeSummary(markdown).catch(() => {})
      await comment(settings, markdown)
    }
  } finally {
    client?.dispose()
  }
}

async function runOneProducer(
  client: TfeClient,
  settings: Settings,
  log: (line: string) => void
): Promise<void> {
  const { organization, baseUrl, api, dryRun } = settings
  log(`Reading the module sharing of ${organization} on ${baseUrl}`)
  const outcome = await shareModules(client, settings, { api, dryRun }, log)
  outcome.warnings.forEach(warning => core.warning(warning))
  writeOutputs(outcome)
  const markdown = summaryMarkdown({ baseUrl, api, dryRun, ...outcome })
  await writeSummary(markdown)
  await comment(settings, markdown)
  if (settings.failOnDrift && outcome.plan.changed) {
    core.setFailed(driftLine([organization], 1))
  }
}

/**
 * Every file is read and checked before the first request; every problem becomes an annotation
 * on its file and line, so that it shows in the pull request's diff.
 */
async function runFiles(
  client: TfeClient,
  settings: Settings,
  { patterns, workspace }: NonNullable<Settings['config']>,
  log: (line: string) => void
): Promise<void> {
  const { baseUrl, api, dryRun } = settings
  if (settings.allowEmpty) {
    core.warning(
      "allow-empty does not apply to sharing files: a file states each producer's whole sharing, " +
        'consumers: [] included, and the pull request review is the confirmation'
    )
  }
  // What only file runs need (the YAML parser, the glob matcher, the many-producer flow and its
  // report) is loaded by them alone: a one-producer run starts without it.
  const [{ findSharingFiles }, { loadSharingFiles }, { shareFromFiles }, report] =
    await Promise.all([
      import('./config/find.js'),
      import('./config/load.js'),
      import('./sharing-files.js'),
      import('./report-files.js')
    ])
  const { COMMENT_LIMIT, SUMMARY_LIMIT, anyChange, filesSummaryMarkdown, writeFilesOutputs } =
    report
  const paths = await findSharingFiles(patterns, workspace)
  const loaded = await loadSharingFiles(paths, workspace)
  if (loaded.errors.length > 0) {
    for (const { file, line, column, message } of loaded.errors) {
      core.error(message, { file, startLine: line, startColumn: column })
    }
    throw new ConfigInvalid(loaded.errors)
  }
  log(
    `${paths.length} sharing file${paths.length === 1 ? '' : 's'}, ${loaded.desired.length} producer${loaded.desired.length === 1 ? '' : 's'}; TFE ${baseUrl}`
  )

  const outcome = await shareFromFiles(client, loaded.desired, { api, dryRun }, log, [
    settings.token,
    settings.pullRequestComment?.githubToken ?? ''
  ])
  outcome.warnings.forEach(warning => core.warning(warning))
  for (const producer of outcome.producers) {
    for (const { file, line, message } of producer.problems) {
      core.error(message, { file, startLine: line })
    }
  }
  log(
    `${client.sent} request${client.sent === 1 ? '' : 's'}, ${client.rateLimited} rate-limited (429)`
  )
  writeFilesOutputs(outcome)
  const run = { ...outcome, baseUrl, api, dryRun, patterns }
  await writeSummary(
    filesSummaryMarkdown(run, SUMMARY_LIMIT, 'the producers output has every producer')
  )
  await comment(
    settings,
    filesSummaryMarkdown(run, COMMENT_LIMIT, `the job summary has all of them (${runUrl()})`)
  )

  const failure = filesFailureLine(outcome, dryRun)
  if (failure) {
    core.setFailed(failure)
  } else if (settings.failOnDrift && anyChange(outcome)) {
    const drifted = outcome.producers.filter(p => p.result === 'would-change')
    core.setFailed(
      driftLine(
        drifted.map(p => p.desired.organization),
        outcome.producers.length
      )
    )
  }
}

/** Today's sharing, written as a sharing file; TFE is only read. */
async function runExport(
  client: TfeClient,
  settings: Settings,
  { path, file }: NonNullable<Settings['exportTo']>,
  log: (line: string) => void
): Promise<void> {
  const [{ readSharingToday }, { sharingFileText }, { exportMarkdown }] = await Promise.all([
    import('./export-sharing.js'),
    import('./config/export.js'),
    import('./report-files.js')
  ])
  log(`Reading the module sharing of every organization on ${settings.baseUrl}`)
  const entries = await readSharingToday(client, log)
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, sharingFileText(entries))
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error'
    throw new ActionError(
      'input',
      `export: ${file} cannot be written (${code}); give the path of a file in the workspace, not of a folder. Nothing in TFE was changed.`
    )
  }
  log(
    `Wrote the sharing of ${entries.length} producer${entries.length === 1 ? '' : 's'} to ${file}`
  )
  core.setOutput('changed', 'false')
  await writeSummary(exportMarkdown(entries, file, settings.baseUrl))
}

/** The sharing change stands whatever happens here, so a comment failure is a warning. */
async function comment(settings: Settings, markdown: string): Promise<void> {
  if (!settings.pullRequestComment) return
  const key = subject(settings)
  const { githubToken } = settings.pullRequestComment
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
        secrets: [githubToken, settings.token]
      })
    )
  }
}

/**
 * What a run is about, as its summary heading and comment marker say it: the producer, or the
 * sharing files (by their patterns, so two steps with different files keep two comments).
 */
function subject(settings: Settings): string {
  if (settings.config) {
    const patterns = settings.config.patterns.split(/\r?\n/).map(p => p.trim())
    return `sharing files ${patterns.filter(Boolean).join(', ')}`.replace(/[^\w ./*!,-]/g, '_')
  }
  if (settings.exportTo) return `export to ${settings.exportTo.file}`.replace(/[^\w ./-]/g, '_')
  return settings.organization
}

function runUrl(): string {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
    ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    : 'see the run'
}
