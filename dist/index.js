import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
exports.debug = debug; // for test


/***/ }),

/***/ 5116:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ProxyAgent: () => (/* binding */ ProxyAgent),
/* harmony export */   fetch: () => (/* binding */ fetch)
/* harmony export */ });
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
class ProxyAgent {
    options;
    constructor(options) {
        this.options = options;
    }
}
function fetch() {
    throw new Error('undici is not bundled with this action (scripts/bundle-stubs/undici.ts): pass a fetch that uses @actions/http-client');
}


/***/ }),

/***/ 6791:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EZ: () => (/* binding */ looksRandom),
/* harmony export */   K_: () => (/* binding */ QUOTABLE_CHARACTER),
/* harmony export */   NM: () => (/* binding */ looksLikeToken),
/* harmony export */   YI: () => (/* binding */ NAME_CHARACTER),
/* harmony export */   pp: () => (/* binding */ characterName),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   uo: () => (/* binding */ capped)
/* harmony export */ });
/* unused harmony export SHOWN_CHARACTERS */
// How a user's value is shown back in a message. A value may be anything, a token pasted into
// the wrong place included, and the runner masks a token only where it appears whole; so a
// value is shown only when plain, and otherwise described: its length and the first character
// that does not belong. Used by the step inputs and by the sharing files alike.
const QUOTABLE_CHARACTER = /^[A-Za-z0-9_.-]$/;
/** What an organization name is written with. */
const NAME_CHARACTER = /^[A-Za-z0-9_-]$/;
/** A TFE API token (`<id>.atlasv1.<secret>`) or a GitHub one. */
const TOKEN_SHAPE = /\.atlasv1\.|(^|[^A-Za-z0-9])(gh[pousr]_[A-Za-z0-9]{20}|github_pat_)/;
/** Shaped like an API token: never a name, never shown. */
function looksLikeToken(value) {
    return TOKEN_SHAPE.test(value);
}
/**
 * Holds a run of 20 or more letters and digits that mixes upper case, lower case and digits: a
 * key, not a name (which people write in one case, and whose parts are words).
 */
function looksRandom(value) {
    return value
        .split(/[^A-Za-z0-9]/)
        .some(run => run.length >= 20 && /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run));
}
/** `64 characters, the first that is not allowed is "." at position 9`, never the value itself. */
function describe(value, allowed) {
    const characters = Array.from(value);
    const size = `${characters.length} character${characters.length === 1 ? '' : 's'}`;
    const bad = characters.findIndex(c => !allowed.test(c));
    if (bad < 0)
        return size;
    return `${size}, the first that is not allowed is ${characterName(characters[bad] ?? '')} at position ${bad + 1}`;
}
/** A character itself if it is visible ASCII; else what it is, with its code point. */
function characterName(c) {
    if (c === ' ')
        return 'a space';
    if (c === '\t')
        return 'a tab';
    if (c === '"')
        return 'a double quote';
    if (/^[\x21-\x7e]$/.test(c))
        return `"${c}"`;
    const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (/^[\r\n\u0085\u2028\u2029]$/.test(c))
        return `a line break (${code})`;
    if (/^\p{Cc}$/u.test(c))
        return `a control character (${code})`;
    if (/^[\p{Cf}\p{Z}]$/u.test(c))
        return `an invisible or space character (${code})`;
    return `a non-ASCII character (${code})`;
}
/** How many characters of a value a message, a summary or a comment shows. */
const SHOWN_CHARACTERS = 100;
/**
 * A value as shown back, at most `max` characters of it and then its length:
 * `aaaa…… (900,000 characters)`. Counted in code points, so a character is never cut in two.
 */
function capped(value, max = SHOWN_CHARACTERS) {
    // Most values are short: count only when the UTF-16 length allows a doubt.
    if (value.length <= max)
        return value;
    const characters = Array.from(value);
    if (characters.length <= max)
        return value;
    const count = String(characters.length).replace(/\B(?=(\d{3})+$)/g, ',');
    return `${characters.slice(0, max).join('')}… (${count} characters)`;
}


/***/ }),

/***/ 241:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QO: () => (/* binding */ ConfigInvalid),
/* harmony export */   Zb: () => (/* binding */ SharingPatternError),
/* harmony export */   d5: () => (/* binding */ ApplyError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gF: () => (/* binding */ PlanConflict),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/* unused harmony export configSummary */
/** The run cannot go on; the message says why and what to do. */
class ActionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ActionError';
    }
}
/** A value the user gave is unusable. Carries the input's name so the message can point at it. */
class InputError extends ActionError {
    input;
    constructor(input, message) {
        super(message);
        this.input = input;
        this.name = 'InputError';
    }
}
/** Sharing files that cannot be used; nothing was sent. Carries every problem, with its place. */
class ConfigInvalid extends ActionError {
    problems;
    constructor(problems) {
        super(configSummary(problems));
        this.problems = problems;
        this.name = 'ConfigInvalid';
    }
}
/**
 * The patterns that select sharing files are unusable: one matches no file, leaves the
 * workspace, or names something that is not a file of the workspace. Nothing was sent.
 */
class SharingPatternError extends ActionError {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? (problems[0] ?? '')
            : `${problems.length} problems with the sharing file patterns: ${problems.join('; ')}`);
        this.problems = problems;
        this.name = 'SharingPatternError';
    }
}
/** The run cannot go ahead as asked; nothing has been written. */
class PlanConflict extends ActionError {
    constructor(message) {
        super(message);
        this.name = 'PlanConflict';
    }
}
/**
 * A failure after the first write was sent. `cause` is what went wrong; `written` says, in the
 * user's words, each write TFE has accepted so far ("the consumer list is set to [a, b]").
 */
class ApplyError extends ActionError {
    written;
    cause;
    constructor(written, cause) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.written = written;
        this.cause = cause;
        this.name = 'ApplyError';
    }
}
/** `3 problems in 2 sharing files; see the annotations`. */
function configSummary(problems) {
    const files = new Set(problems.map(problem => problem.file)).size;
    return (`${plural(problems.length, 'problem')} in ${plural(files, 'sharing file')}; ` +
        'see the annotations');
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}


/***/ }),

/***/ 5529:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FN: () => (/* binding */ MODES),
/* harmony export */   HH: () => (/* binding */ byCodePoint),
/* harmony export */   Px: () => (/* binding */ isOrganizationName),
/* harmony export */   V_: () => (/* binding */ asConsumer),
/* harmony export */   X7: () => (/* binding */ consumerLabel),
/* harmony export */   bg: () => (/* binding */ isExternalId),
/* harmony export */   cP: () => (/* binding */ hasName),
/* harmony export */   ku: () => (/* binding */ looksLikeExternalId),
/* harmony export */   yc: () => (/* binding */ APIS)
/* harmony export */ });
// The domain: who shares with whom, and how a run was asked to change it. Types and the few
// facts about identifiers that every other module relies on; no I/O.
const MODES = ['set', 'add', 'remove'];
const APIS = ['module-consumers', 'relationships', 'registry-partnerships'];
// TFE organization names: letters, digits, `-` and `_`.
const ORGANIZATION_NAME = /^[A-Za-z0-9_-]+$/;
// External ids are `org-` plus 16 base58 characters; since v202103-1 no name may look like one.
const EXTERNAL_ID = /^org-[1-9A-HJ-NP-Za-km-z]{16}$/;
function isExternalId(value) {
    return EXTERNAL_ID.test(value);
}
function isOrganizationName(value) {
    return ORGANIZATION_NAME.test(value);
}
/** Starts as an external id does (`org-`, in any case) but is not a valid one. */
function looksLikeExternalId(value) {
    return /^org-/i.test(value) && !isExternalId(value);
}
function hasName(consumer) {
    return typeof consumer.name === 'string' && consumer.name !== '';
}
/** Just the name and id, from any organization record. */
function asConsumer({ name, externalId }) {
    return { name, externalId };
}
function consumerLabel(c) {
    return c.name ?? c.externalId;
}
/**
 * Code-point order, for names and ids: the same on every machine whatever its locale, so sorted
 * outputs and exported files never differ between runners.
 */
function byCodePoint(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}


/***/ }),

/***/ 3147:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ cannotExport),
/* harmony export */   L$: () => (/* binding */ CANNOT_LIST_CONSUMERS),
/* harmony export */   _4: () => (/* binding */ listsUnknown),
/* harmony export */   aE: () => (/* binding */ endpointMissing),
/* harmony export */   bo: () => (/* binding */ CANNOT_LIST_PROVIDER_CONSUMERS),
/* harmony export */   cb: () => (/* binding */ notSiteAdmin),
/* harmony export */   eg: () => (/* binding */ listsUnknownNote),
/* harmony export */   fg: () => (/* binding */ describeNotFound),
/* harmony export */   fo: () => (/* binding */ providersNeedRegistryPartnerships),
/* harmony export */   iT: () => (/* binding */ noSuchConsumers),
/* harmony export */   p2: () => (/* binding */ httpError),
/* harmony export */   pR: () => (/* binding */ noSuchProducer),
/* harmony export */   pb: () => (/* binding */ adminApiNotFound)
/* harmony export */ });
/* unused harmony export notFoundOrNotSiteAdmin */
/* harmony import */ var _describe_value_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6791);
// What TFE's answers mean, worded once for every run: no such organization, a token that is not a
// site administrator's, a TFE that cannot list module consumers, an endpoint this TFE lacks. Pure
// text from plain values, so that the planner, the engine and the report all say the same thing.
// The facts behind each line: docs/tfe-api.md.

/** `platform: `, or nothing for a line about the whole run. */
function subject(organization) {
    return organization ? `${(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(organization)}: ` : '';
}
function sentence(text, organization) {
    return organization
        ? `${(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(organization)}: ${text}`
        : text.charAt(0).toUpperCase() + text.slice(1);
}
function notSiteAdmin(organization) {
    return sentence("the token is valid but not a site administrator's (HTTP 404 from the admin API). " +
        "Use a site admin's API token.", organization);
}
/** The admin organizations list itself answered 404, and TFE would not say why. */
function adminApiNotFound() {
    return ("The admin organizations API answered HTTP 404: the token is not a site administrator's, or " +
        "this is not TFE. Use a site admin's API token for a TFE hostname.");
}
/** A 404 that no second look could explain. */
function notFoundOrNotSiteAdmin(method, path, organization) {
    return (`${subject(organization)}${method} ${path} answered HTTP 404: the organization does not exist, ` +
        "or the token is not a site administrator's. Check the name and use a site admin's token.");
}
/** The producer is not on this TFE. `where`: what the user should check. */
function noSuchProducer(organization, where) {
    return (`${(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(organization)}: no such organization on this TFE (HTTP 404). ` +
        (where === 'input' ? 'Check the organization input.' : "Check the producer's name."));
}
/** Consumers that name no organization of this TFE, by name and by external id. */
function noSuchConsumers(organization, missing) {
    const names = missing.flatMap(ref => (ref.kind === 'name' ? [(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(ref.name)] : []));
    const ids = missing.flatMap(ref => (ref.kind === 'id' ? [(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(ref.id)] : []));
    const what = [
        names.length ? `named ${names.join(', ')}` : '',
        ids.length ? `with external id ${ids.join(', ')}` : ''
    ]
        .filter(Boolean)
        .join(', nor any ');
    return (`${(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(organization)}: no organization ${what} on this TFE (HTTP 404)${mistypedIds(missing)}; ` +
        'nothing was changed. Check the consumers list.');
}
/** A missing name that starts like an external id may be a mistyped id: say it is not one. */
function mistypedIds(missing) {
    const suspects = missing.flatMap(ref => ref.kind === 'name' && ref.looksLikeId ? [(0,_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .capped */ .uo)(ref.name)] : []);
    if (suspects.length === 0)
        return '';
    return (`, and ${suspects.join(', ')} ${suspects.length === 1 ? 'is not a valid external id' : 'are not valid external ids'} ` +
        'either (org- followed by 16 base58 characters, as in org-939hp5K7kecppVmd)');
}
/** The relationships endpoint (v202103-1) is missing: today's consumer lists cannot be read. */
const CANNOT_LIST_CONSUMERS = 'this TFE does not list module consumers';
/** What a summary says of a producer whose list before the run is unknown. */
const listsUnknownNote = `This TFE does not list module consumers, so the list before this run is unknown.`;
/** The warning of a run that writes lists it could not read first. */
function listsUnknown(organizations) {
    if (organizations.length === 1) {
        return `${organizations[0]}: ${CANNOT_LIST_CONSUMERS}, so the list before this run is unknown.`;
    }
    return (`${sentence(CANNOT_LIST_CONSUMERS, undefined)}, so the lists of ${organizations.length} producers ` +
        'before this run are unknown; their whole lists are written.');
}
/**
 * Export needs every list; a TFE that cannot tell who shares, or cannot list consumers, would give
 * a partial file, so it gives none. `filterStatus`: the answer to `filter[module_producer]`.
 */
function cannotExport(kind, filterStatus) {
    const providers = kind === 'providers';
    const why = filterStatus === undefined
        ? providers
            ? `${CANNOT_LIST_PROVIDER_CONSUMERS}, so today's provider consumer lists cannot be read`
            : `${CANNOT_LIST_CONSUMERS} (no relationships endpoint, HTTP 404), so today's consumer lists cannot be read; the endpoint came with TFE v202103-1`
        : providers
            ? `this TFE did not filter organizations by provider sharing (HTTP ${filterStatus}), so who shares providers cannot be read; run export with an api other than registry-partnerships to export module sharing alone`
            : `this TFE did not filter organizations by module sharing (HTTP ${filterStatus}), so who shares cannot be read; the filter came with TFE v202103-1`;
    return `export: ${why}. No file was written, and nothing in TFE was changed.`;
}
/**
 * Provider sharing is written only through registry-partnerships (TFE v202301-1 and later,
 * docs/tfe-api.md#registry-partnerships): a run on another API cannot manage it.
 */
function providersNeedRegistryPartnerships(api) {
    return (`provider sharing is written only through registry-partnerships (TFE v202301-1 or later), and ` +
        `this run's api is ${api}; set api: registry-partnerships, or leave provider-consumers and ` +
        'global-provider-sharing out of the file');
}
/** This TFE answered 404 for the provider-consumers list: older than v202301-1. */
const CANNOT_LIST_PROVIDER_CONSUMERS = 'this TFE does not list provider consumers (HTTP 404): provider sharing needs TFE v202301-1 or later';
/** A write endpoint this TFE lacks, named with the release that brought it. */
function endpointMissing(organization, what, since) {
    return (`${organization}: this TFE does not offer ${what} (HTTP 404 although the organization exists). ` +
        `${since ? `It came with TFE ${since}; ` : ''}check the TFE version, or choose another api.`);
}
/** The explained 404 of an organization's own read. */
function describeNotFound(cause, organization) {
    switch (cause) {
        case 'not-site-admin':
            return notSiteAdmin(organization);
        case 'organization-missing':
            return noSuchProducer(organization, 'input');
        default:
            return (`${organization}: organization not found, or the token is not a site administrator's (HTTP 404). ` +
                "Check the organization name and use a site admin's API token.");
    }
}
/** TFE's own words, when it gave any, end in a full stop; the sentence goes on after them. */
function withoutStop(text) {
    return text.replace(/[.\s]+$/, '');
}
/** An HTTP error of TFE's, as a person reads it: what it means and what to do. */
function httpError(answer, host, nothingWritten) {
    const { status, method, path } = answer;
    const said = answer.details ? `: ${withoutStop(answer.details)}` : '';
    if (status === 401) {
        return (`${host} rejected the token (HTTP 401): it is missing, expired or invalid. ` +
            "Use a site administrator's API token (token input or TFE_TOKEN).");
    }
    if (status === 404)
        return notFoundOrNotSiteAdmin(method, path);
    if (status === 422) {
        return `TFE refused the request (HTTP 422)${said}. Check the consumers list${nothingWritten ? '; nothing was changed' : ''}.`;
    }
    if (status === 429) {
        return `TFE's rate limit was exceeded (HTTP 429)${said}. Run again later, or ask a TFE admin to raise the limit.`;
    }
    if (status >= 300 && status < 400) {
        // Never followed: the token would go wherever the redirect points.
        return `${method} ${path} answered HTTP ${status}${said}.`;
    }
    if (status >= 500) {
        return `${withoutStop(answer.message)}. TFE or a proxy in front of it failed; run again later, and check TFE's health if it persists.`;
    }
    return `${withoutStop(answer.message)}.`;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8476:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ core_debug),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  pq: () => (/* binding */ info),
  lm: () => (/* binding */ notice),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  z: () => (/* reexport */ summary),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, exportVariable, getBooleanInput, getIDToken, getMultilineInput, getState, group, isDebug, markdownSummary, platform, saveState, setCommandEcho, startGroup, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __nccwpck_require__(4942);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "assert"
var external_assert_ = __nccwpck_require__(2613);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_.dirname(filePath);
                        const upperName = external_path_.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec_exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = tr.argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new tr.ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec_exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    command_issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ }),

/***/ 4942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient)
});

// UNUSED EXPORTS: Headers, HttpClientError, HttpClientResponse, HttpCodes, MediaTypes, getProxyUrl, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
// EXTERNAL MODULE: ./scripts/bundle-stubs/undici.ts
var undici = __nccwpck_require__(5116);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __nccwpck_require__(8476);
// EXTERNAL MODULE: ./src/domain/errors.ts
var errors = __nccwpck_require__(241);
// EXTERNAL MODULE: ./src/domain/describe-value.ts
var describe_value = __nccwpck_require__(6791);
// EXTERNAL MODULE: ./src/domain/tfe-answers.ts
var tfe_answers = __nccwpck_require__(3147);
;// CONCATENATED MODULE: ./src/domain/problems.ts
// Where the user wrote something, and what is wrong there: a problem is data with its place, so
// that the report can show it where it was written (an annotation on a file's line, or the name
// of a step input).
function isFilePlace(place) {
    return 'file' in place;
}
/** `sharing/platform.yml:4:7: message`: a problem as a log line, where annotations are not shown. */
function formatFileProblem({ file, line, column, message }) {
    return `${file}:${line}${column === undefined ? '' : `:${column}`}: ${message}`;
}

;// CONCATENATED MODULE: ./src/report/summary.ts
// The job summary and pull request comment of a run of the step's inputs: the one producer's plan
// as a table, what changes first and what is kept collapsed. Runs of sharing files:
// files-summary.ts. Also the markdown both are written with: text and code that render as
// written, problems with their place, and a budget of bytes for GitHub's limits.



/** GitHub's limits: 65,536 characters a comment; 1 MiB a job summary step. */
const COMMENT_LIMIT = 65_536 - 512;
const SUMMARY_LIMIT = 1024 * 1024 - 4096;
/** How much of a message (a problem, the step's line) a summary shows. */
const MESSAGE_CHARACTERS = 1_000;
const CHANGE_LABEL = {
    kept: 'kept',
    added: '➕ added',
    removed: '➖ removed'
};
/**
 * The producer's plan, at most `limit` bytes (the same text is the summary and the comment):
 * the changes, then the kept consumers collapsed; rows that do not fit are counted.
 */
function summaryMarkdown({ baseUrl, api, dryRun, plan, applied }, limit = COMMENT_LIMIT) {
    const org = markdownText((0,describe_value/* capped */.uo)(plan.organization));
    const lines = [
        dryRun ? `### Module sharing plan for ${org} (dry run)` : `### Module sharing: ${org}`,
        '',
        `TFE ${markdownText((0,describe_value/* capped */.uo)(baseUrl))} · mode ${codeSpan(plan.mode)} · API ${codeSpan(api)}`,
        '',
        outcomeLine(plan, dryRun, applied !== undefined)
    ];
    const { before, after } = plan.global;
    lines.push('', `Global module sharing: ${before === after ? `${onOff(after)} (unchanged)` : `${onOff(before)} → **${onOff(after)}**`}`);
    if (plan.previous === undefined) {
        lines.push('', `> ${tfe_answers/* listsUnknownNote */.eg}`);
    }
    const partnershipIds = new Map((applied?.partnerships ?? []).map(p => [p.consumer.externalId, p.id]));
    const names = new Map((applied?.consumers ?? []).map(c => [c.externalId, c.name]));
    const withIds = partnershipIds.size > 0;
    const header = [
        `| Consumer | External id | Change |${withIds ? ' Partnership id |' : ''}`,
        `| --- | --- | --- |${withIds ? ' --- |' : ''}`
    ];
    const row = ({ consumer, change }) => {
        const name = consumer.name ?? names.get(consumer.externalId) ?? '—';
        const partnership = withIds ? ` ${cell(partnershipIds.get(consumer.externalId) ?? '')} |` : '';
        return `| ${cell(name)} | ${cell(consumer.externalId)} | ${CHANGE_LABEL[change]} |${partnership}`;
    };
    const changes = plan.rows.filter(r => r.change !== 'kept');
    const kept = plan.rows.filter(r => r.change === 'kept');
    const more = (left) => [
        '',
        `… and ${left} more not shown here: the step's outputs list every consumer.`
    ];
    const parts = [];
    if (changes.length > 0) {
        const lost = plan.removed.length > 0 && !after
            ? [
                '',
                `➖ removed: ${dryRun ? 'would lose' : 'lost'} access to this producer's private modules.`
            ]
            : [];
        parts.push({ before: ['', ...header], units: changes.map(row), after: lost, more });
    }
    if (kept.length > 0) {
        parts.push({
            before: [
                '',
                `<details><summary>${kept.length} consumer${plural(kept.length)} kept</summary>`,
                '',
                ...header
            ],
            units: kept.map(row),
            after: ['', '</details>'],
            more
        });
    }
    return fitParts(lines, parts, limit);
}
function outcomeLine(plan, dryRun, written) {
    const counts = `${plan.added.length} added, ${plan.removed.length} removed, ${plan.next.length - plan.added.length} kept`;
    if (plan.previous === undefined) {
        return dryRun
            ? '**Would set** the list shown.'
            : `**Set** to ${plan.next.length} consumer${plural(plan.next.length)}.`;
    }
    if (!plan.changed)
        return `**No change**: ${plan.next.length} consumer${plural(plan.next.length)}; nothing was written.`;
    if (dryRun)
        return `**Would change** (${counts}); nothing was written.`;
    return written ? `**Changed** (${counts}).` : '**Changed**.';
}
function onOff(value) {
    return value ? 'on' : 'off';
}
function plural(count) {
    return count === 1 ? '' : 's';
}
/** What the summary and the pull request show when a run fails: the one error line. */
function failureMarkdown(subject, line, dryRun, 
/** The step input the failure is about, when a wrong input is what failed. */
input) {
    const org = markdownText((0,describe_value/* capped */.uo)(subject));
    // A wrong input may leave nothing to name the run by.
    const heading = !org
        ? `### Module sharing${dryRun ? ' plan (dry run)' : ''}`
        : dryRun
            ? `### Module sharing plan for ${org} (dry run)`
            : `### Module sharing: ${org}`;
    const where = input ? ` (input ${codeSpan(input)})` : '';
    return [
        heading,
        '',
        `**Failed**${where}: ${markdownText((0,describe_value/* capped */.uo)(line, MESSAGE_CHARACTERS))}`,
        ''
    ].join('\n');
}
async function writeSummary(markdown) {
    // Outside a runner (a local run) there is no summary file to write to.
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw(markdown).write();
}
// ---------------------------------------------------------------------------------------------
// Markdown that renders as written. Anything from outside (a name, a path, a server's message)
// goes through markdownText where markdown is read, and codeSpan in code. Inside an HTML element
// (a <summary>) markdown is not read at all: only counts and words of ours go there.
const ENTITY = { '&': '&#38;', '<': '&#60;', '>': '&#62;', '|': '&#124;' };
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;
/**
 * Text that renders as itself wherever markdown puts it inline: a paragraph, a heading, a list
 * item, a table cell. Markdown's specials are backslashed (`_` only where it could emphasise:
 * not between two letters or digits); `<`, `>` and `&` become entities, and so does `|`, which
 * ends a table cell; what could start a block at the start (`#`, `-`, `+`, `=`, `1.`) or close a
 * heading at the end (`#`) is backslashed too; line breaks become spaces (flatText), and spaces
 * at either end entities, which no renderer trims.
 */
