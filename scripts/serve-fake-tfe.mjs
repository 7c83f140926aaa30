// @ts-check
// Serves the fake TFE with sample organizations until killed, for the self-test workflow:
// `node scripts/serve-fake-tfe.mjs ENV_FILE &` writes FAKE_TFE_URL, FAKE_TFE_TOKEN and
// the consumers' ids to ENV_FILE (e.g. $GITHUB_ENV) once it listens.
import { appendFileSync } from 'node:fs'
import { startFakeTfe } from '../test-kit/fake-tfe.mjs'

const envFile = process.argv[2]
if (!envFile) {
  console.error('usage: node scripts/serve-fake-tfe.mjs ENV_FILE')
  process.exit(2)
}

const fake = await startFakeTfe()
for (const name of ['other-organization', 'platform-team', 'networking'])
  fake.addOrganization({ name })
fake.addOrganization({ name: 'my-organization', moduleConsumers: ['networking'] })

appendFileSync(
  envFile,
  [
    `FAKE_TFE_URL=${fake.url}`,
    `FAKE_TFE_TOKEN=${fake.adminToken}`,
    `FAKE_TFE_PLATFORM_TEAM_ID=${fake.org('platform-team')?.externalId}`,
    ''
  ].join('\n')
)
console.log(`fake TFE listening on ${fake.url}`)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void fake.close().then(() => process.exit(0)))
}
