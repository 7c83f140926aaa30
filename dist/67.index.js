export const id = 67;
export const ids = [67];
export const modules = {

/***/ 2067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeExportFile: () => (/* binding */ writeExportFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
// Writes an export's file without following a link anywhere on its way: a link at the file, or
// on a folder between the working folder and it, could point outside the workspace (a file
// overwritten there, or created). The text goes to a new temporary file beside the target, and
// a rename puts it in place; the folders are checked again just before the rename.



/** Why the file was not written, in a person's words; undefined once it is written. */
async function writeExportFile(root, path, text) {
    const folders = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path)).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).filter(Boolean);
    const folderProblem = async (create) => {
        let at = root;
        for (const name of folders) {
            at = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(at, name);
            const found = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(at).catch(() => undefined);
            if (!found && create) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(at);
                continue;
            }
            if (!found)
                return `${shown(root, at)} is gone`;
            if (found.isSymbolicLink())
                return `${shown(root, at)} is a link`;
            if (!found.isDirectory())
                return `${shown(root, at)} is not a folder`;
        }
        return undefined;
    };
    const before = await folderProblem(true);
    if (before)
        return before;
    const target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path).catch(() => undefined);
    if (target?.isSymbolicLink())
        return `${shown(root, path)} is a link`;
    if (target && !target.isFile())
        return `${shown(root, path)} is not a regular file`;
    const temporary = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), `.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.export.tmp`);
    // wx: a new file of its own, never one that a link put there in the meantime.
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temporary, text, { flag: 'wx' });
    try {
        const now = await folderProblem(false);
        if (now)
            return now;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temporary, path);
        return undefined;
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true });
    }
}
function shown(root, path) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, path).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
}


/***/ })

};
