// TFE behind TLS signed by a private CA and an HTTP proxy, end to end: the action built from src/
// by this test run reaching the fake TFE through a CONNECT proxy named by HTTPS_PROXY in the
// process environment, and a TLS proxy, trusting the CA given in ca-certificate there too. The
// process environment is what the in-process harness cannot set for one run; TLS without a proxy
// is integration/in-process-tls'.
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import { type AddressInfo, connect as netConnect } from 'node:net'
import type { Duplex } from 'node:stream'
import { type TestPki, createPki } from '../support/certificates.js'
import { fake } from '../support/fake-tfe-per-test.js'
import {
  HAPPY_PATH,
  expectFailureWithoutWarning,
  expectTeamsSet,
  runSettingTeams,
  expectSteps,
  useFaultsFake
} from '../support/fault-injection.js'
import { type TlsProxy, startTlsProxy } from '../../test-kit/tls-proxy.mjs'

useFaultsFake()

describe('TLS with a private CA', () => {
  let pki: TestPki
  let caPem: string
  let server: { key: Buffer; cert: Buffer }
  let proxy: TlsProxy

  beforeAll(() => {
    pki = createPki('faults-tls-')
    caPem = pki.makeCa('ca', 'Faults Test Private CA')
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
})
