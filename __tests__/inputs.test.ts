import {
  InputError,
  type InputSource,
  parseBoolean,
  parseConsumers,
  parseHostname,
  parseOrganization,
  readSettings
} from '../src/inputs.js'

const ID_A = 'org-939hp5K7kecppVmd'
const ID_B = 'org-etdex8r9VLnyHFct'

function source(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const masked: string[] = []
  const calls: string[] = []
  const src: InputSource = {
    input: name => {
      calls.push(`input:${name}`)
      return (inputs[name] ?? '').trim()
    },
    env: name => env[name],
    mask: secret => {
      calls.push('mask')
      masked.push(secret)
    }
  }
  return { src, masked, calls }
}

const valid = {
  organization: 'my-org',
  consumers: 'other-org',
  token: 'tok.en-123',
  hostname: 'tfe.example.com'
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

describe('readSettings', () => {
  it('reads a full, valid set of inputs', () => {
    const { src } = source({
      ...valid,
      consumers: `other-org\n${ID_A}, third_org`,
      'allow-empty': 'false'
    })
    expect(readSettings(src)).toEqual({
      organization: 'my-org',
      consumers: [
        { kind: 'name', name: 'other-org' },
        { kind: 'id', id: ID_A },
        { kind: 'name', name: 'third_org' }
      ],
      token: 'tok.en-123',
      baseUrl: 'https://tfe.example.com',
      allowEmpty: false,
      mode: 'set',
      dryRun: false,
      globalModuleSharing: undefined,
      api: 'module-consumers',
      pullRequestComment: undefined,
      maxRetries: 5,
      timeoutMs: 30000,
      caCertificate: undefined
    })
  })

  it('masks the token before reading any other input', () => {
    const { src, masked, calls } = source(valid)
    readSettings(src)
    expect(masked).toEqual(['tok.en-123'])
    expect(calls.slice(0, 2)).toEqual(['input:token', 'mask'])
  })

  it('masks the token even when a later input is invalid', () => {
    const { src, masked } = source({ ...valid, organization: 'bad name' })
    expect(() => readSettings(src)).toThrow(InputError)
    expect(masked).toEqual(['tok.en-123'])
  })

  it('falls back to TFE_TOKEN, TFE_HOSTNAME, then TFE_ADDRESS', () => {
    const env = {
      TFE_TOKEN: 'from-env',
      TFE_HOSTNAME: 'tfe.internal:8443',
      TFE_ADDRESS: 'https://other'
    }
    const { src, masked } = source({ organization: 'o', consumers: ID_A }, env)
    const settings = readSettings(src)
    expect(settings.token).toBe('from-env')
    expect(masked).toEqual(['from-env'])
    expect(settings.baseUrl).toBe('https://tfe.internal:8443')
    const withAddress = source(
      { organization: 'o', consumers: ID_A },
      { TFE_TOKEN: 't', TFE_ADDRESS: 'https://tfe.corp/' }
    )
    expect(readSettings(withAddress.src).baseUrl).toBe('https://tfe.corp')
  })

  it('prefers inputs over the environment', () => {
    const { src } = source(valid, { TFE_TOKEN: 'env-token', TFE_HOSTNAME: 'env.example.com' })
    const settings = readSettings(src)
    expect(settings.token).toBe('tok.en-123')
    expect(settings.baseUrl).toBe('https://tfe.example.com')
  })

  it('refuses a missing token without showing anything secret', () => {
    const error = inputError(() => readSettings(source({ ...valid, token: '' }).src))
    expect(error.input).toBe('token')
    expect(error.message).toMatch(/TFE_TOKEN/)
  })

  it('refuses a token with white space inside, without echoing it', () => {
    const error = inputError(() => readSettings(source({ ...valid, token: 'abc def' }).src))
    expect(error.input).toBe('token')
    expect(error.message).not.toContain('abc')
  })

  it('refuses an empty consumer list unless allow-empty is true', () => {
    for (const consumers of ['', ' \n , ,\n']) {
      const error = inputError(() => readSettings(source({ ...valid, consumers }).src))
      expect(error.input).toBe('consumers')
      expect(error.message).toMatch(/allow-empty: true/)
    }
    const settings = readSettings(source({ ...valid, consumers: '', 'allow-empty': 'true' }).src)
    expect(settings.consumers).toEqual([])
    expect(settings.allowEmpty).toBe(true)
  })

  it('refuses a missing hostname', () => {
    const error = inputError(() => readSettings(source({ ...valid, hostname: '' }).src))
    expect(error.input).toBe('hostname')
    expect(error.message).toMatch(/TFE_HOSTNAME/)
  })
})

describe('parseOrganization', () => {
  it.each(['my-org', 'my_org', 'Org42', 'a'])('accepts %p', name => {
    expect(parseOrganization(` ${name} `)).toBe(name)
  })

  it.each([
    ['', /required/],
    ['my org', /not a valid organization name/],
    ['my/org', /not a valid organization name/],
    ['../admin', /not a valid organization name/],
    ['org?x=1', /not a valid organization name/],
    ['naïve', /not a valid organization name/],
    ['a\tb', /not a valid organization name/],
    [ID_A, /name, not its external id/]
  ])('refuses %p', (raw, message) => {
    const error = inputError(() => parseOrganization(raw))
    expect(error.input).toBe('organization')
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/\n/)
  })
})