function markdownText(text) {
    const characters = Array.from(flatText(text));
    const last = characters.length - 1;
    const escaped = characters.map((c, i) => {
        const entity = ENTITY[c];
        if (entity)
            return entity;
        if ('\\`*[]~$'.includes(c))
            return `\\${c}`;
        if (c === '_') {
            const [before, after] = [characters[i - 1] ?? '', characters[i + 1] ?? ''];
            return ALPHANUMERIC.test(before) && ALPHANUMERIC.test(after) ? c : '\\_';
        }
        if ((i === 0 && '#-+='.includes(c)) || (i === last && c === '#'))
            return `\\${c}`;
        return c;
    });
    return escaped
        .join('')
        .replace(/^(\d+)([.)])/, '$1\\$2')
        .replace(/^\s+|\s+$/g, space => Array.from(space, c => `&#${c.codePointAt(0)};`).join(''));
}
/** One line of visible text: line breaks become spaces, other control characters U+FFFD. */
function flatText(text) {
    return text.replace(/\r\n?|\n/g, ' ').replace(/[^\P{Cc}\t]/gu, '\uFFFD');
}
/**
 * Text as code: a code span that shows it exactly, entities and all (nothing is decoded inside
 * code). Its fence is one backtick longer than any run of backticks inside; line breaks become
 * spaces. Not for a table cell, where a `|` would still end the cell.
 */
