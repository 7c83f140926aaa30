// scripts/release.mjs on a throwaway repository with a tiny dist/ and a build that writes what the
// test says: every refusal leaves no tag behind; a release tags vX.Y.Z, moves vX, and pushes both
// only when asked. With a bare repository as origin, it judges on origin's tags, not the clone's.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  changelogSection,
  compareVersions,
  differingFiles,
  gitIn,
  parseVersion,
  release,
  ReleaseError,
  remoteTagCommits
} from '../../scripts/release.mjs'
import { repoRoot } from '../../test-kit/runner.mjs'

const CHANGELOG = `# Changelog

## [Unreleased]

## [1.1.0] - 2026-11-20

### Added

- Sharing as code.

## [1.0.0] - 2026-11-01

- First release.

[1.1.0]: https://example.com/compare/v1.0.0...v1.1.0
`

const DIST = { 'index.js': 'console.log("built")\n', 'sub/413.index.js': 'chunk\n' }

// The user's git configuration (signing, hooks, templates) stays out of the throwaway repository.
const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com'
}

let dir: string
let repo: string
let git: (args: string[]) => string

function write(files: Record<string, string>, root = repo) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
}
function commit(message: string) {
  git(['add', '--all'])
  git(['commit', '--quiet', '--message', message])
}
/** A build that writes `files`, and counts its calls. */
function fakeBuild(files: Record<string, string> = DIST) {
  const build = (out: string) => {
    build.calls++
    write(files, out)
  }
  build.calls = 0
  return build
}
function releaseHere(
  version: string,
  options: { build?: (out: string) => void; push?: boolean } = {}
) {
  const lines: string[] = []
  const result = release({
    version,
    cwd: repo,
    git,
    build: options.build ?? fakeBuild(),
    push: options.push,
    log: line => lines.push(line)
  })
  return { result, lines }
}
const tags = () => git(['tag', '--list']).split('\n').filter(Boolean).sort()
const commitOf = (ref: string) => git(['rev-parse', `${ref}^{commit}`])
/** CHANGELOG.md with a section for each of `versions` too. */
const changelogWith = (...versions: string[]) =>
  CHANGELOG.replace(
    '## [1.1.0]',
    `${versions.map(v => `## [${v}] - 2026-12-01\n\n- Fixed.\n\n`).join('')}## [1.1.0]`
  )

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'release-test-'))
  repo = join(dir, 'repo')
  mkdirSync(repo)
  git = gitIn(repo, gitEnv)
  git(['init', '--quiet', '--initial-branch', 'main'])
  write({
    'CHANGELOG.md': CHANGELOG,
    ...Object.fromEntries(Object.entries(DIST).map(([p, c]) => [`dist/${p}`, c]))
  })
  commit('first')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('refuses, and tags nothing', () => {
  it.each(['1.2', '1.2.3.4', '01.2.3', '1.2.3-rc.1', 'v', 'latest'])('version %j', version => {
    const build = fakeBuild()
    expect(() => releaseHere(version, { build })).toThrow(
      /not a release version.*MAJOR\.MINOR\.PATCH/
    )
    expect(build.calls).toBe(0)
    expect(tags()).toEqual([])
  })

  it('a changed tracked file', () => {
    write({ 'dist/index.js': 'edited\n' })
    expect(() => releaseHere('1.1.0')).toThrow(/not committed[\s\S]*dist\/index\.js/)
    expect(tags()).toEqual([])
  })

  it('an untracked file (it could be built into dist/ yet not be in the tag)', () => {
    write({ 'src/new.ts': 'export {}\n' })
    const build = fakeBuild()
    expect(() => releaseHere('1.1.0', { build })).toThrow(/not committed[\s\S]*src\/new\.ts/)
    expect(build.calls).toBe(0)
  })

  it('a version that is tagged already', () => {
    git(['tag', 'v1.1.0'])
    expect(() => releaseHere('1.1.0')).toThrow(/v1\.1\.0 exists already/)
    expect(tags()).toEqual(['v1.1.0'])
  })

  it('a version CHANGELOG.md has no section for', () => {
    const build = fakeBuild()
    expect(() => releaseHere('1.2.0', { build })).toThrow(
      /CHANGELOG\.md has no section for 1\.2\.0/
    )
    expect(build.calls).toBe(0)
    expect(tags()).toEqual([])
  })

  it.each([
    ['other bytes', { ...DIST, 'index.js': 'console.log("rebuilt")\n' }, 'index.js'],
    ['a file more', { ...DIST, 'licenses.txt': 'MIT\n' }, 'licenses.txt'],
    ['a file less', { 'index.js': DIST['index.js'] }, 'sub/413.index.js']
  ])('a dist/ that is not the fresh build (%s)', (_what, built, differing) => {
    const build = fakeBuild(built)
    expect(() => releaseHere('1.1.0', { build })).toThrow(
      new RegExp(`dist/ is not a fresh build of src/ \\(${differing.replace(/\./g, '\\.')} differ`)
    )
    expect(build.calls).toBe(1)
    expect(tags()).toEqual([])
  })

  it('with an error that is a ReleaseError, for the command line to print', () => {
    expect(() => releaseHere('nope')).toThrow(ReleaseError)
  })
})

