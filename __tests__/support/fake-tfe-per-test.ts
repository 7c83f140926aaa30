// One fake TFE per test, for test files that call useFakeTfe(): started before each test, closed
// after it. `fake` is a live binding, so it always names the current test's fake.
import { type FakeTfe, type FakeTfeOptions, startFakeTfe } from '../../test-kit/fake-tfe.mjs'

export let fake: FakeTfe

/** Before each test: a fresh fake TFE started with `options`, then seeded; closed after each test. */
export function useFakeTfe(
  seed: (fake: FakeTfe) => void = () => {},
  options: FakeTfeOptions = {}
): void {
  beforeEach(async () => {
    fake = await startFakeTfe(options)
    seed(fake)
  })
  afterEach(async () => {
    await fake.close()
  })
}

/** Within a test: closes the current fake and starts another with `options`, seeded, in its place. */
export async function replaceFakeTfe(
  options: FakeTfeOptions,
  seed: (fake: FakeTfe) => void = () => {}
): Promise<FakeTfe> {
  await fake.close()
  fake = await startFakeTfe(options)
  seed(fake)
  return fake
}