function codeSpan(text) {
    const flat = text.replace(/\r\n?|\n/g, ' ');
    if (flat === '')
        return '';
    const longest = (flat.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
    const fence = '`'.repeat(longest + 1);
    // A renderer strips one space at each end when both have one, and a backtick at either end
    // would join the fence: a space each side keeps the text as it is.
    const pad = /^`|`$/.test(flat) || (/^ [^]* $/.test(flat) && /[^ ]/.test(flat)) ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** A table cell of a value from outside: capped, and escaped so it stays in its cell. */
function cell(text) {
    return markdownText((0,describe_value/* capped */.uo)(text));
}
/** A problem as a list item: its place in code, then its message. */
function problemLine(where, message) {
    return `- ${codeSpan(where)}: ${markdownText((0,describe_value/* capped */.uo)(message, MESSAGE_CHARACTERS))}`;
}
/**
 * `head`, then each part in turn, within `limit` bytes: every part's own lines and the line
 * that could count its rest are set aside first, so that each part shows, closed, whatever the
 * parts before it took; then units are taken in order while they fit.
 */
function fitParts(head, parts, limit) {
    const size = (lines) => lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    const frame = (p) => Math.max(size([...p.before, ...p.after, ...p.more(p.units.length)]), size(p.none?.(p.units.length) ?? []));
    let room = limit - size(head) - parts.reduce((sum, p) => sum + frame(p), 0);
    const lines = [...head];
    for (const part of parts) {
        const join = part.join ?? '\n';
        const taken = [];
        for (const unit of part.units) {
            const cost = Buffer.byteLength(unit) + join.length;
            if (cost > room)
                break;
            room -= cost;
            taken.push(unit);
        }
        const left = part.units.length - taken.length;
        if (taken.length === 0 && part.none) {
            lines.push(...part.none(left));
            continue;
        }
        lines.push(...part.before, ...(taken.length > 0 ? [taken.join(join)] : []), ...(left > 0 ? part.more(left) : []), ...part.after);
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/report/files-summary.ts
// What the user sees after a file run: the outputs of every producer, and one summary for the
// whole run, the most important first: totals, failed producers with their problems, one table
// row per changed producer (what it gains and loses, each kind labelled once the run manages
// provider sharing), each change with its external ids a click away, then unmanaged
// organizations, and unchanged producers last. It fits where it is shown, and counts what it
// leaves out.





const RESULT_LABEL = {
    unchanged: 'unchanged',
    'would-change': 'would change',
    changed: 'changed',
    failed: '❌ failed'
};
const files_summary_CHANGE_LABEL = {
    kept: 'kept',
    added: '➕ added',
    removed: '➖ removed'
};
/** In a drift check the files are right by definition: which way does TFE differ? */
const DRIFT_LABEL = {
    kept: 'kept',
    added: '➕ in the files, not in TFE',
    removed: '➖ in TFE, in no file'
};
/** Names in a row of the overview; the rest are counted. */
const NAMES_IN_A_ROW = 10;
/** Problems shown of one producer; the log has every one. */
const PROBLEMS_SHOWN = 20;
/** Unmanaged organizations listed without a click. */
const UNMANAGED_OPEN = 10;
/**
 * The run as markdown, at most `limit` bytes. What does not fit is counted, and `elsewhere` says
 * where the whole of it is. Parts are cut from the last: unchanged producers, unmanaged
 * organizations, each change's external ids, rows of the overview, and failed producers last.
 */
function filesSummaryMarkdown(report, limit, elsewhere) {
    const { producers, unmanaged = [], dryRun } = report;
    const drift = report.drift === true;
    // Once a run manages provider sharing, every change says which kind it is about.
    const kinds = producers.some(managesProviders);
    const planned = dryRun || !report.wrote;
    const count = (result) => producers.filter(p => p.result === result).length;
    // What TFE accepted, after writes; what the plan would do, before them. A producer whose write
    // failed counts in neither: its state is unknown.
    const counted = producers.filter(p => p.result === (report.wrote ? 'changed' : 'would-change'));
    const total = (of) => counted.reduce((sum, p) => sum + (p.plan ? (of(p.plan)?.length ?? 0) : 0), 0);
    const added = total(plan => plan.added);
    const removed = total(plan => plan.removed);
    const to = (add, remove, kind = '') => `${add} ${kind}partnership${plural(add)} ${planned ? 'to add' : 'added'}, ${remove} ${planned ? 'to remove' : 'removed'}`;
    const partnerships = kinds
        ? `${to(added, removed, 'module ')} · ${to(total(plan => plan.providers?.added), total(plan => plan.providers?.removed), 'provider ')}`
        : to(added, removed);
    const failed = count('failed');
    const changing = planned ? count('would-change') : count('changed');
    const verb = drift ? 'drifted' : planned ? 'would change' : 'changed';
    const what = drift ? ' drift check' : dryRun ? ' plan' : '';
    const patterns = report.patterns.split(/\r?\n/).filter(Boolean).join(', ');
    const head = [
        `### ${report.failure ? '❌ Failed: ' : ''}${kinds ? 'Module and provider sharing' : 'Module sharing'}${what}: ${producers.length} producer${plural(producers.length)}${dryRun ? ' (dry run)' : ''}`,
        ...(report.failure
            ? ['', `**Failed**: ${markdownText((0,describe_value/* capped */.uo)(report.failure, MESSAGE_CHARACTERS))}`]
            : []),
        '',
        `TFE ${markdownText((0,describe_value/* capped */.uo)(report.baseUrl))} · API ${codeSpan(report.api)} · files ${codeSpan((0,describe_value/* capped */.uo)(patterns))}`,
        '',
        [
            `**${changing} ${verb}**`,
            `${count('unchanged')} unchanged`,
            failed ? `**${failed} failed**` : '',
            partnerships,
            `${unmanaged.length} unmanaged`
        ]
            .filter(Boolean)
            .join(' · ')
    ];
    if (failed && !report.wrote && !dryRun) {
        head.push('', 'A plan failed, so **nothing was written** to any producer.');
    }
    if (drift && changing > 0) {
        head.push('', 'Drift: TFE differs from the sharing files. ➕ a file grants access that TFE does not; ' +
            '➖ TFE grants access that no file does (the apply would remove it).' +
            (kinds ? ' Each difference says whether it is about modules or providers.' : ''));
    }
    const where = markdownText(elsewhere);
    const notShown = (what) => (left) => [
        '',
        `… and ${left} more ${what}${left === 1 ? '' : 's'} not shown here: ${where}`
    ];
    const parts = [];
    const failures = producers.filter(p => p.result === 'failed');
    if (failures.length > 0) {
        parts.push({
            before: [],
            units: failures.map(p => producerSection(p, drift, kinds).join('\n')),
            after: [],
            more: notShown('failed producer')
        });
    }
    const changed = producers.filter(p => p.result !== 'unchanged' && p.result !== 'failed');
    // Only the module-consumers API answers with partnership ids.
    const withPartnerships = changed.some(p => (p.applied?.partnerships.length ?? 0) > 0);
    if (changed.length > 0) {
        const [gains, loses] = drift
            ? [DRIFT_LABEL.added, DRIFT_LABEL.removed]
            : [files_summary_CHANGE_LABEL.added, `${files_summary_CHANGE_LABEL.removed} (${planned ? 'loses' : 'lost'} access)`];
        parts.push({
            before: [
                '',
                `#### ${drift ? 'Drifted' : planned ? 'What would change' : 'What changed'}`,
                '',
                `| Producer | ${gains} | ${loses} |`,
                '| --- | --- | --- |'
            ],
            units: changed.map(p => overviewRow(p, kinds)),
            after: [],
            more: notShown('producer')
        });
        parts.push({
            before: [
                '',
                `<details><summary>Each change with its external ids${withPartnerships ? ' and partnership ids' : ''}</summary>`
            ],
            units: changed.map(p => producerSection(p, drift, kinds).join('\n')),
            after: ['', '</details>'],
            more: notShown('producer'),
            none: () => ['', `Each change with its external ids: ${where}`]
        });
    }
    if (unmanaged.length > 0) {
        const n = unmanaged.length;
        const open = n <= UNMANAGED_OPEN;
        // Per kind once provider sharing is in play: a producer whose file states only providers
        // may share modules that no file manages.
        const perKind = kinds || unmanaged.some(u => u.providers !== undefined);
        const intro = [
            '',
            perKind
                ? `#### Unmanaged: ${n} organization${plural(n)} share${n === 1 ? 's' : ''} modules or providers that no file manages`
                : `#### Unmanaged: ${n} organization${plural(n)} share${n === 1 ? 's' : ''} modules but ${n === 1 ? 'is' : 'are'} in no file`,
            '',
            'Left as they are. Add them to a sharing file to manage them (`export` writes their sharing today).'
        ];
        parts.push({
            before: [
                ...intro,
                '',
                ...(open ? [] : [`<details><summary>${n} unmanaged organizations</summary>`, ''])
            ],
            units: unmanaged.map(u => unmanagedItem(u, perKind)),
            after: open ? [] : ['', '</details>'],
            more: notShown('unmanaged organization'),
            none: () => [...intro, '', `Not listed here: ${where}`]
        });
    }
    const unchanged = producers.filter(p => p.result === 'unchanged');
    if (unchanged.length > 0) {
        parts.push({
            before: [
                '',
                `<details><summary>${unchanged.length} unchanged producer${plural(unchanged.length)}</summary>`,
                ''
            ],
            units: unchanged.map(p => unchangedItem(p, kinds)),
            join: ', ',
            after: ['', '</details>'],
            more: notShown('unchanged producer'),
            none: left => ['', `${left} unchanged producer${plural(left)}, not listed here: ${where}`]
        });
    }
    return fitParts(head, parts, limit);
}
/** Does the producer's file state its provider sharing? */
function managesProviders({ desired, plan }) {
    return desired.providers !== undefined || plan?.providers !== undefined;
}
/** The module part of a plan; undefined when the run leaves module sharing as it is. */
function moduleChange(plan) {
    return plan.managesModules ? plan : undefined;
}
/**
 * One row of the overview: what the producer gains and loses, a few names and a count. Once the
 * run manages providers, each cell says which kind: `modules: … · providers: …`.
 */
function overviewRow({ desired, plan }, kinds) {
    const name = cell(desired.organization);
    if (!plan)
        return `| ${name} | — | — |`;
    const unknown = plan.managesModules && plan.previous === undefined
        ? ` (today's ${kinds ? 'module ' : ''}list unknown: the whole list is set)`
        : '';
    if (!kinds) {
        const { gains, loses } = gainsAndLoses(plan, 'global module sharing');
        return `| ${name}${unknown} | ${gains || '—'} | ${loses || '—'} |`;
    }
    const parts = [
        { label: 'modules', change: moduleChange(plan) },
        { label: 'providers', change: plan.providers }
    ].map(({ label, change }) => ({
        label,
        ...(change ? gainsAndLoses(change, 'global sharing') : { gains: '', loses: '' })
    }));
    const join = (side) => parts
        .filter(part => part[side] !== '')
        .map(part => `*${part.label}:* ${part[side]}`)
        .join(' · ') || '—';
    return `| ${name}${unknown} | ${join('gains')} | ${join('loses')} |`;
}
/** What one kind gains and loses, as the overview's cells say it; empty when nothing. */
function gainsAndLoses({ rows, global: { before, after } }, globalName) {
    if (after && !before) {
        // Global sharing grants every organization: no listed consumer loses anything.
        return { gains: `**every organization** (${globalName} on)`, loses: '' };
    }
    const gains = names(rows.filter(r => r.change === 'added').map(r => r.consumer));
    const loses = names(rows.filter(r => r.change === 'removed').map(r => r.consumer));
    const everyOther = before && !after ? `**every organization not listed** (${globalName} off)` : '';
    return { gains, loses: [everyOther, loses].filter(Boolean).join(', ') };
}
/** A few names of consumers, each capped, and how many more; empty for none. */
function names(consumers) {
    if (consumers.length === 0)
        return '';
    const shown = consumers.slice(0, NAMES_IN_A_ROW).map(c => cell(c.name ?? c.externalId));
    const more = consumers.length - shown.length;
    return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
/**
 * A producer in full: its problems, then each kind it manages: global sharing, its changes with
 * their ids, kept counted.
 */
function producerSection({ desired, result, plan, applied, problems }, drift, kinds) {
    const org = markdownText((0,describe_value/* capped */.uo)(desired.organization));
    const label = drift && result === 'would-change' ? 'drifted' : RESULT_LABEL[result];
    const lines = ['', `#### ${org}: ${label}`];
    if (problems.length > 0) {
        lines.push('');
        for (const p of problems.slice(0, PROBLEMS_SHOWN)) {
            lines.push(problemLine(isFilePlace(p) ? `${p.file}:${p.line}` : p.input, p.message));
        }
        const more = problems.length - PROBLEMS_SHOWN;
        if (more > 0)
            lines.push(`- … and ${more} more: the step's log lists every one.`);
    }
    if (!plan)
        return lines;
    const labels = drift ? DRIFT_LABEL : files_summary_CHANGE_LABEL;
    if (plan.managesModules) {
        const partnership = new Map((applied?.partnerships ?? []).map(p => [p.consumer.externalId, p.id]));
        lines.push(...kindSection(plan, {
            kind: 'module',
            labelled: kinds,
            unknown: plan.previous === undefined,
            partnership,
            labels
        }));
    }
    if (plan.providers) {
        lines.push(...kindSection(plan.providers, {
            kind: 'provider',
            labelled: true,
            unknown: false,
            partnership: new Map(),
            labels
        }));
    }
    return lines;
}
/** One kind of a producer's section: its global sharing, a table of its changes, kept counted. */
function kindSection({ rows: all, global: { before, after } }, options) {
    const { kind, labelled, unknown, partnership, labels } = options;
    const lines = [];
    if (before !== after)
        lines.push('', `Global ${kind} sharing: ${onOff(before)} → **${onOff(after)}**`);
    if (unknown)
        lines.push('', `> ${tfe_answers/* listsUnknownNote */.eg}`);
    const rows = all.filter(row => row.change !== 'kept' || unknown);
    const kept = all.length - rows.length;
    const consumer = labelled ? `${kind} consumer` : 'consumer';
    if (rows.length > 0) {
        const withIds = partnership.size > 0;
        const title = labelled ? `${kind === 'module' ? 'Module' : 'Provider'} consumer` : 'Consumer';
        lines.push('', `| ${title} | External id | Change |${withIds ? ' Partnership id |' : ''}`, `| --- | --- | --- |${withIds ? ' --- |' : ''}`);
        for (const { consumer, change } of rows) {
            const id = withIds ? ` ${cell(partnership.get(consumer.externalId) ?? '')} |` : '';
            lines.push(`| ${cell(consumer.name ?? '—')} | ${cell(consumer.externalId)} | ${labels[change]} |${id}`);
        }
    }
    if (kept > 0)
        lines.push('', `${kept} ${consumer}${plural(kept)} kept.`);
    return lines;
}
/** An unchanged producer and what it shares: `quiet (1 consumer)`, each kind said if managed. */
function unchangedItem({ desired, plan }, kinds) {
    const org = markdownText((0,describe_value/* capped */.uo)(desired.organization));
    const what = ({ global, next }) => global.after ? 'global' : `${next.length} consumer${plural(next.length)}`;
    if (!plan)
        return `${org} (0 consumers)`;
    if (!kinds)
        return `${org} (${what(plan)})`;
    const parts = [
        plan.managesModules ? `modules: ${what(plan)}` : '',
        plan.providers ? `providers: ${what(plan.providers)}` : ''
    ];
    return `${org} (${parts.filter(Boolean).join('; ')})`;
}
/**
 * An unmanaged organization and what it shares that no file manages. Per kind once the run
 * looked for providers (`modules with 4 consumers, providers with every organization`);
 * otherwise as for modules alone (`4 consumers`).
 */
function unmanagedItem(u, perKind) {
    const org = markdownText((0,describe_value/* capped */.uo)(u.organization));
    if (!perKind) {
        const modules = u.modules;
        const what = !modules
            ? 'shares modules'
            : modules.global
                ? 'shares with every organization'
                : modules.consumers === undefined
                    ? 'shares modules'
                    : `${modules.consumers} consumer${plural(modules.consumers)}`;
        return `- ${org}: ${what}`;
    }
    const withWhom = (kind, sharing) => !sharing
        ? ''
        : sharing.global
            ? `${kind} with every organization`
            : sharing.consumers === undefined
                ? kind
                : `${kind} with ${sharing.consumers} consumer${plural(sharing.consumers)}`;
    const kinds = [withWhom('modules', u.modules), withWhom('providers', u.providers)];
    return `- ${org}: shares ${kinds.filter(Boolean).join(', ')}`;
}
/** What an export wrote, for the job summary. */
function exportMarkdown(entries, file, baseUrl, 
/** Who shares providers; undefined when export left provider sharing out (another api). */
providers) {
    const tfe = markdownText((0,describe_value/* capped */.uo)(baseUrl));
    const what = providers ? 'Module and provider sharing' : 'Module sharing';
    const leftOut = providers
        ? []
        : [
            'Provider sharing was left out: it is written only through registry-partnerships (TFE v202301-1 or later). Export with `api: registry-partnerships` to include it.',
            ''
        ];
    const producers = new Set([...entries, ...(providers ?? [])].map(e => e.organization)).size;
    if (producers === 0) {
        return [
            `### ${what}: nothing to export`,
            '',
            `No organization on TFE ${tfe} shares its ${providers ? 'modules or providers' : 'modules'}, so ${codeSpan((0,describe_value/* capped */.uo)(file))} was not written. Nothing in TFE was changed.`,
            '',
            ...leftOut
        ].join('\n');
    }
    const counts = (list) => {
        const global = list.filter(e => e.global).length;
        return `${list.length - global} with a consumer list, ${global} sharing with every organization`;
    };
    const sharing = providers
        ? `modules: ${counts(entries)}; providers: ${counts(providers)}`
        : counts(entries);
    return [
        `### ${what} exported: ${producers} producer${plural(producers)}`,
        '',
        `TFE ${tfe} → ${codeSpan((0,describe_value/* capped */.uo)(file))}: ${sharing}. Nothing in TFE was changed.`,
        '',
        ...leftOut
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/tfe/errors.ts
// Errors as data: callers decide by status and error list, never by matching message text.
/** TFE (or something in front of it) answered with a non-2xx status. */
class TfeApiError extends Error {
    request;
    status;
    errors;
    bodyKind;
    excerpt;
    retryAfterMs;
    constructor(request, status, errors, bodyKind, 
    /** A short, single-line excerpt of a non-JSON body (an HTML page's title). */
    excerpt = '', 
    /** How long the server asked us to wait (429, 503): X-RateLimit-Reset or Retry-After. */
    retryAfterMs) {
        super(`${request.method} ${request.path} answered HTTP ${status}${describeBody(errors, bodyKind, excerpt)}`);
        this.request = request;
        this.status = status;
        this.errors = errors;
        this.bodyKind = bodyKind;
        this.excerpt = excerpt;
        this.retryAfterMs = retryAfterMs;
        this.name = 'TfeApiError';
    }
    /** The server's own words, e.g. `invalid attribute: Consumer not found (at /data/attributes/x)`. */
    get details() {
        return describeEntries(this.errors);
    }
}
/** No usable HTTP answer: refused, reset, timed out, DNS or TLS failure. */
class TfeTransportError extends Error {
    request;
    code;
    constructor(request, code, message) {
        super(message);
        this.request = request;
        this.code = code;
        this.name = 'TfeTransportError';
    }
}
/** A 2xx answer whose body is not what the API documents (not JSON, wrong shape, too large). */
class TfeResponseError extends Error {
    request;
    status;
    constructor(request, status, message) {
        super(message);
        this.request = request;
        this.status = status;
        this.name = 'TfeResponseError';
    }
}
function describeEntries(entries) {
    return entries
        .map(e => {
        const text = [e.title, e.detail].filter(Boolean).join(': ') || 'no detail';
        return e.pointer ? `${text} (at ${e.pointer})` : text;
    })
        .join('; ');
}
function describeBody(entries, kind, excerpt) {
    if (entries.length > 0)
        return `: ${describeEntries(entries)}`;
    switch (kind) {
        case 'html':
            return excerpt
                ? ` with an HTML page ("${excerpt}"), not TFE's JSON`
                : " with an HTML page, not TFE's JSON";
        case 'empty':
            return ' with an empty body';
        case 'text':
            return excerpt ? `: "${excerpt}"` : '';
        default:
            return '';
    }
}
/** TFE's 404: a missing thing, a token that may not see it, or an endpoint this TFE lacks. */
function isNotFound(error) {
    return error instanceof TfeApiError && error.status === 404;
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __nccwpck_require__(4942);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/report/comment.ts
// One comment per producer on the pull request that triggered the run, created once and then
// updated in place: it is found again by a hidden marker, so re-runs never pile up comments.
// @actions/github (Octokit) is loaded here, on demand, so runs that don't comment never load it.


/** The comment could not be written; `status` is GitHub's answer, if one came. */
class CommentError extends Error {
    number;
    status;
    constructor(message, number, status) {
        super(message);
        this.number = number;
        this.status = status;
        this.name = 'CommentError';
    }
}
/**
 * The hidden line that finds a run's comment again. A subject longer than a line (the patterns
 * of a long config) is named by its hash instead, so that the marker stays short and the
 * comment's whole budget goes to the plan.
 */
function commentMarker(subject) {
    return `<!-- tfe-module-sharing-action: ${markerKey(subject)} -->`;
}
function markerKey(subject) {
    if (subject.length <= MARKER_KEY_MAX)
        return subject;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(subject).digest('hex').slice(0, 16);
    return `${subject.slice(0, MARKER_KEY_MAX - 24)}… #${hash}`;
}
const MARKER_KEY_MAX = 120;
/**
 * Creates or updates this producer's comment on the run's pull request. Returns undefined when
 * the run is not for a pull request (nothing is sent).
 */
async function commentOnPullRequest(token, organization, markdown) {
    const github = await __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
    const { context } = github;
    if (!['pull_request', 'pull_request_target'].includes(context.eventName))
        return undefined;
    const number = context.payload.pull_request?.number ?? context.payload.number;
    if (typeof number !== 'number') {
        throw new CommentError(`the ${context.eventName} event payload (GITHUB_EVENT_PATH) names no pull request`, undefined, undefined);
    }
    const http = new lib/* HttpClient */.Qq('tfe-module-sharing-action', [], {
        allowRedirects: false,
        socketTimeout: 30_000
    });
    try {
        const octokit = github.getOctokit(token, {
            // Read here, not when @actions/github was loaded: GitHub Enterprise Server sets its own.
            baseUrl: context.apiUrl,
            request: { fetch: fetchThrough(http) }
        });
        const where = { ...context.repo, issue_number: number };
        const marker = commentMarker(organization);
        const body = `${marker}\n${markdown}`;
        // Ours: the marker, written by a bot (GET /user answers 403 to a workflow's token, so the
        // action cannot ask who it is). A person's comment that starts with the marker is theirs.
        const own = [];
        const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
            ...where,
            per_page: 100
        });
        for await (const page of pages) {
            for (const c of page.data) {
                if (c.user?.type === 'Bot' && c.body?.startsWith(marker))
                    own.push(c.id);
            }
        }
        const [existing, ...duplicates] = own;
        // Two runs at once can each have created one: keep the first, so the plan shows once.
        for (const comment_id of duplicates) {
            await octokit.rest.issues.deleteComment({ ...context.repo, comment_id });
        }
        if (existing !== undefined) {
            const { data } = await octokit.rest.issues.updateComment({
                ...context.repo,
                comment_id: existing,
                body
            });
            return { action: 'updated', number, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.createComment({ ...where, body });
        return { action: 'created', number, url: data.html_url };
    }
    catch (error) {
        // Octokit gives a failure to connect status 500 too, but no response: that one is no answer.
        const status = error.response?.status;
        const message = error instanceof Error ? error.message : String(error);
        throw new CommentError(message, number, typeof status === 'number' ? status : undefined);
    }
    finally {
        http.dispose();
    }
}
/**
 * A fetch for Octokit over @actions/http-client, which honours HTTPS_PROXY and NO_PROXY the same
 * way for GitHub as for TFE. (@actions/github's own fetch needs undici, which the bundle leaves
 * out: see scripts/bundle-stubs/undici.ts.)
 */
function fetchThrough(http) {
    return async (input, init = {}) => {
        const url = input instanceof Request ? input.url : String(input);
        const headers = Object.fromEntries(new Headers(init.headers).entries());
        const body = typeof init.body === 'string' ? init.body : null;
        const response = await http.request(init.method ?? 'GET', url, body, headers);
        const text = await response.readBody();
        const status = response.message.statusCode ?? 0;
        const out = new Headers();
        for (const [name, value] of Object.entries(response.message.headers)) {
            for (const one of [value ?? []].flat())
                out.append(name, one);
        }
        // A Response may not carry a body with these statuses.
        const empty = [101, 204, 205, 304].includes(status);
        return new Response(empty ? null : text, { status, headers: out });
    };
}

;// CONCATENATED MODULE: ./src/report/failure.ts
// Turns any error into the one line a person reads in the step's log and annotation:
// which organization, what happened (with the HTTP status), and what to do next.




const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME/;
function describeFailure(error, context = {}) {
    let line;
    if (error instanceof errors/* ApplyError */.d5) {
        // afterWrites says what is changed, so the cause does not say it again.
        line = `${describeCause(error.cause, context, false)} ${afterWrites(error)}`;
    }
    else {
        line = describeCause(error, context, true);
    }
    return redact(line.replace(/\s*[\r\n]+\s*/g, ' '), context.secrets ?? []);
}
/**
 * What is true of TFE after a failed apply. A write that got no answer may have taken effect;
 * every write here sets a whole list or one flag, so running again is safe either way.
 */
function afterWrites({ written, cause }) {
    if (written.length > 0) {
        return (`Already changed in TFE: ${written.join('; ')}. ` +
            'Check the organization in TFE; running again is safe.');
    }
    if (cause instanceof TfeTransportError) {
        return ("The write's outcome is unknown: TFE may have applied it. Running again is safe " +
            '(every write sets a whole list or one flag).');
    }
    return 'Nothing was changed.';
}
/** `nothingWritten`: whether the line may say so (true before any write was sent). */
function describeCause(error, context, nothingWritten) {
    const subject = context.organization ? `${context.organization}: ` : '';
    const host = context.baseUrl ?? 'TFE';
    if (error instanceof errors/* InputError */.dz)
        return `Invalid input: ${error.message}`;
    if (error instanceof errors/* ActionError */.lZ)
        return error.message;
    if (error instanceof TfeApiError) {
        const { method, path } = error.request;
        const answer = {
            method,
            path,
            status: error.status,
            details: error.details,
            message: error.message
        };
        return subject + (0,tfe_answers/* httpError */.p2)(answer, host, nothingWritten);
    }
    if (error instanceof TfeTransportError) {
        const hint = error.code === 'ERR_SSL_WRONG_VERSION_NUMBER'
            ? "Check that hostname's port serves HTTPS."
            : TLS_CODES.test(error.code)
                ? "Check hostname, and pass TFE's CA certificate in ca-certificate if it is private."
                : error.code === 'ETIMEDOUT'
                    ? 'Check hostname, the network and any proxy, or raise timeout-seconds if TFE is slow.'
                    : 'Check hostname, the network and any proxy (HTTPS_PROXY, NO_PROXY).';
        return `${subject}could not reach ${host}: ${error.message}. ${hint}`;
    }
    if (error instanceof TfeResponseError) {
        return `${subject}unexpected answer from ${host}: ${error.message}. Check that hostname points at Terraform Enterprise.`;
    }
    const message = error instanceof Error ? error.message : String(error);
    return `${subject}unexpected error: ${message}`;
}
/**
 * Why the pull request comment could not be written: a warning, since the sharing change stands.
 * Advice about permissions only where GitHub refused them.
 */
function describeCommentFailure(error, context) {
    const { number, status } = error instanceof CommentError ? error : { number: 0, status: 0 };
    const where = number ? `pull request #${number}` : 'the pull request';
    let advice;
    if (status === 401) {
        advice = 'github-token was refused; keep it at its default (${{ github.token }}).';
    }
    else if (status === 403 || status === 404) {
        advice =
            'Give the job permissions: pull-requests: write, and keep github-token at its default ' +
                '(pull requests from forks get a read-only token).';
    }
    else if (status) {
        advice = 'GitHub failed; the next run writes the comment.';
    }
    else if (number) {
        advice = `Check that ${context.apiUrl || 'the GitHub API'} is reachable from the runner (HTTPS_PROXY, NO_PROXY).`;
    }
    else {
        advice = 'Check that the workflow runs on pull_request or pull_request_target events.';
    }
    const message = oneLine(error instanceof Error ? error.message : String(error));
    const line = `${context.organization}: could not comment on ${where}` +
        `${status ? ` (HTTP ${status})` : ''}: ${message}. ${advice}`;
    return redact(line, context.secrets ?? []);
}
/** Why the drift issue could not be kept: a warning, since the check's own result stands. */
function describeIssueFailure(error, context) {
    const status = error instanceof CommentError ? error.status : undefined;
    const advice = status === 401
        ? 'github-token was refused; keep it at its default (${{ github.token }}).'
        : status === 403 || status === 404
            ? 'Give the job permissions: issues: write, and keep github-token at its default.'
            : status
                ? 'GitHub failed; the next run keeps the issue.'
                : `Check that ${context.apiUrl || 'the GitHub API'} is reachable from the runner (HTTPS_PROXY, NO_PROXY).`;
    const message = oneLine(error instanceof Error ? error.message : String(error));
    const line = `${context.subject}: could not keep the drift issue${status ? ` (HTTP ${status})` : ''}: ` +
        `${message}. ${advice}`;
    return redact(line, context.secrets ?? []);
}
function oneLine(text) {
    const first = text.split(/\r?\n/)[0] ?? '';
    return first.replace(/[.\s]+$/, '');
}
function redact(text, secrets) {
    let out = text;
    for (const secret of secrets) {
        if (secret)
            out = out.split(secret).join('***');
    }
    return out;
}
/** Names, at most `max` of them, and how many more: a line stays readable with 500 producers. */
function someNames(names, max = 5) {
    const shown = names.slice(0, max).join(', ');
    return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
/** The step's one line when a file run's producers failed; undefined when none did. */
function filesFailureLine({ producers, wrote }, dryRun) {
    const failed = producers.filter(p => p.result === 'failed').map(p => p.desired.organization);
    if (failed.length === 0)
        return undefined;
    const of = `${failed.length} of ${producers.length} producer${producers.length === 1 ? '' : 's'}`;
    if (!wrote) {
        return (`${of} cannot be planned (${someNames(failed)}), so ${dryRun ? 'this dry run stops there' : 'nothing was written to any producer'}. ` +
            'See the annotations on the sharing files.');
    }
    const changed = producers.filter(p => p.result === 'changed').length;
    return (`${of} failed to be written (${someNames(failed)}); ${changed} other${changed === 1 ? ' was' : 's were'} changed. ` +
        'See the annotations; running again is safe.');
}
/** fail-on-drift: TFE differs from what is asked, by the inputs or by the sharing files. */
function driftLine(drifted, total, from) {
    return (`Drift: ${drifted.length} of ${total} producer${total === 1 ? '' : 's'} differ${drifted.length === 1 ? 's' : ''} from ` +
        `${from === 'files' ? 'the sharing files' : 'what is asked'} (${someNames(drifted)}). ` +
        (from === 'files'
            ? 'Run the apply to make TFE match the files, or, if TFE is right, export its sharing and review it into the files.'
            : 'Apply the change, or change the inputs to match TFE.'));
}
/**
 * fail-on-unmanaged: organizations share today what no sharing file manages. Given the entries
 * (not only their names), it says which kinds each one shares once provider sharing is in play:
 * some file states it (`providersManaged`), or an organization shares providers unmanaged. A
 * producer whose file states only providers may share modules that no file manages.
 */
function unmanagedLine(unmanaged, 
/** Whether the run looked for provider sharing too (registry-partnerships): then say kinds. */
providersLooked) {
    const n = unmanaged.length;
    if (providersLooked) {
        // Each entry shares at least one kind: that is what made it unmanaged.
        const kinds = ({ organization, modules, providers }) => `${organization} (${[modules ? 'modules' : '', providers ? 'providers' : ''].filter(Boolean).join(', ')})`;
        return (`Unmanaged: ${n} organization${n === 1 ? ' shares' : 's share'} modules or providers ` +
            `that no sharing file manages (${someNames(unmanaged.map(kinds))}). ` +
            'Add that sharing to a sharing file (export writes their sharing today), or stop it in TFE.');
    }
    return (`Unmanaged: ${n} organization${n === 1 ? ' shares' : 's share'} modules ` +
        `but ${n === 1 ? 'is' : 'are'} in no sharing file (${someNames(unmanaged.map(u => u.organization))}). ` +
        'Add them to a sharing file (export writes their sharing today), or stop their sharing in TFE.');
}

;// CONCATENATED MODULE: ./src/report/drift-issue.ts
// One issue in the repository about drift, kept by the scheduled drift check: opened when TFE
// differs from the sharing files (or the check could not run), updated by later runs, closed when
// TFE matches again. Found again by a hidden marker and a bot author: GET /user answers 403 to a
// workflow's token, and a person's issue that happens to carry the marker is never touched.
// @actions/github (Octokit) is loaded on demand, as for the pull request comment.


function driftMarker(subject) {
    return `<!-- tfe-module-sharing-action drift: ${markerKey(subject)} -->`;
}
function driftTitle(subject) {
    return `TFE module sharing drift: ${markerKey(subject)}`;
}
/** Opens, updates or closes this check's issue; sends nothing when clean and none is open. */
async function keepDriftIssue(token, subject, state) {
    const github = await __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
    const { context } = github;
    const http = new lib/* HttpClient */.Qq('tfe-module-sharing-action', [], {
        allowRedirects: false,
        socketTimeout: 30_000
    });
    try {
        const octokit = github.getOctokit(token, {
            baseUrl: context.apiUrl,
            request: { fetch: fetchThrough(http) }
        });
        const marker = driftMarker(subject);
        const body = `${marker}\n${state.markdown}`;
        let existing;
        const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
            ...context.repo,
            state: 'open',
            per_page: 100
        });
        for await (const page of pages) {
            const own = page.data.find(issue => !issue.pull_request && issue.user?.type === 'Bot' && issue.body?.startsWith(marker));
            if (own) {
                existing = { number: own.number, state: own.state };
                break;
            }
        }
        if (state.kind === 'clean') {
            if (!existing)
                return { action: 'none', number: undefined, url: undefined };
            const { data } = await octokit.rest.issues.update({
                ...context.repo,
                issue_number: existing.number,
                body,
                state: 'closed',
                state_reason: 'completed'
            });
            return { action: 'closed', number: data.number, url: data.html_url };
        }
        if (existing) {
            const { data } = await octokit.rest.issues.update({
                ...context.repo,
                issue_number: existing.number,
                body
            });
            return { action: 'updated', number: data.number, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.create({
            ...context.repo,
            title: driftTitle(subject),
            body
        });
        return { action: 'opened', number: data.number, url: data.html_url };
    }
    catch (error) {
        const status = error.response?.status;
        const message = error instanceof Error ? error.message : String(error);
        throw new CommentError(message, undefined, typeof status === 'number' ? status : undefined);
    }
    finally {
        http.dispose();
    }
}

// EXTERNAL MODULE: ./src/domain/model.ts
var model = __nccwpck_require__(5529);
;// CONCATENATED MODULE: ./src/report/outputs.ts
// The step's outputs, from the run's outcome. Every list output is JSON; names are sorted by code
// point, so that the same TFE gives the same outputs on every runner.


/**
 * One producer in the `producers` output, with names. An id given on the seed endpoint is named
 * by TFE's answer to the write; only a dry run of such an id without a lookup would leave the id
 * itself, and a dry run looks every id up. After a failure TFE may hold the old list, the new one
 * or part of the way, so its consumers and global sharing are unknown (null). The provider keys
 * are null where the run does not manage provider sharing (a producer whose file does not state
 * it, and every run of the step's inputs).
 */
function producerOutput({ desired, result, plan, applied }) {
    const known = result !== 'failed';
    const named = new Map([
        ...(applied?.consumers ?? []),
        ...(applied?.providerConsumers ?? []),
        ...(applied?.partnerships ?? []).map(p => p.consumer)
    ].map(c => [c.externalId, c.name]));
    const names = (list) => list.map(c => c.name ?? named.get(c.externalId) ?? c.externalId).sort(model/* byCodePoint */.HH);
    // Provider sharing: null where the run does not manage it.
    const managed = desired.providers !== undefined || plan?.providers !== undefined;
    const providers = plan?.providers;
    return {
        organization: desired.organization,
        result,
        added: names(plan?.added ?? []),
        removed: names(plan?.removed ?? []),
        consumers: known ? names(applied?.consumers ?? plan?.next ?? []) : null,
        'global-module-sharing': known ? (applied?.globalAfter ?? plan?.global.after ?? null) : null,
        'provider-added': managed ? names(providers?.added ?? []) : null,
        'provider-removed': managed ? names(providers?.removed ?? []) : null,
        'provider-consumers': managed && known ? names(applied?.providerConsumers ?? providers?.next ?? []) : null,
        'global-provider-sharing': managed && known ? (applied?.globalProvidersAfter ?? providers?.global.after ?? null) : null
    };
}
/** The outputs of a run of the step's inputs: one producer, planned. */
function writeProducerOutputs(producer) {
    const { plan, applied } = producer;
    if (!plan)
        return;
    // A dry run reports what the run would leave behind.
    const consumers = applied?.consumers ?? plan.next;
    const partnerships = applied?.partnerships ?? [];
    const ids = (list) => JSON.stringify(list.map(c => c.externalId));
    core/* setOutput */.uH('partnership-ids', JSON.stringify(partnerships.map(p => p.id)));
    core/* setOutput */.uH('consumer-ids', ids(consumers));
    core/* setOutput */.uH('consumer-names', JSON.stringify(consumers.map(c => c.name ?? null)));
    core/* setOutput */.uH('partnerships', JSON.stringify(partnerships.map(partnershipOutput)));
    core/* setOutput */.uH('changed', String(plan.changed));
    // null, not [], when this TFE could not show today's list: [] would claim it was empty, or
    // that nothing was added or removed.
    const known = (list) => (plan.previous ? ids(list) : 'null');
    core/* setOutput */.uH('added', known(plan.added));
    core/* setOutput */.uH('removed', known(plan.removed));
    core/* setOutput */.uH('previous-consumer-ids', known(plan.previous ?? []));
    core/* setOutput */.uH('global-module-sharing', String(applied?.globalAfter ?? plan.global.after));
    core/* setOutput */.uH('producers', JSON.stringify([producerOutput(producer)]));
}
/** The outputs of a run of sharing files: every producer, and the unmanaged ones. */
function writeFilesOutputs(outcome) {
    const partnerships = outcome.producers.flatMap(p => p.applied?.partnerships ?? []);
    core/* setOutput */.uH('producers', JSON.stringify(outcome.producers.map(producerOutput)));
    core/* setOutput */.uH('unmanaged', JSON.stringify((outcome.unmanaged ?? []).map(u => u.organization)));
    // A run whose plan failed wrote nothing and, dry or not, would write nothing as it stands.
    const planFailed = !outcome.wrote && outcome.producers.some(p => p.result === 'failed');
    core/* setOutput */.uH('changed', String(!planFailed && anyChange(outcome)));
    core/* setOutput */.uH('partnership-ids', JSON.stringify(partnerships.map(p => p.id)));
    core/* setOutput */.uH('partnerships', JSON.stringify(partnerships.map(partnershipOutput)));
}
/** True if any producer changed, or (dry run, or a run stopped by a failed plan) would. */
function anyChange({ producers }) {
    return producers.some(p => p.result === 'changed' || p.result === 'would-change');
}
/** The `partnerships` output keeps the API's own attribute names: workflows already read them. */
function partnershipOutput(p) {
    return {
        id: p.id,
        'consuming-organization-id': p.consumer.externalId,
        'consuming-organization-name': p.consumer.name,
        'producing-organization-id': p.producer.externalId,
        'producing-organization-name': p.producer.name
    };
}

;// CONCATENATED MODULE: ./src/report/report.ts
// One report for every run, written from its outcome: warnings and annotations where the user
// wrote each problem, the step's outputs, the job summary and the pull request comment. It
// decides nothing: main.ts says whether the step failed.









/**
 * The problems of a producer, each where the user wrote it. A failed write has no place of its
 * own: it is shown at the producer, worded with what TFE already holds.
 */
function problemsOf(producer, context) {
    if (producer.problems.length > 0 || producer.result !== 'failed')
        return producer.problems;
    const message = describeFailure(producer.error, {
        organization: producer.desired.organization,
        secrets: context.secrets
    });
    return [{ ...producer.desired.place, message }];
}
async function reportOutcome(outcome, context, 
/** The step's error line when it fails: shown first in the summary and the comment. */
failure) {
    const shown = {
        ...outcome,
        producers: outcome.producers.map(p => ({ ...p, problems: problemsOf(p, context) }))
    };
    outcome.warnings.forEach(warning => core/* warning */.$e(warning));
    if (context.patterns === undefined) {
        const [producer] = shown.producers;
        // A run of the step's inputs that failed shows its one line instead (reportFailure).
        if (!producer?.plan || producer.result === 'failed')
            return;
        writeProducerOutputs(producer);
        const markdown = summaryMarkdown({ ...context, plan: producer.plan, applied: producer.applied });
        await writeSummary(markdown);
        await comment(context, markdown);
        return;
    }
    for (const { problems } of shown.producers) {
        for (const problem of problems) {
            if (isFilePlace(problem))
                core/* error */.z3(problem.message, { file: problem.file, startLine: problem.line });
        }
    }
    writeFilesOutputs(outcome);
    const run = { ...shown, ...context, patterns: context.patterns, failure };
    await writeSummary(filesSummaryMarkdown(run, SUMMARY_LIMIT, 'the producers output has every producer'));
    await comment(context, filesSummaryMarkdown(run, 
    // The hidden marker goes into the same comment: the plan gets what it leaves.
    COMMENT_LIMIT - Buffer.byteLength(`${commentMarker(context.subject)}\n`), `the job summary has all of them (${runUrl()})`));
}
/**
 * What the summary and the pull request show when the run failed: its one line, and each problem
 * of the sharing files as an annotation on its line.
 */
async function reportFailure(line, context, error) {
    if (error instanceof errors/* ConfigInvalid */.QO) {
        for (const problem of error.problems) {
            const { file, line, column, message } = problem;
            core/* error */.z3(message, { file, startLine: line, startColumn: column });
            // Past ten, GitHub drops annotations: the log keeps each, with its place.
            core/* info */.pq(formatFileProblem(problem));
        }
    }
    // The pull request must not keep showing an earlier, successful plan.
    const input = error instanceof errors/* InputError */.dz ? error.input : undefined;
    let markdown = failureMarkdown(context.subject, line, context.dryRun, input);
    if (error instanceof errors/* ConfigInvalid */.QO) {
        // GitHub shows ten error annotations a step: the summary and the comment list them all.
        markdown += problemList(error.problems, report_PROBLEMS_SHOWN);
    }
    await writeSummary(markdown).catch(() => { });
    await comment(context, markdown);
}
const report_PROBLEMS_SHOWN = 200;
/** Each problem with its file and line, as a list; the rest counted (the log has every one). */
function problemList(problems, max) {
    const lines = problems.slice(0, max).map(p => problemLine(`${p.file}:${p.line}`, p.message));
    if (problems.length > max) {
        lines.push(`- … and ${problems.length - max} more: the step's log lists every one.`);
    }
    return `\n${lines.join('\n')}\n`;
}
/** The sharing change stands whatever happens here, so a comment failure is a warning. */
async function comment(context, markdown) {
    if (!context.comment)
        return;
    const key = context.subject;
    const { githubToken } = context.comment;
    try {
        const result = await commentOnPullRequest(githubToken, key, markdown);
        if (!result) {
            core/* info */.pq('comment-on-pr: this run is not for a pull request; no comment.');
            return;
        }
        core/* info */.pq(`${result.action === 'created' ? 'Commented on' : 'Updated the comment on'} pull request #${result.number}${result.url ? `: ${result.url}` : ''}`);
    }
    catch (error) {
        core/* warning */.$e(describeCommentFailure(error, {
            organization: key,
            apiUrl: process.env.GITHUB_API_URL,
            secrets: context.secrets
        }));
    }
}
/**
 * The drift issue: the same layout and budget as the pull request comment, with what to do. A
 * failure to keep it is a warning: the check's own result stands.
 */
async function reportDrift(finding, context, githubToken) {
    const run = runUrl();
    let markdown;
    if (finding.kind === 'could-not-check') {
        markdown = [
            `### The drift check could not run`,
            '',
            `This is not drift: the check stopped before it could compare TFE with the sharing files (${run}).`,
            '',
            `**Failed**: ${markdownText(finding.line)}`,
            '',
            'Fix the cause (the token, the sharing files, TFE itself); the next check updates this issue.',
            ''
        ].join('\n');
    }
    else if (finding.kind === 'clean') {
        markdown = `### TFE matches the sharing files again\n\nChecked by ${run}; this issue is closed.\n`;
    }
    else {
        const intro = [
            '**TFE differs from the sharing files.** To resolve it: run the apply (the default',
            "branch's apply job) so that TFE matches the files again; or, if TFE is right, export",
            "today's sharing (the action's `export` input) and review the difference into the files.",
            `Found by ${run}.`,
            ''
        ].join('\n');
        const budget = COMMENT_LIMIT - Buffer.byteLength(`${driftMarker(context.subject)}\n${intro}\n`);
        markdown = `${intro}\n${filesSummaryMarkdown({ ...finding.outcome, ...context, patterns: context.patterns ?? '' }, budget, `the job summary has all of them (${run})`)}`;
    }
    try {
        const result = await keepDriftIssue(githubToken, context.subject, {
            kind: finding.kind,
            markdown
        });
        if (result.action !== 'none') {
            core/* info */.pq(`Drift issue #${result.number} ${result.action}${result.url ? `: ${result.url}` : ''}`);
        }
    }
    catch (error) {
        core/* warning */.$e(describeIssueFailure(error, {
            subject: context.subject,
            apiUrl: process.env.GITHUB_API_URL,
            secrets: context.secrets
        }));
    }
}
function runUrl() {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;
    return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
        ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
        : 'see the run';
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/settings/inputs.ts
// Every input is read and validated here, once, into one typed Settings object.
// Nothing after readSettings() looks at an input again.







const actionInputs = {
    input: name => core/* getInput */.V4(name),
    env: name => process.env[name],
    mask: secret => core/* setSecret */.Pq(secret)
};

function readSettings(source = actionInputs) {
    // The tokens are masked before anything else happens, so no later line can leak them.
    const token = source.input('token') || source.env('TFE_TOKEN')?.trim() || '';
    if (token)
        source.mask(token);
    const githubToken = source.input('github-token');
    if (githubToken)
        source.mask(githubToken);
    const workspace = parseWorkingDirectory(source.input('working-directory'), source.env('GITHUB_WORKSPACE')?.trim() || process.cwd());
    const patterns = parsePatterns(source.input('config'));
    const exported = parseExport(source.input('export'), workspace);
    const exportTo = exported && {
        ...exported,
        // Set by the runner for `uses: owner/repo@ref`; empty for `uses: ./…`.
        schemaUrl: schemaUrlFor({
            repository: source.env('GITHUB_ACTION_REPOSITORY')?.trim(),
            ref: source.env('GITHUB_ACTION_REF')?.trim(),
            serverUrl: source.env('GITHUB_SERVER_URL')?.trim()
        })
    };
    const many = patterns !== '' || exportTo !== undefined;
    if (patterns !== '' && exportTo !== undefined) {
        throw new errors/* InputError */.dz('export', 'export writes the sharing TFE holds today and config applies sharing files; give one of them per step');
    }
    if (many)
        checkEmptyWithFiles(source, patterns !== '' ? 'config' : 'export');
    const organization = many ? '' : parseOrganization(source.input('organization'));
    const consumers = parseConsumers(source.input('consumers'), organization);
    const allowEmpty = parseBoolean('allow-empty', source.input('allow-empty'), false);
    const baseUrl = parseHostname(source.input('hostname') || source.env('TFE_HOSTNAME')?.trim() || '', source.env('TFE_ADDRESS')?.trim() || '');
    const mode = parseChoice('mode', source.input('mode'), model/* MODES */.FN, 'set');
    const dryRun = parseBoolean('dry-run', source.input('dry-run'), false);
    const globalInput = source.input('global-module-sharing');
    const globalModuleSharing = globalInput === '' ? undefined : parseBoolean('global-module-sharing', globalInput, false);
    const api = parseChoice('api', source.input('api'), model/* APIS */.yc, 'module-consumers');
    const commentOnPr = parseBoolean('comment-on-pr', source.input('comment-on-pr'), false);
    const maxRetries = parseNumber('max-retries', source.input('max-retries'), 5, {
        min: 0,
        max: 20,
        integer: true
    });
    const timeoutSeconds = parseNumber('timeout-seconds', source.input('timeout-seconds'), 30, {
        min: 1,
        max: 600
    });
    const caCertificate = parseCaCertificate(source.input('ca-certificate'));
    const failOnDrift = parseBoolean('fail-on-drift', source.input('fail-on-drift'), false);
    const rateLimit = parseNumber('rate-limit', source.input('rate-limit'), 20, {
        min: 1,
        max: 1000
    });
    const failOnUnmanaged = parseBoolean('fail-on-unmanaged', source.input('fail-on-unmanaged'), false);
    const driftIssue = parseBoolean('drift-issue', source.input('drift-issue'), false);
    validateToken(token);
    if (failOnUnmanaged && patterns === '') {
        throw new errors/* InputError */.dz('fail-on-unmanaged', 'fail-on-unmanaged looks for organizations that are in no sharing file, so it needs config');
    }
    if (driftIssue && (patterns === '' || !failOnDrift)) {
        throw new errors/* InputError */.dz('drift-issue', 'drift-issue reports what a drift check finds, so it needs config, dry-run: true and fail-on-drift: true');
    }
    if (driftIssue && !githubToken) {
        throw new errors/* InputError */.dz('github-token', 'drift-issue is true but github-token is empty; leave github-token at its default (${{ github.token }}) and grant issues: write');
    }
    if (failOnDrift && !dryRun) {
        throw new errors/* InputError */.dz('fail-on-drift', 'fail-on-drift checks for drift without changing anything, so it needs dry-run: true');
    }
    if (commentOnPr && !githubToken) {
        throw new errors/* InputError */.dz('github-token', 'comment-on-pr is true but github-token is empty; leave github-token at its default (${{ github.token }}) and grant pull-requests: write');
    }
    if (!many)
        checkCombination(organization, consumers, mode, globalModuleSharing, allowEmpty);
    return {
        organization,
        consumers,
        token,
        baseUrl,
        allowEmpty,
        mode,
        dryRun,
        globalModuleSharing,
        api,
        pullRequestComment: commentOnPr ? { githubToken } : undefined,
        maxRetries,
        timeoutMs: Math.round(timeoutSeconds * 1000),
        caCertificate,
        config: patterns !== '' ? { patterns, workspace } : undefined,
        exportTo,
        failOnDrift,
        failOnUnmanaged,
        driftIssue: driftIssue ? { githubToken } : undefined,
        rateLimit
    };
}
/** A file states every producer's whole sharing, so a step's inputs for one producer make no sense. */
function checkEmptyWithFiles(source, using) {
    const given = ['organization', 'consumers', 'mode', 'global-module-sharing'].filter(name => source.input(name).trim() !== '');
    if (given.length === 0)
        return;
    throw new errors/* InputError */.dz(given[0] ?? 'organization', using === 'config'
        ? `with config, the sharing files state every producer's sharing; leave ${given.join(', ')} empty ` +
            '(write the producer into a sharing file instead)'
        : `export writes the sharing of every organization; leave ${given.join(', ')} empty`);
}
/**
 * What a failed run's report needs, read leniently after readSettings failed: whatever does not
 * parse is left out, so that a wrong input still reaches the job summary and, when the run can
 * tell which comment is its own, the pull request.
 */
function readForFailure(source) {
    const lenient = (read, fallback) => {
        try {
            return read();
        }
        catch {
            return fallback;
        }
    };
    const patterns = lenient(() => parsePatterns(source.input('config')), '');
    const githubToken = source.input('github-token');
    const comment = lenient(() => parseBoolean('comment-on-pr', source.input('comment-on-pr'), false), false);
    return {
        dryRun: lenient(() => parseBoolean('dry-run', source.input('dry-run'), false), false),
        pullRequestComment: comment && githubToken ? { githubToken } : undefined,
        organization: patterns
            ? ''
            : lenient(() => parseOrganization(source.input('organization')), ''),
        token: source.input('token') || source.env('TFE_TOKEN')?.trim() || '',
        config: patterns ? { patterns } : undefined
    };
}
/**
 * The sharing file patterns, checked here only for a pasted token (they are matched against the
 * workspace later, still before any request): the patterns are quoted in later errors.
 */
function parsePatterns(raw) {
    const lines = raw.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
        const value = line.trim().replace(/^!/, '');
        if ((0,describe_value/* looksLikeToken */.NM)(value) || (0,describe_value/* looksRandom */.EZ)(value)) {
            throw new errors/* InputError */.dz('config', `config ${lines.length > 1 ? `line ${i + 1} ` : ''}is not a path or pattern: ${(0,describe_value/* describe */.q0)(value, describe_value/* QUOTABLE_CHARACTER */.K_)}${tokenHint(value) || '; it looks like a key or random text'}`);
        }
    });
    return raw.trim();
}
/**
 * The folder that sharing files and the export are relative to: the workspace, or a folder in it
 * (e.g. a pull request's files, checked out apart in a workflow that holds the token). Checked
 * through links, so that nothing is read or written outside it.
 */
function parseWorkingDirectory(raw, workspace) {
    const value = raw.trim();
    if (value === '')
        return workspace;
    if ((0,describe_value/* looksLikeToken */.NM)(value) || (0,describe_value/* looksRandom */.EZ)(value)) {
        throw new errors/* InputError */.dz('working-directory', `working-directory is not a folder path: ${(0,describe_value/* describe */.q0)(value, describe_value/* QUOTABLE_CHARACTER */.K_)}${tokenHint(value) || '; it looks like a key or random text'}`);
    }
    const shown = /^[A-Za-z0-9_./-]{1,200}$/.test(value) && !(0,describe_value/* looksLikeToken */.NM)(value) && !(0,describe_value/* looksRandom */.EZ)(value);
    const what = shown ? `"${value}"` : `a value of ${(0,describe_value/* describe */.q0)(value, describe_value/* QUOTABLE_CHARACTER */.K_)}`;
    const path = (0,external_node_path_.resolve)(workspace, value);
    const inside = (from, to) => {
        const rel = (0,external_node_path_.relative)(from, to);
        return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel));
    };
    if ((0,external_node_path_.isAbsolute)(value) || /^[A-Za-z]:/.test(value) || !inside(workspace, path)) {
        throw new errors/* InputError */.dz('working-directory', `working-directory must be a folder inside the workspace, relative to it: ${what}${tokenHint(value)}`);
    }
    let real;
    try {
        real = (0,external_node_fs_namespaceObject.realpathSync)(path);
        if (!(0,external_node_fs_namespaceObject.statSync)(real).isDirectory())
            throw new Error('not a folder');
    }
    catch {
        throw new errors/* InputError */.dz('working-directory', `working-directory ${what} is not a folder of the workspace; check out the files there first`);
    }
    if (!inside((0,external_node_fs_namespaceObject.realpathSync)(workspace), real)) {
        throw new errors/* InputError */.dz('working-directory', `working-directory ${what} is a link that leads outside the workspace; give a folder of the workspace`);
    }
    return path;
}
/**
 * Where editors find the schema (`# yaml-language-server: $schema=...`): the action's own
 * repository at the ref a step runs it by, when it runs as `owner/repo@ref` on github.com; else
 * undefined, and the file has no schema line rather than one that leads nowhere.
 */
function schemaUrlFor(env) {
    const { repository, ref, serverUrl } = env;
    if (!repository || !ref || (serverUrl && serverUrl !== 'https://github.com'))
        return undefined;
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^[\w./-]+$/.test(ref))
        return undefined;
    return `https://raw.githubusercontent.com/${repository}/${ref}/module-sharing.schema.json`;
}
/**
 * The export file: relative to the workspace and inside it, so a step can only write where the
 * workflow's checkout is.
 */
function parseExport(raw, workspace) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if ((0,describe_value/* looksLikeToken */.NM)(value) || (0,describe_value/* looksRandom */.EZ)(value)) {
        throw new errors/* InputError */.dz('export', `export is not a file path: ${(0,describe_value/* describe */.q0)(value, describe_value/* QUOTABLE_CHARACTER */.K_)}${tokenHint(value) || '; it looks like a key or random text'}`);
    }
    const shown = looksLikePath(value) || /^[A-Za-z0-9_./-]{1,200}$/.test(value);
    const what = shown ? `"${value}"` : `a value of ${(0,describe_value/* describe */.q0)(value, describe_value/* QUOTABLE_CHARACTER */.K_)}`;
    if ((0,external_node_path_.isAbsolute)(value) || /^[A-Za-z]:/.test(value)) {
        throw new errors/* InputError */.dz('export', `export must be a path relative to the workspace, not an absolute one: ${what}`);
    }
    const path = (0,external_node_path_.resolve)(workspace, value);
    const file = (0,external_node_path_.relative)(workspace, path);
    if (file === '' || file.startsWith('..') || (0,external_node_path_.isAbsolute)(file) || /[\r\n]/.test(value)) {
        throw new errors/* InputError */.dz('export', `export must name a file inside the workspace: ${what}${tokenHint(value)}`);
    }
    return { path, file: file.split(external_node_path_.sep).join('/'), root: workspace, schemaUrl: undefined };
}
/**
 * Conflicts that the inputs alone reveal. Those that depend on what TFE holds today (wiping
 * existing consumers, an empty result of `remove`) are the plan's to find, still before any write.
 */
function checkCombination(organization, consumers, mode, global, allowEmpty) {
    if (mode !== 'set' && global !== undefined) {
        throw new errors/* InputError */.dz('global-module-sharing', `global-module-sharing cannot be combined with mode: ${mode}; use mode: set (the default) to change global sharing`);
    }
    if (mode !== 'set' && consumers.length === 0) {
        throw new errors/* InputError */.dz('consumers', `mode: ${mode} needs at least one organization in consumers to ${mode === 'add' ? 'add' : 'remove'}`);
    }
    if (global === true && consumers.length > 0) {
        throw new errors/* InputError */.dz('consumers', 'global-module-sharing: true shares with every organization and clears the consumer list; leave consumers empty');
    }
    if (mode === 'set' && global !== true && consumers.length === 0 && !allowEmpty) {
        throw new errors/* InputError */.dz('consumers', `consumers is empty, which would remove every module consumer of ${organization}; ` +
            `list the consuming organizations, or set allow-empty: true to really remove them all`);
    }
}
function parseChoice(name, raw, choices, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (choices.includes(value))
        return value;
    throw new errors/* InputError */.dz(name, `${name} must be one of ${choices.join(', ')}, not ${quoteOrDescribe(value)}${tokenHint(value)}`);
}
function parseOrganization(raw) {
    const value = raw.trim();
    if (!value) {
        throw new errors/* InputError */.dz('organization', 'organization is required: the name of the producing organization');
    }
    if ((0,model/* isExternalId */.bg)(value)) {
        throw new errors/* InputError */.dz('organization', `organization takes the producing organization's name, not its external id (${value})`);
    }
    if (!(0,model/* isOrganizationName */.Px)(value) || (0,describe_value/* looksLikeToken */.NM)(value)) {
        throw new errors/* InputError */.dz('organization', `organization is not a valid organization name: ${(0,describe_value/* describe */.q0)(value, describe_value/* NAME_CHARACTER */.YI)} ` +
            `(letters, digits, - and _ only)${tokenHint(value)}`);
    }
    return value;
}
/**
 * One entry per line or between commas; blanks and comments are dropped: a `#` that starts a
 * line or an entry, or follows white space, comments out the rest of its line (names hold
 * neither). Each entry is classified and exact duplicates collapse. A name and the id of the
 * same organization collapse later, once names are resolved.
 */
function parseConsumers(raw, producer) {
    const refs = [];
    const seen = new Set();
    const invalid = [];
    const lines = raw.split(/\r\n|\r|\n/);
    lines.forEach((line, lineIndex) => {
        const entries = line
            .replace(/(^|[\s,])#.*$/s, '$1')
            .split(',')
            .map(entry => entry.trim())
            .filter(entry => entry !== '');
        entries.forEach((value, entryIndex) => {
            if (seen.has(value))
                return;
            seen.add(value);
            if ((0,model/* isExternalId */.bg)(value)) {
                refs.push({ kind: 'id', id: value });
            }
            else if ((0,model/* isOrganizationName */.Px)(value) && !(0,describe_value/* looksLikeToken */.NM)(value)) {
                if (value === producer) {
                    throw new errors/* InputError */.dz('consumers', `consumers lists ${producer} itself; an organization always uses its own modules, remove it from the list`);
                }
                refs.push((0,model/* looksLikeExternalId */.ku)(value)
                    ? { kind: 'name', name: value, looksLikeId: true }
                    : { kind: 'name', name: value });
            }
            else {
                const where = [
                    lines.length > 1 ? `line ${lineIndex + 1}` : '',
                    entries.length > 1 ? `entry ${entryIndex + 1}` : ''
                ];
                invalid.push({ where: where.filter(Boolean).join(', '), value });
            }
        });
    });
    if (invalid.length > 0) {
        // Described, never quoted: a token pasted here must not show in the log.
        const shown = invalid
            .slice(0, 5)
            .map(({ where, value }) => {
            const what = (0,describe_value/* describe */.q0)(value, describe_value/* NAME_CHARACTER */.YI);
            return where ? `${where} (${what})` : what;
        })
            .join('; ');
        const more = invalid.length > 5 ? `; and ${invalid.length - 5} more` : '';
        const values = invalid.map(entry => entry.value);
        const hashHint = values.some(value => /^[A-Za-z0-9_-]+#/.test(value))
            ? '; a comment starts with # at the start of a line or after a space'
            : '';
        throw new errors/* InputError */.dz('consumers', `consumers has ${invalid.length === 1 ? 'an entry that is' : `${invalid.length} entries that are`} ` +
            'neither an organization name (letters, digits, - and _) nor an external id ' +
            `(org- and 16 base58 characters): ${shown}${more}${hashHint}${tokenHint(...values)}`);
    }
    return refs;
}
/**
 * Plain http:// is only for these: the token never crosses a network unencrypted. URL() writes
 * IPv6 in brackets and compressed, and ::ffff:127.0.0.1 as [::ffff:7f00:1].
 */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/i;
/** What a host name is written with: letters (any script: IDNA makes them ASCII), digits, - and dots. */
const HOST_CHARACTER = /^[A-Za-z0-9.-]$|^[^\p{ASCII}]$/u;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** Top-level domains are letters, or IDNA's xn-- form; never digits. */
const TOP_LEVEL = /^([a-z]+|xn--[a-z0-9-]+)$/;
/**
 * Accepts `tfe.example.com`, `tfe.example.com:8443`, `https://tfe.example.com`, an IPv4 address
 * or an IPv6 one in brackets (`[2001:db8::1]`); `http://` only for a loopback host, so a token
 * never crosses a network in clear text. The value is never shown back (a token or password may
 * have been pasted into it); errors say what is wrong with it instead.
 */
function parseHostname(hostname, address) {
    const raw = (hostname || address).trim();
    if (!raw) {
        throw new errors/* InputError */.dz('hostname', 'no TFE hostname: set the hostname input (e.g. tfe.example.com) or the TFE_HOSTNAME or TFE_ADDRESS environment variable');
    }
    const host = splitHost(raw);
    if (typeof host === 'string')
        throw new errors/* InputError */.dz('hostname', `hostname ${host}`);
    let url;
    try {
        url = new URL(`${host.scheme}://${host.authority}`);
    }
    catch {
        throw new errors/* InputError */.dz('hostname', host.authority.startsWith('[')
            ? 'hostname has an IPv6 address in brackets that is not valid, e.g. [2001:db8::1]'
            : `hostname is not a host name or URL: ${Array.from(raw).length} characters; give a host ${HOST_EXAMPLE}`);
    }
    const problem = hostProblem(url.hostname);
    if (problem)
        throw new errors/* InputError */.dz('hostname', `hostname is not a valid host name: ${problem}`);
    if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
        throw new errors/* InputError */.dz('hostname', 'hostname uses plain http://, which would send the token unencrypted; use https:// ' +
            '(http:// is only for localhost, 127.0.0.1 and [::1])');
    }
    return `${url.protocol}//${url.host}`;
}
const HOST_EXAMPLE = 'like tfe.example.com or https://tfe.example.com:8443';
/**
 * The scheme and `host[:port]` of what the user wrote, or what is wrong with it (without
 * quoting it): only the parts URL() would quietly accept or mend are checked here.
 */
function splitHost(raw) {
    if ((0,describe_value/* looksLikeToken */.NM)(raw) || (0,describe_value/* looksRandom */.EZ)(raw)) {
        return (`looks like an API token or key (${Array.from(raw).length} characters), not a host name; ` +
            'tokens belong only in the token input, from a secret');
    }
    // scheme://, then the authority up to the first / ? # or \ (which URL() reads as /).
    const [, scheme, authority = '', rest = ''] = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#\\]*)(.*)$/is.exec(raw) ?? [];
    if (scheme !== undefined && !/^https?$/i.test(scheme)) {
        return `must use https://${/^[a-z]{1,10}$/i.test(scheme) ? ` (not ${scheme.toLowerCase()}://)` : ''}`;
    }
    if (authority.includes('@')) {
        return `must be only a host (and port), ${HOST_EXAMPLE}; it holds a user name or password (before an @), which is never needed`;
    }
    if (rest !== '' && rest !== '/') {
        return `must be only a host (and port), ${HOST_EXAMPLE}; it has a path, query or fragment after the host`;
    }
    const [, name, port] = /^(\[[^\]]*\]|[^:]*)(?::([^:]*))?$/s.exec(authority) ?? [];
    if (name === undefined) {
        return 'is not a host name or URL: it has more than one :, and an IPv6 address must be in brackets, like [2001:db8::1]';
    }
    if (port && !(/^\d{1,5}$/.test(port) && +port >= 1 && +port <= 65535)) {
        return 'is not a host name or URL: its port is not a number from 1 to 65535';
    }
    if (name === '')
        return `is not a host name or URL: it has no host; give one ${HOST_EXAMPLE}`;
    const characters = Array.from(name);
    const bad = name.startsWith('[') ? -1 : characters.findIndex(c => !HOST_CHARACTER.test(c));
    if (bad >= 0) {
        const position = (scheme === undefined ? 0 : scheme.length + 3) + bad + 1;
        return (`is not a host name or URL: ${Array.from(raw).length} characters, the first that is not allowed ` +
            `is ${(0,describe_value/* characterName */.pp)(characters[bad] ?? '')} at position ${position} ` +
            `(a host name has letters, digits, - and dots; ${HOST_EXAMPLE})`);
    }
    return { scheme: scheme?.toLowerCase() ?? 'https', authority };
}
/** Why URL()'s (lower-case, ASCII) host name is no DNS name or IP address; '' when it is one. */
function hostProblem(hostname) {
    if (hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname))
        return '';
    const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
    if (name.length > 253)
        return 'it is longer than 253 characters';
    const labels = name.split('.');
    if (labels.some(label => label === ''))
        return 'it has an empty part between dots';
    if (labels.some(label => label.length > 63)) {
        return 'a part between dots is longer than 63 characters';
    }
    if (labels.some(label => !DNS_LABEL.test(label))) {
        return 'a part between dots starts or ends with -, or holds a character other than letters, digits and -';
    }
    if (labels.length > 1 && !TOP_LEVEL.test(labels[labels.length - 1] ?? '')) {
        return 'its last part is not a top-level domain (letters only, like .com or .internal)';
    }
    return '';
}
function parseNumber(name, raw, fallback, { min, max, integer = false }) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    const number = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) ||
        (integer && !Number.isInteger(number)) ||
        number < min ||
        number > max) {
        throw new errors/* InputError */.dz(name, `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, ` +
            `not ${quoteOrDescribe(value)}${tokenHint(value)}`);
    }
    return number;
}
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
/** PEM text, or the path of a PEM file; every certificate in it must parse. */
function parseCaCertificate(raw) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    let pem = value;
    if (!value.includes('-----BEGIN')) {
        try {
            pem = (0,external_node_fs_namespaceObject.readFileSync)(value, 'utf8');
        }
        catch (error) {
            const code = error.code ?? 'unreadable';
            const shown = looksLikePath(value)
                ? `"${value}"`
                : `a value of ${Array.from(value).length} characters`;
            throw new errors/* InputError */.dz('ca-certificate', `ca-certificate is neither PEM text nor a readable file: ${shown} (${code})${tokenHint(value)}`);
        }
    }
    const blocks = pem.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) {
        throw new errors/* InputError */.dz('ca-certificate', 'ca-certificate holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
    }
    blocks.forEach((block, i) => {
        try {
            new external_node_crypto_.X509Certificate(block);
        }
        catch {
            throw new errors/* InputError */.dz('ca-certificate', `ca-certificate: certificate ${i + 1} of ${blocks.length} is not valid PEM`);
        }
    });
    return blocks.join('\n') + '\n';
}
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
/** YAML 1.2 core-schema booleans, as core.getBooleanInput reads them, but with a one-line error. */
function parseBoolean(name, raw, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    throw new errors/* InputError */.dz(name, `${name} must be true or false, not ${quoteOrDescribe(value)}${tokenHint(value)}`);
}
function validateToken(token) {
    if (!token) {
        throw new errors/* InputError */.dz('token', "no TFE token: pass a site administrator's API token in the token input (e.g. ${{ secrets.TFE_TOKEN }}) or the TFE_TOKEN environment variable");
    }
    // Only visible ASCII fits in an Authorization header; anything else (a zero-width space
    // pasted along with it) would fail every request with a misleading network error.
    if (/[^\x21-\x7e]/.test(token)) {
        throw new errors/* InputError */.dz('token', 'the token contains white space or invisible characters; copy it again without them');
    }
}
// A value that is not what its input expects may be anything, a token pasted into the wrong
// input included; the runner masks the token only where it appears whole. So such a value is
// quoted only when it is short and plain, and otherwise described: its length and the first
// character that does not belong.
/** Short and plain enough to show back, for a choice, boolean or number input. */
const QUOTABLE = /^[A-Za-z0-9_.-]{1,12}$/;
function quoteOrDescribe(value) {
    return QUOTABLE.test(value) ? `"${value}"` : `a value of ${(0,describe_value/* describe */.q0)(value, describe_value/* QUOTABLE_CHARACTER */.K_)}`;
}
/** Added to an error about a value shaped like an API token: say where a token belongs. */
function tokenHint(...values) {
    return values.some(describe_value/* looksLikeToken */.NM)
        ? '; it looks like an API token, and tokens belong only in the token input, from a secret'
        : '';
}
/**
 * A file path, safe to show: plain characters, a directory or a certificate's extension, and no
 * long or random-looking run of letters and digits.
 */
