// Orchestration only: settings → state → plan → apply → report. The only place that decides
// whether the step failed.
import * as core from '@actions/core'
import { type Applied, applyPlan } from './apply.js'
import { resolveConsumers } from './consumers.js'
import { describeFailure } from './failure.js'
import { type InputSource, type Settings, actionInputs, readSettings } from './inputs.js'
import { makePlan } from './plan.js'
import { pullRequestTarget, upsertComment } from './pull-request-comment.js'
import { type Outcome, summaryMarkdown, writeOutputs, writeSummary } from './report.js'
import { readState } from './state.js'
import { type ClientOptions, TfeClient } from './tfe/client.js'

/** What an in-process caller (a test, a benchmark) may set that no input reaches: timing. */
export interface RunOptions {
  client?: Pick<ClientOptions, 'backoff'>
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
    const state = await readState(client, organization, api)
    if (state.consumers === undefined) {
      core.warning(
        `${organization}: this TFE does not list module consumers, so the list before this run is unknown.`
      )
    }
    const known = await resolveConsumers(client, settings, state.consumers, log)
    const plan = makePlan({
      organization,
      mode: settings.mode,
      api,
      dryRun,
      globalModuleSharing: settings.globalModuleSharing,
      allowEmpty: settings.allowEmpty,
      globalBefore: state.producer.globalModuleSharing,
      previous: state.consumers,
      requested: settings.consumers,
      known,
      providerConsumers: state.providerConsumers,
      globalProviderSharing: state.producer.globalProviderSharing
    })
    plan.notes.forEach(log)

    let applied: Applied | undefined
    if (dryRun) {
      log(
        `Dry run: ${plan.changed ? 'the plan would change module sharing' : 'no change'}; nothing was written.`
      )
    } else if (!plan.changed) {
      log(`No change: ${organization} already shares as asked; nothing was written.`)
    } else {
      applied = await applyPlan(client, plan, api, state, log)
      log(
        applied.globalAfter
          ? `${organization} now shares its modules with every organization.`
          : `${organization} now shares its modules with ${applied.consumers.length} organization${applied.consumers.length === 1 ? '' : 's'}.`
      )
    }

    const outcome: Outcome = { baseUrl, api, dryRun, plan, applied }
    writeOutputs(outcome)
    const markdown = summaryMarkdown(outcome)
    await writeSummary(markdown)
    if (settings.pullRequestComment) {
      await comment(organization, settings.pullRequestComment.githubToken, markdown)
    }
  } catch (error) {
    core.setFailed(
      describeFailure(error, {
        organization: settings?.organization,
        baseUrl: settings?.baseUrl,
        secrets: settings ? [settings.token, settings.pullRequestComment?.githubToken ?? ''] : []
      })
    )
  } finally {
    client?.dispose()
  }
}

/** The sharing change stands whatever happens here, so a comment failure is a warning. */
async function comment(organization: string, token: string, markdown: string): Promise<void> {
  let target
  try {
    target = pullRequestTarget()
    if (!target) {
      core.info('comment-on-pr: this run is not for a pull request; no comment.')
      return
    }
    const result = await upsertComment(target, token, organization, markdown)
    core.info(
      `${result.action === 'created' ? 'Commented on' : 'Updated the comment on'} pull request #${target.number}${result.url ? `: ${result.url}` : ''}`
    )
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode
    const message = error instanceof Error ? error.message : String(error)
    core.warning(
      `${organization}: could not comment on ${target ? `pull request #${target.number}` : 'the pull request'}` +
        `${status ? ` (HTTP ${status})` : ''}: ${message.split('\n')[0]}. ` +
        'Give the job permissions: pull-requests: write, and keep github-token at its default.'
    )
  }
}
