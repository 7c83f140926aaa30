// @ts-check
// `npm run release -- 1.2.3 [--push]`: tags a release people can pin. It refuses unless the tree
// is clean, dist/ is exactly a fresh build of src/, the version is new (here and on origin) and
// CHANGELOG.md has its section; then it tags v1.2.3 and moves v1 to the same commit, unless origin
// (or this clone) has a newer 1.x: then 1.2.3 is a backport, tagged, and v1 stays. Origin's tags
// are read with `git ls-remote`, so a stale clone cannot move v1 back; a release refuses when origin
// cannot be read (and, with --push, when there is no origin). Without --push it prints the push
// commands, so a maintainer can look before anything leaves the machine.
// `node scripts/release.mjs --notes 1.2.3` prints that version's CHANGELOG.md section (the
// release workflow's notes).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { bundle } from './bundle.mjs'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The remote a release is judged on and pushed to. */
const REMOTE = 'origin'

/** A release that must not happen; the message says why and what to do. */
export class ReleaseError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message)
    this.name = 'ReleaseError'
  }
}

/** @typedef {{ major: number, minor: number, patch: number, text: string }} Version */

/**
 * `1.2.3` or `v1.2.3` → the version; throws ReleaseError for anything else. Pre-releases are
 * refused: the major tag must only ever move to a release.
 * @param {string} text
 * @returns {Version}
 */
export function parseVersion(text) {
  const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(text.trim())
  if (!m) {
    throw new ReleaseError(
      `${JSON.stringify(text)} is not a release version: write MAJOR.MINOR.PATCH, e.g. 1.2.3 ` +
        '(no leading zeros, no pre-release or build suffix)'
    )
  }
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return { major, minor, patch, text: `${major}.${minor}.${patch}` }
}

/**
 * Negative, zero or positive as `a` is older than, the same as or newer than `b`, by number
 * (1.10.0 is newer than 1.9.0).
 * @param {Version} a
 * @param {Version} b
 */
