// Finding sharing files: glob patterns relative to a workspace, in a real temporary folder.
import { jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { SharingPatternError } from '../../src/domain/errors.js'
import { findSharingFiles } from '../../src/files/find.js'

let root: string
let workspace: string

/** Files in the workspace, by relative path. */
function files(...paths: string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), 'producers: {}\n')
  }
}

async function found(patterns: string): Promise<string[]> {
  return (await findSharingFiles(patterns, workspace)).map(path => path.slice(workspace.length + 1))
}

async function failure(patterns: string): Promise<SharingPatternError> {
  const error = await findSharingFiles(patterns, workspace).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(SharingPatternError)
  return error as SharingPatternError
}

beforeEach(() => {
  // @actions/glob logs its options as ::debug:: lines on stdout.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  root = mkdtempSync(join(tmpdir(), 'config-find-'))
  workspace = join(root, 'workspace')
  mkdirSync(workspace)
  files(
    'sharing/platform.yml',
    'sharing/network.yml',
    'sharing/teams/apps.yml',
    'sharing/teams/data.yaml',
    'sharing/README.md',
    'other/x.yml'
  )
})

afterEach(() => {
  jest.restoreAllMocks()
  rmSync(root, { recursive: true, force: true })
})

describe('patterns that match', () => {
  it('* matches the files of one folder, as absolute paths, sorted', async () => {
    const paths = await findSharingFiles('sharing/*.yml', workspace)
    expect(paths).toEqual([
      join(workspace, 'sharing/network.yml'),
      join(workspace, 'sharing/platform.yml')
    ])
  })

  it('** matches nested folders', async () => {
    expect(await found('sharing/**/*.yml')).toEqual([
      'sharing/network.yml',
      'sharing/platform.yml',
      'sharing/teams/apps.yml'
    ])
    expect(await found('**/*.yaml')).toEqual(['sharing/teams/data.yaml'])
  })

  it('several patterns, comments and blank lines: each file once', async () => {
    const patterns = [
      '# the platform team',
      'sharing/platform.yml',
      '',
      '  sharing/*.yml  ',
      './other/x.yml',
      '# sharing/teams/*.yml'
    ].join('\n')
    expect(await found(patterns)).toEqual([
      'other/x.yml',
      'sharing/network.yml',
      'sharing/platform.yml'
    ])
  })

  it('!pattern leaves files out, and need not match anything', async () => {
    expect(await found('sharing/**/*.yml\n!sharing/teams/**\n!sharing/drafts/*.yml')).toEqual([
      'sharing/network.yml',
      'sharing/platform.yml'
    ])
  })

  it('never matches a directory', async () => {
    expect(await found('sharing/*')).toEqual([
      'sharing/README.md',
      'sharing/network.yml',
      'sharing/platform.yml'
    ])
  })

  it('works in a workspace whose path holds glob characters', async () => {
    workspace = join(root, 'ws [1]*?')
    mkdirSync(workspace)
    files('sharing/a.yml')
    expect(await found('sharing/*.yml')).toEqual(['sharing/a.yml'])
  })
})

describe('patterns that are errors', () => {
  it('a pattern that matches no file is an error naming it and its line', async () => {
    const error = await failure('sharing/*.yml\nsharing/platfrom.yml')
    expect(error.message).toBe(
      'pattern sharing/platfrom.yml (line 2) matches no file in the workspace; check its spelling and the folder'
    )
  })

  it('every pattern that matches nothing is named', async () => {
    const error = await failure('shareing/*.yml\nsharing/*.json\nsharing/*.yml')
    expect(error.problems).toEqual([
      'pattern shareing/*.yml (line 1) matches no file in the workspace; check its spelling and the folder',
      'pattern sharing/*.json (line 2) matches no file in the workspace; check its spelling and the folder'
    ])
    expect(error.message).toBe(
      '2 problems with the sharing file patterns: ' + error.problems.join('; ')
    )
  })

  it('a folder is no file: the error says how to match the files in it', async () => {
    expect((await failure('sharing/teams')).message).toBe(
      'pattern sharing/teams (line 1) matches no file in the workspace; it is a directory, match the files in it, e.g. sharing/teams/*.yml'
    )
  })

  it('an absolute path is an error, even one inside the workspace', async () => {
    const error = await failure(`${workspace}/sharing/platform.yml`)
    expect(error.message).toMatch(
      /^pattern \/.*\/sharing\/platform\.yml \(line 1\) is an absolute path; sharing file patterns are relative to the workspace \(the repository checkout\), e\.g\. sharing\/\*\.yml$/
    )
  })

  it.each(['../outside/*.yml', 'sharing/../../outside/*.yml', '**/../*.yml', '!../x.yml'])(
    '%s, with a .. segment, is an error',
    async pattern => {
      writeFileSync(join(root, 'secret.yml'), 'x')
      expect((await failure(pattern)).message).toBe(
        `pattern ${pattern} (line 1) has a .. segment, which could leave the workspace; write the path from the workspace root without ..`
      )
    }
  )

  it('a pattern from the home directory is an error', async () => {
    expect((await failure('sharing/*.yml\n~/sharing/*.yml')).message).toBe(
      'pattern ~/sharing/*.yml (line 2) starts with ~ (the home directory); patterns are relative to the workspace'
    )
  })

  it('every unsafe pattern is named before anything is searched', async () => {
    const error = await failure('/etc/*.yml\nnothing/*.yml\n../x.yml')
    expect(error.problems.map(p => p.slice(0, 30))).toEqual([
      'pattern /etc/*.yml (line 1) is',
      'pattern ../x.yml (line 3) has '
    ])
  })

  it('no pattern at all is an error', async () => {
    expect((await failure('# none yet\n\n!sharing/*.yml')).message).toBe(
      'no sharing file patterns given; write one a line, relative to the workspace, e.g. sharing/*.yml'
    )
  })

  it('a matched link to a file outside the workspace is an error', async () => {
    writeFileSync(join(root, 'outside.yml'), 'producers: {}\n')
    symlinkSync(join(root, 'outside.yml'), join(workspace, 'sharing/link.yml'))
    expect((await failure('sharing/*.yml')).message).toBe(
      'sharing/link.yml is a link that leads outside the workspace (or nowhere); sharing files must be files of the repository'
    )
  })

  it('a strange pattern is described, not quoted', async () => {
    const pattern = 'sharing/ghp_' + 'A1b2C3d4E5'.repeat(3) + '.yml'
    expect((await failure(pattern)).message).toBe(
      'the pattern on line 1 (46 characters) matches no file in the workspace; check its spelling and the folder'
    )
  })
})
