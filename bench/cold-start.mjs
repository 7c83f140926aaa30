// Section 1: what a run of the built action costs over the least a Node process can do to send
// the same request, both started the way a runner starts an action. Plus the size of the
// JavaScript the runner has to load and compile for every run.
import { join } from 'node:path'
import { URLSearchParams } from 'node:url'
import {
  PRODUCER,
  baseInputs,
  benchDir,
  bytes,
  distJavaScriptBytes,
  isWrite,
  median,
  ms,
  percentile,
  ratio,
  requestKind,
  requireSuccess,
  runAction,
  say,
  section,
  send,
  startFakeTfe,
  table
} from './support.mjs'

const BARE = join(benchDir, 'bare-request.mjs')
const JSON_API = 'application/vnd.api+json'
// node:http sets these itself, for the bare script exactly as for the action's client.
const COMPUTED_HEADERS = new Set(['host', 'content-length', 'connection'])

export async function coldStart({ runs, warmups }) {
  section('1. Cold start')
  say(
    'Method: the fake TFE listens on 127.0.0.1 in this process. Each child is spawned by runAction',
    '(__tests__/support/runner.mjs) as a runner spawns an action: INPUT_* variables from',
    "action.yml's defaults plus the inputs, GITHUB_OUTPUT and friends in a fresh temp dir, cwd =",
    "repo root. The time is runAction's durationMs: spawn to the child's 'close', whole ms.",
    `Variants, run in turn (bare PATCH, bare 3 requests, the same with TLS, action), ${warmups}`,
    `warm-up round(s) then ${runs} measured ones; median and nearest-rank p90 of each:`,
    '- action: dist/index.js setting 3 consumers by external id. Before every run the bench',
    '  (untimed) sets the producer back to 3 other consumers, so every run changes the list.',
    '  It sends GET org, GET relationships (it reads state first), then the PATCH.',
    '- bare PATCH: bench/bare-request.mjs replays the PATCH recorded from the action (method,',
    '  path, JSON body, headers incl. Authorization) with node:http, reads the answer, exits.',
    '- bare 3 requests: the same script replaying all 3 requests of the action run, in order,',
    '  on one kept-alive connection as the action does.',
    '- the same with node:https and crypto loaded first: what any client of a real (HTTPS) TFE',
    '  loads before its first request; the fake itself is plain http on loopback.'
  )

  const fake = await startFakeTfe()
  try {
    const teams = ['a', 'b', 'c', 'd', 'e', 'f'].map(x =>
      fake.addOrganization({ name: `app-team-${x}` })
    )
    const before = teams.slice(0, 3)
    const after = teams.slice(3)
    fake.addOrganization({ name: PRODUCER, moduleConsumers: before.map(t => t.name) })
    const inputs = baseInputs(fake, { consumers: after.map(t => t.externalId).join('\n') })

    const reset = async () => {
      const answer = await send(fake.url, {
        method: 'PATCH',
        path: `/api/v2/admin/organizations/${PRODUCER}/module-consumers`,
        headers: {
          authorization: `Bearer ${fake.adminToken}`,
          accept: JSON_API,
          'content-type': JSON_API
        },
        body: JSON.stringify({
          data: {
            type: 'module-partnerships',
            attributes: { 'module-consuming-organization-ids': before.map(t => t.externalId) }
          }
        })
      })
      if (answer.status !== 200) throw new Error(`resetting the producer: HTTP ${answer.status}`)
    }

    const action = async () => {
      await reset()
      const from = fake.requests.length
      const run = requireSuccess(await runAction(inputs), 'cold start: action run')
      const requests = fake.requests.slice(from)
      // A run that wrote nothing would be a different, cheaper run: not the one measured here.
      if (run.outputs.changed !== 'true' || requests.filter(isWrite).length !== 1) {
        throw new Error('cold start: the action run did not write exactly once; figures skipped')
      }
      return { run, requests }
    }

    // The first action run (not measured) supplies the requests the bare script replays.
    const recorded = (await action()).requests
    const replay = recorded.map(r => {
      const query = new URLSearchParams(r.query).toString()
      const headers = Object.fromEntries(
        Object.entries(r.headers).filter(([name]) => !COMPUTED_HEADERS.has(name))
      )
      return {
        method: r.method,
        path: `${r.path}${query ? `?${query}` : ''}`,
        headers,
        body: r.body
      }
    })
    const bare = (list, tls = false) => ({
      script: BARE,
      env: { BENCH_BARE_REQUESTS: JSON.stringify({ url: fake.url, requests: list, tls }) }
    })
    const barePatch = bare(replay.filter(r => r.method === 'PATCH'))
    const bareAll = bare(replay)
    const bareAllTls = bare(replay, true)

    const samples = { patch: [], all: [], allTls: [], action: [] }
    for (let i = 0; i < warmups + runs; i++) {
      const patch = requireSuccess(await runAction(inputs, barePatch), 'bare PATCH')
      const all = requireSuccess(await runAction(inputs, bareAll), 'bare 3 requests')
      const allTls = requireSuccess(await runAction(inputs, bareAllTls), 'bare 3 requests, TLS')
      const { run } = await action()
      if (i < warmups) continue
      samples.patch.push(patch.durationMs)
      samples.all.push(all.durationMs)
      samples.allTls.push(allTls.durationMs)
      samples.action.push(run.durationMs)
    }

    say('', 'Requests of one action run (paths relative to /api/v2):')
    for (const r of recorded) say(`  ${requestKind(r)}`)
    const patchHeaders = Object.keys(replay.find(r => r.method === 'PATCH')?.headers ?? {})
    say(
      `Replayed PATCH headers: ${patchHeaders.join(', ')};`,
      'host, content-length and connection are set by node:http itself, as for the action.',
      ''
    )

    const stats = values => ({
      median: median(values),
      p90: percentile(values, 90),
      min: Math.min(...values),
      max: Math.max(...values)
    })
    const s = {
      patch: stats(samples.patch),
      all: stats(samples.all),
      allTls: stats(samples.allTls),
      action: stats(samples.action)
    }
    const row = (label, st) => [label, ms(st.median), ms(st.p90), ms(st.min), ms(st.max)]
    table(
      ['variant', 'median', 'p90', 'min', 'max'],
      [
        row('bare node:http, PATCH only', s.patch),
        row('bare node:http, GET + GET + PATCH', s.all),
        row('  the same, with node:https and crypto loaded', s.allTls),
        row('action, dist/index.js (GET + GET + PATCH)', s.action)
      ]
    )
    const vsPatch = s.action.median / s.patch.median
    const vsAll = s.action.median / s.all.median
    const vsAllTls = s.action.median / s.allTls.median
    say(
      '',
      `Ratio of medians, action / bare PATCH only:       ${ratio(vsPatch)}  (target ≤ 1.3×)`,
      `Ratio of medians, action / bare same 3 requests:  ${ratio(vsAll)}  (same work over the wire)`,
      `  … and with TLS loaded as for a real TFE:        ${ratio(vsAllTls)}`
    )

    const dist = distJavaScriptBytes()
    say(
      '',
      'JavaScript in dist/ (every .js/.mjs/.cjs file, any depth; 1 MB = 10^6 B):',
      ...dist.files.map(f => `  ${f.path}: ${bytes(f.size)}`),
      `  total: ${bytes(dist.total)}  (target ≤ 1.1 MB)`
    )

    return [
      ['cold start, action median / p90', `${ms(s.action.median)} / ${ms(s.action.p90)}`, ''],
      ['cold start, bare PATCH median / p90', `${ms(s.patch.median)} / ${ms(s.patch.p90)}`, ''],
      ['cold start, bare 3 requests median / p90', `${ms(s.all.median)} / ${ms(s.all.p90)}`, ''],
      ['ratio action / bare PATCH (medians)', ratio(vsPatch), '≤ 1.3×'],
      ['ratio action / bare 3 requests (medians)', ratio(vsAll), ''],
      ['ratio action / bare 3 requests with TLS loaded', ratio(vsAllTls), ''],
      ['JavaScript in dist/', bytes(dist.total), '≤ 1.1 MB']
    ]
  } finally {
    await fake.close()
  }
}
