// Inputs as people (and mistakes) give them, run in this process against the fake TFE: a token
// pasted into any input never shows, bad values are refused before any request with one line that
// says what is wrong, comments in the consumers list, an IPv6 host.
import { type Server, createConnection, createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { expectFailure } from '../support/action-on-fake.js'
import { fake, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { runInProcess } from '../support/in-process.js'
import { readActionDefaults } from '../../test-kit/runner.mjs'
import { visible } from '../support/run-expectations.js'

useFakeTfe(tfe => {
  tfe.addOrganization({ name: 'team-a' })
  tfe.addOrganization({ name: 'team-b' })
  tfe.addOrganization({ name: 'modules' })
})

function run(inputs: Record<string, string>) {
  return runInProcess({
    organization: 'modules',
    hostname: fake.url,
    token: fake.adminToken,
    consumers: 'team-a',
    ...inputs
  })
}

// Shaped like a real TFE user token: an id, ".atlasv1.", and a long secret.
const PASTED =
  'Xy7Qm2Lp9TzWkA.atlasv1.' + 'kR4nV8sD1fG6hJ3qL0pZ5xC7vB2nM9wE4tY6uI8oP1aS3dF5gH7jK9lQ2zX4cV6b'

/** No 8-character piece of the secret anywhere a user could see. */
function expectNoPieceOf(seen: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(seen).not.toContain(secret.slice(i, i + 8))
}

const INPUTS = Object.keys(readActionDefaults()).filter(
  name => !['token', 'github-token'].includes(name)
)

it.each(INPUTS)('a token pasted into %s never shows, not even in part', async input => {
  const result = await run({ [input]: PASTED })
  expect(result.timedOut).toBe(false)
  expectNoPieceOf(visible(result), PASTED)
  // Refused before anything reached TFE, or (for an input that takes any text) harmless.
  if (result.code !== 0) expect(fake.writes()).toEqual([])
})

it.each([
  [
    { organization: 'my org' },
    /^Invalid input: organization is not a valid organization name: 6 characters, the first that is not allowed is a space at position 3/
  ],
  [{ organization: '' }, /^Invalid input: organization is required/],
  [
    { consumers: 'team-a, bad/name' },
    /^Invalid input: consumers has an entry that is neither .*entry 2 \(8 characters, the first that is not allowed is "\/" at position 4\)/
  ],
  [{ 'allow-empty': 'yes' }, /^Invalid input: allow-empty must be true or false, not "yes"/],
  [{ hostname: 'http://tfe.example.com' }, /^Invalid input: hostname .* unencrypted/],
  [{ token: '' }, /^Invalid input: no TFE token/]
])('refuses bad input %p before any request', async (inputs, pattern) => {
  const result = await run(inputs)
  expectFailure(result, pattern)
  expect(fake.requests).toEqual([])
})

it('refuses a missing hostname, naming where it can come from', async () => {
  const result = await runInProcess({ organization: 'modules', consumers: 'team-a', token: 'x' })
  expectFailure(result, /no TFE hostname: set the hostname input .*TFE_HOSTNAME or TFE_ADDRESS/)
})

it('reads # comments in the consumers list', async () => {
  const result = await run({
    consumers: '# the platform teams\nteam-a   # since 2024\n  # team-c left\nteam-b, # none\n'
  })
  expect(result.code).toBe(0)
  expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a', 'team-b'])
})

describe('an IPv6 literal host', () => {
  let forwarder: Server
  afterEach(() => new Promise(resolve => forwarder.close(resolve)))

  it('reaches TFE at http://[::1]:port', async () => {
    // The fake listens on 127.0.0.1; this forwards [::1] to it, byte for byte.
    const target = new URL(fake.url)
    forwarder = createServer(socket => {
      const upstream = createConnection(Number(target.port), target.hostname)
      socket.pipe(upstream).pipe(socket)
      socket.on('error', () => upstream.destroy())
      upstream.on('error', () => socket.destroy())
    })
    await new Promise<void>(resolve => forwarder.listen(0, '::1', resolve))
    const port = (forwarder.address() as AddressInfo).port

    const result = await run({ hostname: `http://[::1]:${port}` })
    expect(result.code).toBe(0)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a'])
  })
})
