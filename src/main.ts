// The step: settings → the producers asked for → one engine → one outcome → one report. The only
// place that decides whether the step failed.
import * as core from '@actions/core'
import type { Desired } from './domain/desired.js'
import type { ExportEntry } from './files/export.js'
import { ActionError, ConfigInvalid } from './domain/errors.js'
import type { Outcome } from './domain/outcome.js'
import { exportMarkdown } from './report/files-summary.js'
import { describeFailure, driftLine, filesFailureLine, unmanagedLine } from './report/failure.js'
import { type RunContext, reportDrift, reportFailure, reportOutcome } from './report/report.js'
import { writeSummary } from './report/summary.js'
import { type InputSource, actionInputs, readForFailure, readSettings } from './settings/inputs.js'
import type { Settings } from './settings/settings.js'
import { share } from './sharing/engine.js'
import { OrganizationDirectory } from './sharing/resolver.js'
import { type Sharer, readSharingToday } from './sharing/today.js'
import { type ClientOptions, TfeClient } from './tfe/client.js'
import { RateLimiter } from './tfe/rate-limit.js'

/**
 * What an in-process caller (a test, a benchmark) may set that no input reaches: timing, below
 * what the inputs allow (timeout-seconds is at least 1), so that no test waits a real second.
 */
export interface RunOptions {
  client?: Pick<ClientOptions, 'backoff' | 'idleSocketMs' | 'timeoutMs'>
}

/**
 * Requests that may go at once after a pause: enough for a one-producer run's whole exchange
 * (reads side by side, a lookup, the write, a read-back), so that none of them waits for the
 * pace. The limiter pays a burst back within the second (never more than the rate in any
 * second), so the burst need not shrink as the rate nears the 30 requests a second TFE allows.
 */
function burstFor(perSecond: number): number {
  return Math.max(1, Math.min(5, Math.floor(perSecond)))
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
    if (settings.exportTo) {
      await runExport(client, settings, settings.exportTo, log)
      return
    }
    const desired = settings.config
      ? await desiredFromFiles(settings, settings.config, log)
      : [desiredFromInputs(settings)]
    if (!settings.config) {
      log(`Reading the module sharing of ${settings.organization} on ${settings.baseUrl}`)
    }
    const outcome = await share(client, desired, {
      api: settings.api,
      dryRun: settings.dryRun,
      unmanaged: !settings.config
        ? 'skip'
        : settings.failOnDrift || settings.failOnUnmanaged
          ? 'certain'
          : 'filter',
      log
    })
    if (settings.config) {
      log(
        `${client.sent} request${client.sent === 1 ? '' : 's'}, ${client.rateLimited} rate-limited (429)`
      )
    }
    const context = runContext(settings)
    const failed = failedProducerLine(outcome, settings, context)
    if (failed) {
      // One producer asked for by the inputs: its line replaces the plan everywhere.
      await reportOutcome(outcome, context)
      core.setFailed(failed)
      await reportFailure(failed, context)
      return
    }
    const planFailed = settings.config ? filesFailureLine(outcome, settings.dryRun) : undefined
    const found = planFailed ? undefined : checkLine(outcome, settings)
    const line = planFailed ?? found
    await reportOutcome(outcome, context, line)
    if (line) core.setFailed(line)
    if (settings.driftIssue) {
      await reportDrift(
        planFailed
          ? { kind: 'could-not-check', line: planFailed }
          : { kind: found ? 'drift' : 'clean', outcome },
        context,
        settings.driftIssue.githubToken
      )
    }
  } catch (error) {
    // A wrong input too reaches the summary and the comment: read what they need leniently.
    const context = runContext(settings ?? { ...readForFailure(source), exportTo: undefined })
    const line = describeFailure(error, {
      organization: settings?.organization || undefined,
      baseUrl: settings?.baseUrl,
      secrets: context.secrets
    })
    core.setFailed(line)
    await reportFailure(line, context, error)
    if (settings?.driftIssue) {
      await reportDrift({ kind: 'could-not-check', line }, context, settings.driftIssue.githubToken)
    }
  } finally {
    client?.dispose()
  }
}

