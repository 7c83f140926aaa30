// Loading sharing files together: the desired state of every producer, and every problem with the
// file relative to the workspace (as annotations need it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ActionError } from '../../src/domain/errors.js'
import type { Desired } from '../../src/domain/desired.js'
import { ConfigInvalid, configSummary } from '../../src/domain/errors.js'
import { formatFileProblem } from '../../src/domain/problems.js'
import {
  MAX_SHARING_FILE_BYTES,
  combineSharingFiles,
  loadSharingFiles
} from '../../src/files/load.js'
import { parseSharingFile } from '../../src/files/parse.js'

const ID = 'org-939hp5K7kecppVmd'
let workspace: string

function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n'
}

/** Writes the file into the workspace; returns its absolute path. */
function file(path: string, text: string | Buffer): string {
  const absolute = join(workspace, path)
  mkdirSync(dirname(absolute), { recursive: true })
  writeFileSync(absolute, text)
  return absolute
}

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'config-load-'))
})

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true })
})

describe('loadSharingFiles', () => {
  it('gives every producer of every file as a Desired, sorted by producer', async () => {
    const paths = [
      file(
        'sharing/platform.yml',
        yaml(
          'version: 1',
          'producers:',
          '  platform-modules:',
          '    consumers:',
          '      - app-team-a',
          `      - ${ID}`,
          '  network-modules:',
          '    global-module-sharing: true'
        )
      ),
      file('sharing/teams/apps.yml', yaml('producers:', '  apps-modules:', '    consumers: []'))
    ]
    const { desired, errors } = await loadSharingFiles(paths, workspace)
    expect(errors).toEqual([])
    expect(desired).toEqual([
      {
        organization: 'apps-modules',
        consumers: [],
        mode: 'set',
        globalModuleSharing: false,
        allowEmpty: true,
        managesModules: true,
        place: { file: 'sharing/teams/apps.yml', line: 2 },
        consumerPlaces: []
      },
      {
        organization: 'network-modules',
        consumers: [],
        mode: 'set',
        globalModuleSharing: true,
        allowEmpty: true,
        managesModules: true,
        place: { file: 'sharing/platform.yml', line: 7 },
        consumerPlaces: []
      },
      {
        organization: 'platform-modules',
        consumers: [
          { kind: 'name', name: 'app-team-a' },
          { kind: 'id', id: ID }
        ],
        mode: 'set',
        globalModuleSharing: false,
        allowEmpty: true,
        managesModules: true,
        place: { file: 'sharing/platform.yml', line: 3 },
        consumerPlaces: [
          { file: 'sharing/platform.yml', line: 5 },
          { file: 'sharing/platform.yml', line: 6 }
        ]
      }
    ])
    // What shareModules takes, as it is.
    const asDesired: Desired[] = desired
    expect(asDesired).toHaveLength(3)
  })

  it('a producer in two files is an error at the second, naming both places', async () => {
    const paths = [
      file(
        'sharing/a.yml',
        yaml('producers:', '  other:', '    consumers: []', '  platform:', '    consumers: [x]')
      ),
      file('sharing/b.yml', yaml('producers:', '  platform:', '    global-module-sharing: true'))
    ]
    const { desired, errors } = await loadSharingFiles(paths, workspace)
    expect(errors.map(formatFileProblem)).toEqual([
      'sharing/b.yml:2:1: producer platform is set in two places: sharing/a.yml:4 and sharing/b.yml:2; keep it in one file only'
    ])
    // The first place is kept, so that the other producers can still be planned and shown.
    expect(desired.map(d => [d.organization, d.place.file])).toEqual([
      ['other', 'sharing/a.yml'],
      ['platform', 'sharing/a.yml']
    ])
  })

  it('a producer in three places is an error at each further place', async () => {
    const text = yaml('producers:', '  platform:', '    consumers: []')
    const paths = ['a.yml', 'b.yml', 'c.yml'].map(name => file(name, text))
    const { errors } = await loadSharingFiles(paths, workspace)
    expect(errors.map(formatFileProblem)).toEqual([
      'b.yml:2:1: producer platform is set in two places: a.yml:2 and b.yml:2; keep it in one file only',
      'c.yml:2:1: producer platform is set in two places: a.yml:2 and c.yml:2; keep it in one file only'
    ])
  })

  it('gives the problems of every file, relative to the workspace, by file and line', async () => {
    const paths = [
      file('sharing/z.yml', yaml('producers:', '  a:', '    consumer: [b]')),
      file('sharing/m.yml', yaml('version: 2', 'producers:', '  c:', '    consumers: [c]'))
    ]
    const { errors } = await loadSharingFiles(paths, workspace)
    expect(errors.map(e => `${e.file}:${e.line}`)).toEqual([
      'sharing/m.yml:1',
      'sharing/m.yml:4',
      'sharing/z.yml:3'
    ])
  })

  it('a file that cannot be read is an error at its first line', async () => {
    mkdirSync(join(workspace, 'sharing/folder.yml'), { recursive: true })
    const paths = [join(workspace, 'sharing/folder.yml'), join(workspace, 'sharing/gone.yml')]
    const { errors } = await loadSharingFiles(paths, workspace)
    expect(errors.map(formatFileProblem)).toEqual([
      'sharing/folder.yml:1:1: the file cannot be read (EISDIR); check that it exists and is a file',
      'sharing/gone.yml:1:1: the file cannot be read (ENOENT); check that it exists and is a file'
    ])
  })

  it('a file that is not UTF-8 text, or is too large, is an error', async () => {
    const paths = [
      file('latin1.yml', Buffer.from('producers:\n  caf\xe9:\n', 'latin1')),
      file('binary.yml', Buffer.from([0x70, 0x00, 0x01])),
      file('huge.yml', 'x'.repeat(MAX_SHARING_FILE_BYTES + 1))
    ]
    const { errors } = await loadSharingFiles(paths, workspace)
    expect(errors.map(formatFileProblem)).toEqual([
      'binary.yml:1:1: the file is not text (it holds NUL bytes); a sharing file is YAML text',
      `huge.yml:1:1: the file is larger than 1 MiB (${MAX_SHARING_FILE_BYTES + 1} bytes), too large for a sharing file; check the patterns that select sharing files`,
      'latin1.yml:1:1: the file is not UTF-8 text; save it as UTF-8'
    ])
  })

  it('no files: nothing desired and no problem (finding files is what insists on some)', async () => {
    expect(await loadSharingFiles([], workspace)).toEqual({ desired: [], errors: [] })
  })
})

