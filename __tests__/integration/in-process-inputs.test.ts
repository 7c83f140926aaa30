// Inputs as people (and mistakes) give them, through the built action as a runner runs it: a
// token pasted into any input never shows, comments in the consumers list, an IPv6 host.
import { createConnection, createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { readActionDefaults, runAction } from '../../test-kit/runner.mjs'
import { visible } from '../support/run-expectations.js'

let fake: FakeTfe

beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'team-b' })
  fake.addOrganization({ name: 'modules' })
})

afterEach(async () => {
  await fake.close()
})

function run(inputs: Record<string, string>) {
  return runAction({
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
