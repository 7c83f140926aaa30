// The runner's variables a test sets in this process (run() and @actions/github read
// process.env), put back as they were, unset ones unset, by the function it returns.

/** Sets `values` in process.env; the returned function puts back what was there before. */
export function setEnv(values: Record<string, string>): () => void {
  const saved = Object.keys(values).map(name => [name, process.env[name]] as const)
  Object.assign(process.env, values)
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}