describe('parseConsumers', () => {
  it('splits on newlines and commas, ignores blanks and collapses duplicates', () => {
    expect(parseConsumers(`a, b\n\n${ID_A},a\r\n ,${ID_A}, ${ID_B}\n`, 'p')).toEqual([
      { kind: 'name', name: 'a' },
      { kind: 'name', name: 'b' },
      { kind: 'id', id: ID_A },
      { kind: 'id', id: ID_B }
    ])
  })

  it('treats org- values that are not 16 base58 characters as names', () => {
    // 0, O, I and l are not base58, and length must be 16.
    expect(parseConsumers('org-short,org-0OIl0OIl0OIl0OIl', 'p')).toEqual([
      { kind: 'name', name: 'org-short' },
      { kind: 'name', name: 'org-0OIl0OIl0OIl0OIl' }
    ])
  })

  it.each([
    ['two words', /"two words"/],
    ['a/b', /"a\/b"/],
    ['org;drop', /"org;drop"/],
    ['<script>', /"<script>"/],
    ['a\tb', /neither an external id/],
    ['ok, bad one, also/bad', /entries that are.*"bad one", "also\/bad"/]
  ])('refuses %p naming the bad entry', (raw, message) => {
    const error = inputError(() => parseConsumers(raw, 'p'))
    expect(error.input).toBe('consumers')
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/[\r\n\t]/)
  })

  it('lists at most five bad entries', () => {
    const raw = Array.from({ length: 8 }, (_, i) => `bad ${i}`).join('\n')
    expect(inputError(() => parseConsumers(raw, 'p')).message).toMatch(/"bad 4", and 3 more$/)
  })

  it('refuses the producer itself', () => {
    expect(inputError(() => parseConsumers('a,p', 'p')).message).toMatch(/lists p itself/)
  })

  it('shortens a very long bad value', () => {
    const error = inputError(() => parseConsumers(`x y${'z'.repeat(500)}`, 'p'))
    expect(error.message.length).toBeLessThan(200)
  })
})

describe('parseHostname', () => {
  it.each([
    ['tfe.example.com', 'https://tfe.example.com'],
    ['tfe.example.com:8443', 'https://tfe.example.com:8443'],
    ['https://tfe.example.com', 'https://tfe.example.com'],
    ['https://tfe.example.com/', 'https://tfe.example.com'],
    ['HTTPS://TFE.Example.com', 'https://tfe.example.com'],
    ['https://tfe.example.com:443', 'https://tfe.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['10.0.0.5', 'https://10.0.0.5']
  ])('accepts %p as %p', (raw, url) => {
    expect(parseHostname(raw, '')).toBe(url)
  })

  it.each([
    ['http://tfe.example.com', /unencrypted/],
    ['http://10.0.0.5', /unencrypted/],
    ['ftp://tfe.example.com', /must use https/],
    ['https://tfe.example.com/api/v2', /only a host/],
    ['https://user:pw@tfe.example.com', /only a host/],
    ['https://tfe.example.com?x=1', /only a host/],
    ['tfe example com', /not a host name/],
    ['https://', /not a host name/],
    ['tfe.example.com:99999', /not a host name/]
  ])('refuses %p', (raw, message) => {
    const error = inputError(() => parseHostname(raw, ''))
    expect(error.input).toBe('hostname')
    expect(error.message).toMatch(message)
  })

  it('never echoes credentials from a URL', () => {
    for (const raw of [
      'https://user:hunter2@tfe.example.com',
      'user:hunter2@tfe example',
      'https://hunter2@x/y'
    ]) {
      const error = inputError(() => parseHostname(raw, ''))
      expect(error.message).not.toContain('hunter2')
      expect(error.message).toContain('***@')
    }
  })
})

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['', false]
  ])('reads %p', (raw, value) => {
    expect(parseBoolean('allow-empty', raw, false)).toBe(value)
  })

  it.each(['yes', 'no', '1', '0', 'on', 'tru', 'false!'])('refuses %p on one line', raw => {
    const error = inputError(() => parseBoolean('allow-empty', raw, false))
    expect(error.input).toBe('allow-empty')
    expect(error.message).toBe(`allow-empty must be true or false, not "${raw}"`)
  })
})

