import {
  InputError,
  type InputSource,
  parseBoolean,
  parseConsumers,
  parseHostname,
  parseOrganization,
  readSettings
} from '../../src/settings/inputs.js'

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
      caCertificate: undefined,
      config: undefined,
      exportTo: undefined,
      failOnDrift: false,
      failOnUnmanaged: false,
      driftIssue: undefined,
      rateLimit: 20
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

  it('treats org- values that are not 16 base58 characters as names that look like ids', () => {
    // 0, O, I and l are not base58, and length must be 16.
    expect(parseConsumers('org-short,org-0OIl0OIl0OIl0OIl,Org-939hp5K7kecppVmd', 'p')).toEqual([
      { kind: 'name', name: 'org-short', looksLikeId: true },
      { kind: 'name', name: 'org-0OIl0OIl0OIl0OIl', looksLikeId: true },
      { kind: 'name', name: 'Org-939hp5K7kecppVmd', looksLikeId: true }
    ])
  })

  it('marks only names that start like an external id', () => {
    const refs = parseConsumers(`organic, my-org-1, xorg-939hp5K7kecppVmd, org, ${ID_A}`, 'p')
    expect(refs).toEqual([
      { kind: 'name', name: 'organic' },
      { kind: 'name', name: 'my-org-1' },
      { kind: 'name', name: 'xorg-939hp5K7kecppVmd' },
      { kind: 'name', name: 'org' },
      { kind: 'id', id: ID_A }
    ])
    for (const ref of refs) expect(ref).not.toHaveProperty('looksLikeId')
  })

  const RULE =
    'neither an organization name (letters, digits, - and _) nor an external id (org- and 16 base58 characters)'

  it.each([
    ['two words', '9 characters, the first that is not allowed is a space at position 4'],
    ['a/b', '3 characters, the first that is not allowed is "/" at position 2'],
    ['org;drop', '8 characters, the first that is not allowed is ";" at position 4'],
    ['<script>', '8 characters, the first that is not allowed is "<" at position 1'],
    ['a\tb', '3 characters, the first that is not allowed is a tab at position 2'],
    ['say"hi', '6 characters, the first that is not allowed is a double quote at position 4'],
    [
      'naïve',
      '5 characters, the first that is not allowed is a non-ASCII character (U+00EF) at position 3'
    ],
    [
      'zero\u200bwidth',
      '10 characters, the first that is not allowed is an invisible or space character (U+200B) at position 5'
    ],
    [
      'x😀y',
      '3 characters, the first that is not allowed is a non-ASCII character (U+1F600) at position 2'
    ]
  ])('describes the bad entry %p without quoting it', (raw, description) => {
    const error = inputError(() => parseConsumers(raw, 'p'))
    expect(error.input).toBe('consumers')
    expect(error.message).toBe(`consumers has an entry that is ${RULE}: ${description}`)
  })

  it('says where each bad entry is: its line, and its place on a line of several', () => {
    expect(inputError(() => parseConsumers('ok, bad one, also/bad', 'p')).message).toBe(
      `consumers has 2 entries that are ${RULE}: ` +
        'entry 2 (7 characters, the first that is not allowed is a space at position 4); ' +
        'entry 3 (8 characters, the first that is not allowed is "/" at position 5)'
    )
    expect(inputError(() => parseConsumers('ok\n\nfine, b.d\r\nwr/ong', 'p')).message).toBe(
      `consumers has 2 entries that are ${RULE}: ` +
        'line 3, entry 2 (3 characters, the first that is not allowed is "." at position 2); ' +
        'line 4 (6 characters, the first that is not allowed is "/" at position 3)'
    )
  })

  it('lists at most five bad entries', () => {
    const raw = Array.from({ length: 8 }, (_, i) => `bad ${i}`).join('\n')
    const message = inputError(() => parseConsumers(raw, 'p')).message
    expect(message).toMatch(/^consumers has 8 entries that are /)
    expect(message).toMatch(
      /; line 5 \(5 characters, the first that is not allowed is a space at position 4\); and 3 more$/
    )
    expect(message).not.toMatch(/line 6/)
  })

  it('drops comments: # at the start of a line or an entry, or after white space', () => {
    const raw = [
      '# who may use our modules',
      'team-a   # the A team, since 2023',
      'team-b, team-c # both, for now',
      '   # an indented comment',
      '#',
      `team-d,# all of this is a comment, ${ID_B}`,
      `${ID_A}\t# by id`
    ].join('\r\n')
    expect(parseConsumers(raw, 'p')).toEqual([
      { kind: 'name', name: 'team-a' },
      { kind: 'name', name: 'team-b' },
      { kind: 'name', name: 'team-c' },
      { kind: 'name', name: 'team-d' },
      { kind: 'id', id: ID_A }
    ])
  })

  it('refuses a # inside a name, saying how a comment starts', () => {
    expect(inputError(() => parseConsumers('team-a\nteam#b', 'p')).message).toBe(
      `consumers has an entry that is ${RULE}: ` +
        'line 2 (6 characters, the first that is not allowed is "#" at position 5); ' +
        'a comment starts with # at the start of a line or after a space'
    )
  })

  it('reads a list of only comments as empty, which needs allow-empty', () => {
    const consumers = '# nobody yet\n  # (see the ticket)'
    const error = inputError(() => readSettings(source({ ...valid, consumers }).src))
    expect(error.input).toBe('consumers')
    expect(error.message).toMatch(/^consumers is empty, .* set allow-empty: true/)
    const settings = readSettings(source({ ...valid, consumers, 'allow-empty': 'true' }).src)
    expect(settings.consumers).toEqual([])
  })

  it('refuses the producer itself', () => {
    expect(inputError(() => parseConsumers('a,p', 'p')).message).toMatch(/lists p itself/)
  })

  it('describes a very long bad value in a short line, quoting none of it', () => {
    const error = inputError(() => parseConsumers(`x y${'z'.repeat(500)}`, 'p'))
    expect(error.message).toBe(
      `consumers has an entry that is ${RULE}: 503 characters, the first that is not allowed is a space at position 2`
    )
  })
})

