// @ts-check
// Section 1: what a run of the built action costs over the least a Node process can do to send
// the same request, both started the way a runner starts an action. Plus the size of the
// JavaScript the runner has to load and compile for every run (the start path), apart from the
// chunk it loads only to comment on a pull request.
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

/** @typedef {{ method: string, path: string, headers: Record<string, unknown>, body: string }} Replayed */
/** @typedef {{ median: number, p90: number, min: number, max: number }} Stats */

/**
 * @param {{ runs: number, warmups: number, baseline?: string, record: import('./results.mjs').Recorder }} options
 * @returns {Promise<string[][]>} The summary's rows: what, figure, target.
 */
export async function coldStart({ runs, warmups, baseline, record }) {
  record.parameter('runs', runs)
  record.parameter('warmups', warmups)
  section('1. Cold start')
  say(
    'Method: the fake TFE listens on 127.0.0.1 in this process. Each child is spawned by runAction',
    '(test-kit/runner.mjs) as a runner spawns an action: INPUT_* variables from',
    "action.yml's defaults plus the inputs, GITHUB_OUTPUT and friends in a fresh temp dir, cwd =",
    "repo root. The time is runAction's durationMs: spawn to the child's 'close', whole ms.",
    `Variants, run in turn (bare PATCH, bare 3 requests side by side, the same with TLS, bare 3`,
    `requests in turn, action), ${warmups} warm-up round(s) then ${runs} measured ones; median and`,
    'nearest-rank p90 of each:',
    '- action: dist/index.js setting 3 consumers by external id (comment-on-pr: false, so the',
    '  comment chunk is never loaded). Before every run the bench (untimed) sets the producer',
    '  back to 3 other consumers, so every run changes the list. It reads state with GET org and',
    '  GET relationships sent concurrently (two connections), then sends the PATCH.',
    '- bare PATCH: bench/bare-request.mjs replays the PATCH recorded from the action (method,',
    '  path, JSON body, headers incl. Authorization) with node:http, reads the answer, exits.',
    '- bare 3 requests: the same script replaying all 3 requests of the action run as the action',
    '  sends them: the reads before the write together, each on its own kept-alive connection,',
    '  then (their answers read) the PATCH on one of those connections.',
    '- the same with node:https and crypto loaded first: what any client of a real (HTTPS) TFE',
    '  loads before its first request; the fake itself is plain http on loopback.',
    '- bare 3 requests in turn: the same 3 one after another on one connection (what the action',
    '  used to do), to show what sending the reads side by side costs or saves on loopback.'
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

    const action = async (/** @type {string | undefined} */ script = undefined) => {
      await reset()
      const from = fake.requests.length
      const run = requireSuccess(
        await runAction(inputs, script ? { script } : {}),
        'cold start: action run'
      )
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
    // As the action sends them: every read before the first write side by side (state.ts
    // readState), then each write in turn.
    const firstWrite = replay.findIndex(r => r.method !== 'GET')
    const asTheActionDoes = [
      [...replay.slice(0, firstWrite)],
      ...replay.slice(firstWrite).map(r => [r])
    ]
    const bare = (/** @type {Replayed[][]} */ waves, tls = false) => ({
      script: BARE,
      env: { BENCH_BARE_REQUESTS: JSON.stringify({ url: fake.url, waves, tls }) }
    })
    const barePatch = bare([replay.filter(r => r.method === 'PATCH')])
    const bareAll = bare(asTheActionDoes)
    const bareAllTls = bare(asTheActionDoes, true)
    const bareInTurn = bare(replay.map(r => [r]))

    /** @type {Record<'patch' | 'all' | 'allTls' | 'inTurn' | 'action' | 'baseline', number[]>} */
    const samples = { patch: [], all: [], allTls: [], inTurn: [], action: [], baseline: [] }
    for (let i = 0; i < warmups + runs; i++) {
      const patch = requireSuccess(await runAction(inputs, barePatch), 'bare PATCH')
      const all = requireSuccess(await runAction(inputs, bareAll), 'bare 3 requests')
      const allTls = requireSuccess(await runAction(inputs, bareAllTls), 'bare 3 requests, TLS')
      const inTurn = requireSuccess(await runAction(inputs, bareInTurn), 'bare 3 requests in turn')
      // Side by side with the baseline build, in alternating order, so that a machine that
      // speeds up or slows down during the bench weighs on both alike.
      let run
      let before
      if (baseline && i % 2 === 1) {
        before = (await action(baseline)).run
        run = (await action()).run
      } else {
        run = (await action()).run
        if (baseline) before = (await action(baseline)).run
      }
      if (i < warmups) continue
      if (before) samples.baseline.push(before.durationMs)
      samples.patch.push(patch.durationMs)
      samples.all.push(all.durationMs)
      samples.allTls.push(allTls.durationMs)
      samples.inTurn.push(inTurn.durationMs)
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

    /** @returns {Stats} */
    const stats = (/** @type {number[]} */ values) => ({
      median: median(values),
      p90: percentile(values, 90),
      min: Math.min(...values),
      max: Math.max(...values)
    })
    const s = {
      patch: stats(samples.patch),
      all: stats(samples.all),
      allTls: stats(samples.allTls),
      inTurn: stats(samples.inTurn),
      action: stats(samples.action)
    }
    const row = (/** @type {string} */ label, /** @type {Stats} */ st) => [
      label,
      ms(st.median),
      ms(st.p90),
      ms(st.min),
      ms(st.max)
    ]
    table(
      ['variant', 'median', 'p90', 'min', 'max'],
      [
        row('bare node:http, PATCH only', s.patch),
        row('bare node:http, (GET ‖ GET) then PATCH', s.all),
        row('  the same, with node:https and crypto loaded', s.allTls),
        row('bare node:http, GET, GET, PATCH in turn', s.inTurn),
        row('action, dist/index.js ((GET ‖ GET) then PATCH)', s.action)
      ]
    )
    // Keys of the results file (bench/results/cold-start.json): variant.statistic, in ms.
    const keys = {
      action: 'action',
      patch: 'bare-patch',
      all: 'bare-all',
      allTls: 'bare-all-tls',
      inTurn: 'bare-in-turn'
    }
    for (const [variant, key] of Object.entries(keys)) {
      const st = s[/** @type {keyof typeof keys} */ (variant)]
      for (const stat of /** @type {(keyof Stats)[]} */ (['median', 'p90', 'min', 'max'])) {
        record.figure(`${key}.${stat}`, st[stat], 'ms')
      }
    }
    const vsPatch = s.action.median / s.patch.median
    const vsAll = s.action.median / s.all.median
    const vsAllTls = s.action.median / s.allTls.median
    say(
      '',
      `Ratio of medians, action / bare PATCH only:       ${ratio(vsPatch)}  (target ≤ 1.3×)`,
      `Ratio of medians, action / bare same 3 requests:  ${ratio(vsAll)}  (same work over the wire)`,
      `  … and with TLS loaded as for a real TFE:        ${ratio(vsAllTls)}`,
      `Bare 3 requests side by side / in turn (medians): ${ratio(s.all.median / s.inTurn.median)}`
    )

    record.figure('ratio.action-to-bare-patch', vsPatch, '×')
    record.figure('ratio.action-to-bare-all', vsAll, '×')
    record.figure('ratio.action-to-bare-all-tls', vsAllTls, '×')
    record.figure('ratio.bare-side-by-side-to-in-turn', s.all.median / s.inTurn.median, '×')
    record.parameter('goal.action-to-bare-patch', 1.3)
    record.detail('requests', recorded.map(r => requestKind(r)).join(', '))

    if (baseline) {
      const pairs = samples.action.map((t, i) => t / (samples.baseline[i] ?? t))
      say(
        '',
        `Baseline: ${baseline}, run in turn with this build (${runs} pairs, alternating order).`,
        `  baseline median / p90: ${ms(median(samples.baseline))} / ${ms(percentile(samples.baseline, 90))}`,
        `  this build / baseline, median of the ${runs} pair ratios: ${ratio(median(pairs))}  (goal ≤ 1.05×)`,
        `  this build / baseline, ratio of medians:               ${ratio(s.action.median / median(samples.baseline))}`
      )
      record.parameter('baseline', baseline)
      record.figure('baseline.median', median(samples.baseline), 'ms')
      record.figure('baseline.p90', percentile(samples.baseline, 90), 'ms')
      record.figure('ratio.pairs-to-baseline', median(pairs), '×')
      record.figure('ratio.action-to-baseline', s.action.median / median(samples.baseline), '×')
    }

    const dist = distJavaScriptBytes()
    say(
      '',
      'JavaScript in dist/ (every .js/.mjs/.cjs file, any depth; 1 MB = 10^6 B):',
      `  start path, loaded and compiled by every run: ${dist.startPath.path}: ${bytes(dist.startPath.size)}`,
      '  chunks loaded by a dynamic import, never by a one-producer run without comment-on-pr',
      '  (the comment, on comment-on-pr runs; the YAML parser and glob matcher, on config and export runs):',
      ...(dist.chunks.length
        ? dist.chunks.map(f => `    ${f.path}: ${bytes(f.size)}`)
        : ['    (none)']),
      `  total, all of the above (what "JavaScript in dist/" meant): ${bytes(dist.total)}  (target ≤ 1.1 MB)`
    )

    record.figure('dist.start-path', dist.startPath.size, 'B')
    record.figure('dist.chunks', dist.chunkTotal, 'B')
    record.figure('dist.chunk-files', dist.chunks.length, 'files')
    record.figure('dist.total', dist.total, 'B')
    record.parameter('goal.dist-total-mb', 1.1)

    return [
      ['cold start, action median / p90', `${ms(s.action.median)} / ${ms(s.action.p90)}`, ''],
      ['cold start, bare PATCH median / p90', `${ms(s.patch.median)} / ${ms(s.patch.p90)}`, ''],
      ['cold start, bare 3 requests median / p90', `${ms(s.all.median)} / ${ms(s.all.p90)}`, ''],
      ['ratio action / bare PATCH (medians)', ratio(vsPatch), '≤ 1.3×'],
      ['ratio action / bare 3 requests (medians)', ratio(vsAll), ''],
      ['ratio action / bare 3 requests with TLS loaded', ratio(vsAllTls), ''],
      ['dist/: start path (dist/index.js, every run)', bytes(dist.startPath.size), ''],
      [
        `dist/: chunks loaded on demand: comment-on-pr, config and export runs (${dist.chunks.length} files)`,
        bytes(dist.chunkTotal),
        ''
      ],
      ['dist/: all JavaScript (start path + chunks)', bytes(dist.total), '≤ 1.1 MB']
    ]
  } finally {
    await fake.close()
  }
}
