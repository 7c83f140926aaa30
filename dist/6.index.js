export const id = 6;
export const ids = [6];
export const modules = {

/***/ 4142:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   jE: () => (/* binding */ tokenHint),
/* harmony export */   v: () => (/* binding */ quoteOrDescribe),
/* harmony export */   ym: () => (/* binding */ isQuotable)
/* harmony export */ });
/* harmony import */ var _domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6791);
// How a sharing file's values are shown back in messages. A file may hold anything, a token pasted
// by mistake included, and annotations and logs are public: a value is quoted only when it is
// short and made of harmless characters, and otherwise described (its length and the first
// character that does not belong). The same rules as the step inputs (src/inputs.ts), for files.


/** Short and plain enough to show back. */
const QUOTABLE = /^[A-Za-z0-9_.-]{1,40}$/;
/** Safe to show as it is. */
function isQuotable(value) {
    return QUOTABLE.test(value) && !(0,_domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .looksLikeToken */ .NM)(value) && !(0,_domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .looksRandom */ .EZ)(value);
}
/** `"app.team"`, or `52 characters, the first that is not allowed is "/" at position 9`. */
function shown(value, allowed = _domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .QUOTABLE_CHARACTER */ .K_) {
    return isQuotable(value) ? `"${value}"` : (0,_domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(value, allowed);
}
/** `"app.team"`, or `a value of 52 characters, the first that is not allowed is "/" at position 9`. */
function quoteOrDescribe(value, allowed = _domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .QUOTABLE_CHARACTER */ .K_) {
    return isQuotable(value) ? `"${value}"` : `a value of ${(0,_domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .describe */ .q0)(value, allowed)}`;
}
/** Added to a message about a value shaped like a token: it is in the repository now. */
function tokenHint(value) {
    return (0,_domain_describe_value_js__WEBPACK_IMPORTED_MODULE_0__/* .looksLikeToken */ .NM)(value)
        ? '; it looks like an API token: remove it, and revoke the token, since it is in the repository'
        : '';
}


/***/ }),

