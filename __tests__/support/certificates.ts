// Certificates made at test time with the openssl CLI, in a temp dir: a private CA, and
// server certificates it signs. Nothing is committed, and nothing outlives the tests.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestPki {
  dir: string
  /** A self-signed CA in `<name>.pem` / `<name>.key`; returns its PEM. */
  makeCa(name: string, commonName: string): string
  /** A server certificate signed by CA `ca`, for the given subjectAltName (e.g. `IP:127.0.0.1`). */
  makeServerCertificate(
    name: string,
    ca: string,
    subjectAltName: string
  ): { key: Buffer; cert: Buffer }
  cleanup(): void
}

export function createPki(prefix: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  }
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  return {
    dir,
    makeCa(name, commonName) {
      writeFileSync(
        join(dir, `${name}.cnf`),
        [
          '[req]',
          'distinguished_name = dn',
          'prompt = no',
          'x509_extensions = v3_ca',
          '[dn]',
          `CN = ${commonName}`,
          '[v3_ca]',
          'basicConstraints = critical, CA:TRUE',
          'keyUsage = critical, keyCertSign, cRLSign',
          'subjectKeyIdentifier = hash',
          ''
        ].join('\n')
      )
      openssl(
        'req',
        '-x509',
        '-config',
        `${name}.cnf`,
        ...ecKey,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.pem`,
        '-days',
        '2'
      )
      return readFileSync(join(dir, `${name}.pem`), 'utf8')
    },
    makeServerCertificate(name, ca, subjectAltName) {
      writeFileSync(
        join(dir, `${name}.ext`),
        [
          'basicConstraints = CA:FALSE',
          'keyUsage = critical, digitalSignature, keyEncipherment',
          'extendedKeyUsage = serverAuth',
          `subjectAltName = ${subjectAltName}`,
          ''
        ].join('\n')
      )
      openssl(
        'req',
        '-new',
        ...ecKey,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${name}`
      )
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.pem`,
        '-CAkey',
        `${ca}.key`,
        '-set_serial',
        '2',
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.pem`
      )
      return {
        key: readFileSync(join(dir, `${name}.key`)),
        cert: readFileSync(join(dir, `${name}.pem`))
      }
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
