// TFE behind TLS signed by a private CA, in process: run() reaching the fake TFE through a TLS
// proxy, trusting exactly the CA given in ca-certificate (PEM text, a file, a bundle), for that
// run only: in one process, a later run trusts nothing extra. Through an HTTP proxy (HTTPS_PROXY,
// read from the process environment) is e2e/faults-tls'.
import { join } from 'node:path'
import { idOf } from '../support/action-on-fake.js'
import { type TestPki, createPki } from '../support/certificates.js'
import { fake } from '../support/fake-tfe-per-test.js'
import {
  HAPPY_PATH,
  expectFailureWithoutWarning,
  expectSteps,
  expectTeamsSet,
  expectUnchanged,
  retryLines,
  useFaultsFake
} from '../support/fault-injection.js'
import { runSettingTeamsInProcess } from '../support/in-process-on-fake.js'
import { type TlsProxy, startTlsProxy } from '../../test-kit/tls-proxy.mjs'

useFaultsFake()

let pki: TestPki
let caPem: string
let otherCaPem: string
let server: { key: Buffer; cert: Buffer }
let proxy: TlsProxy

beforeAll(() => {
  // Made here, so that no CA this process trusts otherwise (NODE_EXTRA_CA_CERTS included) signs
  // the proxy's certificate: trust can come from ca-certificate alone.
  pki = createPki('in-process-tls-')
  caPem = pki.makeCa('ca', 'In-process test CA')
  otherCaPem = pki.makeCa('other-ca', 'Some Other CA')
  server = pki.makeServerCertificate('server', 'ca', 'IP:127.0.0.1')
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
  return runSettingTeamsInProcess({ hostname: proxy.url, ...inputs })
}

it('refuses an untrusted certificate, naming the TLS cause and ca-certificate', async () => {
  const result = await runTls()
  expectFailureWithoutWarning(
    result,
    /^modules: could not reach https:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules: TLS certificate .*\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)\)\. Check hostname, and pass TFE's CA certificate in ca-certificate if it is private\./
  )
  expect(proxy.requests).toEqual([])
  expect(fake.requests).toEqual([])
  expect(retryLines(result)).toEqual([])
  expectUnchanged()
})

it('trusts the CA given as PEM text', async () => {
  const result = await runTls({ 'ca-certificate': caPem })
  expectTeamsSet(result)
  expectSteps(HAPPY_PATH)
  expect(proxy.requests.map(r => r.method)).toEqual(['GET', 'GET', 'PATCH'])
  expect(proxy.tlsErrors).toEqual([])
})

it('trusts the CA given as the path of a PEM file', async () => {
  const result = await runTls({ 'ca-certificate': join(pki.dir, 'ca.pem') })
  expectTeamsSet(result)
  expectSteps(HAPPY_PATH)
})

it('trusts a CA among several in a bundle, with CRLF line ends', async () => {
  const bundle = `${otherCaPem}${caPem}`.replace(/\r?\n/g, '\r\n')
  const result = await runTls({ 'ca-certificate': bundle })
  expectTeamsSet(result)
  expectSteps(HAPPY_PATH)
})

it('trusts only the CA it is given, and only for that run', async () => {
  const wrongCa = await runTls({ 'ca-certificate': otherCaPem })
  expectFailureWithoutWarning(wrongCa, /TLS certificate .*ca-certificate/)
  expect(fake.requests).toEqual([])

  const trusted = await runTls({ 'ca-certificate': caPem })
  expect(trusted.code).toBe(0)
  fake.requests.length = 0

  // A later run in the same process without the input trusts nothing extra.
  const later = await runTls({ consumers: idOf('team-a') })
  expectFailureWithoutWarning(later, /TLS certificate .*ca-certificate/)
  expect(fake.requests).toEqual([])
})