describe('releases', () => {
  it('tags vX.Y.Z (annotated) and vX at HEAD, and prints the push commands', () => {
    const { result, lines } = releaseHere('v1.0.0')
    expect(tags()).toEqual(['v1', 'v1.0.0'])
    expect(git(['cat-file', '-t', 'v1.0.0'])).toBe('tag')
    expect(commitOf('v1.0.0')).toBe(commitOf('HEAD'))
    expect(commitOf('v1')).toBe(commitOf('HEAD'))
    expect(result.commands).toEqual(['git push origin v1.0.0', 'git push --force origin v1'])
    expect(lines).toEqual(
      expect.arrayContaining(['  git push origin v1.0.0', '  git push --force origin v1'])
    )
  })

  it('moves the major tag to the next release', () => {
    releaseHere('1.0.0')
    const first = commitOf('HEAD')
    write({ 'README.md': 'more\n' })
    commit('second')
    releaseHere('1.1.0')
    expect(commitOf('v1.0.0')).toBe(first)
    expect(commitOf('v1')).toBe(commitOf('HEAD'))
    expect(commitOf('v1')).not.toBe(first)
  })

  it('leaves the major tag on a newer release when an older line gets a fix', () => {
    releaseHere('1.1.0')
    const newest = commitOf('HEAD')
    write({
      'CHANGELOG.md': CHANGELOG.replace('## [1.0.0]', '## [1.0.1] - 2026-11-21\n\n## [1.0.0]')
    })
    commit('fix for 1.0')
    const { result } = releaseHere('1.0.1')
    expect(result.movedMajor).toBe(false)
    expect(result.commands).toEqual(['git push origin v1.0.1'])
    expect(commitOf('v1.0.1')).toBe(commitOf('HEAD'))
    expect(commitOf('v1')).toBe(newest)
  })

  it('with push, pushes the version and force-moves the major tag on origin', () => {
    const remote = join(dir, 'remote.git')
    spawnSync('git', ['init', '--quiet', '--bare', remote], { env: gitEnv })
    git(['remote', 'add', 'origin', remote])
    const remoteTag = (tag: string) => gitIn(remote, gitEnv)(['rev-parse', `${tag}^{commit}`])

    releaseHere('1.0.0', { push: true })
    expect(remoteTag('v1.0.0')).toBe(commitOf('HEAD'))
    expect(remoteTag('v1')).toBe(commitOf('HEAD'))

    write({ 'README.md': 'more\n' })
    commit('second')
    const { lines } = releaseHere('1.1.0', { push: true })
    expect(remoteTag('v1')).toBe(commitOf('HEAD'))
    expect(remoteTag('v1.1.0')).toBe(commitOf('HEAD'))
    expect(lines).toContain('done: git push --force origin v1')
  })

  it('without push, leaves origin alone', () => {
    const remote = join(dir, 'remote.git')
    spawnSync('git', ['init', '--quiet', '--bare', remote], { env: gitEnv })
    git(['remote', 'add', 'origin', remote])
    releaseHere('1.0.0')
    expect(gitIn(remote, gitEnv)(['tag', '--list'])).toBe('')
  })
})