/***/ 3006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v: () => (/* binding */ SHARING_FILE_VERSION),
  u: () => (/* binding */ parseSharingFile)
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/domain/model.ts
var model = __webpack_require__(5529);
// EXTERNAL MODULE: ./src/files/describe.ts
var describe = __webpack_require__(4142);
// EXTERNAL MODULE: ./src/domain/describe-value.ts
var describe_value = __webpack_require__(6791);
;// CONCATENATED MODULE: ./src/files/yaml-problems.ts
/** A YAML syntax problem in words that never quote the file's text. */
function yamlProblem(error) {
    const fixed = YAML_PROBLEMS[error.code];
    if (fixed)
        return `not valid YAML: ${fixed}`;
    // The parser's own words, without anything it quotes from the file (after a colon).
    const own = error.message.replace(/: (?!between |in ).*$/s, '');
    const plain = /^[A-Za-z ,:'"()[\]{}-]{1,100}$/.test(own)
        ? own.charAt(0).toLowerCase() + own.slice(1)
        : 'the YAML cannot be read here';
    return `not valid YAML: ${plain}${YAML_HINTS[error.code] ?? ''}`;
}
const ANCHORS = 'anchors and aliases (& and *) are not supported in sharing files; write each value out';
const TAGS = 'tags (a value starting with !) are not supported in sharing files; remove the tag';
const YAML_PROBLEMS = {
    ALIAS_PROPS: ANCHORS,
    BAD_ALIAS: ANCHORS,
    MULTIPLE_ANCHORS: ANCHORS,
    BAD_PROP_ORDER: TAGS,
    MULTIPLE_TAGS: TAGS,
    TAG_RESOLVE_FAILED: TAGS,
    BAD_COLLECTION_TYPE: TAGS,
    BAD_DIRECTIVE: 'a % directive line is not supported in sharing files; remove it',
    BAD_DQ_ESCAPE: 'a double-quoted value has an invalid \\ escape; organization names need neither quotes nor escapes',
    BAD_SCALAR_START: 'a value cannot start with this character; organization names are letters, digits, - and _',
    KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters; keys are names, each on one line',
    MULTIPLE_DOCS: 'the file holds more than one document (a --- line); put every producer under one producers:',
    TAB_AS_INDENT: 'a tab is used for indentation; indent with spaces',
    RESOURCE_EXHAUSTION: 'the file is nested too deeply to read',
    IMPOSSIBLE: 'the YAML cannot be read here'
};
const YAML_HINTS = {
    BAD_INDENT: '; indent each level by the same number of spaces',
    BLOCK_AS_IMPLICIT_KEY: '; write each key on its own line, as name: followed by its value',
    MULTILINE_IMPLICIT_KEY: '; write each key on its own line, as name: followed by its value',
    BLOCK_IN_FLOW: '; write the list as - entries, or close the [ ] on one line',
    UNEXPECTED_TOKEN: '; check the indentation and punctuation here'
};

;// CONCATENATED MODULE: ./src/files/parse.ts
// A sharing file, read into the desired sharing of its producers. Pure: text in, producers and
// every problem out, each problem at the line and column where the user wrote it. The format is
// strict (known keys only, exact types) so that a typo can never mean "share with nobody".
//
//   version: 1                # optional; 1 is the only version
//   producers:
//     platform-modules:       # a producing organization, by name
//       consumers:            # the whole list: names or org- external ids
//         - app-team-a
//       provider-consumers:   # providers too, if stated: the whole list, names or org- ids
//         - app-team-a
//     network-modules:
//       global-module-sharing: true   # or global-provider-sharing: true
//
// A producer states module sharing, provider sharing or both; a kind it does not state is not
// managed (left as TFE has it).




/** The only version of the format. */
const SHARING_FILE_VERSION = 1;
const TOP_KEYS = ['version', 'producers'];
const PRODUCER_KEYS = [
    'consumers',
    'global-module-sharing',
    'provider-consumers',
    'global-provider-sharing'
];
const MODULES = {
    list: 'consumers',
    global: 'global-module-sharing',
    entry: 'consumer',
    shared: 'modules'
};
const PROVIDERS = {
    list: 'provider-consumers',
    global: 'global-provider-sharing',
    entry: 'provider consumer',
    shared: 'providers'
};
/** What a producer states, as the messages that ask for it say it. */
const WHAT_A_PRODUCER_STATES = 'consumers: or global-module-sharing: true for modules, ' +
    'provider-consumers: or global-provider-sharing: true for providers';
const ADD_SETTINGS = 'add consumers: (modules) or provider-consumers: (providers) with the organizations to share ' +
    'with ([] for nobody), or global-module-sharing: true or global-provider-sharing: true';
/** Reads one sharing file. `file` is how problems name it (relative to the workspace). */
function parseSharingFile(text, file) {
    const lines = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter: lines,
        uniqueKeys: true,
        prettyErrors: false
    });
    const context = { file, errors: [], lines };
    // Duplicate keys are found below, where the message can name both places.
    const syntax = [...document.errors, ...document.warnings].filter(e => e.code !== 'DUPLICATE_KEY');
    for (const error of syntax)
        report(context, error.pos[0], yamlProblem(error));
    if (syntax.length > 0)
        return { producers: [], errors: inOrder(context.errors) };
    const producers = readFile(context, document);
    return { producers, errors: inOrder(context.errors) };
}
function readFile(context, document) {
    const top = document.contents;
    if (top === null || ((0,dist/* isScalar */.jn)(top) && top.value === null)) {
        report(context, 0, 'the file holds no settings; write producers: with at least one producing organization, ' +
            `and under each what it shares: ${WHAT_A_PRODUCER_STATES}`);
        return [];
    }
    if (!(0,dist/* isMap */.jh)(top)) {
        report(context, start(top), `a sharing file is a map with the keys version and producers, not ${kindOf(top)}; ` +
            'start with producers: and write each producing organization under it');
        return [];
    }
    const { keys, suggested } = readKeys(context, top, TOP_KEYS, {
        where: '',
        takes: 'a sharing file takes only version and producers'
    });
    const version = keys.get('version');
    if (version)
        readVersion(context, version.key, version.value);
    const producers = keys.get('producers');
    if (!producers) {
        if (!suggested.has('producers')) {
            report(context, start(top), 'the file has no producers: key; add producers: with at least one producing organization');
        }
        return [];
    }
    return readProducers(context, producers.key, producers.value);
}
function readVersion(context, key, value) {
    if ((0,dist/* isScalar */.jn)(value) && value.value === SHARING_FILE_VERSION)
        return;
    if (aliasReported(context, value))
        return;
    const written = (0,dist/* isScalar */.jn)(value) && value.value === String(SHARING_FILE_VERSION)
        ? `the string "1"; write version: 1 without quotes`
        : `${show(value)}; write version: 1, or leave version out`;
    report(context, isEmpty(value) ? start(key) : start(value), `version must be 1, not ${written}`);
}
function readProducers(context, key, value) {
    if (aliasReported(context, value))
        return [];
    if (isEmpty(value) || ((0,dist/* isMap */.jh)(value) && value.items.length === 0)) {
        report(context, isEmpty(value) ? start(key) : start(value), `producers is empty; write at least one producing organization under it, ` +
            `as name: with what it shares under it (${WHAT_A_PRODUCER_STATES})`);
        return [];
    }
    if (!(0,dist/* isMap */.jh)(value)) {
        report(context, start(value), `producers must be a map of producing organizations, not ${kindOf(value)}; ` +
            `write each organization as name: with what it shares under it (${WHAT_A_PRODUCER_STATES})`);
        return [];
    }
    const producers = [];
    const seen = new Map();
    for (const pair of value.items) {
        const keyNode = pair.key;
        const offset = keyNode ? start(keyNode) : start(pair.value, start(value));
        const line = lineOf(context, offset);
        const before = context.errors.length;
        const organization = readProducerName(context, keyNode, offset);
        if (organization !== undefined) {
            const first = seen.get(organization);
            if (first === undefined) {
                seen.set(organization, line);
            }
            else {
                report(context, offset, `${(0,describe/* isQuotable */.ym)(organization) ? `producer ${organization}` : `the producer on line ${line}`} ` +
                    'is set twice: ' +
                    `${context.file}:${first} and ${context.file}:${line}; keep one of them`);
            }
        }
        const label = organization === undefined
            ? `the producer on line ${line}`
            : organizationLabel(organization, line);
        const settings = readProducer(context, pair.value, offset, label, organization);
        if (organization !== undefined && settings && context.errors.length === before) {
            producers.push({ organization, ...settings, source: { file: context.file, line } });
        }
    }
    return producers;
}
function readProducerName(context, key, offset) {
    if (isEmpty(key) || ((0,dist/* isScalar */.jn)(key) && key.value === '')) {
        report(context, offset, "a producer has an empty name; write the producing organization's name before the colon");
        return undefined;
    }
    if (!(0,dist/* isScalar */.jn)(key) || (0,dist/* isAlias */.Vj)(key)) {
        report(context, offset, `a producer must be named by an organization name, not ${kindOf(key)}`);
        return undefined;
    }
    if (typeof key.value !== 'string') {
        report(context, offset, `producer ${readAsNonString(key)}`);
        return undefined;
    }
    const name = key.value;
    if ((0,model/* isExternalId */.bg)(name)) {
        report(context, offset, `producer ${name} is an external id; write the producing organization by its name`);
        return undefined;
    }
    if (!(0,model/* isOrganizationName */.Px)(name) || (0,describe_value/* looksLikeToken */.NM)(name)) {
        report(context, offset, 'this producer is not a valid organization name (letters, digits, - and _ only): ' +
            `${(0,describe/* shown */.SP)(name, describe_value/* NAME_CHARACTER */.YI)}${(0,describe/* tokenHint */.jE)(name)}`);
        return undefined;
    }
    return name;
}
function readProducer(context, value, keyOffset, label, organization) {
    if (aliasReported(context, value))
        return undefined;
    if (isEmpty(value)) {
        report(context, keyOffset, `${label} has no settings; ${ADD_SETTINGS}`);
        return undefined;
    }
    if (!(0,dist/* isMap */.jh)(value)) {
        const hint = (0,dist/* isSeq */.oP)(value)
            ? '; write consumers: (or provider-consumers:) above the list, indented under the name'
            : '';
        report(context, start(value), `${label} must be a map with consumers:, global-module-sharing:, provider-consumers: or ` +
            `global-provider-sharing:, not ${kindOf(value)}${hint}`);
        return undefined;
    }
    const { keys, suggested } = readKeys(context, value, PRODUCER_KEYS, {
        where: ` in ${label}`,
        takes: 'a producer takes only consumers, global-module-sharing, provider-consumers and ' +
            'global-provider-sharing'
    });
    // Both kinds are read, so that every problem of the producer is reported at once.
    const modules = readKind(context, keys, MODULES, label, organization);
    const providers = readKind(context, keys, PROVIDERS, label, organization);
    if (modules === undefined || providers === undefined)
        return undefined;
    if (!modules.stated && !providers.stated) {
        // A key taken for a typo of one of them is reported already, with the key it was meant as.
        if (suggested.size === 0) {
            report(context, keyOffset, `${label} states neither module nor provider sharing; ${ADD_SETTINGS}`);
        }
        return undefined;
    }
    const settings = modules.stated
        ? {
            managesModules: true,
            consumers: modules.consumers,
            consumerLines: modules.consumerLines,
            globalModuleSharing: modules.global
        }
        : // Not managed: left as TFE has it; the empty list and false are placeholders, never planned.
            { managesModules: false, consumers: [], consumerLines: [], globalModuleSharing: false };
    if (providers.stated) {
        const { line, col } = context.lines.linePos(providers.offset);
        settings.providers = {
            consumers: providers.consumers,
            consumerLines: providers.consumerLines,
            global: providers.global,
            line: Math.max(1, line),
            column: Math.max(1, col)
        };
    }
    return settings;
}
/**
 * One kind of sharing of a producer: its list, or global sharing, checked against each other.
 * undefined when it has a problem (reported).
 */
