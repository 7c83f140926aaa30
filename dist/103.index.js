export const id = 103;
export const ids = [103];
export const modules = {

/***/ 3103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  shareFromFiles: () => (/* binding */ shareFromFiles)
});

// EXTERNAL MODULE: ./src/apply.ts
var apply = __webpack_require__(8931);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/failure.ts
var failure = __webpack_require__(1633);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
;// CONCATENATED MODULE: ./src/organization-index.ts
class OrganizationIndex {
    organizations;
    byName = new Map();
    byId = new Map();
    constructor(organizations) {
        this.organizations = organizations;
        for (const org of organizations) {
            this.byName.set(org.name, org);
            this.byId.set(org.externalId, org);
        }
    }
    named(name) {
        return this.byName.get(name);
    }
    /**
     * The consumers the refs name, and the refs that name no organization (by their index in
     * `refs`, so the caller can point at the line each was written on).
     */
    resolve(refs) {
        const found = [];
        const missing = [];
        refs.forEach((ref, i) => {
            const org = ref.kind === 'id' ? this.byId.get(ref.id) : this.byName.get(ref.name);
            if (org)
                found.push({ name: org.name, externalId: org.externalId });
            else
                missing.push(i);
        });
        return { found, missing };
    }
}

// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(2464);
;// CONCATENATED MODULE: ./src/progress.ts
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

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/tfe/account.ts
var account = __webpack_require__(4314);
// EXTERNAL MODULE: ./src/tfe/concurrency.ts
var concurrency = __webpack_require__(9594);
// EXTERNAL MODULE: ./src/tfe/errors.ts
var tfe_errors = __webpack_require__(5042);
// EXTERNAL MODULE: ./src/tfe/module-sharing.ts
var module_sharing = __webpack_require__(6108);
// EXTERNAL MODULE: ./src/tfe/organizations.ts
var organizations = __webpack_require__(2745);
;// CONCATENATED MODULE: ./src/sharing-files.ts
// Many producers from sharing files: the one-producer flow, widened. Every producer is read and
// planned before anything is written; if any plan fails, nothing is written anywhere. Then the
// changed producers are written concurrently (the client's one rate limiter sets the pace), and
// one producer's failed write does not stop the others.













/**
 * Requests in flight at once, per phase: enough to keep the limiter's pace over TFE's latency;
 * the limiter, not this number, decides how fast requests go.
 */
const IN_FLIGHT = 16;
async function shareFromFiles(client, desired, writing, log, 
/** Kept out of every failure line, whatever TFE echoes back. */
secrets = []) {
    const counts = { phase: 'reading the organizations', done: 0, total: desired.length };
    const stop = reportProgress(log, () => ({
        ...counts,
        requests: client.sent,
        rateLimited: client.rateLimited
    }));
    try {
        return await run(client, desired, writing, log, counts, secrets);
    }
    finally {
        stop();
    }
}
async function run(client, desired, writing, log, counts, secrets) {
    const warnings = [];
    log(`Reading the organizations of this TFE, for ${desired.length} producer${plural(desired.length)}`);
    const [index, sharing] = await readDirectory(client, warnings);
    log(`${index.organizations.length} organizations; reading and planning every producer`);
    counts.phase = 'planning';
    const planned = await (0,concurrency/* mapConcurrently */.X)(desired, IN_FLIGHT, async (producer) => {
        const outcome = await planProducer(client, index, producer, writing);
        counts.done++;
        return outcome;
    });
    const unknownLists = planned.filter(p => p.plan && p.plan.previous === undefined).length;
    if (unknownLists > 0) {
        warnings.push(`This TFE does not list module consumers, so the lists of ${unknownLists} producer${plural(unknownLists)} ` +
            'before this run are unknown; their whole lists are written.');
    }
    warnings.push(...planned.flatMap(p => p.plan?.warnings ?? []));
    const unmanaged = await findUnmanaged(client, index, sharing, desired);
    const failed = planned.filter(p => p.result === 'failed');
    if (failed.length > 0 || writing.dryRun) {
        return { producers: planned, unmanaged, wrote: false, warnings };
    }
    const changed = planned.filter(p => p.plan?.changed);
    counts.phase = 'writing';
    counts.done = 0;
    counts.total = changed.length;
    if (changed.length > 0) {
        log(`Writing ${changed.length} producer${plural(changed.length)}; ${planned.length - changed.length} need no change`);
    }
    await (0,concurrency/* mapConcurrently */.X)(changed, IN_FLIGHT, async (producer) => {
        const plan = producer.plan;
        try {
            producer.applied = await (0,apply/* apply */.B)(client, plan, line => log(line));
            producer.result = 'changed';
        }
        catch (error) {
            producer.result = 'failed';
            producer.problems.push(at(producer.desired, producer.desired.source.line, (0,failure/* describeFailure */.Ic)(error, { organization: plan.organization, secrets })));
        }
        counts.done++;
    });
    return { producers: planned, unmanaged, wrote: true, warnings };
}
/**
 * The whole organizations list (every name, id and global flag the plans need) and, beside it,
 * the organizations TFE says share modules, for the unmanaged ones. Both once per run.
 */
