// What the bundle has in place of undici: tsconfig.json's "paths" sends every `import 'undici'`
// here when ncc builds dist/, and only then (npm installs the real undici; tests use it).
//
// @actions/http-client imports undici only for getAgentDispatcher(), a proxy dispatcher for
// fetch() users, and @actions/github only for the fetch of its default Octokit options. This
// action uses neither: TFE requests go through http-client's node:http(s) agents, and the pull
// request comment gives Octokit a fetch over the same http-client (src/pull-request-comment.ts),
// so proxies are handled one way for both APIs. Bundled, undici would add about 0.9 MB to
// every start. Anything that still reaches for it fails loudly here rather than quietly.

/** Constructed, inert, by @actions/github when a proxy is set; never used to send anything. */
export class ProxyAgent {
  constructor(readonly options: unknown) {}
}

export function fetch(): never {
  throw new Error(
    'undici is not bundled with this action (scripts/bundle-stubs/undici.ts): pass a fetch that uses @actions/http-client'
  )
}