describe('parseHostname', () => {
  /** The longest name DNS allows: 253 characters. */
  const LONGEST_NAME = `${'a'.repeat(63)}.`.repeat(3) + `${'b'.repeat(57)}.com`

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

  it.each([
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://[2001:db8::1]', 'https://[2001:db8::1]'],
    ['[::1]:8443', 'https://[::1]:8443'],
    ['[2001:DB8:0:0:0:0:0:1]:443', 'https://[2001:db8::1]'],
    ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
    ['http://[::ffff:127.0.0.1]:8080', 'http://[::ffff:7f00:1]:8080'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['tfe-01.corp.internal', 'https://tfe-01.corp.internal'],
    ['tfe.example.com.', 'https://tfe.example.com.'],
    ['bücher.example', 'https://xn--bcher-kva.example'],
    [`${'a'.repeat(63)}.example.com`, `https://${'a'.repeat(63)}.example.com`],
    [LONGEST_NAME, `https://${LONGEST_NAME}`],
    ['tfe.example.com:1', 'https://tfe.example.com:1'],
    ['tfe.example.com:65535', 'https://tfe.example.com:65535'],
    ['tfe', 'https://tfe']
  ])('accepts IP literals and DNS names: %p as %p', (raw, url) => {
    expect(parseHostname(raw, '')).toBe(url)
  })

  const LIKE = 'like tfe.example.com or https://tfe.example.com:8443'
  it.each([
    [
      'http://[2001:db8::1]',
      'hostname uses plain http://, which would send the token unencrypted; use https:// (http:// is only for localhost, 127.0.0.1 and [::1])'
    ],
    [
      'http://[::ffff:10.0.0.1]',
      'hostname uses plain http://, which would send the token unencrypted; use https:// (http:// is only for localhost, 127.0.0.1 and [::1])'
    ],
    [
      '2001:db8::1',
      'hostname is not a host name or URL: it has more than one :, and an IPv6 address must be in brackets, like [2001:db8::1]'
    ],
    [
      'https://[2001:db8::zz]',
      'hostname has an IPv6 address in brackets that is not valid, e.g. [2001:db8::1]'
    ],
    [
      'https://tfe_1.example.com',
      `hostname is not a host name or URL: 25 characters, the first that is not allowed is "_" at position 12 (a host name has letters, digits, - and dots; ${LIKE})`
    ],
    [
      'tfe.exa%6Dple.com',
      `hostname is not a host name or URL: 17 characters, the first that is not allowed is "%" at position 8 (a host name has letters, digits, - and dots; ${LIKE})`
    ],
    [
      'tfe.exa\tmple.com',
      `hostname is not a host name or URL: 16 characters, the first that is not allowed is a tab at position 8 (a host name has letters, digits, - and dots; ${LIKE})`
    ],
    ['tfe..example.com', 'hostname is not a valid host name: it has an empty part between dots'],
    [
      '-tfe.example.com',
      'hostname is not a valid host name: a part between dots starts or ends with -, or holds a character other than letters, digits and -'
    ],
    [
      `${'a'.repeat(64)}.example.com`,
      'hostname is not a valid host name: a part between dots is longer than 63 characters'
    ],
    [
      `${'a'.repeat(60)}.`.repeat(5) + 'com',
      'hostname is not a valid host name: it is longer than 253 characters'
    ],
    [
      'tfe.lab1',
      'hostname is not a valid host name: its last part is not a top-level domain (letters only, like .com or .internal)'
    ],
    ['ftp://tfe.example.com', 'hostname must use https:// (not ftp://)'],
    [
      'tfe.example.com/api/v2',
      `hostname must be only a host (and port), ${LIKE}; it has a path, query or fragment after the host`
    ],
    [
      'tfe.example.com:0',
      'hostname is not a host name or URL: its port is not a number from 1 to 65535'
    ],
    [
      'tfe.example.com:65536',
      'hostname is not a host name or URL: its port is not a number from 1 to 65535'
    ],
    ['https://', `hostname is not a host name or URL: it has no host; give one ${LIKE}`]
  ])('refuses %p before any request, without echoing it', (raw, message) => {
    const error = inputError(() => readSettings(source({ ...valid, hostname: raw }).src))
    expect(error.input).toBe('hostname')
    expect(error.message).toBe(message)
  })

  it('never echoes credentials from a URL, and says they do not belong there', () => {
    for (const raw of [
      'https://user:hunter2@tfe.example.com',
      'user:hunter2@tfe example',
      'https://hunter2@x/y'
    ]) {
      const error = inputError(() => parseHostname(raw, ''))
      expect(error.message).toBe(
        'hostname must be only a host (and port), like tfe.example.com or https://tfe.example.com:8443; ' +
          'it holds a user name or password (before an @), which is never needed'
      )
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

  it.each(['yes', 'no', '1', '0', 'on', 'tru', 'false.', 'enabled_flag'])(
    'refuses %p on one line',
    raw => {
      const error = inputError(() => parseBoolean('allow-empty', raw, false))
      expect(error.input).toBe('allow-empty')
      expect(error.message).toBe(`allow-empty must be true or false, not "${raw}"`)
    }
  )
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

describe('sharing files, export and the run-wide inputs', () => {
  const files = { token: 'tok.en-123', hostname: 'tfe.example.com' }

  it('reads config patterns relative to GITHUB_WORKSPACE, with no organization', () => {
    const settings = readSettings(
      source({ ...files, config: 'sharing/*.yml\n!sharing/old.yml' }, { GITHUB_WORKSPACE: '/ws' })
        .src
    )
    expect(settings.config).toEqual({
      patterns: 'sharing/*.yml\n!sharing/old.yml',
      workspace: '/ws'
    })
    expect(settings.organization).toBe('')
    expect(settings.mode).toBe('set')
  })

  it.each(['organization', 'consumers', 'mode', 'global-module-sharing'])(
    'refuses %s beside config: the files state every producer',
    name => {
      const error = inputError(() =>
        readSettings(source({ ...files, config: 'sharing/*.yml', [name]: 'set' }).src)
      )
      expect(error.input).toBe(name)
      expect(error.message).toMatch(new RegExp(`^with config, .*leave ${name} empty`))
    }
  )

  it('takes an export path inside the workspace', () => {
    const settings = readSettings(
      source({ ...files, export: 'sharing/today.yml' }, { GITHUB_WORKSPACE: '/ws' }).src
    )
    expect(settings.exportTo).toEqual({
      path: '/ws/sharing/today.yml',
      file: 'sharing/today.yml',
      root: '/ws',
      schemaUrl: undefined
    })
  })

  it.each([
    [
      '/etc/passwd',
      /^export must be a path relative to the workspace, not an absolute one: "\/etc\/passwd"$/
    ],
    ['../outside.yml', /^export must name a file inside the workspace: "..\/outside.yml"$/],
    ['.', /^export must name a file inside the workspace/]
  ])('refuses export %p', (value, message) => {
    const error = inputError(() => readSettings(source({ ...files, export: value }).src))
    expect(error.input).toBe('export')
    expect(error.message).toMatch(message)
  })

  it('refuses export and config together, and export beside organization', () => {
    expect(
      inputError(() =>
        readSettings(source({ ...files, export: 'a.yml', config: 'sharing/*.yml' }).src)
      ).input
    ).toBe('export')
    expect(
      inputError(() => readSettings(source({ ...valid, export: 'a.yml' }).src)).message
    ).toMatch(
      /^export writes the sharing of every organization; leave organization, consumers empty/
    )
  })

  it('needs dry-run for fail-on-drift', () => {
    const error = inputError(() => readSettings(source({ ...valid, 'fail-on-drift': 'true' }).src))
    expect(error.input).toBe('fail-on-drift')
    expect(error.message).toMatch(/needs dry-run: true/)
    expect(
      readSettings(source({ ...valid, 'fail-on-drift': 'true', 'dry-run': 'true' }).src).failOnDrift
    ).toBe(true)
  })

  // A drift issue is written from what a drift check finds, with the workflow's GitHub token.
  it('opens drift issues only from a drift check of sharing files, with a GitHub token', () => {
    const check = {
      ...files,
      config: 'sharing/*.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true',
      'drift-issue': 'true',
      'github-token': 'ghs_secret'
    }
    expect(readSettings(source(check).src).driftIssue).toEqual({ githubToken: 'ghs_secret' })
    const needs =
      'drift-issue reports what a drift check finds, so it needs config, dry-run: true and fail-on-drift: true'
    for (const wrong of [
      { ...check, config: '', organization: 'my-org', consumers: 'other-org' },
      { ...check, 'fail-on-drift': 'false' }
    ]) {
      const error = inputError(() => readSettings(source(wrong).src))
      expect([error.input, error.message]).toEqual(['drift-issue', needs])
    }
    const error = inputError(() => readSettings(source({ ...check, 'github-token': '' }).src))
    expect(error.input).toBe('github-token')
    expect(error.message).toMatch(/^drift-issue is true but github-token is empty; /)
  })

  it.each([
    ['25', 25],
    ['', 20],
    ['2.5', 2.5]
  ])('reads rate-limit %p', (value, expected) => {
    expect(readSettings(source({ ...valid, 'rate-limit': value }).src).rateLimit).toBe(expected)
  })

  it.each(['0', '1001', 'fast', '-5'])('refuses rate-limit %p', value => {
    const error = inputError(() => readSettings(source({ ...valid, 'rate-limit': value }).src))
    expect(error.input).toBe('rate-limit')
    expect(error.message).toMatch(/^rate-limit must be a number from 1 to 1000/)
  })
})