async function readDirectory(client, warnings) {
    const [all, sharing] = await Promise.allSettled([
        (0,organizations/* listOrganizations */.J3)(client),
        (0,organizations/* listOrganizations */.J3)(client, { moduleProducer: true })
    ]);
    if (all.status === 'rejected') {
        const error = all.reason;
        if (error instanceof tfe_errors/* TfeApiError */.Mn && error.status === 404) {
            const cause = await (0,account/* whoCannotSee */.T)(client);
            throw new errors/* ActionError */.lZ('tfe', cause === 'not-site-admin'
                ? "The token is valid but not a site administrator's (HTTP 404 from the admin organizations list). Use a site admin's API token."
                : "The admin organizations list answered HTTP 404: the token is not a site administrator's, or this is not TFE. Use a site admin's API token for a TFE hostname.");
        }
        throw error;
    }
    if (sharing.status === 'rejected') {
        const error = sharing.reason;
        if (!(error instanceof tfe_errors/* TfeApiError */.Mn && error.status >= 400 && error.status < 500))
            throw error;
        warnings.push(`This TFE did not filter organizations by module sharing (HTTP ${error.status}), so only ` +
            'organizations that share globally can be reported as unmanaged.');
    }
    return [
        new OrganizationIndex(all.value),
        sharing.status === 'fulfilled' ? sharing.value : undefined
    ];
}
async function planProducer(client, index, desired, { api, dryRun }) {
    const { organization, consumers: refs } = desired;
    const outcome = {
        desired,
        result: 'failed',
        plan: undefined,
        applied: undefined,
        problems: []
    };
    const producer = index.named(organization);
    if (!producer) {
        outcome.problems.push(at(desired, desired.source.line, `${organization}: no organization of that name on this TFE; nothing was written. Check the producer's name.`));
        return outcome;
    }
    const { found, missing } = index.resolve(refs);
    for (const i of missing) {
        const ref = refs[i];
        const what = ref?.kind === 'id' ? `with external id ${ref.id}` : `named ${ref?.name ?? ''}`;
        outcome.problems.push(at(desired, desired.consumerLines[i] ?? desired.source.line, `${organization}: no organization ${what} on this TFE; nothing was written. Check the consumers list.`));
    }
    if (missing.length > 0)
        return outcome;
    const lists = await (0,state/* readConsumerLists */.C)(client, organization, api);
    try {
        outcome.plan = (0,plan/* makePlan */.C)({
            organization,
            producerId: producer.externalId,
            mode: 'set',
            api,
            dryRun,
            globalModuleSharing: desired.globalModuleSharing,
            allowEmpty: true,
            globalBefore: producer.globalModuleSharing,
            previous: lists.consumers,
            requested: refs,
            known: [...(lists.consumers ?? []), ...found],
            providerConsumers: lists.providerConsumers,
            globalProviderSharing: producer.globalProviderSharing
        });
    }
    catch (error) {
        if (!(error instanceof errors/* PlanConflict */.gF))
            throw error;
        outcome.problems.push(at(desired, desired.source.line, error.message));
        return outcome;
    }
    outcome.result = outcome.plan.changed ? 'would-change' : 'unchanged';
    return outcome;
}
/**
 * Organizations sharing modules today that no file names. TFE's `filter[module_producer]` is
 * documented as "configured to share their modules", without saying whether global sharing
 * counts, so neither is taken on trust: global sharing comes from the full list's flags, and a
 * filtered organization that does not share globally counts only if its consumer list is not empty.
 */
async function findUnmanaged(client, index, sharing, desired) {
    const managed = new Set(desired.map(d => d.organization));
    const unmanaged = index.organizations
        .filter(org => org.globalModuleSharing && !managed.has(org.name))
        .map(org => ({ organization: org.name, global: true, consumers: undefined }));
    const candidates = (sharing ?? []).filter(org => !managed.has(org.name) && !index.named(org.name)?.globalModuleSharing);
    const lists = await (0,concurrency/* mapConcurrently */.X)(candidates, IN_FLIGHT, org => (0,module_sharing/* listModuleConsumers */.Yg)(client, org.name).then((list) => list.length, (error) => {
        // No relationships endpoint: TFE's filter is all there is to go by.
        if (error instanceof tfe_errors/* TfeApiError */.Mn && error.status === 404)
            return undefined;
        throw error;
    }));
    candidates.forEach((org, i) => {
        const consumers = lists[i];
        if (consumers !== 0)
            unmanaged.push({ organization: org.name, global: false, consumers });
    });
    return unmanaged.sort((a, b) => (0,model/* byCodePoint */.HH)(a.organization, b.organization));
}
function at(desired, line, message) {
    return { file: desired.source.file, line, message };
}
function plural(count) {
    return count === 1 ? '' : 's';
}


/***/ })

};
