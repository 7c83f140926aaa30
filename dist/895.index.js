export const id = 895;
export const ids = [895];
export const modules = {

/***/ 9895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_SHARING_FILE_BYTES: () => (/* binding */ MAX_SHARING_FILE_BYTES),
/* harmony export */   combineSharingFiles: () => (/* binding */ combineSharingFiles),
/* harmony export */   inFileOrder: () => (/* binding */ inFileOrder),
/* harmony export */   loadSharingFiles: () => (/* binding */ loadSharingFiles),
/* harmony export */   providerProblems: () => (/* binding */ providerProblems)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _describe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4142);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3006);
/* harmony import */ var _domain_model_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5529);
/* harmony import */ var _domain_tfe_answers_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3147);
// Sharing files, read and checked together into the desired sharing of every producer they name.
// Reading is the only I/O here; combining the files is pure (`combineSharingFiles`).






/** A sharing file is a short list; anything larger was matched by mistake. */
const MAX_SHARING_FILE_BYTES = 1024 * 1024;
/**
 * Reads, parses and checks the files (absolute paths, e.g. from `findSharingFiles`). Problems name
 * files relative to the workspace, as annotations need them.
 */
async function loadSharingFiles(paths, workspace) {
    const parsed = [];
    for (const path of paths) {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, path).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
        const text = await readText(path);
        parsed.push(typeof text === 'string'
            ? (0,_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSharingFile */ .u)(text, file)
            : { producers: [], errors: [{ file, line: 1, column: 1, message: text.problem }] });
    }
    return combineSharingFiles(parsed);
}
/**
 * The producers of several parsed files as one desired state. A producer may be written in one
 * place only: each further place is an error that names both (file:line each).
 */
function combineSharingFiles(files) {
    const errors = files.flatMap(file => file.errors);
    const first = new Map();
    for (const producer of files.flatMap(file => file.producers)) {
        const earlier = first.get(producer.organization);
        if (earlier === undefined) {
            first.set(producer.organization, producer);
            continue;
        }
        errors.push({
            file: producer.source.file,
            line: producer.source.line,
            column: 1,
            message: `${(0,_describe_js__WEBPACK_IMPORTED_MODULE_3__/* .isQuotable */ .ym)(producer.organization) ? `producer ${producer.organization}` : 'this producer'} ` +
                'is set in two places: ' +
                `${place(earlier)} and ${place(producer)}; keep it in one file only`
        });
    }
    const desired = [...first.values()]
        .sort((a, b) => (0,_domain_model_js__WEBPACK_IMPORTED_MODULE_4__/* .byCodePoint */ .HH)(a.organization, b.organization))
        .map(desiredFromFile);
    return { desired, errors: inFileOrder(errors) };
}
function desiredFromFile({ organization, managesModules, consumers, consumerLines, globalModuleSharing, providers, source }) {
    const at = (line) => ({ file: source.file, line });
    const desired = {
        organization,
        consumers,
        mode: 'set',
        globalModuleSharing,
        allowEmpty: true,
        place: source,
        consumerPlaces: consumerLines.map(at),
        managesModules
    };
    if (providers) {
        desired.providers = {
            consumers: providers.consumers,
            consumerPlaces: providers.consumerLines.map(at),
            global: providers.global,
            place: { file: source.file, line: providers.line, column: providers.column }
        };
    }
    return desired;
}
/**
 * The problems of a run's files that come from the run's settings, not from the files alone:
 * provider sharing stated while the run's `api` cannot write it (only registry-partnerships
 * does). One problem per producer, where its provider sharing is stated; checked before any
 * request, as the files' own problems are.
 */
function providerProblems(desired, api) {
    if (api === 'registry-partnerships')
        return [];
    return inFileOrder(desired.flatMap(({ providers }) => providers ? [{ ...providers.place, message: (0,_domain_tfe_answers_js__WEBPACK_IMPORTED_MODULE_5__/* .providersNeedRegistryPartnerships */ .fo)(api) }] : []));
}
/** Problems sorted by file, line and column, as annotations and the log show them. */
function inFileOrder(problems) {
    return [...problems].sort((a, b) => (0,_domain_model_js__WEBPACK_IMPORTED_MODULE_4__/* .byCodePoint */ .HH)(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
function place({ source }) {
    return `${source.file}:${source.line}`;
}
/** The file's text, or what keeps it from being read (described; the path is in the annotation). */
async function readText(path) {
    let bytes;
    try {
        const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
        if (size > MAX_SHARING_FILE_BYTES) {
            return {
                problem: `the file is larger than 1 MiB (${size} bytes), too large for a sharing file; check the patterns that select sharing files`
            };
        }
        bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path);
    }
    catch (error) {
        const code = error.code ?? 'unknown error';
        return { problem: `the file cannot be read (${code}); check that it exists and is a file` };
    }
    if (bytes.includes(0)) {
        return { problem: 'the file is not text (it holds NUL bytes); a sharing file is YAML text' };
    }
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        return { problem: 'the file is not UTF-8 text; save it as UTF-8' };
    }
}


/***/ })

};