export function compareVersions(a, b) {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

/**
 * The section of `## [1.2.3]` in a Keep a Changelog text, heading included; undefined without one.
 * @param {string} changelog
 * @param {string} version
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\](?:\\s|$)`)
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return undefined
  let end = start + 1
  while (end < lines.length && !/^## /.test(lines[end] ?? '')) end++
  // Link definitions at the end belong to the whole file, not to the last section.
  while (end > start + 1 && /^(\[[^\]]+\]:.*|\s*)$/.test(lines[end - 1] ?? '')) end--
  return lines.slice(start, end).join('\n')
}

/**
 * Runs git in `cwd` and returns its trimmed stdout; throws ReleaseError with git's stderr when it
 * fails.
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {(args: string[]) => string}
 */
export function gitIn(cwd, env = process.env) {
  return args => {
    try {
      return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: 'pipe' }).trim()
    } catch (error) {
      const stderr = /** @type {{ stderr?: string }} */ (error).stderr?.trim()
      throw new ReleaseError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`)
    }
  }
}

/**
 * Tag name → the commit it points at (annotated tags peeled), from `git ls-remote --tags` output
 * (`<sha>\trefs/tags/<name>`, and `<sha>\trefs/tags/<name>^{}` for an annotated tag's commit).
 * @param {string} listing
 * @returns {Map<string, string>}
 */
export function remoteTagCommits(listing) {
  /** @type {Map<string, string>} */
  const direct = new Map()
  /** @type {Map<string, string>} */
  const peeled = new Map()
  for (const line of listing.split('\n')) {
    const [sha = '', ref = ''] = line.trim().split(/\s+/)
    if (!sha || !ref.startsWith('refs/tags/')) continue
    const name = ref.slice('refs/tags/'.length)
    if (name.endsWith('^{}')) peeled.set(name.slice(0, -'^{}'.length), sha)
    else direct.set(name, sha)
  }
  return new Map([...direct].map(([name, sha]) => [name, peeled.get(name) ?? sha]))
}

/**
 * Relative paths of the files that differ between two folders (missing on one side, or other
 * bytes), sorted.
 * @param {string} expected
 * @param {string} actual
 */
export function differingFiles(expected, actual) {
  /** @param {string} root */
  const files = root => {
    /** @type {Map<string, Buffer>} */
    const found = new Map()
    /** @param {string} dir */
    const walk = dir => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else found.set(relative(root, path).split('\\').join('/'), readFileSync(path))
      }
    }
    try {
      walk(root)
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error
    }
    return found
  }
  const a = files(expected)
  const b = files(actual)
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter(path => {
      const x = a.get(path)
      const y = b.get(path)
      return x === undefined || y === undefined || !x.equals(y)
    })
    .sort()
}

/**
 * @typedef {object} ReleaseOptions
 * @property {string} version `1.2.3` or `v1.2.3`
 * @property {string} [cwd] the repository (default: this one)
 * @property {(args: string[]) => string} [git] runs git in cwd (default: gitIn(cwd))
 * @property {(out: string) => unknown} [build] builds the action into `out` (default: bundle)
 * @property {boolean} [push] push both tags (or only the version's, for a backport) to origin;
 *   refused when there is no origin, and, with or without it, a release is refused when origin's
 *   tags cannot be read
 * @property {(line: string) => void} [log]
 */

/**
 * @typedef {object} ReleaseResult
 * @property {string} tag
 * @property {string} majorTag
 * @property {boolean} movedMajor false when a newer release of the same major exists on origin or
 *   here: the release is a backport, and the major tag stays where it is
 * @property {string[]} commands the push commands: run with push, printed without
 */

/**
 * Checks (on origin's tags, read with `git ls-remote`), tags and (with push) pushes a release.
 * Throws ReleaseError, having changed nothing, when a check fails.
 * @param {ReleaseOptions} options
 * @returns {ReleaseResult}
 */
export function release(options) {
  const version = parseVersion(options.version)
  const cwd = options.cwd ?? repoRoot
  const git = options.git ?? gitIn(cwd)
  const build = options.build ?? bundle
  const log = options.log ?? console.log
  const tag = `v${version.text}`
  const majorTag = `v${version.major}`

  // The cheap checks first: the build takes a while.
  const dirty = git(['status', '--porcelain', '--untracked-files=all'])
  if (dirty) {
    throw new ReleaseError(
      `the working tree has changes that are not committed; commit or remove them first:\n${dirty}`
    )
  }
  if (git(['tag', '--list', tag])) {
    throw new ReleaseError(
      `${tag} exists already; a released version never changes, release a new one`
    )
  }
  // What origin has decides, not what this clone last fetched: a stale clone must not reuse a
  // version or move the major tag below a newer release. ls-remote reads without changing a tag
  // here (a `fetch --tags` would refuse to clobber this clone's stale major tag anyway).
  /** @type {Map<string, string> | undefined} */
  let remoteTags
  if (git(['remote']).split('\n').includes(REMOTE)) {
    try {
      remoteTags = remoteTagCommits(git(['ls-remote', '--tags', REMOTE]))
    } catch (error) {
      if (!(error instanceof ReleaseError)) throw error
      const why = error.message.split('\n')[0]
      throw new ReleaseError(
        `cannot read the tags of ${REMOTE} (${why}); nothing is tagged: a release is judged on ` +
          `${REMOTE}'s tags, so that ${majorTag} never moves below a newer release there. ` +
          `Check that ${REMOTE} can be reached and release again`
      )
    }
    if (remoteTags.has(tag)) {
      throw new ReleaseError(
        `${tag} exists already on ${REMOTE} (this clone has not fetched it); a released version ` +
          'never changes, release a new one'
      )
    }
  } else if (options.push) {
    throw new ReleaseError(
      `there is no remote "${REMOTE}" to judge on and push to; nothing is tagged. Add it ` +
        `(git remote add ${REMOTE} URL) and release again`
    )
  } else {
    log(
      `no remote "${REMOTE}": judged on this clone's tags only; before you push, check that ` +
        `${REMOTE} has no newer ${majorTag}.x than ${tag}`
    )
  }
  let changelog
  try {
    changelog = readFileSync(join(cwd, 'CHANGELOG.md'), 'utf8')
  } catch {
    throw new ReleaseError('CHANGELOG.md is missing; add it with a section for this version')
  }
  if (changelogSection(changelog, version.text) === undefined) {
    throw new ReleaseError(
      `CHANGELOG.md has no section for ${version.text}: rename "## [Unreleased]" to ` +
        `"## [${version.text}] - YYYY-MM-DD" (and start a new Unreleased section), then commit`
    )
  }

  const scratch = mkdtempSync(join(tmpdir(), 'release-dist-'))
  try {
    const fresh = join(scratch, 'dist')
    build(fresh)
    const stale = differingFiles(fresh, join(cwd, 'dist'))
    if (stale.length > 0) {
      throw new ReleaseError(
        `dist/ is not a fresh build of src/ (${stale.join(', ')} differ); run ` +
          "'npm run bundle', commit dist/, and release again"
      )
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }

  // A fix for an older minor (1.2.4 after 1.3.0) gets its tag, but v1 stays on the newest: the
  // newest of origin's tags and this clone's (one not pushed yet counts too).
  const localTags = git(['tag', '--list', `${majorTag}.*`]).split('\n')
  const newer = [...new Set([...localTags, ...(remoteTags?.keys() ?? [])])]
    .filter(name => new RegExp(`^${majorTag}\\.\\d+\\.\\d+$`).test(name))
    .flatMap(name => {
      try {
        return [parseVersion(name)]
      } catch {
        return [] // v1.02.3 and the like are no releases of this script's
      }
    })
    .filter(other => compareVersions(other, version) > 0)
    .sort(compareVersions)
    .pop()

  git(['tag', '--annotate', tag, '--message', tag, 'HEAD'])
  log(`tagged ${tag} at ${git(['rev-parse', '--short', 'HEAD'])}`)
  const pushes = [['push', REMOTE, tag]]
  if (newer) {
    const newerTag = `v${newer.text}`
    /** @param {string} ref */
    const localCommit = ref =>
      git(['tag', '--list', ref]) ? git(['rev-parse', `${ref}^{commit}`]) : ''
    const newerAt = remoteTags?.get(newerTag) ?? localCommit(newerTag)
    const majorAt = remoteTags ? remoteTags.get(majorTag) : localCommit(majorTag)
    const where = remoteTags ? ` on ${REMOTE}` : ''
    log(
      majorAt && majorAt === newerAt
        ? `${majorTag} left at ${newerTag}${where}, which is newer than ${tag}: ${tag} is a ` +
            `backport, tagged but not made ${majorTag}`
        : `${majorTag} not moved: ${newerTag} is newer than ${tag}, a backport, tagged but not ` +
            `made ${majorTag}`
    )
  } else {
    git(['tag', '--force', '--annotate', majorTag, '--message', `${majorTag}: ${tag}`, 'HEAD'])
    log(`moved ${majorTag} to ${tag}`)
    pushes.push(['push', '--force', REMOTE, majorTag])
  }

  const commands = pushes.map(args => `git ${args.join(' ')}`)
  if (options.push) {
    pushes.forEach((args, i) => {
      git(args)
      log(`done: ${commands[i]}`)
    })
  } else {
    log('Nothing is pushed yet. To publish the release:')
    for (const command of commands) log(`  ${command}`)
  }
  return { tag, majorTag, movedMajor: !newer, commands }
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { push: { type: 'boolean' }, notes: { type: 'boolean' } }
  })
  if (positionals.length !== 1) {
    console.error('usage: node scripts/release.mjs VERSION [--push]   (e.g. 1.2.3)')
    console.error('       node scripts/release.mjs --notes VERSION')
    process.exit(2)
  }
  const [version = ''] = positionals
  try {
    if (values.notes) {
      const { text } = parseVersion(version)
      const section = changelogSection(readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8'), text)
      if (section === undefined) throw new ReleaseError(`CHANGELOG.md has no section for ${text}`)
      console.log(section)
      return
    }
    release({ version, push: values.push === true })
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error
    console.error(`release refused: ${error.message}`)
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
