export const id = 192;
export const ids = [192];
export const modules = {

/***/ 8192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readSharingToday: () => (/* binding */ readSharingToday)
/* harmony export */ });
/* harmony import */ var _tfe_concurrency_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9594);
/* harmony import */ var _tfe_module_sharing_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6108);
/* harmony import */ var _tfe_organizations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2745);



/** Requests in flight at once; the client's rate limiter sets the pace. */
const IN_FLIGHT = 16;
/**
 * Organizations sharing globally come from the full list's flags; those with a consumer list from
 * TFE's `filter[module_producer]`, each read to take its list (and confirm it is not empty: the
 * filter's exact meaning is undocumented).
 */
async function readSharingToday(client, log) {
    const [all, sharing] = await Promise.all([
        (0,_tfe_organizations_js__WEBPACK_IMPORTED_MODULE_1__/* .listOrganizations */ .J3)(client),
        (0,_tfe_organizations_js__WEBPACK_IMPORTED_MODULE_1__/* .listOrganizations */ .J3)(client, { moduleProducer: true })
    ]);
    const global = new Set(all.filter(org => org.globalModuleSharing).map(org => org.name));
    const candidates = sharing.filter(org => !global.has(org.name));
    log(`${all.length} organizations: ${global.size} share globally; reading the consumers of ${candidates.length} more`);
    const lists = await (0,_tfe_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapConcurrently */ .X)(candidates, IN_FLIGHT, org => (0,_tfe_module_sharing_js__WEBPACK_IMPORTED_MODULE_0__/* .listModuleConsumers */ .Yg)(client, org.name));
    const entries = [...global].map(organization => ({
        organization,
        globalModuleSharing: true
    }));
    candidates.forEach((org, i) => {
        const consumers = lists[i] ?? [];
        if (consumers.length > 0) {
            entries.push({ organization: org.name, consumers: consumers.map(c => c.name) });
        }
    });
    return entries;
}


/***/ })

};