describe('combineSharingFiles', () => {
  it('is the same check without the disk', () => {
    const a = parseSharingFile(yaml('producers:', '  p:', '    consumers: [x]'), 'a.yml')
    const b = parseSharingFile(
      yaml('producers:', '  q:', '    consumers: []', '  p:', '    consumers: [y]'),
      'b.yml'
    )
    const { desired, errors } = combineSharingFiles([a, b])
    expect(desired.map(d => d.organization)).toEqual(['p', 'q'])
    expect(desired[0]?.consumers).toEqual([{ kind: 'name', name: 'x' }])
    expect(errors).toEqual([
      {
        file: 'b.yml',
        line: 4,
        column: 1,
        message: 'producer p is set in two places: a.yml:2 and b.yml:4; keep it in one file only'
      }
    ])
  })

  it('sorts producers by code point, the same on every machine', () => {
    const parsed = parseSharingFile(
      yaml(
        'producers:',
        '  b:',
        '    consumers: []',
        '  B:',
        '    consumers: []',
        '  _a:',
        '    consumers: []',
        '  a:',
        '    consumers: []'
      ),
      'x.yml'
    )
    expect(combineSharingFiles([parsed]).desired.map(d => d.organization)).toEqual([
      'B',
      '_a',
      'a',
      'b'
    ])
  })
})

describe('ConfigInvalid', () => {
  it('carries every problem and sums them up for the failure line', () => {
    const errors = [
      { file: 'sharing/a.yml', line: 1, message: 'one' },
      { file: 'sharing/a.yml', line: 4, column: 3, message: 'two' },
      { file: 'sharing/b.yml', line: 2, message: 'three' }
    ]
    const error = new ConfigInvalid(errors)
    expect(error).toBeInstanceOf(ActionError)
    expect(error.name).toBe('ConfigInvalid')
    expect(error.problems).toBe(errors)
    expect(error.message).toBe('3 problems in 2 sharing files; see the annotations')
    expect(configSummary(errors.slice(0, 1))).toBe(
      '1 problem in 1 sharing file; see the annotations'
    )
    expect(errors.map(formatFileProblem)).toEqual([
      'sharing/a.yml:1: one',
      'sharing/a.yml:4:3: two',
      'sharing/b.yml:2: three'
    ])
  })
})