describe('issue 3 inputs', () => {
  it('reads mode, dry-run, global-module-sharing, api and the PR comment', () => {
    const { src, masked } = source({
      ...valid,
      consumers: '',
      mode: 'set',
      'dry-run': 'true',
      'global-module-sharing': 'true',
      api: 'relationships',
      'github-token': 'ghs_secret',
      'comment-on-pr': 'true'
    })
    expect(readSettings(src)).toMatchObject({
      consumers: [],
      dryRun: true,
      globalModuleSharing: true,
      api: 'relationships',
      pullRequestComment: { githubToken: 'ghs_secret' }
    })
    expect(masked).toEqual(['tok.en-123', 'ghs_secret'])
  })

  it.each([
    [{ mode: 'replace' }, 'mode', /mode must be one of set, add, remove, not "replace"/],
    [
      { api: 'v3' },
      'api',
      /api must be one of module-consumers, relationships, registry-partnerships/
    ],
    [{ 'dry-run': 'maybe' }, 'dry-run', /dry-run must be true or false/],
    [{ 'global-module-sharing': 'yes' }, 'global-module-sharing', /must be true or false/],
    [{ 'comment-on-pr': 'true' }, 'github-token', /github-token is empty/],
    [
      { mode: 'add', 'global-module-sharing': 'false' },
      'global-module-sharing',
      /cannot be combined with mode: add/
    ],
    [{ mode: 'remove', consumers: '' }, 'consumers', /mode: remove needs at least one/],
    [{ 'global-module-sharing': 'true' }, 'consumers', /leave consumers empty/],
    [{ 'global-module-sharing': 'false', consumers: '' }, 'consumers', /allow-empty: true/]
  ])('refuses %p', (inputs, input, message) => {
    const error = inputError(() => readSettings(source({ ...valid, ...inputs }).src))
    expect(error.input).toBe(input)
    expect(error.message).toMatch(message)
  })

  it('lets global-module-sharing: true go with an empty list; the plan decides about wiping', () => {
    const settings = readSettings(
      source({ ...valid, consumers: '', 'global-module-sharing': 'true' }).src
    )
    expect(settings.globalModuleSharing).toBe(true)
    expect(settings.allowEmpty).toBe(false)
  })
})

describe('transport inputs', () => {
  it.each([
    ['max-retries', '0', { maxRetries: 0 }],
    ['max-retries', '20', { maxRetries: 20 }],
    ['timeout-seconds', '2.5', { timeoutMs: 2500 }],
    ['timeout-seconds', '600', { timeoutMs: 600000 }]
  ])('reads %s: %s', (name, value, expected) => {
    expect(readSettings(source({ ...valid, [name]: value }).src)).toMatchObject(expected)
  })

  it.each([
    ['max-retries', '-1'],
    ['max-retries', '2.5'],
    ['max-retries', '21'],
    ['max-retries', 'five'],
    ['timeout-seconds', '0'],
    ['timeout-seconds', '601'],
    ['timeout-seconds', '1e3'],
    ['timeout-seconds', 'NaN']
  ])('refuses %s: %s', (name, value) => {
    const error = inputError(() => readSettings(source({ ...valid, [name]: value }).src))
    expect(error.input).toBe(name)
    expect(error.message).toMatch(
      new RegExp(`^${name} must be .* from \\d+ to \\d+, not "${value}"$`)
    )
  })

  it.each([
    ['not a certificate', /neither PEM text nor a readable file/],
    [
      '/no/such/file.pem',
      /neither PEM text nor a readable file: "\/no\/such\/file.pem" \(ENOENT\)/
    ],
    [
      '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----',
      /certificate 1 of 1 is not valid PEM/
    ],
    ['-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----', /holds no PEM certificate/]
  ])('refuses ca-certificate %p', (value, message) => {
    const error = inputError(() => readSettings(source({ ...valid, 'ca-certificate': value }).src))
    expect(error.input).toBe('ca-certificate')
    expect(error.message).toMatch(message)
  })
})
