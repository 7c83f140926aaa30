// Orchestration only: settings → one producer's sharing → outputs, summary, comment. The only
// place that decides whether the step failed.
import * as core from '@actions/core'
import { describeCommentFailure, describeFailure } from './failure.js'
import { type InputSource, type Settings, actionInputs, readSettings } from './inputs.js'
import { commentOnPullRequest } from './pull-request-comment.js'
import { failureMarkdown, summaryMarkdown, writeOutputs, writeSummary } from './report.js'
import { shareModules } from './sharing.js'
import { type ClientOptions, TfeClient } from './tfe/client.js'

/** What an in-process caller (a test, a benchmark) may set that no input reaches: timing. */
export interface RunOptions {
  client?: Pick<ClientOptions, 'backoff' | 'idleSocketMs'>
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
    const { organization, baseUrl, api, dryRun } = settings
    client = new TfeClient({
      baseUrl,
      token: settings.token,
      maxRetries: settings.maxRetries,
      timeoutMs: settings.timeoutMs,
      ca: settings.caCertificate,
      log,
      ...options.client
    })

    log(`Reading the module sharing of ${organization} on ${baseUrl}`)
    const outcome = await shareModules(client, settings, { api, dryRun }, log)
    outcome.warnings.forEach(warning => core.warning(warning))
    writeOutputs(outcome)
    const markdown = summaryMarkdown({ baseUrl, api, dryRun, ...outcome })
    await writeSummary(markdown)
    await comment(settings, markdown)
  } catch (error) {
    const line = describeFailure(error, {
      organization: settings?.organization,
      baseUrl: settings?.baseUrl,
      secrets: settings ? [settings.token, settings.pullRequestComment?.githubToken ?? ''] : []
    })
    core.setFailed(line)
    if (settings) {
      // The pull request must not keep showing an earlier, successful plan.
      const markdown = failureMarkdown(settings.organization, line, settings.dryRun)
      await writeSummary(markdown).catch(() => {})
      await comment(settings, markdown)
    }
  } finally {
    client?.dispose()
  }
}

/** The sharing change stands whatever happens here, so a comment failure is a warning. */
async function comment(settings: Settings, markdown: string): Promise<void> {
  if (!settings.pullRequestComment) return
  const { organization } = settings
  const { githubToken } = settings.pullRequestComment
  try {
    const result = await commentOnPullRequest(githubToken, organization, markdown)
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
        organization,
        apiUrl: process.env.GITHUB_API_URL,
        secrets: [githubToken, settings.token]
      })
    )
  }
}