function looksLikePath(value) {
    return (/^[A-Za-z0-9_.~/\\: -]{1,200}$/.test(value) &&
        /[/\\]|\.(pem|crt|cer|ca-bundle)$/i.test(value) &&
        !/[A-Za-z0-9]{28}/.test(value) &&
        !(0,describe_value/* looksRandom */.EZ)(value) &&
        !(0,describe_value/* looksLikeToken */.NM)(value));
}

;// CONCATENATED MODULE: ./src/domain/desired.ts
/** True unless a sharing file states only provider sharing. */
function managesModules(desired) {
    return desired.managesModules !== false;
}

;// CONCATENATED MODULE: ./src/domain/plan.ts




function makePlan(input) {
    const { organization, mode, previous, globalBefore } = input;
    const managesModules = input.managesModules !== false;
    // Not managed: today's sharing, as it is.
    const modules = managesModules
        ? planModules(input)
        : { next: [...(previous ?? [])], globalAfter: globalBefore, warnings: [] };
    const providers = input.providers ? planProviders(input, input.providers) : undefined;
    const { next, globalAfter, warnings } = modules;
    const { added, removed, rows } = compare(previous, next);
    const listChanged = managesModules && (previous === undefined || added.length > 0 || removed.length > 0);
    // A list is written unless global sharing replaces it, or global sharing is turned off to leave
    // it empty (one write instead of two).
    const moduleList = managesModules && !globalAfter && !(globalBefore && next.length === 0);
    const providerList = providers !== undefined &&
        !providers.global.after &&
        !(providers.global.before && providers.next.length === 0) &&
        providers.listChanged;
    const steps = [];
    if ((moduleList && listChanged) || providerList) {
        // A list that global sharing will replace keeps today's consumers until the flag changes.
        const modulesSent = managesModules && !globalAfter ? next : [...(previous ?? [])];
        steps.push({ kind: 'list', write: listWrite(input, modulesSent, globalAfter, providers) });
    }
    // Writing a list turns global sharing off (TFE's docs). Writing the list first leaves no moment
    // of sharing with nobody; the flag is then confirmed, and set only if TFE left it on.
    const listed = steps.length > 0;
    if (managesModules) {
        steps.push(...globalSteps('modules', { before: globalBefore, after: globalAfter }, listed));
    }
    if (providers)
        steps.push(...globalSteps('providers', providers.global, listed));
    return {
        organization,
        mode,
        api: input.api,
        previous: previous === undefined ? undefined : [...previous],
        next,
        added,
        removed,
        rows,
        global: { before: globalBefore, after: globalAfter },
        changed: steps.length > 0,
        listChanged,
        warnings,
        steps,
        managesModules,
        providers
    };
}
function globalSteps(of, { before, after }, listWritten) {
    if (after && !before)
        return [{ kind: 'global-on', of }];
    if (before && !after)
        return [{ kind: 'global-off', of, confirmFirst: listWritten }];
    return [];
}
/**
 * What a run changes in one list: who is added, who removed, and every row (the next list in
 * order, each kept or added, then the removed ones). When today's list is unknown (undefined),
 * `added` is empty (nothing can be said to be new) and every row reads as added (the whole list
 * is set).
 */