function readKind(context, keys, kind, label, organization) {
    const listPair = keys.get(kind.list);
    const globalPair = keys.get(kind.global);
    if (!listPair && !globalPair)
        return { stated: false };
    const list = listPair
        ? readConsumers(context, listPair.key, listPair.value, label, organization, kind)
        : undefined;
    const global = globalPair
        ? readGlobal(context, globalPair.key, globalPair.value, label, kind)
        : undefined;
    if (global === true && (0,dist/* isSeq */.oP)(listPair?.value) && listPair.value.items.length > 0) {
        const count = listPair.value.items.length;
        report(context, start(globalPair?.key), `${label} has ${kind.global}: true and ${count} ${kind.entry}${count === 1 ? '' : 's'}; ` +
            'global sharing shares with every organization and clears the list: ' +
            `remove the ${kind.entry}s, or set ${kind.global}: false`);
        return undefined;
    }
    if (global === false && !listPair) {
        report(context, start(globalPair?.key), `${label} has ${kind.global}: false but no ${kind.list}; add ${kind.list}: with the ` +
            `organizations to share with (${kind.list}: [] for nobody)`);
        return undefined;
    }
    if (globalPair && global === undefined)
        return undefined;
    const offset = Math.min(...[listPair?.key, globalPair?.key].filter(key => key !== undefined).map(key => start(key)));
    if (global === true)
        return { stated: true, consumers: [], consumerLines: [], global, offset };
    if (list === undefined)
        return undefined;
    return { stated: true, ...list, global: false, offset };
}
function readConsumers(context, key, value, label, organization, kind) {
    if (aliasReported(context, value))
        return undefined;
    if (isEmpty(value)) {
        report(context, start(key), `${kind.list} of ${label} is empty; write ${kind.list}: [] to share with nobody, ` +
            'or list the organizations under it, one - name a line');
        return undefined;
    }
    if (!(0,dist/* isSeq */.oP)(value)) {
        const how = (0,dist/* isMap */.jh)(value)
            ? 'write each organization as - name, with no colon after it'
            : `write each organization on its own line under ${kind.list}:, as - name`;
        report(context, start(value), `${kind.list} of ${label} must be a list, not ${kindOf(value)}; ${how}`);
        return undefined;
    }
    const consumers = [];
    const consumerLines = [];
    const seen = new Map();
    let valid = true;
    for (const item of value.items) {
        const offset = start(item);
        const line = lineOf(context, offset);
        const problem = consumerProblem(item, organization, kind);
        if (typeof problem === 'string') {
            report(context, offset, problem);
            valid = false;
            continue;
        }
        const text = problem.kind === 'id' ? problem.id : problem.name;
        const first = seen.get(text);
        if (first !== undefined) {
            report(context, offset, `${(0,describe/* isQuotable */.ym)(text) ? text : `this ${kind.entry}`} is listed twice in the ${kind.list} of ` +
                `${label} (first on line ${first}); remove this entry`);
            valid = false;
            continue;
        }
        seen.set(text, line);
        consumers.push(problem);
        consumerLines.push(line);
    }
    return valid ? { consumers, consumerLines } : undefined;
}
/** The consumer an entry names, or what is wrong with it. Classified as the step input does. */
function consumerProblem(item, producer, kind) {
    if (isEmpty(item)) {
        return (`a ${kind.entry} entry is empty (a - with nothing after it); write an organization name ` +
            'or external id, or remove the line');
    }
    if ((0,dist/* isAlias */.Vj)(item))
        return ALIAS;
    if (!(0,dist/* isScalar */.jn)(item)) {
        const hint = (0,dist/* isMap */.jh)(item) ? ' (is there a colon after a name?)' : '';
        return `a ${kind.entry} must be an organization name or external id, not ${kindOf(item)}${hint}`;
    }
    if (typeof item.value !== 'string')
        return `${kind.entry} ${readAsNonString(item)}`;
    const value = item.value;
    if ((0,model/* isExternalId */.bg)(value))
        return { kind: 'id', id: value };
    if ((0,model/* isOrganizationName */.Px)(value) && !(0,describe_value/* looksLikeToken */.NM)(value)) {
        if (value === producer) {
            const who = (0,describe/* isQuotable */.ym)(producer) ? producer : 'the producer';
            return (`${who} lists itself as a ${kind.entry}; an organization always uses its own ` +
                `${kind.shared}: remove this entry`);
        }
        return (0,model/* looksLikeExternalId */.ku)(value)
            ? { kind: 'name', name: value, looksLikeId: true }
            : { kind: 'name', name: value };
    }
    const hint = /\s-\s/.test(value)
        ? '; is a - entry indented more than the one above it?'
        : (0,describe/* tokenHint */.jE)(value);
    return (`this ${kind.entry} is neither an organization name (letters, digits, - and _) nor an ` +
        `external id (org- and 16 base58 characters): ${(0,describe/* shown */.SP)(value, describe_value/* NAME_CHARACTER */.YI)}${hint}`);
}
function readGlobal(context, key, value, label, kind) {
    if ((0,dist/* isScalar */.jn)(value) && typeof value.value === 'boolean')
        return value.value;
    if (aliasReported(context, value))
        return undefined;
    report(context, isEmpty(value) ? start(key) : start(value), `${kind.global} of ${label} must be true or false, not ${show(value)}`);
    return undefined;
}
/**
 * The known keys of a map, first occurrence each; every unknown or repeated key is reported.
 * `suggested` holds the known keys that an unknown key was taken for (a typo), so that the
 * missing key is not reported a second time.
 */