/** The step's inputs as a list of one producer, placed at the inputs that name it. */
function desiredFromInputs(settings: Settings): Desired {
  return {
    organization: settings.organization,
    consumers: settings.consumers,
    mode: settings.mode,
    globalModuleSharing: settings.globalModuleSharing,
    allowEmpty: settings.allowEmpty,
    place: { input: 'organization' },
    consumerPlaces: settings.consumers.map(() => ({ input: 'consumers' }))
  }
}

/**
 * Every file is read and checked before the first request; every problem becomes an annotation
 * on its file and line, so that it shows in the pull request's diff.
 */
async function desiredFromFiles(
  settings: Settings,
  { patterns, workspace }: NonNullable<Settings['config']>,
  log: (line: string) => void
): Promise<Desired[]> {
  if (settings.allowEmpty) {
    core.warning(
      "allow-empty does not apply to sharing files: a file states each producer's whole sharing, " +
        'consumers: [] included, and the pull request review is the confirmation'
    )
  }
  // What only file runs need (the YAML parser, the glob matcher) is loaded by them alone: a
  // one-producer run starts without it.
  const [{ findSharingFiles }, { inFileOrder, loadSharingFiles, providerProblems }] =
    await Promise.all([import('./files/find.js'), import('./files/load.js')])
  const paths = await findSharingFiles(patterns, workspace)
  const loaded = await loadSharingFiles(paths, workspace)
  // Provider sharing on an api that cannot write it is a problem of the files too, on its line.
  const problems = inFileOrder([
    ...loaded.errors,
    ...providerProblems(loaded.desired, settings.api)
  ])
  if (problems.length > 0) throw new ConfigInvalid(problems)
  log(
    `${paths.length} sharing file${paths.length === 1 ? '' : 's'}, ${loaded.desired.length} producer${loaded.desired.length === 1 ? '' : 's'}; TFE ${settings.baseUrl}`
  )
  return loaded.desired
}

/** The line of the one producer the inputs asked for, when it failed. */
function failedProducerLine(
  outcome: Outcome,
  settings: Settings,
  context: RunContext
): string | undefined {
  const [producer] = outcome.producers
  if (settings.config || producer?.result !== 'failed') return undefined
  return describeFailure(producer.error, {
    organization: settings.organization,
    baseUrl: settings.baseUrl,
    secrets: context.secrets
  })
}

/** What a check finds, when it is asked to fail on it: drift, and organizations in no file. */
function checkLine(outcome: Outcome, settings: Settings): string | undefined {
  const lines: string[] = []
  const drifted = outcome.producers.filter(p => p.result === 'would-change')
  if (settings.failOnDrift && drifted.length > 0) {
    lines.push(
      driftLine(
        drifted.map(p => p.desired.organization),
        outcome.producers.length,
        settings.config ? 'files' : 'inputs'
      )
    )
  }
  const unmanaged = outcome.unmanaged ?? []
  if (settings.failOnUnmanaged && unmanaged.length > 0) {
    lines.push(unmanagedLine(unmanaged, settings.api === 'registry-partnerships'))
  }
  return lines.length > 0 ? lines.join(' ') : undefined
}