function compare(previous, next) {
    const previousIds = new Set((previous ?? []).map(c => c.externalId));
    const nextIds = new Set(next.map(c => c.externalId));
    const added = previous === undefined ? [] : next.filter(c => !previousIds.has(c.externalId));
    const removed = (previous ?? []).filter(c => !nextIds.has(c.externalId));
    const rows = [
        ...next.map(consumer => ({
            consumer,
            change: (previous === undefined || !previousIds.has(consumer.externalId)
                ? 'added'
                : 'kept')
        })),
        ...removed.map(consumer => ({ consumer, change: 'removed' }))
    ];
    return { added, removed, rows };
}
/** The module list and global setting a run asks for, or why it cannot be planned. */
function planModules(input) {
    const { organization, mode, previous, globalBefore } = input;
    const warnings = [];
    const previousIds = new Set((previous ?? []).map(c => c.externalId));
    if (previous === undefined && mode !== 'set') {
        throw new errors/* PlanConflict */.gF(`${organization}: ${tfe_answers/* CANNOT_LIST_CONSUMERS */.L$} (no relationships endpoint, HTTP 404), ` +
            `so mode: ${mode} cannot know what to ${mode} to or from; use mode: set with the whole list.`);
    }
    if (previous === undefined && input.dryRun) {
        throw new errors/* PlanConflict */.gF(`${organization}: ${tfe_answers/* CANNOT_LIST_CONSUMERS */.L$} (no relationships endpoint, HTTP 404), ` +
            'so a dry run cannot show what would change. Run without dry-run to set the list.');
    }
    if (globalBefore && mode !== 'set') {
        throw new errors/* PlanConflict */.gF(`${organization}: shares its modules with every organization (global module sharing), so there is ` +
            `no consumer list to ${mode} to or from; use mode: set with global-module-sharing: false and the whole list.`);
    }
    if (input.globalModuleSharing === true) {
        if (!input.allowEmpty && (previous === undefined || previous.length > 0)) {
            const what = previous === undefined
                ? 'its consumer list, which this TFE cannot show,'
                : `its ${describe(previous)}`;
            throw new errors/* PlanConflict */.gF(`${organization}: turning global module sharing on wipes ${what}; ` +
                'set allow-empty: true to accept that. Nothing was changed.');
        }
        return { next: [], globalAfter: true, warnings };
    }
    if (globalBefore && input.globalModuleSharing !== false) {
        throw new errors/* PlanConflict */.gF(`${organization}: shares its modules with every organization today (global module sharing); ` +
            'a consumer list turns that off. Set global-module-sharing: false to confirm. Nothing was changed.');
    }
    const requested = match(input.requested, input.known);
    const producerId = input.producerId;
    const listsItself = requested.some(r => r.consumer && r.consumer.externalId === producerId);
    if (mode !== 'remove' && listsItself) {
        // TFE would answer the write with a 422: a dry run must refuse it the same way.
        throw new errors/* PlanConflict */.gF(`${organization}: consumers lists ${organization} itself (${producerId}); ` +
            'an organization always uses its own modules, remove it from the list. Nothing was changed.');
    }
    let next;
    if (mode === 'set') {
        next = unique(requested.map(r => r.consumer).filter(isConsumer));
    }
    else if (mode === 'add') {
        next = unique([...(previous ?? []), ...requested.map(r => r.consumer).filter(isConsumer)]);
    }
    else {
        const gone = new Set();
        for (const { ref, consumer } of requested) {
            if (consumer && previousIds.has(consumer.externalId))
                gone.add(consumer.externalId);
            else
                warnings.push(`${organization}: ${show(ref)} is not a module consumer, so there is nothing to remove; check the name`);
        }
        next = (previous ?? []).filter(c => !gone.has(c.externalId));
    }
    const unresolved = requested.filter(r => !r.consumer && mode !== 'remove').map(r => show(r.ref));
    if (unresolved.length > 0) {
        // The caller resolves every name before planning; reaching here is a bug, not bad input.
        throw new errors/* PlanConflict */.gF(`${organization}: could not resolve ${unresolved.join(', ')}`);
    }
    if (next.length === 0 && !input.allowEmpty && (previous === undefined || previous.length > 0)) {
        throw new errors/* PlanConflict */.gF(`${organization}: this run would leave no module consumers (removing ${describe(previous ?? [])}); ` +
            'set allow-empty: true to accept that. Nothing was changed.');
    }
    return { next, globalAfter: false, warnings };
}
/**
 * The provider list and global setting a sharing file asks for: always the whole list (mode set),
 * written only through registry-partnerships, on a TFE that lists provider consumers.
 */
function planProviders(input, asked) {
    const { organization, api } = input;
    if (api !== 'registry-partnerships') {
        throw new errors/* PlanConflict */.gF(`${organization}: ${(0,tfe_answers/* providersNeedRegistryPartnerships */.fo)(api)}. Nothing was changed.`);
    }
    const previous = input.providerConsumers;
    if (previous === undefined) {
        throw new errors/* PlanConflict */.gF(`${organization}: ${tfe_answers/* CANNOT_LIST_PROVIDER_CONSUMERS */.bo}; leave provider-consumers and ` +
            'global-provider-sharing out of the file. Nothing was changed.');
    }
    const before = input.globalProviderSharing === true;
    let next = [];
    if (!asked.global) {
        const requested = match(asked.requested, input.known);
        const itself = requested.find(r => r.consumer && r.consumer.externalId === input.producerId);
        if (itself) {
            throw new errors/* PlanConflict */.gF(`${organization}: provider-consumers lists ${organization} itself (${input.producerId}); ` +
                'an organization always uses its own providers, remove it from the list. Nothing was changed.');
        }
        const unresolved = requested.filter(r => !r.consumer).map(r => show(r.ref));
        if (unresolved.length > 0) {
            // The caller resolves every name before planning; reaching here is a bug, not bad input.
            throw new errors/* PlanConflict */.gF(`${organization}: could not resolve ${unresolved.join(', ')}`);
        }
        next = unique(requested.map(r => r.consumer).filter(isConsumer));
    }
    if (next.length === 0 && !input.allowEmpty && previous.length > 0) {
        // Worded as for modules; files always allow empty (the review confirms), other callers may not.
        const what = asked.global
            ? `turning global provider sharing on wipes its ${describe(previous)}`
            : `this run would leave no provider consumers (removing ${describe(previous)})`;
        throw new errors/* PlanConflict */.gF(`${organization}: ${what}; set allow-empty: true to accept that. Nothing was changed.`);
    }
    const { added, removed, rows } = compare(previous, next);
    return {
        previous: [...previous],
        next,
        added,
        removed,
        rows,
        global: { before, after: asked.global },
        listChanged: added.length > 0 || removed.length > 0
    };
}
/** The list as the chosen API takes it, once it is sure the API can write it without doubt. */
function listWrite(input, modules, modulesGlobalAfter, providers) {
    const { organization, api } = input;
    // Both APIs answer 204 and are confirmed only by the relationships GET this TFE lacks.
    if (api !== 'module-consumers' && input.previous === undefined) {
        throw new errors/* PlanConflict */.gF(`${organization}: this TFE has no relationships endpoint (HTTP 404 for an existing organization), ` +
            `so a write through ${api} could not be confirmed; use api: module-consumers. Nothing was changed.`);
    }
    if (api === 'registry-partnerships') {
        if (input.providerConsumers === undefined) {
            throw new errors/* PlanConflict */.gF(`${organization}: this TFE does not list provider consumers (HTTP 404), and registry-partnerships ` +
                'would overwrite them; use api: relationships or module-consumers. Nothing was changed.');
        }
        refuseGlobalLoss(input, modulesGlobalAfter, providers);
        return {
            api,
            consumers: named(organization, modules),
            providerConsumers: named(organization, providers?.next ?? input.providerConsumers),
            providersManaged: providers !== undefined
        };
    }
    return api === 'relationships'
        ? { api, consumers: named(organization, modules) }
        : { api, consumers: [...modules] };
}
/**
 * One registry-partnerships call sets both lists, and writing a list turns that kind's global
 * sharing off (by analogy with modules: docs/tfe-api.md#provider-sharing). A kind that shares
 * with every organization and should go on doing so would lose it: refuse the producer instead.
 */
function refuseGlobalLoss(input, modulesGlobalAfter, providers) {
    const { organization } = input;
    if (input.globalProviderSharing && (providers?.global.after ?? true)) {
        throw new errors/* PlanConflict */.gF(providers === undefined
            ? `${organization}: shares its providers with every organization, and a registry-partnerships write ` +
                'may turn that off; use api: relationships or module-consumers. Nothing was changed.'
            : `${organization}: shares its providers with every organization, and the registry-partnerships write ` +
                'that sets its module consumers may turn that off (one call sets both lists); change its ' +
                'module consumers in TFE by hand, or share its providers by a list. Nothing was changed.');
    }
    if (input.globalBefore && modulesGlobalAfter) {
        throw new errors/* PlanConflict */.gF(input.managesModules === false
            ? `${organization}: shares its modules with every organization, and the registry-partnerships write ` +
                'that sets its provider consumers may turn that off (one call sets both lists); state its ' +
                'module sharing in the file as a list, or change its provider consumers in TFE by hand. ' +
                'Nothing was changed.'
            : `${organization}: shares its modules with every organization, and the registry-partnerships write ` +
                'that sets its provider consumers may turn that off (one call sets both lists); change its ' +
                'provider consumers in TFE by hand, or share its modules by a list. Nothing was changed.');
    }
}
function named(organization, consumers) {
    const unnamed = consumers.filter(c => !(0,model/* hasName */.cP)(c));
    if (unnamed.length > 0) {
        // The caller names every consumer for the name-based APIs; a gap here is a bug.
        throw new errors/* PlanConflict */.gF(`${organization}: no name known for ${unnamed.map(c => c.externalId).join(', ')}`);
    }
    return consumers;
}
function match(refs, known) {
    const byId = new Map(known.map(c => [c.externalId, c]));
    const byName = new Map(known.filter(c => c.name).map(c => [c.name, c]));
    return refs.map(ref => ({
        ref,
        consumer: ref.kind === 'id' ? (byId.get(ref.id) ?? { externalId: ref.id }) : byName.get(ref.name)
    }));
}
/** First occurrence wins: a name and an id of one organization count once. */
function unique(consumers) {
    const seen = new Map();
    for (const c of consumers)
        if (!seen.has(c.externalId))
            seen.set(c.externalId, c);
    return [...seen.values()];
}
function isConsumer(value) {
    return value !== undefined;
}
function show(ref) {
    return ref.kind === 'id' ? ref.id : ref.name;
}
function describe(consumers) {
    const names = consumers.slice(0, 5).map(model/* consumerLabel */.X7);
    if (consumers.length > 5)
        names.push(`and ${consumers.length - 5} more`);
    return `${consumers.length} consumer${consumers.length === 1 ? '' : 's'} (${names.join(', ')})`;
}

;// CONCATENATED MODULE: ./src/tfe/concurrency.ts
/**
 * Maps with at most `limit` calls in flight: lookups go faster than one by one without
 * spending the 30 requests/second that the admin user shares with every other automation.
 */
