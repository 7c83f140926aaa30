// Orchestration only: settings → consumers → write → report. The only place that decides
// whether the step failed.
import * as core from '@actions/core'
import { resolveConsumerIds } from './consumers.js'
import { describeFailure, describeNotFound } from './failure.js'
import { type InputSource, type Settings, actionInputs, readSettings } from './inputs.js'
import { summaryMarkdown, writeOutputs, writeSummary } from './report.js'
import { explainNotFound } from './tfe/account.js'
import { TfeClient } from './tfe/client.js'
import { TfeApiError } from './tfe/errors.js'
import { setModuleConsumers } from './tfe/module-sharing.js'

export async function run(source: InputSource = actionInputs): Promise<void> {
  let settings: Settings | undefined
  let client: TfeClient | undefined
  try {
    settings = readSettings(source)
    const { organization, baseUrl } = settings
    client = new TfeClient({ baseUrl, token: settings.token, log: line => core.info(line) })

    const consumerIds = await resolveConsumerIds(client, organization, settings.consumers, line =>
      core.info(line)
    )
    core.info(
      `Setting the module consumers of ${organization} on ${baseUrl} to ${consumerIds.length} organization${consumerIds.length === 1 ? '' : 's'}`
    )
    let partnerships
    try {
      partnerships = await setModuleConsumers(client, organization, consumerIds)
    } catch (error) {
      if (error instanceof TfeApiError && error.status === 404) {
        throw describeNotFound(
          await explainNotFound(client, organization),
          organization,
          'the module-consumers endpoint (PATCH /api/v2/admin/organizations/:name/module-consumers)'
        )
      }
      throw error
    }

    const result = { organization, baseUrl, partnerships }
    writeOutputs(result)
    await writeSummary(summaryMarkdown(result))
    core.info(
      `${organization} now shares its modules with ${partnerships.length} organization${partnerships.length === 1 ? '' : 's'}` +
        (partnerships.length > 0
          ? `: ${partnerships.map(p => p['consuming-organization-name']).join(', ')}`
          : '')
    )
  } catch (error) {
    core.setFailed(
      describeFailure(error, {
        organization: settings?.organization,
        baseUrl: settings?.baseUrl,
        secrets: settings ? [settings.token] : []
      })
    )
  } finally {
    client?.dispose()
  }
}
