export const id = 712;
export const ids = [712];
export const modules = {

/***/ 3712:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findSharingFiles: () => (/* binding */ findSharingFiles)
/* harmony export */ });
/* harmony import */ var _actions_glob__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3324);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _describe_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6791);
/* harmony import */ var _domain_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(241);
// The sharing files a run manages: glob patterns, one a line, relative to the workspace. A pattern
// that matches nothing is an error (a typo must not silently manage nothing), and no pattern may
// reach outside the workspace.





const GLOB_OPTIONS = {
    followSymbolicLinks: false,
    implicitDescendants: false,
    matchDirectories: false
};
/**
 * The files the patterns match: absolute paths, sorted and unique. Blank lines and `#` comments
 * are ignored; `!pattern` leaves files out. Throws SharingPatternError naming every pattern that
 * is unusable, leaves the workspace, or (unless it leaves files out) matches no file.
 */
async function findSharingFiles(patterns, workspace) {
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace);
    const lines = readPatterns(patterns);
    const problems = [];
    for (const pattern of lines) {
        const problem = escapeProblem(pattern);
        if (problem)
            problems.push(problem);
    }
    if (problems.length > 0)
        throw new _domain_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SharingPatternError */ .Zb(problems);
    const includes = lines.filter(pattern => !pattern.exclude);
    if (includes.length === 0) {
        throw new _domain_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SharingPatternError */ .Zb([
            'no sharing file patterns given; write one a line, relative to the workspace, e.g. sharing/*.yml'
        ]);
    }
    const base = globEscape(root);
    const absolute = (pattern) => `${pattern.exclude ? '!' : ''}${base}/${pattern.text.replace(/^\.\//, '')}`;
    const excludes = lines.filter(pattern => pattern.exclude).map(absolute);
    for (const pattern of includes) {
        const matched = await (await (0,_actions_glob__WEBPACK_IMPORTED_MODULE_0__/* .create */ .v)(absolute(pattern), GLOB_OPTIONS)).glob();
        if (matched.length === 0)
            problems.push(await nothingMatched(pattern, root));
    }
    if (problems.length > 0)
        throw new _domain_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SharingPatternError */ .Zb(problems);
    const globber = await (0,_actions_glob__WEBPACK_IMPORTED_MODULE_0__/* .create */ .v)([...includes.map(absolute), ...excludes].join('\n'), GLOB_OPTIONS);
    const files = [...new Set(await globber.glob())].sort();
    if (files.length === 0) {
        // A check that checks nothing must not pass: the exclusions left out every file.
        throw new _domain_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SharingPatternError */ .Zb([
            `the patterns leave out every file they match (${lines.map(label).join(', ')}); ` +
                'a run needs at least one sharing file'
        ]);
    }
    await checkInside(files, root, problems);
    if (problems.length > 0)
        throw new _domain_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .SharingPatternError */ .Zb(problems);
    return files;
}
function readPatterns(patterns) {
    return patterns
        .split(/\r\n|\r|\n/)
        .map((raw, index) => ({ line: index + 1, raw: raw.trim() }))
        .filter(({ raw }) => raw !== '' && !raw.startsWith('#'))
        .map(({ line, raw }) => {
        const exclude = raw.startsWith('!');
        return { line, text: exclude ? raw.slice(1).trim() : raw, exclude };
    });
}
/** Why the pattern could reach outside the workspace; '' when it cannot. */
function escapeProblem(pattern) {
    const { text } = pattern;
    if (text === '')
        return `${label(pattern)} is empty after the !; write the files to leave out`;
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(text) || /^[A-Za-z]:/.test(text) || text.startsWith('\\')) {
        return (`${label(pattern)} is an absolute path; sharing file patterns are relative to the ` +
            'workspace (the repository checkout), e.g. sharing/*.yml');
    }
    if (text === '~' || text.startsWith('~/')) {
        return `${label(pattern)} starts with ~ (the home directory); patterns are relative to the workspace`;
    }
    if (text.split(/[/\\]+/).includes('..')) {
        return (`${label(pattern)} has a .. segment, which could leave the workspace; write the path from ` +
            'the workspace root without ..');
    }
    return '';
}
/** Says why, when it can: a directory needs a file pattern under it. */
async function nothingMatched(pattern, root) {
    let hint = '';
    if (!/[*?[]/.test(pattern.text)) {
        const isDirectory = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(root, pattern.text)).then(found => found.isDirectory(), () => false);
        if (isDirectory)
            hint = `; it is a directory, match the files in it, e.g. ${pattern.text.replace(/\/+$/, '')}/*.yml`;
    }
    return `${label(pattern)} matches no file in the workspace${hint || '; check its spelling and the folder'}`;
}
/**
 * A matched file that is a link to somewhere outside the workspace is not managed, nor is one
 * that is not a regular file: reading a FIFO or a device would hang the run.
 */
async function checkInside(files, root, problems) {
    const realRoot = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(root);
    for (const file of files) {
        const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(file).catch(() => undefined);
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(realRoot, real ?? '');
        if (real === undefined ||
            path === '' ||
            path.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`) ||
            path === '..' ||
            (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(path)) {
            problems.push(`${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, file).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/')} is a link that leads outside the workspace (or nowhere); ` +
                'sharing files must be files of the repository');
        }
        else if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(real)).isFile()) {
            problems.push(`${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, file).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/')} is not a regular file (a FIFO, socket or device); ` +
                'sharing files must be files of the repository');
        }
    }
}
/** `pattern sharing/*.yml (line 2)`, or a description when the pattern is not plain. */
function label({ line, text, exclude }) {
    const written = `${exclude ? '!' : ''}${text}`;
    return /^[A-Za-z0-9_.\-/*?[\]{}!~]{1,200}$/.test(written) && !(0,_describe_js__WEBPACK_IMPORTED_MODULE_4__/* .looksLikeToken */ .NM)(written)
        ? `pattern ${written} (line ${line})`
        : `the pattern on line ${line} (${Array.from(written).length} characters)`;
}
/** The workspace as a literal prefix of a glob pattern (as @actions/glob escapes paths). */
function globEscape(path) {
    return (process.platform === 'win32' ? path : path.replace(/\\/g, '\\\\'))
        .replace(/(\[)(?=[^/]+\])/g, '[[]')
        .replace(/\?/g, '[?]')
        .replace(/\*/g, '[*]');
}


/***/ })

};
