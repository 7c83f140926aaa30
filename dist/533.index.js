export const id = 533;
export const ids = [533];
export const modules = {

/***/ 533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EXPORT_HEADER: () => (/* binding */ EXPORT_HEADER),
/* harmony export */   SCHEMA_URL: () => (/* binding */ SCHEMA_URL),
/* harmony export */   sharingFileText: () => (/* binding */ sharingFileText)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3006);
/* harmony import */ var _domain_model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5529);
// The sharing TFE holds today, written as a sharing file: the start of sharing as code.
// Pure and deterministic (sorted producers and consumers, no dates), so exporting twice gives the
// same text and a diff shows only what changed.



/** The schema's own `$id`: a placeholder for the repository the action is installed from. */
const SCHEMA_URL = 'https://raw.githubusercontent.com/your-org/tfe-module-sharing-action/v1/module-sharing.schema.json';
const EXPORT_HEADER = '# Exported from TFE by tfe-module-sharing-action; review before committing.';
/**
 * The sharing file stating exactly `entries`: producers sorted, consumers sorted (and exact
 * duplicates dropped), global producers as `global-module-sharing: true`, provider sharing after
 * module sharing (`provider-consumers:` or `global-provider-sharing: true`), `version: 1` first.
 * Throws on a producer given twice (the caller has two answers for one organization) or with
 * neither kind (a file cannot state that).
 */
function sharingFileText(entries, 
/** The action's schema, or undefined for no schema line (see settings' schemaUrlFor). */
schemaUrl) {
    const seen = new Set();
    for (const { organization } of entries) {
        if (seen.has(organization)) {
            throw new Error(`sharingFileText: ${organization} is given twice; give each producer once`);
        }
        seen.add(organization);
    }
    // A Map, not an object: `__proto__` is a valid organization name.
    const producers = new Map();
    for (const entry of [...entries].sort((a, b) => (0,_domain_model_js__WEBPACK_IMPORTED_MODULE_2__/* .byCodePoint */ .HH)(a.organization, b.organization))) {
        const keys = {};
        if (entry.consumers)
            keys.consumers = sorted(entry.consumers);
        else if (entry.globalModuleSharing)
            keys['global-module-sharing'] = true;
        if (entry.providerConsumers)
            keys['provider-consumers'] = sorted(entry.providerConsumers);
        else if (entry.globalProviderSharing)
            keys['global-provider-sharing'] = true;
        if (Object.keys(keys).length === 0) {
            throw new Error(`sharingFileText: ${entry.organization} has neither module nor provider sharing; give one`);
        }
        producers.set(entry.organization, keys);
    }
    const body = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)({ version: _parse_js__WEBPACK_IMPORTED_MODULE_1__/* .SHARING_FILE_VERSION */ .v, producers }, { lineWidth: 0, indent: 2, indentSeq: true });
    const schema = schemaUrl ? `# yaml-language-server: $schema=${schemaUrl}\n` : '';
    return `${schema}${EXPORT_HEADER}\n${body}`;
}
/** Sorted by code point, exact duplicates dropped. */
function sorted(names) {
    return [...new Set(names)].sort(_domain_model_js__WEBPACK_IMPORTED_MODULE_2__/* .byCodePoint */ .HH);
}


/***/ })

};