function readKeys(context, map, known, { where, takes }) {
    const keys = new Map();
    const suggested = new Set();
    const lines = new Map();
    for (const pair of map.items) {
        const key = pair.key;
        const value = pair.value;
        const offset = key ? start(key) : start(value, start(map));
        const name = (0,dist/* isScalar */.jn)(key) && typeof key.value === 'string' ? key.value : undefined;
        if (name === undefined || !known.includes(name)) {
            const guesses = name === undefined ? [] : closest(name, known);
            for (const guess of guesses)
                suggested.add(guess);
            const meant = guesses.length > 0 ? `; did you mean ${guesses.join(' or ')}?` : '';
            report(context, offset, `unknown key ${keyLabel(key)}${where}: ${takes}${meant}`);
            continue;
        }
        const first = lines.get(name);
        if (first !== undefined) {
            report(context, offset, `${name} is written twice${where} (first on line ${first}); write each key once`);
            continue;
        }
        lines.set(name, lineOf(context, offset));
        keys.set(name, { key, value });
    }
    return { keys, suggested };
}
/**
 * The known keys an unknown one was probably meant as: a near miss, a different spelling, the
 * start of one (`provider`, `providers`) or one with a word before it (`module-consumers`). The
 * nearest; both when two are about as near (`global`), since a guess would then be a coin toss.
 */