describe("judges on origin's tags, not the clone's", () => {
  let remote: string
  let remoteGit: (args: string[]) => string
  const remoteCommitOf = (ref: string) => remoteGit(['rev-parse', `${ref}^{commit}`])
  const remoteTags = () => remoteGit(['tag', '--list']).split('\n').filter(Boolean).sort()

  beforeEach(() => {
    remote = join(dir, 'remote.git')
    gitIn(dir, gitEnv)(['init', '--quiet', '--bare', '--initial-branch', 'main', remote])
    remoteGit = gitIn(remote, gitEnv)
    git(['remote', 'add', 'origin', remote])
    git(['push', '--quiet', 'origin', 'main'])
  })

  /**
   * Another maintainer, in a clone of origin, commits and tags `version` and pushes the tag (and
   * `v1` at it, unless told not to); this clone does not fetch.
   */
  function releasedElsewhere(version: string, { moveMajor = true } = {}) {
    const other = join(dir, `other-${version}`)
    gitIn(dir, gitEnv)(['clone', '--quiet', remote, other])
    const otherGit = gitIn(other, gitEnv)
    write({ 'CHANGELOG.md': changelogWith(version) }, other)
    otherGit(['commit', '--quiet', '--all', '--message', `release ${version}`])
    otherGit(['tag', '--annotate', `v${version}`, '--message', `v${version}`])
    otherGit(['push', '--quiet', 'origin', `v${version}`])
    if (moveMajor) {
      otherGit(['tag', '--force', '--annotate', 'v1', '--message', `v1: v${version}`])
      otherGit(['push', '--quiet', '--force', 'origin', 'v1'])
    }
    return remoteCommitOf(`v${version}`)
  }
  /** This clone releases (and pushes) `version`, and pushes main for others to clone. */
  function releasedHere(version: string) {
    write({ 'CHANGELOG.md': changelogWith(version) })
    commit(`release ${version}`)
    releaseHere(version, { push: true })
    git(['push', '--quiet', 'origin', 'main'])
  }

  it('the trial: a stale clone releasing 1.2.4 with --push tags it, and leaves v1 at 1.3.0', () => {
    releasedHere('1.2.3')
    const newest = releasedElsewhere('1.3.0')
    expect(remoteCommitOf('v1')).toBe(newest)
    expect(tags()).toEqual(['v1', 'v1.2.3'])

    write({ 'CHANGELOG.md': changelogWith('1.2.4', '1.2.3') })
    commit('fix for 1.2')
    const { result, lines } = releaseHere('1.2.4', { push: true })

    expect(remoteCommitOf('v1')).toBe(newest)
    expect(remoteCommitOf('v1.2.4')).toBe(commitOf('HEAD'))
    expect(remoteGit(['cat-file', '-t', 'v1.2.4'])).toBe('tag')
    expect(result.movedMajor).toBe(false)
    expect(result.commands).toEqual(['git push origin v1.2.4'])
    expect(lines.filter(line => /^v1 left at v1\.3\.0\b/.test(line))).toHaveLength(1)
    expect(lines.join('\n')).not.toMatch(/push --force|moved v1/)
    // This clone's own v1 is not moved either.
    expect(commitOf('v1')).toBe(commitOf('v1.2.3'))
  })

  it('without --push, the printed commands leave v1 alone too', () => {
    releasedHere('1.2.3')
    releasedElsewhere('1.3.0')
    write({ 'CHANGELOG.md': changelogWith('1.2.4', '1.2.3') })
    commit('fix for 1.2')
    const { result, lines } = releaseHere('1.2.4')
    expect(result.commands).toEqual(['git push origin v1.2.4'])
    expect(lines).toContain('  git push origin v1.2.4')
    expect(lines.some(line => /^v1 left at v1\.3\.0\b/.test(line))).toBe(true)
    expect(remoteTags()).toEqual(['v1', 'v1.2.3', 'v1.3.0'])
  })

  it('compares versions as numbers: v1.10.0 on origin is newer than 1.9.1', () => {
    releasedHere('1.9.0')
    const newest = releasedElsewhere('1.10.0')
    write({ 'CHANGELOG.md': changelogWith('1.9.1', '1.9.0') })
    commit('fix for 1.9')
    const { result, lines } = releaseHere('1.9.1', { push: true })
    expect(result.movedMajor).toBe(false)
    expect(remoteCommitOf('v1')).toBe(newest)
    expect(remoteCommitOf('v1.9.1')).toBe(commitOf('HEAD'))
    expect(lines.some(line => /^v1 left at v1\.10\.0\b/.test(line))).toBe(true)
  })

  it('compares versions as numbers: 1.10.0 is newer than v1.9.0 on origin, and moves v1', () => {
    releasedElsewhere('1.9.0')
    git(['fetch', '--quiet', 'origin', 'main'])
    git(['merge', '--quiet', '--ff-only', 'FETCH_HEAD'])
    write({ 'CHANGELOG.md': changelogWith('1.10.0', '1.9.0') })
    commit('release 1.10.0')
    const { result, lines } = releaseHere('1.10.0', { push: true })
    expect(result.movedMajor).toBe(true)
    expect(remoteCommitOf('v1')).toBe(commitOf('HEAD'))
    expect(lines).toContain('done: git push --force origin v1')
  })

  it('names a newer release on origin that v1 is not at, without saying v1 is at it', () => {
    releasedHere('1.2.3')
    releasedElsewhere('1.3.0', { moveMajor: false })
    write({ 'CHANGELOG.md': changelogWith('1.2.4', '1.2.3') })
    commit('fix for 1.2')
    const { result, lines } = releaseHere('1.2.4', { push: true })
    expect(result.movedMajor).toBe(false)
    expect(remoteCommitOf('v1')).toBe(commitOf('v1.2.3'))
    expect(lines.some(line => /^v1 not moved: v1\.3\.0 is newer than v1\.2\.4/.test(line))).toBe(
      true
    )
  })

  it.each([false, true])(
    'refuses a version that exists only on origin (push: %s), before the build',
    push => {
      releasedHere('1.2.3')
      releasedElsewhere('1.2.4', { moveMajor: false })
      write({ 'CHANGELOG.md': changelogWith('1.2.4', '1.2.3') })
      commit('fix for 1.2')
      const build = fakeBuild()
      expect(() => releaseHere('1.2.4', { build, push })).toThrow(
        /v1\.2\.4 exists already on origin/
      )
      expect(build.calls).toBe(0)
      expect(tags()).toEqual(['v1', 'v1.2.3'])
      expect(remoteCommitOf('v1')).toBe(commitOf('v1.2.3'))
    }
  )

  it.each([false, true])('refuses, in one line, when origin cannot be reached (push: %s)', push => {
    git(['remote', 'set-url', 'origin', join(dir, 'gone.git')])
    const build = fakeBuild()
    let error: unknown
    try {
      releaseHere('1.1.0', { build, push })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ReleaseError)
    const { message } = error as ReleaseError
    expect(message).toMatch(/^cannot read the tags of origin .*gone\.git.*nothing is tagged/)
    expect(message).not.toContain('\n')
    expect(build.calls).toBe(0)
    expect(tags()).toEqual([])
  })

  it('refuses to push without an origin to judge on', () => {
    git(['remote', 'remove', 'origin'])
    const build = fakeBuild()
    expect(() => releaseHere('1.1.0', { build, push: true })).toThrow(/no remote "origin"/)
    expect(build.calls).toBe(0)
    expect(tags()).toEqual([])
  })

  it("without an origin and without --push, tags on the clone's knowledge and says so", () => {
    git(['remote', 'remove', 'origin'])
    const { result, lines } = releaseHere('1.1.0')
    expect(result.movedMajor).toBe(true)
    expect(tags()).toEqual(['v1', 'v1.1.0'])
    expect(
      lines.some(line => /^no remote "origin": judged on this clone's tags only/.test(line))
    ).toBe(true)
  })
})

describe('its parts', () => {
  it('orders versions by number, not by text', () => {
    const sorted = ['1.10.0', '10.0.0', '1.9.0', '1.2.10', '2.0.0', '1.2.9', '1.2.9']
      .map(parseVersion)
      .sort(compareVersions)
      .map(v => v.text)
    expect(sorted).toEqual(['1.2.9', '1.2.9', '1.2.10', '1.9.0', '1.10.0', '2.0.0', '10.0.0'])
    expect(compareVersions(parseVersion('1.10.0'), parseVersion('1.9.0'))).toBeGreaterThan(0)
  })

  it("reads ls-remote's tags, an annotated tag at its commit", () => {
    const listing = [
      'aaaa\trefs/tags/v1',
      'cccc\trefs/tags/v1^{}',
      'bbbb\trefs/tags/v1.3.0',
      'cccc\trefs/tags/v1.3.0^{}',
      'dddd\trefs/tags/light',
      'eeee\trefs/heads/main',
      ''
    ].join('\n')
    expect([...remoteTagCommits(listing)]).toEqual([
      ['v1', 'cccc'],
      ['v1.3.0', 'cccc'],
      ['light', 'dddd']
    ])
    expect(remoteTagCommits('').size).toBe(0)
  })

  it('reads versions with or without the v', () => {
    expect(parseVersion('v10.0.2')).toEqual({ major: 10, minor: 0, patch: 2, text: '10.0.2' })
    expect(parseVersion('1.2.3').text).toBe('1.2.3')
  })

  it("finds a version's changelog section, up to the next one, without the link definitions", () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toBe(
      '## [1.1.0] - 2026-11-20\n\n### Added\n\n- Sharing as code.'
    )
    expect(changelogSection(CHANGELOG, '1.0.0')).toBe('## [1.0.0] - 2026-11-01\n\n- First release.')
    expect(changelogSection(CHANGELOG, '1.0')).toBeUndefined()
    expect(changelogSection('## [1.0.0.1]\n', '1.0.0')).toBeUndefined()
  })

  it('compares folders byte for byte', () => {
    write({ 'a/x': '1', 'a/y/z': '2', 'b/x': '1', 'b/y/z': '2' }, dir)
    expect(differingFiles(join(dir, 'a'), join(dir, 'b'))).toEqual([])
    write({ 'b/y/z': '3' }, dir)
    expect(differingFiles(join(dir, 'a'), join(dir, 'b'))).toEqual(['y/z'])
    expect(differingFiles(join(dir, 'a'), join(dir, 'missing'))).toEqual(['x', 'y/z'])
  })

  it('refuses a bad version on the command line before it looks at anything', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '1.2'], {
      cwd: dir,
      encoding: 'utf8'
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^release refused: "1\.2" is not a release version/)
  })

  it("prints a version's notes for the release workflow", () => {
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'release.mjs'), '--notes', 'v0.0.0'],
      {
        encoding: 'utf8'
      }
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/CHANGELOG\.md has no section for 0\.0\.0/)
  })
})