async function mapConcurrently(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/tfe/response.ts

/** Reads the whole body, refusing one over maxBytes and giving up after timeoutMs. */
async function readBody(stream, info, maxBytes, timeoutMs) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let settled = false;
        const finish = (error, text) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            if (error) {
                stream.destroy();
                reject(error);
            }
            else {
                resolve(text ?? '');
            }
        };
        const timer = setTimeout(() => finish(new TfeTransportError(info, 'ETIMEDOUT', `${label(info)}: the answer did not complete in time`)), timeoutMs);
        stream.on('data', (chunk) => {
            size += chunk.length;
            if (size > maxBytes) {
                finish(new TfeResponseError(info, stream.statusCode ?? 0, `${label(info)} answered with more than ${formatBytes(maxBytes)}; refusing to read it`));
                return;
            }
            chunks.push(chunk);
        });
        stream.on('end', () => finish(undefined, Buffer.concat(chunks).toString('utf8')));
        stream.on('aborted', () => finish(new TfeTransportError(info, 'ECONNRESET', `${label(info)}: the connection closed mid-answer`)));
        stream.on('error', (error) => finish(transportError(info, error)));
        stream.on('close', () => {
            if (!stream.complete) {
                finish(new TfeTransportError(info, 'ECONNRESET', `${label(info)}: the connection closed mid-answer`));
            }
        });
    });
}
/** What a non-2xx body says: JSON:API errors, a proxy's HTML page, plain text or nothing. */
function decodeErrorBody(text, contentType) {
    const trimmed = text.trim();
    if (!trimmed)
        return { errors: [], kind: 'empty', excerpt: '' };
    if (/html/i.test(contentType ?? '') || trimmed.startsWith('<')) {
        const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed);
        return { errors: [], kind: 'html', excerpt: response_oneLine(title?.[1]?.replace(/<[^>]*>/g, '') ?? '') };
    }
    let document;
    try {
        document = JSON.parse(trimmed);
    }
    catch {
        return { errors: [], kind: 'text', excerpt: response_oneLine(trimmed) };
    }
    const errors = decodeErrors(document);
    // JSON, but not an error list: still show what it was.
    return errors.length > 0
        ? { errors, kind: 'json', excerpt: '' }
        : { errors, kind: 'text', excerpt: response_oneLine(trimmed) };
}
/** JSON:API error objects, and old endpoints' plain strings; `status` may be a string or a number. */
function decodeErrors(document) {
    if (!isRecord(document) || !Array.isArray(document.errors))
        return [];
    return document.errors.map((entry) => {
        if (!isRecord(entry)) {
            return {
                detail: response_oneLine(typeof entry === 'string' ? entry : (JSON.stringify(entry) ?? String(entry)))
            };
        }
        const source = isRecord(entry.source) ? entry.source : {};
        return {
            status: scalar(entry.status),
            title: scalar(entry.title),
            detail: scalar(entry.detail),
            pointer: scalar(source.pointer)
        };
    });
}
/** JSON of a 2xx answer; anything else is a clear error, never a crash deeper in. */
function parseDocument(text, info, status) {
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        const flat = response_oneLine(text, 80);
        throw new TfeResponseError(info, status, `${label(info)} answered HTTP ${status} with a body that is not JSON${flat ? ` ("${flat}")` : ''}`);
    }
}
const TRANSPORT_CAUSES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    EPIPE: 'connection closed',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed and not trusted',
    SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain has an untrusted self-signed CA',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate is signed by an unknown CA',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate is signed by an unknown CA',
    CERT_HAS_EXPIRED: 'TLS certificate has expired',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
    ERR_SSL_WRONG_VERSION_NUMBER: 'the server answered without TLS (is it plain http:// on that port?)'
};
function transportError(info, error) {
    if (error instanceof TfeTransportError)
        return error;
    const err = error;
    const message = typeof err?.message === 'string' ? err.message : String(error);
    let code = typeof err?.code === 'string' ? err.code : '';
    // OpenSSL's way of saying the other end does not speak TLS at all (plain http on that port).
    if (/wrong version number/i.test(message))
        code = 'ERR_SSL_WRONG_VERSION_NUMBER';
    // http-client reports its socket timeout as a plain Error.
    if (!code && /timeout/i.test(message))
        code = 'ETIMEDOUT';
    if (!code && /socket hang up/i.test(message))
        code = 'ECONNRESET';
    // OpenSSL's own words name its source files, not the problem: keep only the code.
    const cause = TRANSPORT_CAUSES[code] ??
        (/^ERR_SSL_|^EPROTO$/.test(code) ? 'the TLS handshake failed' : response_oneLine(message, 120));
    return new TfeTransportError(info, code || 'EUNKNOWN', `${label(info)}: ${cause}${code ? ` (${code})` : ''}`);
}
function label(info) {
    return `${info.method} ${info.path}`;
}
function response_oneLine(text, max = 200) {
    const flat = text.replace(/[\s\u0085]+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
function scalar(value) {
    if (typeof value === 'string' || typeof value === 'number')
        return response_oneLine(String(value)) || undefined;
    return undefined;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function formatBytes(bytes) {
    return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}

;// CONCATENATED MODULE: ./src/tfe/organizations.ts



/** Lookups in flight at once: well inside the 30 requests/second an admin user shares. */
const LOOKUP_CONCURRENCY = 8;
const ADMIN_ORGANIZATIONS = '/admin/organizations';
function organizationPath(name) {
    return `${ADMIN_ORGANIZATIONS}/${encodeURIComponent(name)}`;
}
async function getOrganization(client, name) {
    const path = organizationPath(name);
    const response = await client.get(path);
    return decodeOrganization(isRecord(response.document) ? response.document.data : undefined, `GET ${path}`);
}
/**
 * PATCH the organization's `global-module-sharing`. Turning it on wipes the consumer list
 * (TFE's docs say those partnerships are lost); the plan has checked that before calling this.
 */
async function setGlobalModuleSharing(client, name, enabled) {
    return setGlobalSharing(client, name, 'global-module-sharing', enabled);
}
/**
 * PATCH the organization's `global-provider-sharing`, set as its module twin is
 * (docs/tfe-api.md#provider-sharing); by analogy, turning it on wipes the provider consumers.
 */
async function setGlobalProviderSharing(client, name, enabled) {
    return setGlobalSharing(client, name, 'global-provider-sharing', enabled);
}
async function setGlobalSharing(client, name, attribute, enabled) {
    const path = organizationPath(name);
    const response = await client.patch(path, {
        data: { type: 'organizations', attributes: { [attribute]: enabled } }
    });
    return decodeOrganization(isRecord(response.document) ? response.document.data : undefined, `PATCH ${path}`);
}
/** An `organizations` resource: `id` is the name, `attributes.external-id` the id. */
function decodeOrganization(resource, where) {
    const attributes = isRecord(resource) && isRecord(resource.attributes) ? resource.attributes : undefined;
    const name = attributes?.name ?? (isRecord(resource) ? resource.id : undefined);
    const externalId = attributes?.['external-id'];
    if (typeof name !== 'string' || typeof externalId !== 'string' || !name || !externalId) {
        const [method = 'GET', path = where] = where.split(' ');
        throw new TfeResponseError({ method, path }, 200, `${where} answered with an organization that has no name or external-id`);
    }
    return {
        name,
        externalId,
        globalModuleSharing: attributes?.['global-module-sharing'] === true,
        globalProviderSharing: attributes?.['global-provider-sharing'] === true
    };
}
/**
 * Finds organizations by name and by external id with as few requests as it can. TFE has a
 * lookup by name but none by id, so ids need the admin list (100 a page). One or two names are
 * looked up one by one; for more, the first page of the list (which also tells the page count
 * P) decides: the names still missing are looked up one by one if that is cheaper than the
 * remaining pages. N names thus cost at most min(N, P) + 1 requests, and at most N when the
 * first page holds one of them. `seen` hears of every organization a list page shows, wanted or
 * not, so that a caller can answer later questions without asking again.
 */
async function findOrganizations(client, wanted, seen = () => { }) {
    const names = new Set(wanted.names);
    const ids = new Set(wanted.ids);
    const found = new Map();
    let complete = false;
    const take = (org) => {
        const byName = names.delete(org.name);
        const byId = ids.delete(org.externalId);
        if (byName || byId)
            found.set(org.externalId, org);
    };
    const takePage = (page) => page.items.forEach((item, i) => {
        const org = decodeOrganization(item, `GET ${ADMIN_ORGANIZATIONS} item ${i}`);
        seen(org);
        take(org);
    });
    if (ids.size === 0 && names.size <= 2) {
        await lookUpEach(client, [...names], take);
    }
    else {
        const first = await client.getPage(ADMIN_ORGANIZATIONS, 1);
        takePage(first);
        let next = first.next;
        const pagesLeft = first.totalPages !== undefined ? first.totalPages - 1 : Infinity;
        if (next !== undefined && ids.size === 0 && names.size <= pagesLeft) {
            await lookUpEach(client, [...names], take);
        }
        else {
            // The rest of the list, a few pages at a time, stopping once everything is found.
            while (next !== undefined && (names.size > 0 || ids.size > 0)) {
                const batch = first.totalPages !== undefined
                    ? range(next, Math.min(first.totalPages, next + LOOKUP_CONCURRENCY - 1))
                    : [next];
                const pages = await mapConcurrently(batch, LOOKUP_CONCURRENCY, page => client.getPage(ADMIN_ORGANIZATIONS, page));
                pages.forEach(takePage);
                next = pages[pages.length - 1]?.next;
            }
            complete = next === undefined;
        }
    }
    return {
        organizations: [...found.values()],
        missingNames: [...names],
        missingIds: [...ids],
        complete
    };
}
/**
 * Every organization of the admin list, 100 a page. The first page tells the page count (when
 * TFE sends `meta.pagination`); the rest are fetched a few at a time, and the rate limiter, not
 * this function, sets the pace. `moduleProducer` adds `filter[module_producer]` (v202103-1+),
 * `providerProducer` `filter[provider_producer]` (docs/tfe-api.md#finding-the-organizations-that-share).
 */
async function listOrganizations(client, { moduleProducer, providerProducer } = {}) {
    const query = {};
    if (moduleProducer !== undefined)
        query['filter[module_producer]'] = String(moduleProducer);
    if (providerProducer !== undefined)
        query['filter[provider_producer]'] = String(providerProducer);
    const first = await client.getPage(ADMIN_ORGANIZATIONS, 1, query);
    const pages = [first];
    if (first.totalPages !== undefined && first.next !== undefined) {
        const rest = range(first.next, first.totalPages);
        pages.push(...(await mapConcurrently(rest, LIST_CONCURRENCY, page => client.getPage(ADMIN_ORGANIZATIONS, page, query))));
    }
    // Without a page count, or if the list grew while it was read: on, one page at a time.
    for (let next = pages[pages.length - 1]?.next; next !== undefined;) {
        const page = await client.getPage(ADMIN_ORGANIZATIONS, next, query);
        pages.push(page);
        next = page.next;
    }
    const seen = new Map();
    pages.forEach((page, p) => page.items.forEach((item, i) => {
        const org = decodeOrganization(item, `GET ${ADMIN_ORGANIZATIONS} page ${p + 1} item ${i}`);
        seen.set(org.name, org);
    }));
    return [...seen.values()];
}
/** Pages in flight at once while listing: enough to keep the rate limiter's pace. */
const LIST_CONCURRENCY = 8;
/** GET each name; a 404 leaves it missing so the user hears of all of them at once. */
async function lookUpEach(client, names, take) {
    await mapConcurrently(names, LOOKUP_CONCURRENCY, async (name) => {
        try {
            take(await getOrganization(client, name));
        }
        catch (error) {
            if (!(error instanceof TfeApiError && error.status === 404))
                throw error;
        }
    });
}
function range(from, to) {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

;// CONCATENATED MODULE: ./src/tfe/module-sharing.ts



const PARTNERSHIP_ATTRIBUTES = [
    'consuming-organization-id',
    'consuming-organization-name',
    'producing-organization-id',
    'producing-organization-name'
];
/**
 * PATCH /admin/organizations/:name/module-consumers (TFE v202012-1+, deprecated since v202301-1).
 * Takes external ids, replaces the whole list, turns global sharing off, and answers with the
 * resulting partnerships.
 */
async function setModuleConsumers(client, producer, consumerIds) {
    const path = `${organizationPath(producer)}/module-consumers`;
    const response = await client.patch(path, {
        data: {
            type: 'module-partnerships',
            attributes: { 'module-consuming-organization-ids': consumerIds }
        }
    });
    const data = isRecord(response.document) ? response.document.data : undefined;
    if (!Array.isArray(data)) {
        throw new TfeResponseError({ method: 'PATCH', path }, response.status, `PATCH ${path} answered HTTP ${response.status} without the list of partnerships`);
    }
    return data.map(item => decodePartnership(item, path));
}
function decodePartnership(item, path) {
    const attributes = isRecord(item) && isRecord(item.attributes) ? item.attributes : {};
    const id = isRecord(item) ? item.id : undefined;
    const missing = PARTNERSHIP_ATTRIBUTES.filter(key => typeof attributes[key] !== 'string');
    if (typeof id !== 'string' || missing.length > 0) {
        throw new TfeResponseError({ method: 'PATCH', path }, 200, `PATCH ${path} answered with a partnership lacking ${typeof id !== 'string' ? 'id' : missing.join(', ')}`);
    }
    const text = (key) => attributes[key];
    return {
        id,
        consumer: {
            externalId: text('consuming-organization-id'),
            name: text('consuming-organization-name')
        },
        producer: {
            externalId: text('producing-organization-id'),
            name: text('producing-organization-name')
        }
    };
}
/**
 * GET .../relationships/module-consumers (TFE v202103-1+), every page. Empty while the
 * producer shares globally or with nobody.
 */
async function listModuleConsumers(client, producer) {
    return listRelationship(client, `${organizationPath(producer)}/relationships/module-consumers`);
}
/** GET .../relationships/provider-consumers (TFE v202301-1+), every page. */
async function listProviderConsumers(client, producer) {
    return listRelationship(client, `${organizationPath(producer)}/relationships/provider-consumers`);
}
async function listRelationship(client, path) {
    const items = await client.getAll(path);
    return items.map((item, i) => decodeOrganization(item, `GET ${path} item ${i}`));
}
/**
 * PATCH .../relationships/module-consumers with consumer **names**: replaces the list and
 * answers 204 with no body, so the caller reads the result back.
 */
async function setModuleConsumerRelationships(client, producer, consumerNames) {
    await client.patch(`${organizationPath(producer)}/relationships/module-consumers`, {
        data: consumerNames.map(name => ({ type: 'organizations', id: name }))
    });
}
/**
 * PUT .../registry-partnerships (TFE v202301-1+): sets module **and** provider consumers, by
 * name, in one call. The docs' table spells the keys in kebab case (their sample in snake
 * case); the caller verifies the result with the relationships GETs.
 */
async function putRegistryPartnerships(client, producer, consumers) {
    await client.put(`${organizationPath(producer)}/registry-partnerships`, {
        data: {
            type: 'registry-partnerships',
            attributes: {
                'module-consumers': consumers.moduleConsumers,
                'provider-consumers': consumers.providerConsumers
            }
        }
    });
}

;// CONCATENATED MODULE: ./src/sharing/apply.ts






/** Each write endpoint, and the TFE release that brought it (docs/tfe-api.md#which-release-brought-what). */
const ENDPOINTS = {
    'module-consumers': {
        what: 'the module-consumers endpoint (PATCH /api/v2/admin/organizations/:name/module-consumers)',
        since: 'v202012-1 (deprecated since v202301-1)'
    },
    relationships: {
        what: 'the relationships endpoint (PATCH /api/v2/admin/organizations/:name/relationships/module-consumers)',
        since: 'v202103-1'
    },
    'registry-partnerships': {
        what: 'the registry-partnerships endpoint (PUT /api/v2/admin/organizations/:name/registry-partnerships)',
        since: 'v202301-1'
    }
};
const NOUN = { modules: 'module', providers: 'provider' };
async function apply(client, plan, log = () => { }) {
    const progress = { written: [] };
    // What TFE holds before any step: today's sharing, which a step replaces as it is written.
    const applied = {
        partnerships: [],
        consumers: [...plan.next],
        globalAfter: plan.global.before,
        providerConsumers: plan.providers ? [...plan.providers.next] : undefined,
        globalProvidersAfter: plan.providers?.global.before
    };
    try {
        for (const step of plan.steps)
            await send(client, plan, step, applied, progress, log);
        return applied;
    }
    catch (error) {
        throw new errors/* ApplyError */.d5(progress.written, error);
    }
}
async function send(client, plan, step, applied, progress, log) {
    const { organization } = plan;
    switch (step.kind) {
        case 'global-on':
            log(`Turning global ${NOUN[step.of]} sharing on for ${organization}`);
            await setGlobal(client, organization, step.of, true, progress);
            // Turning it on wipes that kind's list (TFE's docs).
            if (step.of === 'modules') {
                applied.globalAfter = true;
                applied.consumers = [];
            }
            else {
                applied.globalProvidersAfter = true;
                applied.providerConsumers = [];
            }
            return;
        case 'global-off': {
            const setOff = () => {
                if (step.of === 'modules')
                    applied.globalAfter = false;
                else
                    applied.globalProvidersAfter = false;
            };
            if (step.confirmFirst) {
                const flags = progress.flags ?? (await getOrganization(client, organization));
                if (!globalOf(flags, step.of)) {
                    setOff();
                    return;
                }
            }
            log(`Turning global ${NOUN[step.of]} sharing off for ${organization}`);
            await setGlobal(client, organization, step.of, false, progress);
            setOff();
            return;
        }
        case 'list': {
            const { write } = step;
            log(`Setting ${listsLine(write)} of ${organization} through ${write.api}`);
            const result = await writeList(client, plan, write, progress);
            apply_confirm(organization, 'module', result.consumers, write.consumers);
            applied.partnerships = result.partnerships;
            applied.consumers = result.consumers;
            if (result.providerConsumers && plan.providers) {
                applied.providerConsumers = result.providerConsumers;
            }
        }
    }
}
function listsLine(write) {
    const count = (n, what) => `${n} ${what} consumer${n === 1 ? '' : 's'}`;
    const modules = count(write.consumers.length, 'module');
    return write.api === 'registry-partnerships' && write.providersManaged
        ? `${modules} and ${count(write.providerConsumers.length, 'provider')}`
        : modules;
}
function globalOf(org, of) {
    return of === 'modules' ? org.globalModuleSharing : org.globalProviderSharing;
}
async function setGlobal(client, organization, of, enabled, progress) {
    const noun = NOUN[of];
    const org = of === 'modules'
        ? await setGlobalModuleSharing(client, organization, enabled)
        : await setGlobalProviderSharing(client, organization, enabled);
    if (globalOf(org, of) !== enabled) {
        // Accepted is not nothing: turning it on may already have wiped the consumer list.
        const wiped = of === 'modules' ? 'the consumer list' : 'the provider consumer list';
        progress.written.push(`TFE accepted turning global ${noun} sharing ${enabled ? `on (which wipes ${wiped})` : 'off'}`);
        throw new errors/* ActionError */.lZ(`${organization}: TFE accepted turning global ${noun} sharing ${enabled ? 'on' : 'off'} but still ` +
            "reports it the other way; check the organization's settings.");
    }
    progress.written.push(`global ${noun} sharing is ${enabled ? 'on' : 'off'}`);
}
async function writeList(client, plan, write, progress) {
    const { organization } = plan;
    // Only the write's own 404 means the endpoint is missing; a later read's is another story.
    const send = async (request) => {
        try {
            return await request();
        }
        catch (error) {
            if (isNotFound(error)) {
                const { what, since } = ENDPOINTS[write.api];
                throw new errors/* ActionError */.lZ((0,tfe_answers/* endpointMissing */.aE)(organization, what, since));
            }
            throw error;
        }
    };
    if (write.api === 'module-consumers') {
        const ids = write.consumers.map(c => c.externalId);
        const partnerships = await send(() => setModuleConsumers(client, organization, ids));
        // The answer already is the read-back: one partnership per consumer TFE now holds.
        const consumers = partnerships.map(p => p.consumer);
        progress.written.push(`the consumer list is ${consumers.length ? list(consumers) : 'empty'}`);
        return { partnerships, consumers };
    }
    const names = write.consumers.map(c => c.name);
    if (write.api === 'relationships') {
        await send(() => setModuleConsumerRelationships(client, organization, names));
        progress.written.push(`the consumer list was set to ${write.consumers.length ? list(write.consumers) : 'empty'}`);
        const consumers = (await listModuleConsumers(client, organization)).map(model/* asConsumer */.V_);
        return { partnerships: [], consumers };
    }
    const providersSent = write.providerConsumers;
    await send(() => putRegistryPartnerships(client, organization, {
        moduleConsumers: names,
        providerConsumers: providersSent.map(c => c.name)
    }));
    progress.written.push(write.providersManaged
        ? `the module consumers were set to ${list(write.consumers)}, the provider consumers to ${list(providersSent)}`
        : `the module consumers were set to ${list(write.consumers)}, the provider consumers sent back as ${list(providersSent)}`);
    // Both lists and both flags at once: one round trip.
    const [providersAfter, consumers, flags] = await Promise.all([
        listProviderConsumers(client, organization),
        listModuleConsumers(client, organization),
        getOrganization(client, organization)
    ]);
    if (write.providersManaged) {
        apply_confirm(organization, 'provider', providersAfter, providersSent);
    }
    else if (!sameSet(providersAfter.map(o => o.externalId), providersSent.map(c => c.externalId))) {
        throw new errors/* ActionError */.lZ(`${organization}: the registry-partnerships write changed the provider consumers ` +
            `(before: ${list(providersSent)}; after: ${list(providersAfter)}). Restore them in TFE.`);
    }
    checkFlags(plan, flags);
    progress.flags = flags;
    return {
        partnerships: [],
        consumers: consumers.map(model/* asConsumer */.V_),
        providerConsumers: providersAfter.map(model/* asConsumer */.V_)
    };
}
/**
 * After a registry-partnerships write, each global flag is as it was, unless the plan turns it
 * off next (and then either is fine: the next step confirms it). The plan refused every producer
 * whose global sharing the write could turn off; a flag that moved anyway is said, not hidden.
 */
function checkFlags(plan, flags) {
    const turnsOff = (of) => plan.steps.some(s => s.kind === 'global-off' && s.of === of);
    const checks = [['modules', plan.global.before]];
    if (plan.providers)
        checks.push(['providers', plan.providers.global.before]);
    for (const [of, before] of checks) {
        const now = globalOf(flags, of);
        if (turnsOff(of) || now === before)
            continue;
        throw new errors/* ActionError */.lZ(`${plan.organization}: after the registry-partnerships write TFE reports global ${NOUN[of]} sharing ` +
            `${now ? 'on' : 'off'}, but it was ${before ? 'on' : 'off'} before; ` +
            `${now ? 'another run may have changed it at the same time' : 'the write turned it off'}. ` +
            "Check the organization's settings in TFE and run again.");
    }
}
/** Another run (or a person) may have changed the list at the same time: say so, with both lists. */
function apply_confirm(organization, noun, actual, sent) {
    if (sameSet(actual.map(c => c.externalId), sent.map(c => c.externalId)))
        return;
    const what = noun === 'module' ? 'TFE lists' : `TFE shares ${noun}s with`;
    throw new errors/* ActionError */.lZ(`${organization}: after the write ${what} ${list(actual)}, but the plan was ${list(sent)}; ` +
        'another run may have changed it at the same time. Check the list in TFE and run again.');
}
function sameSet(a, b) {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every(x => right.has(x));
}
function list(consumers) {
    if (consumers.length === 0)
        return 'no consumers';
    return `[${consumers.map(model/* consumerLabel */.X7).join(', ')}]`;
}

;// CONCATENATED MODULE: ./src/sharing/progress.ts
// A line every few seconds on long runs, so that a log that looks stuck shows it is not: the
// phase, how many producers are done, and how many requests (and 429s) it took so far.
/** Starts the ticker; the returned function stops it. The timer never keeps the process alive. */
function reportProgress(log, counts, everyMs = 10_000) {
    const timer = setInterval(() => log(progressLine(counts())), everyMs);
    timer.unref();
    return () => clearInterval(timer);
}
function progressLine({ phase, done, total, requests, rateLimited }) {
    return (`Progress: ${phase}, ${done} of ${total} producer${total === 1 ? '' : 's'} done, ` +
        `${requests} request${requests === 1 ? '' : 's'}, ${rateLimited} rate-limited (429)`);
}

;// CONCATENATED MODULE: ./src/tfe/account.ts

/** `is-site-admin` of the token's user, or undefined when TFE does not say. */
async function isSiteAdmin(client) {
    const response = await client.get('/account/details');
    const data = isRecord(response.document) ? response.document.data : undefined;
    const flag = isRecord(data) && isRecord(data.attributes) ? data.attributes['is-site-admin'] : undefined;
    return typeof flag === 'boolean' ? flag : undefined;
}
/** After a 404 from an admin GET: is it the token, or is the thing really not there? */
async function whoCannotSee(client) {
    try {
        const admin = await isSiteAdmin(client);
        if (admin === false)
            return 'not-site-admin';
        if (admin === true)
            return 'organization-missing';
    }
    catch {
        // fall through: the account endpoint is no help here
    }
    return 'organization-missing-or-not-site-admin';
}

;// CONCATENATED MODULE: ./src/sharing/resolver.ts
// Organizations by name and by external id, for the whole run: each is asked of TFE at most once,
// and by the cheaper way (docs/tfe-api.md#organization-names-and-external-ids): a lookup each when few names
// are asked, the admin organizations list when many are, or when ids are (TFE has no lookup by
// id). A file of one producer on a TFE of 10,000 organizations thus costs a few lookups, and a
// file of 500 producers one walk of the list.





class OrganizationDirectory {
    client;
    byName = new Map();
    byId = new Map();
    /** Every organization of the TFE has been seen: one that is not here does not exist. */
    complete = false;
    cause;
    /** The whole list's read while it runs: callers at the same time share it. */
    reading;
    constructor(client) {
        this.client = client;
    }
    /** Asks TFE for the names and ids not seen yet. */
    async find(names, ids = []) {
        if (this.complete)
            return;
        // findOrganizations asks nothing of TFE when nothing is wanted.
        const wanted = {
            names: [...names].filter(name => !this.byName.has(name)),
            ids: [...ids].filter(id => !this.byId.has(id))
        };
        const found = await this.admin(() => findOrganizations(this.client, wanted, org => this.add(org)));
        found.organizations.forEach(org => this.add(org));
        if (found.complete)
            this.complete = true;
    }
    /** Every organization of this TFE: the whole list, read once. */
    async all() {
        if (!this.complete) {
            this.reading ??= this.admin(() => listOrganizations(this.client)).then(all => {
                all.forEach(org => this.add(org));
                this.complete = true;
            });
            await this.reading;
        }
        return [...this.byName.values()];
    }
    /** Whether the whole list has been read, so that its global flags are certain. */
    get listed() {
        return this.complete;
    }
    named(name) {
        return this.byName.get(name);
    }
    /** The organization a consumer reference names, if seen. */
    resolve(ref) {
        const org = ref.kind === 'id' ? this.byId.get(ref.id) : this.byName.get(ref.name);
        return org && { name: org.name, externalId: org.externalId };
    }
    /**
     * Why something asked for was not found: after a complete list, it does not exist; after a
     * lookup's 404, a second look tells a missing organization from a token that may not see it.
     */
    async whyMissing() {
        if (this.complete)
            return 'organization-missing';
        this.cause ??= whoCannotSee(this.client);
        return this.cause;
    }
    /** An organization from a list page or a lookup: a full record. */
    add(org) {
        this.byName.set(org.name, org);
        this.byId.set(org.externalId, org);
    }
    /** An organization from a consumer list: a name and an id, and no word on its global flags. */
    addConsumer({ name, externalId }) {
        if (this.byName.has(name))
            return;
        this.add({ name, externalId, globalModuleSharing: false, globalProviderSharing: false });
    }
    /** The admin list answers 404 only to a token that may not read it, or to what is not TFE. */
    async admin(read) {
        try {
            return await read();
        }
        catch (error) {
            if (!isNotFound(error))
                throw error;
            const cause = await whoCannotSee(this.client);
            throw new errors/* ActionError */.lZ(cause === 'not-site-admin' ? (0,tfe_answers/* notSiteAdmin */.cb)() : (0,tfe_answers/* adminApiNotFound */.pb)());
        }
    }
}

;// CONCATENATED MODULE: ./src/sharing/today.ts







/** Requests in flight at once; the client's rate limiter, not this number, sets the pace. */
const IN_FLIGHT = 16;
/**
 * A producer's lists today: one request, or two for the registry-partnerships API. A 404 means
 * this TFE lacks the endpoint, or that the producer does not exist: the caller knows which.
 */
async function readConsumerLists(client, organization, api) {
    const [consumers, providerConsumers] = await Promise.allSettled([
        listModuleConsumers(client, organization),
        api === 'registry-partnerships' ? listProviderConsumers(client, organization) : undefined
    ]);
    return { consumers: orUnknown(consumers), providerConsumers: orUnknown(providerConsumers) };
}
function orUnknown(read) {
    if (read.status === 'fulfilled')
        return read.value;
    if (isNotFound(read.reason))
        return undefined;
    throw read.reason;
}
/**
 * TFE's `filter[module_producer]=true` list (or `filter[provider_producer]` for providers),
 * started early so that it runs beside the producers' reads. A TFE that refuses the filter (4xx)
 * leaves it undefined.
 */
function listSharing(client, kind = 'modules') {
    const filter = kind === 'modules' ? { moduleProducer: true } : { providerProducer: true };
    return listOrganizations(client, filter).catch((error) => {
        if (error instanceof TfeApiError && error.status >= 400 && error.status < 500)
            return error;
        throw error;
    });
}
const today_NOUN = { modules: 'module', providers: 'provider' };
function sharesGlobally(org, kind) {
    return kind === 'modules' ? org.globalModuleSharing : org.globalProviderSharing;
}
/**
 * Who shares modules (or providers, by `kind`) today, apart from `exclude`. TFE's docs say the filter lists organizations
 * "configured to share their modules" without saying whether global sharing counts
 * (docs/tfe-api.md#finding-the-organizations-that-share), so nothing is taken on trust: a
 * candidate counts if its global flag is on, or if its consumer list is not empty. Global sharers
 * the filter may leave out are certain only from the whole organizations list: read when
 * `certain` (export, drift checks), or when the run has read it anyway.
 */
async function findSharers(client, directory, filtered, { certain, exclude, kind = 'modules', alreadyRead = new Map() }) {
    const warnings = [];
    const global = new Set();
    // Without the filter, global sharers are all that can be found, and only from the whole list.
    if (certain || directory.listed || filtered instanceof TfeApiError) {
        for (const org of await directory.all())
            if (sharesGlobally(org, kind))
                global.add(org.name);
    }
    let candidates = [];
    if (filtered instanceof TfeApiError) {
        warnings.push(`This TFE did not filter organizations by ${today_NOUN[kind]} sharing (HTTP ${filtered.status}), so only ` +
            'organizations that share globally can be reported as unmanaged.');
    }
    else {
        for (const org of filtered) {
            if (sharesGlobally(org, kind) && !directory.listed)
                global.add(org.name);
        }
        candidates = filtered.filter(org => !global.has(org.name) && !exclude.has(org.name));
    }
    const read = kind === 'modules' ? listModuleConsumers : listProviderConsumers;
    const lists = await mapConcurrently(candidates, IN_FLIGHT, async (org) => {
        const known = alreadyRead.get(org.name);
        if (known)
            return known.map(model/* asConsumer */.V_);
        return read(client, org.name).then(list => list.map(model/* asConsumer */.V_), (error) => {
            // No relationships endpoint: TFE's filter is all there is to go by.
            if (isNotFound(error))
                return undefined;
            throw error;
        });
    });
    const sharers = [...global]
        .filter(name => !exclude.has(name))
        .map(organization => ({ organization, global: true, consumers: undefined }));
    candidates.forEach((org, i) => {
        const consumers = lists[i];
        if (consumers === undefined || consumers.length > 0) {
            sharers.push({ organization: org.name, global: false, consumers });
        }
    });
    return { sharers: sharers.sort((a, b) => (0,model/* byCodePoint */.HH)(a.organization, b.organization)), warnings };
}
/**
 * Every organization's module sharing today (or provider sharing, by `kind`), for export: certain,
 * or nothing. A TFE that cannot filter organizations or list their consumers would give a partial
 * file, so it gives none.
 */
async function readSharingToday(client, directory, log, kind = 'modules') {
    const [filtered] = await Promise.all([listSharing(client, kind), directory.all()]);
    if (filtered instanceof TfeApiError)
        throw new errors/* ActionError */.lZ((0,tfe_answers/* cannotExport */.E$)(kind, filtered.status));
    const { sharers } = await findSharers(client, directory, filtered, {
        certain: true,
        exclude: new Set(),
        kind
    });
    if (sharers.some(s => !s.global && s.consumers === undefined)) {
        throw new errors/* ActionError */.lZ((0,tfe_answers/* cannotExport */.E$)(kind));
    }
    const global = sharers.filter(s => s.global).length;
    const of = kind === 'modules' ? '' : ' (providers)';
    log(`${(await directory.all()).length} organizations${of}: ${global} share globally, ${sharers.length - global} with a consumer list`);
    return sharers;
}

;// CONCATENATED MODULE: ./src/sharing/engine.ts
// The one flow of every run, for one producer or five hundred: resolve the names, read what TFE
// holds, plan every producer, write only once every plan succeeded, and return one outcome. It
// reads no input and writes no output: the step's inputs give a list of one, sharing files give
// many, and the report shows the outcome either way.











async function share(client, desired, options) {
    const counts = { phase: 'reading', done: 0, total: desired.length };
    const stop = reportProgress(options.log, () => ({
        ...counts,
        requests: client.sent,
        rateLimited: client.rateLimited
    }));
    try {
        return await run(client, desired, options, counts);
    }
    finally {
        stop();
    }
}
async function run(client, desired, options, counts) {
    const { log, dryRun } = options;
    const many = desired.length > 1;
    const directory = new OrganizationDirectory(client);
    // Side by side, since none needs another: the producers, their lists today, and who shares.
    // Provider sharing is looked for where it can be managed: on registry-partnerships.
    const filtered = options.unmanaged === 'skip' ? undefined : listSharing(client);
    const filteredProviders = filtered && options.api === 'registry-partnerships'
        ? listSharing(client, 'providers')
        : undefined;
    // Awaited after planning; a run that fails before then must not leave them unhandled.
    filtered?.catch(() => { });
    filteredProviders?.catch(() => { });
    const [, lists] = await Promise.all([
        directory.find(desired.map(d => d.organization)),
        mapConcurrently(desired, IN_FLIGHT, async (d) => {
            const read = await readConsumerLists(client, d.organization, options.api);
            counts.done++;
            return read;
        })
    ]);
    for (const list of lists) {
        list.consumers?.forEach(org => directory.addConsumer(org));
        list.providerConsumers?.forEach(org => directory.addConsumer(org));
    }
    await findConsumers(directory, desired, options, log);
    counts.phase = 'planning';
    const producers = [];
    for (const [i, d] of desired.entries()) {
        producers.push(await planProducer(directory, d, lists[i], options, many));
    }
    const warnings = [];
    const unknownLists = producers.filter(p => p.plan && p.plan.previous === undefined);
    if (unknownLists.length > 0) {
        warnings.push((0,tfe_answers/* listsUnknown */._4)(unknownLists.map(p => p.desired.organization)));
    }
    warnings.push(...producers.flatMap(p => p.plan?.warnings ?? []));
    let unmanaged;
    if (filtered) {
        counts.phase = 'finding unmanaged organizations';
        unmanaged = await findUnmanaged(client, directory, desired, lists, options, warnings, {
            modules: filtered,
            providers: filteredProviders
        });
    }
    // What each producer would change, in the log too, not only in the summary.
    if (many) {
        for (const { plan } of producers)
            if (plan?.changed)
                log(changeLine(plan, dryRun));
    }
    const failed = producers.some(p => p.result === 'failed');
    if (failed || dryRun) {
        if (!many)
            log(dryRunLine(producers[0], dryRun));
        return { producers, unmanaged, wrote: false, warnings };
    }
    const changed = producers.filter(p => p.plan?.changed);
    if (!many && changed.length === 0) {
        log(`No change: ${desired[0]?.organization} already shares as asked; nothing was written.`);
    }
    if (many && changed.length > 0) {
        const unchanged = producers.length - changed.length;
        log(`Writing ${changed.length} producer${engine_plural(changed.length)}; ${unchanged} need${unchanged === 1 ? 's' : ''} no change`);
    }
    counts.phase = 'writing';
    counts.done = 0;
    counts.total = changed.length;
    await mapConcurrently(changed, IN_FLIGHT, async (producer) => {
        const plan = producer.plan;
        try {
            producer.applied = await apply(client, plan, log);
            producer.result = 'changed';
            log(sharesNowLine(plan, producer.applied));
        }
        catch (error) {
            // Worded by the report, which knows how to say what TFE already holds.
            producer.result = 'failed';
            producer.error = error;
        }
        counts.done++;
    });
    return { producers, unmanaged, wrote: true, warnings };
}
/**
 * `platform: would add team-a, team-b; would remove legacy`, a dozen names at most each; provider
 * changes after module changes, said as such.
 */
function changeLine(plan, dryRun) {
    const would = dryRun ? 'would ' : 'to ';
    const names = (list) => {
        const shown = list.slice(0, 12).map(model/* consumerLabel */.X7);
        return list.length > 12 ? `${shown.join(', ')} and ${list.length - 12} more` : shown.join(', ');
    };
    const parts = [
        plan.global.before !== plan.global.after
            ? `${would}turn global sharing ${plan.global.after ? 'on' : 'off'}`
            : '',
        plan.previous === undefined && plan.managesModules
            ? `${would}set the list to ${plan.next.length}`
            : '',
        plan.added.length ? `${would}add ${names(plan.added)}` : '',
        plan.removed.length ? `${would}remove ${names(plan.removed)}` : ''
    ];
    const providers = plan.providers;
    if (providers) {
        parts.push(providers.global.before !== providers.global.after
            ? `${would}turn global provider sharing ${providers.global.after ? 'on' : 'off'}`
            : '', providers.added.length ? `${would}add provider consumers ${names(providers.added)}` : '', providers.removed.length
            ? `${would}remove provider consumers ${names(providers.removed)}`
            : '');
    }
    return `${plan.organization}: ${parts.filter(Boolean).join('; ')}`;
}
/** What a producer shares once written: its modules, and its providers when the run manages them. */
function sharesNowLine(plan, applied) {
    const { consumers, globalAfter } = applied;
    const whom = (global, count) => global ? 'every organization' : `${count} organization${engine_plural(count)}`;
    const modules = `its modules with ${whom(globalAfter, consumers.length)}`;
    const providers = plan.providers
        ? `its providers with ${whom(applied.globalProvidersAfter, applied.providerConsumers?.length ?? 0)}`
        : '';
    if (!plan.managesModules)
        return `${plan.organization} now shares ${providers}.`;
    return `${plan.organization} now shares ${modules}${providers ? `, and ${providers}` : ''}.`;
}
/**
 * Who shares today but is managed by no one, per kind: a producer whose file states only its
 * providers is still unmanaged for its modules, and the reverse.
 */
async function findUnmanaged(client, directory, desired, lists, options, warnings, filtered) {
    const certain = options.unmanaged === 'certain';
    const found = async (kind, list) => {
        const manages = (d) => (kind === 'modules' ? managesModules(d) : d.providers);
        // A producer's list of a kind it does not manage was read before its plan: not read again.
        const alreadyRead = new Map();
        desired.forEach((d, i) => {
            const read = kind === 'modules' ? lists[i]?.consumers : lists[i]?.providerConsumers;
            if (read)
                alreadyRead.set(d.organization, read);
        });
        return findSharers(client, directory, await list, {
            certain,
            exclude: new Set(desired.filter(manages).map(d => d.organization)),
            kind,
            alreadyRead
        });
    };
    const [modules, providers] = await Promise.all([
        found('modules', filtered.modules),
        filtered.providers ? found('providers', filtered.providers) : undefined
    ]);
    warnings.push(...modules.warnings, ...(providers?.warnings ?? []));
    const byName = new Map();
    const entry = (organization) => {
        const known = byName.get(organization);
        if (known)
            return known;
        const created = { organization, modules: undefined, providers: undefined };
        byName.set(organization, created);
        return created;
    };
    const sharing = (s) => ({ global: s.global, consumers: s.consumers?.length });
    for (const s of modules.sharers)
        entry(s.organization).modules = sharing(s);
    for (const s of providers?.sharers ?? [])
        entry(s.organization).providers = sharing(s);
    return [...byName.values()].sort((a, b) => (0,model/* byCodePoint */.HH)(a.organization, b.organization));
}
function dryRunLine(producer, dryRun) {
    if (!dryRun || !producer?.plan)
        return 'A plan failed; nothing was written.';
    const { plan } = producer;
    const kinds = !plan.providers
        ? 'module sharing'
        : plan.managesModules
            ? 'module and provider sharing'
            : 'provider sharing';
    return `Dry run: ${plan.changed ? `the plan would change ${kinds}` : 'no change'}; nothing was written.`;
}
/**
 * The consumers that no list read so far names, asked of TFE together: every name (a typo must
 * fail before any write), and the ids `idsChecked` asks for.
 */
async function findConsumers(directory, desired, writing, log) {
    const names = new Set();
    const ids = new Set();
    desired.forEach(d => {
        const checked = idsChecked(d, writing, desired.length > 1);
        for (const ref of [...d.consumers, ...(d.providers?.consumers ?? [])]) {
            if (directory.resolve(ref))
                continue;
            if (ref.kind === 'name')
                names.add(ref.name);
            else if (checked)
                ids.add(ref.id);
        }
    });
    if (names.size === 0 && ids.size === 0)
        return;
    const what = [
        names.size ? `${names.size} name${engine_plural(names.size)}` : '',
        ids.size ? `${ids.size} external id${engine_plural(ids.size)}` : ''
    ].filter(Boolean);
    log(`Looking up ${what.join(' and ')}`);
    await directory.find(names, ids);
}
async function planProducer(directory, desired, lists, writing, many) {
    const outcome = {
        desired,
        result: 'failed',
        plan: undefined,
        applied: undefined,
        problems: [],
        error: undefined
    };
    const { organization } = desired;
    const producer = directory.named(organization);
    if (!producer) {
        const cause = await directory.whyMissing();
        if (cause === 'not-site-admin')
            throw new errors/* ActionError */.lZ((0,tfe_answers/* notSiteAdmin */.cb)(subjectOf(desired)));
        const message = isFilePlace(desired.place)
            ? (0,tfe_answers/* noSuchProducer */.pR)(organization, 'file')
            : (0,tfe_answers/* describeNotFound */.fg)(cause, organization);
        return fail(outcome, new errors/* ActionError */.lZ(message), [{ ...desired.place, message }]);
    }
    const known = [...(lists.consumers ?? []), ...(lists.providerConsumers ?? [])].map(model/* asConsumer */.V_);
    const missing = [];
    const checked = idsChecked(desired, writing, many);
    const look = (refs, places) => refs.forEach((ref, i) => {
        const consumer = directory.resolve(ref);
        if (consumer)
            known.push(consumer);
        else if (ref.kind === 'name' || checked) {
            missing.push({ ref, place: places[i] ?? desired.place });
        }
    });
    look(desired.consumers, desired.consumerPlaces);
    if (desired.providers)
        look(desired.providers.consumers, desired.providers.consumerPlaces);
    if (missing.length > 0) {
        if ((await directory.whyMissing()) === 'not-site-admin') {
            throw new errors/* ActionError */.lZ((0,tfe_answers/* notSiteAdmin */.cb)(subjectOf(desired)));
        }
        const message = (0,tfe_answers/* noSuchConsumers */.iT)(organization, missing.map(m => m.ref));
        // A file shows each unknown consumer on its own line; an input, all of them at once.
        const problems = isFilePlace(desired.place)
            ? missing.map(({ ref, place }) => ({
                ...place,
                message: (0,tfe_answers/* noSuchConsumers */.iT)(organization, [ref])
            }))
            : [{ input: 'consumers', message }];
        return fail(outcome, new errors/* ActionError */.lZ(message), problems);
    }
    try {
        outcome.plan = makePlan({
            organization,
            producerId: producer.externalId,
            mode: desired.mode,
            api: writing.api,
            dryRun: writing.dryRun,
            globalModuleSharing: desired.globalModuleSharing,
            allowEmpty: desired.allowEmpty,
            globalBefore: producer.globalModuleSharing,
            previous: lists.consumers?.map(model/* asConsumer */.V_),
            requested: desired.consumers,
            known,
            providerConsumers: lists.providerConsumers?.map(model/* asConsumer */.V_),
            globalProviderSharing: producer.globalProviderSharing,
            managesModules: managesModules(desired),
            providers: desired.providers && {
                requested: desired.providers.consumers,
                global: desired.providers.global
            }
        });
    }
    catch (error) {
        if (!(error instanceof errors/* PlanConflict */.gF))
            throw error;
        return fail(outcome, error, [{ ...desired.place, message: error.message }]);
    }
    outcome.result = outcome.plan.changed ? 'would-change' : 'unchanged';
    return outcome;
}
/**
 * Whether a producer's consumer ids are looked up before planning: where the run needs their
 * names (a plan to show, a name-based API), or where many producers must all be certain before
 * the first write. One producer by ids on the seed endpoint keeps its two round trips instead:
 * TFE takes ids as they are, and its answer names them. Removing needs only today's list.
 */
function idsChecked(desired, { api, dryRun }, many) {
    return desired.mode !== 'remove' && (api !== 'module-consumers' || dryRun || many);
}
/** A line about the whole run names the producer only when the inputs asked for that one alone. */
function subjectOf(desired) {
    return isFilePlace(desired.place) ? undefined : desired.organization;
}
function fail(outcome, error, problems) {
    outcome.result = 'failed';
    outcome.error = error;
    outcome.problems = problems;
    return outcome;
}
function engine_plural(count) {
    return count === 1 ? '' : 's';
}

;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
;// CONCATENATED MODULE: ./src/tfe/retry.ts

/** Statuses worth another try: the rate limit, and a gateway or TFE briefly unavailable. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Connection failures that a second attempt may not meet; DNS and TLS failures are not among them. */
const RETRY_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'ECONNABORTED',
    'EAI_AGAIN'
]);
/** Keeps an absurd number of seconds finite; the deadline then refuses to wait that long. */
const MAX_WAIT_MS = 24 * 60 * 60 * 1000;
/** A plain non-negative decimal (exponent allowed): not '', not hex, not a date. */
const SECONDS = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 8_000, random: Math.random };
/** Milliseconds to wait before trying again, or undefined when the error is final. */
function retryDelayMs(error, attempt, backoff = DEFAULT_BACKOFF) {
    if (error instanceof TfeApiError) {
        if (!RETRY_STATUSES.has(error.status))
            return undefined;
        if (error.retryAfterMs !== undefined) {
            // As go-tfe does: a little jitter, so clients that share the limit don't all come back at once.
            return error.retryAfterMs + Math.floor(backoff.random() * 300);
        }
        return exponential(attempt, backoff);
    }
    if (error instanceof TfeTransportError && RETRY_CODES.has(error.code))
        return exponential(attempt, backoff);
    return undefined;
}
/** Exponential backoff with jitter: between half and all of base · 2^(attempt-1), capped. */
function exponential(attempt, { baseMs, maxMs, random }) {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
/**
 * How long the server asks us to wait: TFE's `X-RateLimit-Reset` (seconds, may be fractional),
 * else a proxy's `Retry-After` (seconds or an HTTP date).
 */
function requestedWaitMs(headers, now = Date.now()) {
    const reset = single(headers['x-ratelimit-reset'])?.trim();
    if (reset && SECONDS.test(reset))
        return fromSeconds(reset);
    const retryAfter = single(headers['retry-after'])?.trim();
    if (!retryAfter)
        return undefined;
    if (SECONDS.test(retryAfter))
        return fromSeconds(retryAfter);
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function fromSeconds(text) {
    return Math.min(MAX_WAIT_MS, Math.ceil(Number(text) * 1000));
}
function single(value) {
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/tfe/client.ts
// The one place that talks HTTP to TFE: base URL, auth, retries, pagination. It knows nothing
// of GitHub Actions; it reports through the `log` callback it is given. The API's conventions it
// follows: docs/tfe-api.md#json-api-documents-and-errors and #pagination.





const MEDIA_TYPE = 'application/vnd.api+json';
/**
 * Below the 5 s that Node servers keep an idle connection, and far below load balancers' usual
 * minute: a request never goes out on a connection the other end has just dropped.
 */
const IDLE_SOCKET_MS = 4_000;
/** The largest page TFE serves: fewest requests for a long list. */
const PAGE_SIZE = 100;
class TfeClient {
    options;
    http;
    timeoutMs;
    maxRetries;
    deadlineMs;
    maxBodyBytes;
    log;
    /** Attempts sent so far (each retry counts): the progress lines of long runs show it. */
    sent = 0;
    /** 429s the run's limiter has seen (0 without a limiter). */
    get rateLimited() {
        return this.options.limiter?.rateLimited ?? 0;
    }
    constructor(options) {
        this.options = options;
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.maxRetries = options.maxRetries ?? 5;
        this.deadlineMs = options.deadlineMs ?? 5 * 60_000;
        this.maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
        this.log = options.log ?? (() => { });
        this.http = new lib/* HttpClient */.Qq(options.userAgent ?? 'tfe-module-sharing-action', [bareIpv6Host, ...(options.ca ? [trustHandler(options.ca)] : [])], {
            // Redirects are refused rather than followed: http-client would carry the token to
            // another port of the same host. Retries are this client's own, below.
            allowRedirects: false,
            allowRetries: false,
            keepAlive: true,
            socketTimeout: this.timeoutMs
        });
        // Without a timeout of its own, Node's agent keeps an idle socket until the server closes
        // it (and ignores the server's Keep-Alive hint), so a request sent after a pause, such as a
        // retry's backoff, could meet a connection closed a moment before: ECONNRESET, no answer.
        const agent = this.http.getAgent(options.baseUrl);
        if (agent.options)
            agent.options.timeout = options.idleSocketMs ?? IDLE_SOCKET_MS;
    }
    async get(path, query) {
        return this.request('GET', path, { query });
    }
    async patch(path, body) {
        return this.request('PATCH', path, { body });
    }
    async put(path, body) {
        return this.request('PUT', path, { body });
    }
    /**
     * One page of a paginated list. The next page comes from top-level `meta.pagination`, else
     * `links.next`; with neither (one docs sample nests them in the item), a short page is the last.
     */
    async getPage(path, page, query = {}) {
        const response = await this.get(path, {
            ...query,
            'page[number]': page,
            'page[size]': PAGE_SIZE
        });
        const document = response.document;
        const data = isRecord(document) ? document.data : undefined;
        if (!isRecord(document) || !Array.isArray(data)) {
            throw new TfeResponseError({ method: 'GET', path }, response.status, `GET ${path} answered without a data array`);
        }
        const pagination = isRecord(document.meta) ? document.meta.pagination : undefined;
        const totalPages = isRecord(pagination) ? Number(pagination['total-pages']) : NaN;
        return {
            items: data,
            next: nextPage(document, page, data.length),
            totalPages: Number.isInteger(totalPages) && totalPages > 0 ? totalPages : undefined
        };
    }
    /** Every item of a paginated list, page by page. */
    async getAll(path, query = {}) {
        const items = [];
        for (let page = 1; page !== undefined;) {
            const result = await this.getPage(path, page, query);
            items.push(...result.items);
            page = result.next;
        }
        return items;
    }
    /**
     * Sends a request, retrying the rate limit, gateway errors and dropped connections. Every
     * request this action makes is idempotent — a GET, or a PATCH/PUT of a whole list or one
     * flag — so trying a write again after a failure that may have hidden its success is safe.
     */
    async request(method, path, { query, body } = {}) {
        const wire = withQuery(`/api/v2${path}`, query);
        // What a person reads in a log or an error line: page[number]=2, not page%5Bnumber%5D=2.
        const info = { method, path: readable(wire) };
        const headers = {
            authorization: `Bearer ${this.options.token}`,
            accept: MEDIA_TYPE
        };
        let payload = null;
        if (body !== undefined) {
            payload = JSON.stringify(body);
            headers['content-type'] = MEDIA_TYPE;
        }
        const started = Date.now();
        for (let attempt = 1;; attempt++) {
            // When the limiter let this attempt go: a 429 to it tells the limiter which overload it was.
            let sentAt;
            try {
                sentAt = await this.options.limiter?.acquire();
                this.sent++;
                return await this.attempt(info, wire, payload, headers);
            }
            catch (error) {
                if (error instanceof TfeApiError && error.status === 429) {
                    this.options.limiter?.rateLimitedFor(error.retryAfterMs ?? 1000, sentAt);
                }
                const wait = retryDelayMs(error, attempt, this.options.backoff ?? DEFAULT_BACKOFF);
                if (wait === undefined || attempt > this.maxRetries)
                    throw error;
                if (Date.now() + wait - started > this.deadlineMs) {
                    this.log(`${label(info)}: ${reason(error)}; not retrying: waiting ${seconds(wait)} would pass the deadline`);
                    throw error;
                }
                this.log(`${label(info)}: ${reason(error)}; retry ${attempt} of ${this.maxRetries} in ${seconds(wait)}`);
                await sleep(wait);
            }
        }
    }
    async attempt(info, wire, payload, headers) {
        const started = Date.now();
        const response = await withTimeout(this.http.request(info.method, `${this.options.baseUrl}${wire}`, payload, headers), this.timeoutMs, () => new TfeTransportError(info, 'ETIMEDOUT', `${label(info)}: no answer within ${seconds(this.timeoutMs)}`)).catch((error) => {
            throw transportError(info, error);
        });
        const status = response.message.statusCode ?? 0;
        const remaining = Math.max(1, this.timeoutMs - (Date.now() - started));
        const text = await readBody(response.message, info, this.maxBodyBytes, remaining);
        const responseHeaders = response.message.headers;
        if (status >= 300 && status < 400) {
            const location = responseHeaders.location;
            throw new TfeApiError(info, status, [
                {
                    detail: location
                        ? `TFE redirected to ${location}; set hostname to the address TFE answers on`
                        : 'TFE answered with a redirect and no location'
                }
            ], 'empty');
        }
        if (status < 200 || status >= 300) {
            const { errors, kind, excerpt } = decodeErrorBody(text, responseHeaders['content-type']);
            throw new TfeApiError(info, status, errors, kind, excerpt, requestedWaitMs(responseHeaders));
        }
        return { status, headers: responseHeaders, document: parseDocument(text, info, status) };
    }
    /** Closes kept-alive connections so the process can exit. */
    dispose() {
        this.http.dispose();
        this.options.limiter?.dispose();
    }
}
/** http-client passes `[::1]` with its brackets as the host to connect to, which no DNS knows. */
const bareIpv6Host = {
    prepareRequest(options) {
        const host = options.host;
        if (host?.startsWith('[') && host.endsWith(']'))
            options.host = host.slice(1, -1);
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
};
/**
 * Trusts a private CA for this client's requests only, on top of Node's roots. The agent's
 * options are where both Node's https.Agent and the proxy tunnel agent read TLS settings from.
 */
function trustHandler(pem) {
    const ca = [...external_node_tls_namespaceObject.rootCertificates, pem];
    return {
        prepareRequest(options) {
            ;
            options.ca = ca;
            const agent = options.agent;
            if (agent?.options)
                agent.options.ca = ca;
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
    };
}
async function withTimeout(promise, ms, onTimeout) {
    let timer;
    let timedOut = false;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
            timedOut = true;
            reject(onTimeout());
        }, ms);
    });
    // An answer that comes after we gave up is thrown away, so its socket is freed.
    promise.then(response => timedOut && response.message.destroy()).catch(() => { });
    try {
        return await Promise.race([promise, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** The brackets of TFE's query parameters as written in its docs; nothing else is decoded. */
function readable(path) {
    return path.replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}
function withQuery(path, query) {
    if (!query || Object.keys(query).length === 0)
        return path;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
        params.set(key, String(value));
    return `${path}?${params.toString()}`;
}
function nextPage(document, page, count) {
    const meta = document.meta;
    const pagination = isRecord(meta) ? meta.pagination : undefined;
    if (isRecord(pagination)) {
        const next = Number(pagination['next-page']);
        // A next page that does not move forward would loop forever: treat it as the end.
        return Number.isInteger(next) && next > page ? next : undefined;
    }
    if (isRecord(document.links)) {
        return typeof document.links.next === 'string' && document.links.next ? page + 1 : undefined;
    }
    return count >= PAGE_SIZE ? page + 1 : undefined;
}
function reason(error) {
    if (error instanceof TfeApiError)
        return `HTTP ${error.status}`;
    if (error instanceof TfeTransportError)
        return error.code;
    return 'failed';
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./src/tfe/rate-limit.ts
// One limiter for every request of a run. TFE allows 30 requests per second per user, shared by
// every token, run and automation of that user (docs/tfe-api.md#rate-limiting). A run spaces its
// requests evenly at the rate it was given and never sends more than that rate in any second.
// A 429 says someone else spends the same budget: every request then waits what TFE said, the
// pace drops (multiplicatively, once per overload), and after quiet periods without a 429 it
// climbs back (additively) to the rate given, never above it. No I/O: the clock and the sleep
// are injected, so tests turn a manual clock instead of waiting.
// The defaults (a cut of 15%, a tenth of the rate back each quiet second) keep two or four runs
// that share TFE's 30 a second within about 1.1× of the shortest time they could take together
// (npm run bench -- --only shared-limit); deeper cuts or a slower climb leave more of the budget
// unused after each 429, shallower ones or a faster climb meet more 429s.
class RateLimiter {
    maxPerSecond;
    minPerSecond;
    factor;
    quietMs;
    step;
    burstMs;
    now;
    sleep;
    /** The pace set by the last 429, and when it starts to recover (undefined: never slowed). */
    slowed;
    /** Nobody sends before this: the end of the longest wait TFE asked for. */
    resumeAt = -Infinity;
    /** When the pace was last cut: a 429 of a request sent before that is the same overload. */
    lastCutAt = -Infinity;
    /** Counts 429s, so a waiting head of the queue knows its slot was computed before one. */
    generation = 0;
    /** When the next request would go at an even pace (a burst may go that much earlier). */
    next = -Infinity;
    /** When the last floor(maxPerSecond) requests went, oldest at `oldest`: the one-second cap. */
    sentTimes;
    oldest = 0;
    waiting = [];
    pumping = false;
    disposed = false;
    /** The default sleep's timer, cleared by dispose(). */
    timer;
    /** 429s seen, for the progress lines of long runs. */
    rateLimited = 0;
    constructor(options) {
        if (!(options.perSecond > 0))
            throw new RangeError('perSecond must be above 0');
        const factor = options.slowDownFactor ?? 0.85;
        if (!(factor > 0 && factor < 1))
            throw new RangeError('slowDownFactor must be between 0 and 1');
        this.maxPerSecond = options.perSecond;
        this.minPerSecond = Math.min(Math.max(options.minPerSecond ?? 1, 1e-3), options.perSecond);
        this.factor = factor;
        this.quietMs = Math.max(1, options.quietMs ?? 1000);
        this.step = Math.max(1e-3, options.recoverPerSecond ?? Math.max(1, options.perSecond / 10));
        this.burstMs = (Math.max(1, Math.floor(options.burst ?? 1)) - 1) * (1000 / options.perSecond);
        this.sentTimes = new Array(Math.max(1, Math.floor(options.perSecond))).fill(-Infinity);
        this.now = options.now ?? Date.now;
        this.sleep =
            options.sleep ??
                (ms => new Promise(resolve => {
                    this.timer = setTimeout(() => {
                        this.timer = undefined;
                        resolve();
                    }, ms);
                }));
    }
    /** The pace now: the rate given, or a slower one after a 429 and on its way back up. */
    get perSecond() {
        return this.paceAt(this.now());
    }
    paceAt(now) {
        if (!this.slowed)
            return this.maxPerSecond;
        const { perSecond, quietFrom } = this.slowed;
        const steps = now > quietFrom ? Math.floor((now - quietFrom) / this.quietMs) : 0;
        return Math.min(this.maxPerSecond, perSecond + steps * this.step);
    }
    /**
     * Resolves with the time the caller may send its request (pass it to rateLimitedFor if TFE
     * answers 429). Callers go one at a time in call order.
     */
    acquire() {
        return new Promise(resolve => {
            if (this.disposed)
                return;
            this.waiting.push(resolve);
            void this.pump();
        });
    }
    /**
     * The run is over: requests still waiting (for a long X-RateLimit-Reset, say, after the run
     * failed) never go, and no timer keeps the process alive for them.
     */
    dispose() {
        this.disposed = true;
        this.waiting.length = 0;
        clearTimeout(this.timer);
        this.timer = undefined;
    }
    /**
     * The earliest a request may go: not before the even pace (less a burst at full pace), the end
     * of TFE's wait, or a second after the request that would make more than perSecond in one.
     */
    slotAt(now) {
        const pace = this.paceAt(now);
        const burstMs = pace >= this.maxPerSecond ? this.burstMs : 0;
        return Math.max(now, this.next - burstMs, this.resumeAt, (this.sentTimes[this.oldest] ?? -Infinity) + 1000);
    }
    /**
     * Hands out the queue's head, one at a time. A 429 during a wait sends the head back to wait
     * again (TFE's wait, a slower pace). The pace counts from the slot, not from when the timer
     * fired, so late timers do not slow the run down; the one-second cap counts actual times.
     */
    async pump() {
        if (this.pumping)
            return;
        this.pumping = true;
        try {
            while (this.waiting.length > 0) {
                const generation = this.generation;
                const slot = this.slotAt(this.now());
                let now = this.now();
                while (now < slot && generation === this.generation) {
                    await this.sleep(slot - now);
                    now = this.now();
                }
                if (generation !== this.generation)
                    continue;
                this.next = Math.max(this.next, slot) + 1000 / this.paceAt(now);
                this.sentTimes[this.oldest] = now;
                this.oldest = (this.oldest + 1) % this.sentTimes.length;
                this.waiting.shift()?.(now);
            }
        }
        finally {
            this.pumping = false;
        }
    }
    /**
     * TFE said 429 to a request sent at `sentAt` (from acquire): nobody sends again before `waitMs`
     * has passed (its X-RateLimit-Reset or Retry-After), and the pace drops by slowDownFactor,
     * once per overload: 429s of requests sent before the last cut were already counted in it.
     * The pace starts to recover one quiet period after the wait. Without `sentAt`, every 429
     * cuts the pace.
     */
    rateLimitedFor(waitMs, sentAt) {
        const now = this.now();
        this.rateLimited++;
        this.generation++;
        const pace = this.paceAt(now);
        const sameOverload = sentAt !== undefined && sentAt <= this.lastCutAt;
        const perSecond = sameOverload ? pace : Math.max(this.minPerSecond, pace * this.factor);
        if (!sameOverload)
            this.lastCutAt = now;
        this.resumeAt = Math.max(this.resumeAt, now + Math.max(0, waitMs));
        this.slowed = { perSecond, quietFrom: this.resumeAt };
    }
}

;// CONCATENATED MODULE: ./src/main.ts
// The step: settings → the producers asked for → one engine → one outcome → one report. The only
// place that decides whether the step failed.












/**
 * Requests that may go at once after a pause: enough for a one-producer run's whole exchange
 * (reads side by side, a lookup, the write, a read-back), so that none of them waits for the
 * pace. The limiter pays a burst back within the second (never more than the rate in any
 * second), so the burst need not shrink as the rate nears the 30 requests a second TFE allows.
 */
function burstFor(perSecond) {
    return Math.max(1, Math.min(5, Math.floor(perSecond)));
}
async function main_run(source = actionInputs, options = {}) {
    let settings;
    let client;
    const log = (line) => core/* info */.pq(line);
    try {
        settings = readSettings(source);
        client = new TfeClient({
            baseUrl: settings.baseUrl,
            token: settings.token,
            maxRetries: settings.maxRetries,
            timeoutMs: settings.timeoutMs,
            ca: settings.caCertificate,
            limiter: new RateLimiter({
                perSecond: settings.rateLimit,
                burst: burstFor(settings.rateLimit)
            }),
            log,
            ...options.client
        });
        if (settings.exportTo) {
            await runExport(client, settings, settings.exportTo, log);
            return;
        }
        const desired = settings.config
            ? await desiredFromFiles(settings, settings.config, log)
            : [desiredFromInputs(settings)];
        if (!settings.config) {
            log(`Reading the module sharing of ${settings.organization} on ${settings.baseUrl}`);
        }
        const outcome = await share(client, desired, {
            api: settings.api,
            dryRun: settings.dryRun,
            unmanaged: !settings.config
                ? 'skip'
                : settings.failOnDrift || settings.failOnUnmanaged
                    ? 'certain'
                    : 'filter',
            log
        });
        if (settings.config) {
            log(`${client.sent} request${client.sent === 1 ? '' : 's'}, ${client.rateLimited} rate-limited (429)`);
        }
        const context = runContext(settings);
        const failed = failedProducerLine(outcome, settings, context);
        if (failed) {
            // One producer asked for by the inputs: its line replaces the plan everywhere.
            await reportOutcome(outcome, context);
            core/* setFailed */.C1(failed);
            await reportFailure(failed, context);
            return;
        }
        const planFailed = settings.config ? filesFailureLine(outcome, settings.dryRun) : undefined;
        const found = planFailed ? undefined : checkLine(outcome, settings);
        const line = planFailed ?? found;
        await reportOutcome(outcome, context, line);
        if (line)
            core/* setFailed */.C1(line);
        if (settings.driftIssue) {
            await reportDrift(planFailed
                ? { kind: 'could-not-check', line: planFailed }
                : { kind: found ? 'drift' : 'clean', outcome }, context, settings.driftIssue.githubToken);
        }
    }
    catch (error) {
        // A wrong input too reaches the summary and the comment: read what they need leniently.
        const context = runContext(settings ?? { ...readForFailure(source), exportTo: undefined });
        const line = describeFailure(error, {
            organization: settings?.organization || undefined,
            baseUrl: settings?.baseUrl,
            secrets: context.secrets
        });
        core/* setFailed */.C1(line);
        await reportFailure(line, context, error);
        if (settings?.driftIssue) {
            await reportDrift({ kind: 'could-not-check', line }, context, settings.driftIssue.githubToken);
        }
    }
    finally {
        client?.dispose();
    }
}
/** The step's inputs as a list of one producer, placed at the inputs that name it. */
function desiredFromInputs(settings) {
    return {
        organization: settings.organization,
        consumers: settings.consumers,
        mode: settings.mode,
        globalModuleSharing: settings.globalModuleSharing,
        allowEmpty: settings.allowEmpty,
        place: { input: 'organization' },
        consumerPlaces: settings.consumers.map(() => ({ input: 'consumers' }))
    };
}
/**
 * Every file is read and checked before the first request; every problem becomes an annotation
 * on its file and line, so that it shows in the pull request's diff.
 */
async function desiredFromFiles(settings, { patterns, workspace }, log) {
    if (settings.allowEmpty) {
        core/* warning */.$e("allow-empty does not apply to sharing files: a file states each producer's whole sharing, " +
            'consumers: [] included, and the pull request review is the confirmation');
    }
    // What only file runs need (the YAML parser, the glob matcher) is loaded by them alone: a
    // one-producer run starts without it.
    const [{ findSharingFiles }, { inFileOrder, loadSharingFiles, providerProblems }] = await Promise.all([Promise.all(/* import() */[__nccwpck_require__.e(324), __nccwpck_require__.e(712)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3712)), Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(6), __nccwpck_require__.e(895)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9895))]);
    const paths = await findSharingFiles(patterns, workspace);
    const loaded = await loadSharingFiles(paths, workspace);
    // Provider sharing on an api that cannot write it is a problem of the files too, on its line.
    const problems = inFileOrder([
        ...loaded.errors,
        ...providerProblems(loaded.desired, settings.api)
    ]);
    if (problems.length > 0)
        throw new errors/* ConfigInvalid */.QO(problems);
    log(`${paths.length} sharing file${paths.length === 1 ? '' : 's'}, ${loaded.desired.length} producer${loaded.desired.length === 1 ? '' : 's'}; TFE ${settings.baseUrl}`);
    return loaded.desired;
}
/** The line of the one producer the inputs asked for, when it failed. */
function failedProducerLine(outcome, settings, context) {
    const [producer] = outcome.producers;
    if (settings.config || producer?.result !== 'failed')
        return undefined;
    return describeFailure(producer.error, {
        organization: settings.organization,
        baseUrl: settings.baseUrl,
        secrets: context.secrets
    });
}
/** What a check finds, when it is asked to fail on it: drift, and organizations in no file. */
function checkLine(outcome, settings) {
    const lines = [];
    const drifted = outcome.producers.filter(p => p.result === 'would-change');
    if (settings.failOnDrift && drifted.length > 0) {
        lines.push(driftLine(drifted.map(p => p.desired.organization), outcome.producers.length, settings.config ? 'files' : 'inputs'));
    }
    const unmanaged = outcome.unmanaged ?? [];
    if (settings.failOnUnmanaged && unmanaged.length > 0) {
        lines.push(unmanagedLine(unmanaged, settings.api === 'registry-partnerships'));
    }
    return lines.length > 0 ? lines.join(' ') : undefined;
}
/** Today's sharing, written as a sharing file; TFE is only read. */
async function runExport(client, settings, exportTo, log) {
    const { path, file } = exportTo;
    // The YAML writer loads only for export.
    const [{ sharingFileText }, { writeExportFile }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(6), __nccwpck_require__.e(533)]).then(__nccwpck_require__.bind(__nccwpck_require__, 533)),
        __nccwpck_require__.e(/* import() */ 67).then(__nccwpck_require__.bind(__nccwpck_require__, 2067))
    ]);
    // Provider sharing is exported only where a file stating it can plan: on registry-partnerships.
    const withProviders = settings.api === 'registry-partnerships';
    log(`Reading the ${withProviders ? 'module and provider' : 'module'} sharing of every organization on ${settings.baseUrl}`);
    const directory = new OrganizationDirectory(client);
    const [sharers, providerSharers] = await Promise.all([
        readSharingToday(client, directory, log),
        withProviders ? readSharingToday(client, directory, log, 'providers') : []
    ]);
    if (!withProviders) {
        core/* notice */.lm(`export: provider sharing was left out of ${file}: it is written only through registry-partnerships (TFE v202301-1 or later). Run export with api: registry-partnerships to include it.`);
    }
    core/* setOutput */.uH('changed', 'false');
    if (sharers.length === 0 && providerSharers.length === 0) {
        // A file of no producers would be refused by the planner: there is nothing to start from.
        core/* warning */.$e(`export: no organization on ${settings.baseUrl} shares its ${withProviders ? 'modules or providers' : 'modules'}, so there is nothing to export; ${file} was not written.`);
        await writeSummary(exportMarkdown(sharers, file, settings.baseUrl, withProviders ? providerSharers : undefined));
        return;
    }
    const text = sharingFileText(exportEntries(sharers, providerSharers), exportTo.schemaUrl);
    let problem;
    try {
        problem = await writeExportFile(exportTo.root, path, text);
    }
    catch (error) {
        problem = `${file} cannot be written (${error.code ?? 'unknown error'})`;
    }
    if (problem) {
        throw new errors/* ActionError */.lZ(`export: ${problem}; give the path of a file in the workspace, with no link on the way. Nothing was written, and nothing in TFE was changed.`);
    }
    const producers = new Set([...sharers, ...providerSharers].map(s => s.organization)).size;
    log(`Wrote the sharing of ${producers} producer${producers === 1 ? '' : 's'} to ${file}`);
    await writeSummary(exportMarkdown(sharers, file, settings.baseUrl, withProviders ? providerSharers : undefined));
}
/** One entry a producer, with what it shares of each kind (by name, as sharing files write it). */
function exportEntries(modules, providers) {
    const names = (s) => (s.consumers ?? []).map(c => c.name ?? c.externalId);
    const moduleSharing = new Map(modules.map(s => [
        s.organization,
        s.global ? { globalModuleSharing: true } : { consumers: names(s) }
    ]));
    const providerSharing = new Map(providers.map(s => [
        s.organization,
        s.global ? { globalProviderSharing: true } : { providerConsumers: names(s) }
    ]));
    const organizations = new Set([...moduleSharing.keys(), ...providerSharing.keys()]);
    return [...organizations].map(organization => ({
        organization,
        ...moduleSharing.get(organization),
        ...providerSharing.get(organization)
    }));
}
function runContext(settings) {
    const key = subject(settings);
    return {
        drift: settings.failOnDrift === true,
        baseUrl: settings.baseUrl ?? '',
        api: settings.api ?? 'module-consumers',
        dryRun: settings.dryRun,
        subject: key,
        patterns: settings.config?.patterns,
        // A comment is found again by its subject: without one, it would be a new comment each run.
        comment: key ? settings.pullRequestComment : undefined,
        secrets: [settings.token, settings.pullRequestComment?.githubToken ?? '']
    };
}
/**
 * What a run is about, as its summary heading and comment marker say it: the producer, or the
 * sharing files (by their patterns, so two steps with different files keep two comments).
 */
function subject(settings) {
    if (settings.config) {
        const patterns = settings.config.patterns.split(/\r?\n/).map(p => p.trim());
        return `sharing files ${patterns.filter(Boolean).join(', ')}`.replace(/[^\w ./*!,-]/g, '_');
    }
    if (settings.exportTo)
        return `export to ${settings.exportTo.file}`.replace(/[^\w ./-]/g, '_');
    return settings.organization;
}

;// CONCATENATED MODULE: ./src/index.ts
// The entry the runner starts: nothing here but the call.

void main_run();

