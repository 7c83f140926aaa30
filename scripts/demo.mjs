// `npm run demo`: the built action against the fake TFE, end to end, with no real instance and
// no network beyond 127.0.0.1. Shows what a workflow run would log and what TFE would receive.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeTfe } from '../__tests__/support/fake-tfe.mjs'
import { repoRoot, runAction } from '../__tests__/support/runner.mjs'

const script = join(repoRoot, 'dist', 'index.js')
if (!existsSync(script)) {
  console.error('dist/index.js does not exist yet: build it with `npm run bundle`, then re-run.')
  process.exit(1)
}

const fake = await startFakeTfe()
// Everything printed passes through here: the action may echo its token (e.g. ::add-mask::).
const redact = text => text.replaceAll(fake.adminToken, '***').replaceAll(fake.userToken, '***')
const section = title => console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`)
const sharing = name => {
  const org = fake.org(name)
  if (org?.globalModuleSharing) return 'every organization (global module sharing)'
  return org?.moduleConsumers.join(', ') || 'nobody'
}

let exitCode = 1
try {
  for (const name of [
    'other-organization',
    'platform-team',
    'networking',
    'security',
    'legacy-apps'
  ]) {
    fake.addOrganization({ name })
  }
  fake.addOrganization({ name: 'my-organization', moduleConsumers: ['networking', 'legacy-apps'] })
  const platformTeam = fake.org('platform-team')?.externalId ?? ''
  const inputs = {
    organization: 'my-organization',
    consumers: `other-organization\n${platformTeam}`,
    hostname: fake.url,
    token: fake.adminToken
  }

  section('TFE module sharing: demo against a fake TFE')
  console.log(`fake TFE:        ${fake.url}`)
  console.log(`producer:        my-organization (shares with: ${sharing('my-organization')})`)
  console.log(`consumers input: ${JSON.stringify(inputs.consumers)}`)
  console.log(`                 (${platformTeam} is platform-team's external id)`)
  console.log('token:           a site admin token (not shown)')

  const run = await runAction(inputs)
  exitCode = run.code ?? 1

  section('action stdout')
  process.stdout.write(redact(run.stdout) || '(nothing)\n')
  if (run.stderr) {
    section('action stderr')
    process.stdout.write(redact(run.stderr))
  }

  section('outputs')
  const outputs = Object.fromEntries(
    Object.entries(run.outputs).map(([name, value]) => {
      try {
        return [name, JSON.parse(value)]
      } catch {
        return [name, value]
      }
    })
  )
  console.log(redact(JSON.stringify(outputs, null, 2)))

  section('job summary')
  console.log(redact(run.summary) || '(empty)')

  section('requests the fake TFE received')
  for (const r of fake.requests) {
    const query = Object.entries(r.query)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    console.log(`${r.method.padEnd(6)} ${r.path}${query ? '?' + query : ''}`)
  }

  section('result')
  console.log(`my-organization now shares modules with: ${sharing('my-organization')}`)
  const how = run.timedOut ? 'timed out and was killed' : `exited with code ${run.code}`
  console.log(`the action ${how}${run.signal ? ` (${run.signal})` : ''}`)
  if (run.timedOut) exitCode = 1
} finally {
  await fake.close()
}
process.exit(exitCode)
