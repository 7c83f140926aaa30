// TFE behind TLS signed by a private CA, end to end: the action built from src/ by this test run
// reaching the fake TFE through a TLS proxy (and through a CONNECT proxy), trusting exactly the CA
// given in ca-certificate, for that run only.
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import { type AddressInfo, connect as netConnect } from 'node:net'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { idOf } from '../support/action-on-fake.js'
import { type TestPki, createPki } from '../support/certificates.js'
import { fake } from '../support/fake-tfe-per-test.js'
import {
  HAPPY_PATH,
  expectFailureWithoutWarning,
  expectTeamsSet,
  expectUnchanged,
  retryLines,
  runSettingTeams,
  expectSteps,
  useFaultsFake
} from '../support/fault-injection.js'
import { type TlsProxy, startTlsProxy } from '../../test-kit/tls-proxy.mjs'

useFaultsFake()

describe('TLS with a private CA', () => {
  let pki: TestPki
  let caPem: string
  let otherCaPem: string
  let server: { key: Buffer; cert: Buffer }
  let proxy: TlsProxy

  beforeAll(() => {
    pki = createPki('faults-tls-')
    caPem = pki.makeCa('ca', 'Faults Test Private CA')
    otherCaPem = pki.makeCa('other-ca', 'Some Other CA')
    // tfe.test: the name the proxy test asks for; only the proxy ever resolves it.
    server = pki.makeServerCertificate('server', 'ca', 'IP:127.0.0.1, DNS:localhost, DNS:tfe.test')
  })

  afterAll(() => {
    pki.cleanup()
  })

  beforeEach(async () => {
    proxy = await startTlsProxy({ target: fake.url, ...server })
  })

  afterEach(async () => {
    await proxy.close()
  })

  function runTls(inputs: Record<string, string> = {}) {
    return runSettingTeams({ hostname: proxy.url, ...inputs }, { NODE_EXTRA_CA_CERTS: undefined })
  }

  it('refuses an untrusted certificate, naming the TLS cause and ca-certificate', async () => {
    const result = await runTls()
    const line = expectFailureWithoutWarning(
      result,
      /^modules: could not reach https:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules: TLS certificate .*\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)\)\./
    )
    expect(line).toContain("pass TFE's CA certificate in ca-certificate")
    expect(proxy.requests).toEqual([])
    expect(fake.requests).toEqual([])
    expect(retryLines(result)).toEqual([])
    expect(result.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
    expectUnchanged()
  })

  it('trusts the CA given as PEM text', async () => {
    const result = await runTls({ 'ca-certificate': caPem })
    expectTeamsSet(result)
    expectSteps(HAPPY_PATH)
    expect(proxy.requests.map(r => r.method)).toEqual(['GET', 'GET', 'PATCH'])
    expect(proxy.tlsErrors).toEqual([])
    expect(result.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
  })

  it('trusts the CA given as the path of a PEM file', async () => {
    const result = await runTls({ 'ca-certificate': join(pki.dir, 'ca.pem') })
    expectTeamsSet(result)
    expectSteps(HAPPY_PATH)
    expect(result.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
  })

  it('trusts a CA among several in a bundle, with CRLF line ends', async () => {
    const bundle = `${otherCaPem}${caPem}`.replace(/\r?\n/g, '\r\n')
    const result = await runTls({ 'ca-certificate': bundle })
    expectTeamsSet(result)
    expectSteps(HAPPY_PATH)
  })

  describe('through an HTTP proxy (HTTPS_PROXY)', () => {
    let connectProxy: Server
    let connects: { target: string; headers: IncomingHttpHeaders }[]
    // Tunnelled sockets leave the HTTP server's hands, so closing it does not end them.
    let tunnels: Duplex[]

    beforeEach(async () => {
      connects = []
      tunnels = []
      // A CONNECT proxy on loopback that sends every tunnel to the TLS proxy, whatever host is
      // asked for: tfe.test is never looked up anywhere.
      connectProxy = createServer((_req, res) => {
        res.writeHead(405)
        res.end()
      })
      connectProxy.on('connect', (req, client, head) => {
        connects.push({ target: req.url ?? '', headers: req.headers })
        const upstream = netConnect(proxy.port, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
          upstream.write(head)
          upstream.pipe(client)
          client.pipe(upstream)
        })
        tunnels.push(client, upstream)
        upstream.on('error', () => client.destroy())
        client.on('error', () => upstream.destroy())
      })
      await new Promise<void>(resolve => connectProxy.listen(0, '127.0.0.1', resolve))
    })

    afterEach(async () => {
      for (const socket of tunnels) socket.destroy()
      connectProxy.closeAllConnections()
      await new Promise(resolve => connectProxy.close(resolve))
    })

    function runProxied(inputs: Record<string, string> = {}) {
      const port = (connectProxy.address() as AddressInfo).port
      return runSettingTeams(
        { hostname: 'tfe.test', ...inputs },
        { HTTPS_PROXY: `http://127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: undefined }
      )
    }

    it('tunnels every request through the proxy and trusts the private CA there too', async () => {
      const result = await runProxied({ 'ca-certificate': caPem })
      expectTeamsSet(result)
      expectSteps(HAPPY_PATH)
      expect(connects.length).toBeGreaterThan(0)
      expect(connects.every(c => c.target === 'tfe.test:443')).toBe(true)
      // The proxy sees only the tunnel: the token travels inside TLS.
      for (const c of connects) expect(c.headers.authorization).toBeUndefined()
      expect(proxy.requests.map(r => r.method)).toEqual(['GET', 'GET', 'PATCH'])
      expect(result.summary).toContain('https://tfe.test')
    })

    it('refuses the certificate behind the proxy without the CA', async () => {
      const result = await runProxied()
      expectFailureWithoutWarning(
        result,
        /^modules: could not reach https:\/\/tfe\.test: .*TLS certificate .*ca-certificate/
      )
      expect(connects.length).toBeGreaterThan(0)
      expect(fake.requests).toEqual([])
    })
  })

  it('trusts only the CA it is given, and only for that run', async () => {
    const wrongCa = await runTls({ 'ca-certificate': otherCaPem })
    expectFailureWithoutWarning(wrongCa, /TLS certificate .*ca-certificate/)
    expect(fake.requests).toEqual([])

    const trusted = await runTls({ 'ca-certificate': caPem })
    expect(trusted.code).toBe(0)
    fake.requests.length = 0

    // A later run without the input trusts nothing extra: nothing persisted the CA.
    const later = await runTls({ consumers: idOf('team-a') })
    expectFailureWithoutWarning(later, /TLS certificate .*ca-certificate/)
    expect(fake.requests).toEqual([])
    for (const r of [wrongCa, trusted, later]) {
      expect(r.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
    }
  })
})
