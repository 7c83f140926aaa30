// @actions/http-client imports undici only for getAgentDispatcher(), the proxy dispatcher it
// offers to fetch() users. This action never calls it: its requests, proxied ones included,
// go through node:http(s) and tunnel. Bundled, undici added about 45 ms to every start and
// 0.9 MB to dist/, so package.json's "overrides" puts this stub in its place.
// Anything that does construct a ProxyAgent fails loudly here rather than silently.
export class ProxyAgent {
  constructor() {
    throw new Error(
      'undici is not bundled with this action (see scripts/undici-stub); remove the override in package.json to use fetch through a proxy'
    )
  }
}