/** Today's sharing, written as a sharing file; TFE is only read. */
async function runExport(
  client: TfeClient,
  settings: Settings,
  exportTo: NonNullable<Settings['exportTo']>,
  log: (line: string) => void
): Promise<void> {
  const { path, file } = exportTo
  // The YAML writer loads only for export.
  const [{ sharingFileText }, { writeExportFile }] = await Promise.all([
    import('./files/export.js'),
    import('./files/write-export.js')
  ])
  // Provider sharing is exported only where a file stating it can plan: on registry-partnerships.
  const withProviders = settings.api === 'registry-partnerships'
  log(
    `Reading the ${withProviders ? 'module and provider' : 'module'} sharing of every organization on ${settings.baseUrl}`
  )
  const directory = new OrganizationDirectory(client)
  const [sharers, providerSharers] = await Promise.all([
    readSharingToday(client, directory, log),
    withProviders ? readSharingToday(client, directory, log, 'providers') : []
  ])
  if (!withProviders) {
    core.notice(
      `export: provider sharing was left out of ${file}: it is written only through registry-partnerships (TFE v202301-1 or later). Run export with api: registry-partnerships to include it.`
    )
  }
  core.setOutput('changed', 'false')
  if (sharers.length === 0 && providerSharers.length === 0) {
    // A file of no producers would be refused by the planner: there is nothing to start from.
    core.warning(
      `export: no organization on ${settings.baseUrl} shares its ${withProviders ? 'modules or providers' : 'modules'}, so there is nothing to export; ${file} was not written.`
    )
    await writeSummary(
      exportMarkdown(sharers, file, settings.baseUrl, withProviders ? providerSharers : undefined)
    )
    return
  }
  const text = sharingFileText(exportEntries(sharers, providerSharers), exportTo.schemaUrl)
  let problem: string | undefined
  try {
    problem = await writeExportFile(exportTo.root, path, text)
  } catch (error) {
    problem = `${file} cannot be written (${(error as { code?: string }).code ?? 'unknown error'})`
  }
  if (problem) {
    throw new ActionError(
      `export: ${problem}; give the path of a file in the workspace, with no link on the way. Nothing was written, and nothing in TFE was changed.`
    )
  }
  const producers = new Set([...sharers, ...providerSharers].map(s => s.organization)).size
  log(`Wrote the sharing of ${producers} producer${producers === 1 ? '' : 's'} to ${file}`)
  await writeSummary(
    exportMarkdown(sharers, file, settings.baseUrl, withProviders ? providerSharers : undefined)
  )
}

/** One entry a producer, with what it shares of each kind (by name, as sharing files write it). */
function exportEntries(modules: readonly Sharer[], providers: readonly Sharer[]): ExportEntry[] {
  const names = (s: Sharer) => (s.consumers ?? []).map(c => c.name ?? c.externalId)
  const moduleSharing = new Map(
    modules.map(s => [
      s.organization,
      s.global ? { globalModuleSharing: true as const } : { consumers: names(s) }
    ])
  )
  const providerSharing = new Map(
    providers.map(s => [
      s.organization,
      s.global ? { globalProviderSharing: true as const } : { providerConsumers: names(s) }
    ])
  )
  const organizations = new Set([...moduleSharing.keys(), ...providerSharing.keys()])
  return [...organizations].map(organization => ({
    organization,
    ...moduleSharing.get(organization),
    ...providerSharing.get(organization)
  }))
}

type ReportedSettings = Pick<
  Settings,
  'dryRun' | 'pullRequestComment' | 'organization' | 'token' | 'exportTo'
> & { config: Pick<NonNullable<Settings['config']>, 'patterns'> | undefined } & Partial<
    Pick<Settings, 'baseUrl' | 'api' | 'failOnDrift'>
  >

function runContext(settings: ReportedSettings): RunContext {
  const key = subject(settings)
  return {
    drift: settings.failOnDrift === true,
    baseUrl: settings.baseUrl ?? '',
    api: settings.api ?? 'module-consumers',
    dryRun: settings.dryRun,
    subject: key,
    patterns: settings.config?.patterns,
    // A comment is found again by its subject: without one, it would be a new comment each run.
    comment: key ? settings.pullRequestComment : undefined,
    secrets: [settings.token, settings.pullRequestComment?.githubToken ?? '']
  }
}

/**
 * What a run is about, as its summary heading and comment marker say it: the producer, or the
 * sharing files (by their patterns, so two steps with different files keep two comments).
 */
function subject(settings: ReportedSettings): string {
  if (settings.config) {
    const patterns = settings.config.patterns.split(/\r?\n/).map(p => p.trim())
    return `sharing files ${patterns.filter(Boolean).join(', ')}`.replace(/[^\w ./*!,-]/g, '_')
  }
  if (settings.exportTo) return `export to ${settings.exportTo.file}`.replace(/[^\w ./-]/g, '_')
  return settings.organization
}