function closest(name, known) {
    const normal = name.toLowerCase().replace(/[_ ]/g, '-');
    const stem = normal.replace(/s$/, '');
    const near = known
        .filter(key => distance(normal, key) <= 3 ||
        (stem.length >= 4 &&
            (key.startsWith(stem) || normal.startsWith(key) || normal.endsWith(`-${key}`))))
        .map(key => ({ key, distance: distance(normal, key) }))
        .sort((a, b) => a.distance - b.distance);
    const best = near[0]?.distance ?? 0;
    return near
        .filter(guess => guess.distance <= best + 2)
        .slice(0, 2)
        .map(guess => guess.key);
}
/** Levenshtein distance. */
function distance(a, b) {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
        }
        row = next;
    }
    return row[b.length] ?? 0;
}
const ALIAS = 'aliases (*name) are not supported in sharing files; write the value out here';
/** An alias where a value belongs is reported as such: what it stands for is not read. */
function aliasReported(context, node) {
    if (!(0,dist/* isAlias */.Vj)(node))
        return false;
    report(context, start(node), ALIAS);
    return true;
}
/** A key as a message may show it. */
function keyLabel(key) {
    if (isEmpty(key))
        return '(empty)';
    if ((0,dist/* isScalar */.jn)(key)) {
        const text = sourceText(key);
        return (0,describe/* isQuotable */.ym)(text) ? `"${text}"` : `(${(0,describe_value/* describe */.q0)(text, describe_value/* QUOTABLE_CHARACTER */.K_)})`;
    }
    return `(${kindOf(key)})`;
}
/** A value as a message may show it: quoted only when short and plain. */
function show(value) {
    if (isEmpty(value))
        return 'empty';
    if ((0,dist/* isScalar */.jn)(value)) {
        const text = sourceText(value);
        // A string is quoted; a number or boolean is shown as written.
        if (typeof value.value === 'string' || !(0,describe/* isQuotable */.ym)(text))
            return (0,describe/* quoteOrDescribe */.v)(text);
        return text;
    }
    return kindOf(value);
}
/** `123 is read by YAML as a number; ...`, for a name YAML reads as something else. */
function readAsNonString(node) {
    const text = sourceText(node);
    const written = (0,describe/* quoteOrDescribe */.v)(text);
    const quoted = (0,describe/* isQuotable */.ym)(text) ? ` ("${text}")` : '';
    return (`${written} is read by YAML as ${typeOf(node)}; write it in quotes${quoted} ` +
        "if it is an organization's name");
}
function typeOf(node) {
    const value = node.value;
    if (typeof value === 'number' || typeof value === 'bigint')
        return 'a number';
    if (typeof value === 'boolean')
        return 'a boolean';
    if (value === null)
        return 'empty';
    return 'a tagged value';
}
/** How the user wrote a scalar (`0x1F`, not 31). */
function sourceText(node) {
    return typeof node.source === 'string' ? node.source : String(node.value);
}
function kindOf(node) {
    if ((0,dist/* isAlias */.Vj)(node))
        return 'an alias (*name)';
    if ((0,dist/* isMap */.jh)(node))
        return 'a map';
    if ((0,dist/* isSeq */.oP)(node))
        return 'a list';
    if (isEmpty(node))
        return 'empty';
    return 'a single value';
}
function isEmpty(node) {
    return node === null || node === undefined || ((0,dist/* isScalar */.jn)(node) && node.value === null);
}
function start(node, fallback = 0) {
    return node?.range[0] ?? fallback;
}
function lineOf(context, offset) {
    return Math.max(1, context.lines.linePos(offset).line);
}
function report(context, offset, message) {
    const { line, col } = context.lines.linePos(offset);
    context.errors.push({
        file: context.file,
        line: Math.max(1, line),
        column: Math.max(1, col),
        message
    });
}
/** A valid producer name as a message may show it. */
function organizationLabel(organization, line) {
    return (0,describe/* isQuotable */.ym)(organization) ? organization : `the producer on line ${line}`;
}
function inOrder(errors) {
    return errors
        .map((error, index) => ({ error, index }))
        .sort((a, b) => a.error.line - b.error.line ||
        (a.error.column ?? 0) - (b.error.column ?? 0) ||
        a.index - b.index)
        .map(({ error }) => error);
}


/***/ })

};
