// The step's outputs, from the run's outcome. Every list output is JSON; names are sorted by code
// point, so that the same TFE gives the same outputs on every runner.
import * as core from '@actions/core'
import { type Consumer, byCodePoint } from '../domain/model.js'
import type { Outcome, Partnership, ProducerOutcome } from '../domain/outcome.js'

/**
 * One producer in the `producers` output, with names. An id given on the seed endpoint is named
 * by TFE's answer to the write; only a dry run of such an id without a lookup would leave the id
 * itself, and a dry run looks every id up. After a failure TFE may hold the old list, the new one
 * or part of the way, so its consumers and global sharing are unknown (null). The provider keys
 * are null where the run does not manage provider sharing (a producer whose file does not state
 * it, and every run of the step's inputs).
 */
export function producerOutput({
  desired,
  result,
  plan,
  applied
}: ProducerOutcome): Record<string, unknown> {
  const known = result !== 'failed'
  const named = new Map(
    [
      ...(applied?.consumers ?? []),
      ...(applied?.providerConsumers ?? []),
      ...(applied?.partnerships ?? []).map(p => p.consumer)
    ].map(c => [c.externalId, c.name] as const)
  )
  const names = (list: readonly Consumer[]) =>
    list.map(c => c.name ?? named.get(c.externalId) ?? c.externalId).sort(byCodePoint)
  // Provider sharing: null where the run does not manage it.
  const managed = desired.providers !== undefined || plan?.providers !== undefined
  const providers = plan?.providers
  return {
    organization: desired.organization,
    result,
    added: names(plan?.added ?? []),
    removed: names(plan?.removed ?? []),
    consumers: known ? names(applied?.consumers ?? plan?.next ?? []) : null,
    'global-module-sharing': known ? (applied?.globalAfter ?? plan?.global.after ?? null) : null,
    'provider-added': managed ? names(providers?.added ?? []) : null,
    'provider-removed': managed ? names(providers?.removed ?? []) : null,
    'provider-consumers':
      managed && known ? names(applied?.providerConsumers ?? providers?.next ?? []) : null,
    'global-provider-sharing':
      managed && known ? (applied?.globalProvidersAfter ?? providers?.global.after ?? null) : null
  }
}

/** The outputs of a run of the step's inputs: one producer, planned. */
export function writeProducerOutputs(producer: ProducerOutcome): void {
  const { plan, applied } = producer
  if (!plan) return
  // A dry run reports what the run would leave behind.
  const consumers = applied?.consumers ?? plan.next
  const partnerships = applied?.partnerships ?? []
  const ids = (list: readonly Consumer[]) => JSON.stringify(list.map(c => c.externalId))
  core.setOutput('partnership-ids', JSON.stringify(partnerships.map(p => p.id)))
  core.setOutput('consumer-ids', ids(consumers))
  core.setOutput('consumer-names', JSON.stringify(consumers.map(c => c.name ?? null)))
  core.setOutput('partnerships', JSON.stringify(partnerships.map(partnershipOutput)))
  core.setOutput('changed', String(plan.changed))
  // null, not [], when this TFE could not show today's list: [] would claim it was empty, or
  // that nothing was added or removed.
  const known = (list: readonly Consumer[]) => (plan.previous ? ids(list) : 'null')
  core.setOutput('added', known(plan.added))
  core.setOutput('removed', known(plan.removed))
  core.setOutput('previous-consumer-ids', known(plan.previous ?? []))
  core.setOutput('global-module-sharing', String(applied?.globalAfter ?? plan.global.after))
  core.setOutput('producers', JSON.stringify([producerOutput(producer)]))
}

/** The outputs of a run of sharing files: every producer, and the unmanaged ones. */
export function writeFilesOutputs(outcome: Outcome): void {
  const partnerships = outcome.producers.flatMap(p => p.applied?.partnerships ?? [])
  core.setOutput('producers', JSON.stringify(outcome.producers.map(producerOutput)))
  core.setOutput('unmanaged', JSON.stringify((outcome.unmanaged ?? []).map(u => u.organization)))
  // A run whose plan failed wrote nothing and, dry or not, would write nothing as it stands.
  const planFailed = !outcome.wrote && outcome.producers.some(p => p.result === 'failed')
  core.setOutput('changed', String(!planFailed && anyChange(outcome)))
  core.setOutput('partnership-ids', JSON.stringify(partnerships.map(p => p.id)))
  core.setOutput('partnerships', JSON.stringify(partnerships.map(partnershipOutput)))
}

/** True if any producer changed, or (dry run, or a run stopped by a failed plan) would. */
export function anyChange({ producers }: Pick<Outcome, 'producers'>): boolean {
  return producers.some(p => p.result === 'changed' || p.result === 'would-change')
}

/** The `partnerships` output keeps the API's own attribute names: workflows already read them. */
export function partnershipOutput(p: Partnership): Record<string, string> {
  return {
    id: p.id,
    'consuming-organization-id': p.consumer.externalId,
    'consuming-organization-name': p.consumer.name,
    'producing-organization-id': p.producer.externalId,
    'producing-organization-name': p.producer.name
  }
}
