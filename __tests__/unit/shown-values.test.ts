// Values shown back are capped: a 900,000-character name is shown by its first characters and
// its length, in messages (and so in annotations), in the summary and in the comment.
import type { Consumer } from '../../src/domain/model.js'
import { makePlan } from '../../src/domain/plan.js'
import { noSuchConsumers, noSuchProducer, notSiteAdmin } from '../../src/domain/tfe-answers.js'
import { SUMMARY_LIMIT, filesSummaryMarkdown } from '../../src/report/files-summary.js'
import { summaryMarkdown } from '../../src/report/summary.js'

const huge = 'a'.repeat(900_000)
const shown = `${'a'.repeat(100)}… (900,000 characters)`

describe('a 900,000-character name', () => {
  it('is capped in the messages that name it', () => {
    const messages = [
      noSuchConsumers('platform', [{ kind: 'name', name: huge }]),
      noSuchConsumers('platform', [{ kind: 'name', name: huge, looksLikeId: true }]),
      noSuchConsumers('platform', [{ kind: 'id', id: `org-${huge}` }]),
      noSuchConsumers(huge, [{ kind: 'name', name: 'ghost' }]),
      noSuchProducer(huge, 'file'),
      noSuchProducer(huge, 'input'),
      notSiteAdmin(huge)
    ]
    for (const message of messages) {
      expect(message.length).toBeLessThan(1_000)
      expect(message).toContain('… (90')
    }
    expect(noSuchProducer(huge, 'file')).toMatch(
      new RegExp(`^${shown.replace(/[(). ]/g, '\\$&')}: no such`)
    )
    // Short names are shown whole, as before.
    expect(noSuchProducer('platform', 'file')).toBe(
      "platform: no such organization on this TFE (HTTP 404). Check the producer's name."
    )
  })

  it('is capped in the summary and the comment', () => {
    const consumer: Consumer = { name: huge, externalId: 'org-hugehugehugehuge' }
    const plan = makePlan({
      organization: 'platform',
      mode: 'set',
      api: 'module-consumers',
      dryRun: true,
      globalModuleSharing: false,
      allowEmpty: true,
      globalBefore: false,
      previous: [],
      requested: [{ kind: 'name', name: huge }],
      known: [consumer]
    })
    const context = { baseUrl: 'https://tfe.test', api: 'module-consumers' as const, dryRun: true }
    const single = summaryMarkdown({ ...context, plan, applied: undefined })
    const files = filesSummaryMarkdown(
      {
        ...context,
        producers: [
          {
            desired: {
              organization: huge,
              consumers: [],
              mode: 'set',
              globalModuleSharing: false,
              allowEmpty: true,
              place: { file: 'sharing/a.yml', line: 3 },
              consumerPlaces: []
            },
            result: 'would-change',
            plan,
            applied: undefined,
            problems: [],
            error: undefined
          }
        ],
        unmanaged: [
          {
            organization: huge,
            modules: { global: true, consumers: undefined },
            providers: undefined
          }
        ],
        wrote: false,
        warnings: [],
        patterns: huge,
        failure: huge
      },
      SUMMARY_LIMIT,
      'x'
    )
    for (const text of [single, files]) {
      expect(text.length).toBeLessThan(20_000)
      expect(text).toContain(shown)
    }
  })
})
