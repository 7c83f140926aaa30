// A token pasted into the wrong input: the runner masks the token only where it appears whole,
// so no error about another input may show any real piece of it. Values that are not what an
// input expects are described (length, first wrong character), never quoted beyond a few plain
// characters.
import fc from 'fast-check'
import {
  InputError,
  type InputSource,
  parseBoolean,
  parseCaCertificate,
  parseChoice,
  parseConsumers,
  parseExport,
  parseHostname,
  parseNumber,
  parseOrganization,
  parsePatterns,
  parseWorkingDirectory,
  readSettings
} from '../../src/settings/inputs.js'
import { readActionDefaults } from '../../test-kit/runner.mjs'

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** 60 base62 characters, the same on every run. */
function body(seed: number): string {
  let x = seed
  let out = ''
  for (let i = 0; i < 60; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31
    out += BASE62[x % 62]
  }
  return out
}

/** A TFE token as TFE shows it: id, `.atlasv1.`, secret. Every part of it fits a DNS label. */
const TOKEN = `AbCdEf0123456789.atlasv1.${body(7)}`
/** The right token, in the token input, while TOKEN is pasted somewhere else. */
const RIGHT_TOKEN = `ZyXwVu9876543210.atlasv1.${body(11)}`
const GITHUB_TOKEN = `ghp_${body(3).slice(0, 36)}`

const valid = {
  organization: 'my-org',
  consumers: 'other-org',
  token: RIGHT_TOKEN,
  hostname: 'tfe.example.com'
}

function source(inputs: Record<string, string>, env: Record<string, string> = {}): InputSource {
  return {
    // As core.getInput reads them: trimmed.
    input: name => (inputs[name] ?? '').trim(),
    env: name => env[name],
    mask: () => undefined
  }
}

function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError')
}

/** Fails if the message holds any 8 characters of the secret in a row. */
function expectNoPieceOf(secret: string, message: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8)
    if (message.includes(piece)) {
      throw new Error(`the message shows "${piece}" of the secret: ${message}`)
    }
  }
}

// Every input of action.yml is here: a new one must be placed in one list or the other.
const REFUSED = [
  'organization',
  'consumers',
  'hostname',
  'allow-empty',
  'mode',
  'dry-run',
  'global-module-sharing',
  'api',
  'comment-on-pr',
  'max-retries',
  'timeout-seconds',
  'ca-certificate',
  'config',
  'fail-on-drift',
  'export',
  'rate-limit',
  'working-directory',
  'fail-on-unmanaged',
  'drift-issue'
]
/** Where a token is what the input takes. */
const TOKEN_INPUTS = ['token', 'github-token']

describe('a token pasted into the wrong input', () => {
  it('covers every input of action.yml', () => {
    expect(Object.keys(readActionDefaults()).sort()).toEqual([...REFUSED, ...TOKEN_INPUTS].sort())
  })

  it.each(REFUSED)('is refused in %s, showing none of it', name => {
    const error = inputError(() => readSettings(source({ ...valid, [name]: TOKEN })))
    expect(error.input).toBe(name)
    expectNoPieceOf(TOKEN, error.message)
    expect(error.message).toMatch(/looks like an API token/)
  })

  it.each(TOKEN_INPUTS)('is taken in %s', name => {
    expect(() => readSettings(source({ ...valid, [name]: TOKEN }))).not.toThrow()
  })

  it.each(['TFE_HOSTNAME', 'TFE_ADDRESS'])('is refused in %s, showing none of it', name => {
    const error = inputError(() =>
      readSettings(source({ ...valid, hostname: '' }, { [name]: TOKEN }))
    )
    expect(error.input).toBe('hostname')
    expectNoPieceOf(TOKEN, error.message)
  })

  it('is refused by each parser, which says what it is and shows none of it', () => {
    const messages = [
      () => parseOrganization(TOKEN),
      () => parseConsumers(`team-a\n${TOKEN}`, 'my-org'),
      () => parseHostname(TOKEN, ''),
      () => parseHostname('', `https://${TOKEN}`),
      () => parseChoice('mode', TOKEN, ['set', 'add', 'remove'], 'set'),
      () => parseBoolean('dry-run', TOKEN, false),
      () => parseNumber('max-retries', TOKEN, 5, { min: 0, max: 20, integer: true }),
      () => parseCaCertificate(TOKEN),
      () => parseCaCertificate(`/home/runner/${TOKEN}`),
      () => parsePatterns(TOKEN),
      // The line a pasted token is on, an exclusion's too, so that it is found without being shown.
      () => parsePatterns(`sharing/*.yml\n!${TOKEN}`),
      () => parseWorkingDirectory(TOKEN, '/home/runner/work'),
      () => parseExport(TOKEN, '/home/runner/work')
    ].map(fn => inputError(fn).message)
    for (const message of messages) expectNoPieceOf(TOKEN, message)
    expect(messages).toEqual([
      'organization is not a valid organization name: 85 characters, the first that is not allowed is "." at position 17 (letters, digits, - and _ only); it looks like an API token, and tokens belong only in the token input, from a secret',
      'consumers has an entry that is neither an organization name (letters, digits, - and _) nor an external id (org- and 16 base58 characters): line 2 (85 characters, the first that is not allowed is "." at position 17); it looks like an API token, and tokens belong only in the token input, from a secret',
      'hostname looks like an API token or key (85 characters), not a host name; tokens belong only in the token input, from a secret',
      'hostname looks like an API token or key (93 characters), not a host name; tokens belong only in the token input, from a secret',
      'mode must be one of set, add, remove, not a value of 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret',
      'dry-run must be true or false, not a value of 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret',
      'max-retries must be a whole number from 0 to 20, not a value of 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret',
      'ca-certificate is neither PEM text nor a readable file: a value of 85 characters (ENOENT); it looks like an API token, and tokens belong only in the token input, from a secret',
      'ca-certificate is neither PEM text nor a readable file: a value of 98 characters (ENOENT); it looks like an API token, and tokens belong only in the token input, from a secret',
      'config is not a path or pattern: 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret',
      'config line 2 is not a path or pattern: 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret',
      'working-directory is not a folder path: 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret',
      'export is not a file path: 85 characters; it looks like an API token, and tokens belong only in the token input, from a secret'
    ])
  })

  it('is refused even where its characters would make a valid name (a GitHub token)', () => {
    for (const name of ['organization', 'consumers']) {
      const error = inputError(() => readSettings(source({ ...valid, [name]: GITHUB_TOKEN })))
      expect(error.input).toBe(name)
      expect(error.message).toMatch(/: 40 characters.*; it looks like an API token/)
      expectNoPieceOf(GITHUB_TOKEN, error.message)
    }
  })

  it('of any TFE shape, in any refusing input, shows none of it', () => {
    const tfeToken = fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9]{10,16}$/), fc.stringMatching(/^[A-Za-z0-9]{20,90}$/))
      .map(([id, secret]) => `${id}.atlasv1.${secret}`)
    fc.assert(
      fc.property(fc.constantFrom(...REFUSED), tfeToken, (name, token) => {
        const error = inputError(() => readSettings(source({ ...valid, [name]: token })))
        expect(error.input).toBe(name)
        expectNoPieceOf(token, error.message)
      }),
      { numRuns: 300 }
    )
  })

  it('a key of no known shape is refused and not shown where names are not expected', () => {
    // 40 mixed-case letters and digits: an API key of some other service. (In organization or
    // consumers it is a valid name, and taken as one.)
    const key = fc
      .stringMatching(/^[A-Za-z0-9]{40}$/)
      .filter(k => /[a-z]/.test(k) && /[A-Z]/.test(k) && /\d/.test(k))
    const inputs = REFUSED.filter(name => name !== 'organization' && name !== 'consumers')
    fc.assert(
      fc.property(fc.constantFrom(...inputs), key, (name, secret) => {
        const error = inputError(() => readSettings(source({ ...valid, [name]: secret })))
        expect(error.input).toBe(name)
        expectNoPieceOf(secret, error.message)
      }),
      { numRuns: 300 }
    )
    const secret = `Zq${body(5).slice(0, 38)}`
    expect(inputError(() => parseCaCertificate(`/etc/ssl/${secret}.pem`)).message).toBe(
      'ca-certificate is neither PEM text nor a readable file: a value of 53 characters (ENOENT)'
    )
  })
})

