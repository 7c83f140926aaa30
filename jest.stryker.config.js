// Jest config for mutation testing (`npm run mutate`, see stryker.config.mjs): only the
// in-process suites, which import src/ into the jest process where Stryker's mutants live.
// The end-to-end suites (they spawn the bundled action through __tests__/support/runner.mjs)
// can't see mutants and are slow, and no bundle is built: any globalSetup/globalTeardown of
// the main config is dropped.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import base from './jest.config.js'

const shared = { ...base }
delete shared.globalSetup
delete shared.globalTeardown

// In-process suites: every __tests__/*.test.ts that imports src/ (directly or through
// support/in-process) and never spawns the action (runAction from support/runner.mjs), minus
// the end-to-end and fake-server suites by name.
const testsDir = fileURLToPath(new URL('./__tests__/', import.meta.url))
const endToEndName = /^(e2e|faults|runner|action-contract|fake-)/
const inProcess = readdirSync(testsDir)
  .filter(name => name.endsWith('.test.ts') && !endToEndName.test(name))
  .filter(name => {
    const text = readFileSync(join(testsDir, name), 'utf8')
    return /['"](\.\.\/src\/|\.\/support\/in-process)/.test(text) && !/\brunAction\(/.test(text)
  })

/** @type {import('jest').Config} */
export default {
  ...shared,
  testEnvironment: fileURLToPath(new URL('./jest.stryker.environment.js', import.meta.url)),
  testMatch: inProcess.map(name => `**/__tests__/${name}`),
  // Belt and braces: never the end-to-end suites.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/__tests__/(e2e|faults|runner|action-contract|fake-)[^/]*$'
  ]
}
