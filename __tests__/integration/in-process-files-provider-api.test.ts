// A sharing file that states provider sharing, on a run whose api cannot write it (only
// registry-partnerships does): the run fails before any request, with an annotation on the line
// where provider sharing is stated, as a problem in the files does.
import { providersNeedRegistryPartnerships } from '../../src/domain/tfe-answers.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { runWithFilesInProcess } from '../support/in-process-on-fake.js'
import {
  expectStepFailure,
  fileErrors,
  lineOf,
  useWorkspace,
  writeWorkspaceFile
} from '../support/sharing-files.js'
import { seedTeams } from '../support/sharing-files-scenario.js'

useFakeTfe(seedTeams)
useWorkspace()

const FILE = [
  'producers:',
  '  platform:',
  '    consumers: [team-a]',
  '  tools:',
  '    consumers: [team-b]',
  '    provider-consumers:',
  '      - team-a',
  ''
].join('\n')

describe("provider sharing and the run's api", () => {
  it.each(['relationships', 'module-consumers'])(
    'api: %s fails on the provider line, and sends no request to TFE',
    async api => {
      writeWorkspaceFile('sharing/a.yml', FILE)

      const run = await runWithFilesInProcess({ config: 'sharing/*.yml', api })

      expectStepFailure(run, /1 problem in 1 sharing file/)
      expect(fileErrors(run)).toEqual([
        {
          file: 'sharing/a.yml',
          line: lineOf(FILE, 'provider-consumers:'),
          message: providersNeedRegistryPartnerships(api)
        }
      ])
      const [annotation] = run.annotations.filter(a => a.properties.file === 'sharing/a.yml')
      expect(annotation?.properties.col).toBe('5')
      expect(fake.requests).toEqual([])
    }
  )

  it('is reported beside the problems the files have of their own, in file order', async () => {
    writeWorkspaceFile('sharing/a.yml', FILE)
    writeWorkspaceFile('sharing/b.yml', 'producers:\n  docs:\n    consumer: [team-a]\n')

    const run = await runWithFilesInProcess({ config: 'sharing/*.yml', api: 'relationships' })

    expectStepFailure(run, /2 problems in 2 sharing files/)
    expect(fileErrors(run).map(e => `${e.file}:${e.line}`)).toEqual([
      'sharing/a.yml:6',
      'sharing/b.yml:3'
    ])
    expect(fake.requests).toEqual([])
  })

  it('api: registry-partnerships goes ahead to TFE (a dry run)', async () => {
    writeWorkspaceFile('sharing/a.yml', FILE)

    const run = await runWithFilesInProcess({
      config: 'sharing/*.yml',
      api: 'registry-partnerships',
      'dry-run': 'true'
    })

    expect(fileErrors(run)).toEqual([])
    expect(fake.requests.length).toBeGreaterThan(0)
    expect(fake.writes()).toEqual([])
  })
})