describe('what a wrong value shows', () => {
  it.each([
    ['mode', 'sett', 'mode must be one of set, add, remove, not "sett"'],
    ['mode', 'replace_all.1', 'mode must be one of set, add, remove, not a value of 13 characters'],
    [
      'mode',
      'set,add',
      'mode must be one of set, add, remove, not a value of 7 characters, the first that is not allowed is "," at position 4'
    ],
    [
      'api',
      'v2/admin',
      'api must be one of module-consumers, relationships, registry-partnerships, not a value of 8 characters, the first that is not allowed is "/" at position 3'
    ],
    ['dry-run', 'yes', 'dry-run must be true or false, not "yes"'],
    [
      'dry-run',
      'tr\u200bue',
      'dry-run must be true or false, not a value of 5 characters, the first that is not allowed is an invisible or space character (U+200B) at position 3'
    ],
    [
      'allow-empty',
      'false!',
      'allow-empty must be true or false, not a value of 6 characters, the first that is not allowed is "!" at position 6'
    ],
    ['max-retries', '1e3', 'max-retries must be a whole number from 0 to 20, not "1e3"'],
    [
      'timeout-seconds',
      '30 seconds',
      'timeout-seconds must be a number from 1 to 600, not a value of 10 characters, the first that is not allowed is a space at position 3'
    ],
    [
      'organization',
      'my.organization.io',
      'organization is not a valid organization name: 18 characters, the first that is not allowed is "." at position 3 (letters, digits, - and _ only)'
    ],
    [
      'ca-certificate',
      '/no/such/ca.pem',
      'ca-certificate is neither PEM text nor a readable file: "/no/such/ca.pem" (ENOENT)'
    ],
    [
      'ca-certificate',
      'certs/ca.crt',
      'ca-certificate is neither PEM text nor a readable file: "certs/ca.crt" (ENOENT)'
    ],
    [
      'ca-certificate',
      'my CA certificate',
      'ca-certificate is neither PEM text nor a readable file: a value of 17 characters (ENOENT)'
    ]
  ])('%s: %p reads %p', (name, value, message) => {
    const error = inputError(() => readSettings(source({ ...valid, [name]: value })))
    expect(error.input).toBe(name)
    expect(error.message).toBe(message)
  })

  it('hostname never shows the value, in any case', () => {
    for (const raw of ['TFE EXAMPLE', 'https://tfe example.com/x', 'tfe.exam_ple.com']) {
      const message = inputError(() => parseHostname(raw, '')).message
      for (const word of ['tfe', 'TFE', 'exam']) {
        expect(message.replace(/tfe\.example\.com/g, '')).not.toContain(word)
      }
    }
  })
})
