// @ts-check
// `npm run demo`: the built action against the fake TFE, end to end, with no real instance and
// no network beyond 127.0.0.1. Shows what a workflow run would log and what TFE would receive.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeTfe } from '../test-kit/fake-tfe.mjs'
import { repoRoot, runAction } from '../test-kit/runner.mjs'

const script = join(repoRoot, 'dist', 'index.js')
if (!existsSync(script)) {
  console.error('dist/index.js does not exist yet: build it with `npm run bundle`, then re-run.')
  process.exit(1)
}

const fake = await startFakeTfe()
// Everything printed passes through here: the action may echo its token (e.g. ::add-mask::).
const redact = (/** @type {string} */ text) =>
  text.replaceAll(fake.adminToken, '***').replaceAll(fake.userToken, '***')
const section = (/** @type {string} */ title) =>
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`)
const sharing = (/** @type {string} */ name) => {
  const org = fake.org(name)
  if (org?.globalModuleSharing) return 'every organization (global module sharing)'
  return org?.moduleConsumers.join(', ') || 'nobody'
}
const providerSharing = (/** @type {string} */ name) => {
  const org = fake.org(name)
  if (org?.globalProviderSharing) return 'every organization (global provider sharing)'
  return org?.providerConsumers.join(', ') || 'nobody'
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

  exitCode = Math.max(exitCode, await filesDemo())
} finally {
  await fake.close()
}

/**
 * Sharing as code: several producers in two reviewed files, planned together (one plan, one
 * summary), then applied. The files state module sharing, provider sharing or both (provider
 * sharing needs api: registry-partnerships); a kind a producer's file does not state is left as
 * TFE has it. Organizations sharing outside the files are reported, not touched.
 */
async function filesDemo() {
  fake.requests.length = 0
  fake.addOrganization({
    name: 'platform-modules',
    moduleConsumers: ['legacy-apps'],
    providerConsumers: ['legacy-apps']
  })
  fake.addOrganization({ name: 'network-modules', moduleConsumers: ['security'] })
  fake.addOrganization({ name: 'retired-modules', moduleConsumers: ['legacy-apps'] })
  // Its file states only providers: its module sharing stays, reported as unmanaged.
  fake.addOrganization({
    name: 'platform-providers',
    moduleConsumers: ['security'],
    providerConsumers: ['networking']
  })
  fake.addOrganization({ name: 'shadow-modules', globalModuleSharing: true })
  fake.addOrganization({ name: 'shadow-providers', providerConsumers: ['legacy-apps'] })
  const workspace = mkdtempSync(join(tmpdir(), 'tfe-sharing-demo-'))
  try {
    mkdirSync(join(workspace, 'sharing'))
    const files = {
      'sharing/platform.yml': [
        'version: 1',
        'producers:',
        '  platform-modules:',
        '    consumers:',
        '      - other-organization',
        '      - platform-team',
        '    provider-consumers: [platform-team]',
        '  retired-modules:',
        '    consumers: []',
        '  platform-providers:',
        '    provider-consumers: [networking, security]',
        ''
      ],
      'sharing/network.yml': [
        'producers:',
        '  network-modules:',
        '    global-module-sharing: true',
        '    global-provider-sharing: true',
        '  my-organization:',
        '    consumers: [other-organization, platform-team]',
        ''
      ]
    }
    for (const [file, lines] of Object.entries(files)) {
      writeFileSync(join(workspace, file), lines.join('\n'))
    }
    section('sharing as code: the files (api: registry-partnerships)')
    for (const [file, lines] of Object.entries(files)) {
      console.log(`# ${file}\n${lines.join('\n')}`)
    }
    // Provider sharing is written only through registry-partnerships (TFE v202301-1 and later).
    const inputs = {
      config: 'sharing/*.yml',
      api: 'registry-partnerships',
      hostname: fake.url,
      token: fake.adminToken
    }
    const env = { env: { GITHUB_WORKSPACE: workspace } }

    const plan = await runAction({ ...inputs, 'dry-run': 'true' }, env)
    section('the plan (dry-run: true): action stdout')
    // The runner hides ::debug:: lines unless debug logging is on; so does the demo.
    const shown = redact(plan.stdout)
      .split('\n')
      .filter((/** @type {string} */ line) => !line.startsWith('::debug::'))
    console.log(shown.join('\n') || '(nothing)')
    section('the plan: job summary')
    console.log(redact(plan.summary) || '(empty)')
    const reads = fake.requests.length

    const applied = await runAction(inputs, env)
    section('applied: outputs producers and unmanaged')
    console.log(JSON.stringify(JSON.parse(applied.outputs.producers ?? '[]'), null, 2))
    console.log(`unmanaged: ${applied.outputs.unmanaged}`)
    section('applied: requests the fake TFE received')
    const apply = fake.requests.slice(reads)
    console.log(
      `the plan sent ${reads} requests, all reads (not listed); the apply sent these ${apply.length}:`
    )
    for (const r of apply) {
      const query = Object.entries(r.query)
        .map(([k, v]) => `${k}=${v}`)
        .join('&')
      console.log(`${r.method.padEnd(6)} ${r.path}${query ? '?' + query : ''}`)
    }
    section('result')
    for (const name of [
      'my-organization',
      'network-modules',
      'platform-modules',
      'platform-providers',
      'retired-modules',
      'shadow-modules',
      'shadow-providers'
    ]) {
      console.log(`${name.padEnd(18)} shares modules with: ${sharing(name)}`)
      console.log(`${''.padEnd(18)} shares providers with: ${providerSharing(name)}`)
    }
    console.log(`the plan exited with code ${plan.code}, the apply with code ${applied.code}`)
    return plan.code === 0 && applied.code === 0 ? 0 : 1
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }
}
process.exit(exitCode)
