// The sharing files a run manages: glob patterns, one a line, relative to the workspace. A pattern
// that matches nothing is an error (a typo must not silently manage nothing), and no pattern may
// reach outside the workspace.
import { create } from '@actions/glob'
import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { looksLikeToken } from './describe.js'
import { SharingPatternError } from '../domain/errors.js'

const GLOB_OPTIONS = {
  followSymbolicLinks: false,
  implicitDescendants: false,
  matchDirectories: false
} as const

interface Pattern {
  /** 1-based, among the lines given. */
  line: number
  text: string
  /** `!pattern`: leaves out what the other patterns match. */
  exclude: boolean
}

/**
 * The files the patterns match: absolute paths, sorted and unique. Blank lines and `#` comments
 * are ignored; `!pattern` leaves files out. Throws SharingPatternError naming every pattern that
 * is unusable, leaves the workspace, or (unless it leaves files out) matches no file.
 */
export async function findSharingFiles(patterns: string, workspace: string): Promise<string[]> {
  const root = resolve(workspace)
  const lines = readPatterns(patterns)
  const problems: string[] = []
  for (const pattern of lines) {
    const problem = escapeProblem(pattern)
    if (problem) problems.push(problem)
  }
  if (problems.length > 0) throw new SharingPatternError(problems)
  const includes = lines.filter(pattern => !pattern.exclude)
  if (includes.length === 0) {
    throw new SharingPatternError([
      'no sharing file patterns given; write one a line, relative to the workspace, e.g. sharing/*.yml'
    ])
  }

  const base = globEscape(root)
  const absolute = (pattern: Pattern): string =>
    `${pattern.exclude ? '!' : ''}${base}/${pattern.text.replace(/^\.\//, '')}`
  const excludes = lines.filter(pattern => pattern.exclude).map(absolute)

  for (const pattern of includes) {
    const matched = await (await create(absolute(pattern), GLOB_OPTIONS)).glob()
    if (matched.length === 0) problems.push(await nothingMatched(pattern, root))
  }
  if (problems.length > 0) throw new SharingPatternError(problems)

  const globber = await create([...includes.map(absolute), ...excludes].join('\n'), GLOB_OPTIONS)
  const files = [...new Set(await globber.glob())].sort()
  if (files.length === 0) {
    // A check that checks nothing must not pass: the exclusions left out every file.
    throw new SharingPatternError([
      `the patterns leave out every file they match (${lines.map(label).join(', ')}); ` +
        'a run needs at least one sharing file'
    ])
  }
  await checkInside(files, root, problems)
  if (problems.length > 0) throw new SharingPatternError(problems)
  return files
}

function readPatterns(patterns: string): Pattern[] {
  return patterns
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ line: index + 1, raw: raw.trim() }))
    .filter(({ raw }) => raw !== '' && !raw.startsWith('#'))
    .map(({ line, raw }) => {
      const exclude = raw.startsWith('!')
      return { line, text: exclude ? raw.slice(1).trim() : raw, exclude }
    })
}

/** Why the pattern could reach outside the workspace; '' when it cannot. */
function escapeProblem(pattern: Pattern): string {
  const { text } = pattern
  if (text === '') return `${label(pattern)} is empty after the !; write the files to leave out`
  if (isAbsolute(text) || /^[A-Za-z]:/.test(text) || text.startsWith('\\')) {
    return (
      `${label(pattern)} is an absolute path; sharing file patterns are relative to the ` +
      'workspace (the repository checkout), e.g. sharing/*.yml'
    )
  }
  if (text === '~' || text.startsWith('~/')) {
    return `${label(pattern)} starts with ~ (the home directory); patterns are relative to the workspace`
  }
  if (text.split(/[/\\]+/).includes('..')) {
    return (
      `${label(pattern)} has a .. segment, which could leave the workspace; write the path from ` +
      'the workspace root without ..'
    )
  }
  return ''
}

/** Says why, when it can: a directory needs a file pattern under it. */
async function nothingMatched(pattern: Pattern, root: string): Promise<string> {
  let hint = ''
  if (!/[*?[]/.test(pattern.text)) {
    const isDirectory = await stat(resolve(root, pattern.text)).then(
      found => found.isDirectory(),
      () => false
    )
    if (isDirectory)
      hint = `; it is a directory, match the files in it, e.g. ${pattern.text.replace(/\/+$/, '')}/*.yml`
  }
  return `${label(pattern)} matches no file in the workspace${hint || '; check its spelling and the folder'}`
}

/**
 * A matched file that is a link to somewhere outside the workspace is not managed, nor is one
 * that is not a regular file: reading a FIFO or a device would hang the run.
 */
async function checkInside(
  files: readonly string[],
  root: string,
  problems: string[]
): Promise<void> {
  const realRoot = await realpath(root)
  for (const file of files) {
    const real = await realpath(file).catch(() => undefined)
    const path = relative(realRoot, real ?? '')
    if (
      real === undefined ||
      path === '' ||
      path.startsWith(`..${sep}`) ||
      path === '..' ||
      isAbsolute(path)
    ) {
      problems.push(
        `${relative(root, file).split(sep).join('/')} is a link that leads outside the workspace (or nowhere); ` +
          'sharing files must be files of the repository'
      )
    } else if (!(await stat(real)).isFile()) {
      problems.push(
        `${relative(root, file).split(sep).join('/')} is not a regular file (a FIFO, socket or device); ` +
          'sharing files must be files of the repository'
      )
    }
  }
}

/** `pattern sharing/*.yml (line 2)`, or a description when the pattern is not plain. */
function label({ line, text, exclude }: Pattern): string {
  const written = `${exclude ? '!' : ''}${text}`
  return /^[A-Za-z0-9_.\-/*?[\]{}!~]{1,200}$/.test(written) && !looksLikeToken(written)
    ? `pattern ${written} (line ${line})`
    : `the pattern on line ${line} (${Array.from(written).length} characters)`
}

/** The workspace as a literal prefix of a glob pattern (as @actions/glob escapes paths). */
function globEscape(path: string): string {
  return (process.platform === 'win32' ? path : path.replace(/\\/g, '\\\\'))
    .replace(/(\[)(?=[^/]+\])/g, '[[]')
    .replace(/\?/g, '[?]')
    .replace(/\*/g, '[*]')
}
