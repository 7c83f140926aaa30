export const id = 63;
export const ids = [63];
export const modules = {

/***/ 6063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COMMENT_LIMIT: () => (/* binding */ COMMENT_LIMIT),
/* harmony export */   SUMMARY_LIMIT: () => (/* binding */ SUMMARY_LIMIT),
/* harmony export */   anyChange: () => (/* binding */ anyChange),
/* harmony export */   exportMarkdown: () => (/* binding */ exportMarkdown),
/* harmony export */   filesSummaryMarkdown: () => (/* binding */ filesSummaryMarkdown),
/* harmony export */   producerOutputs: () => (/* binding */ producerOutputs),
/* harmony export */   writeFilesOutputs: () => (/* binding */ writeFilesOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8476);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(665);
// What the user sees after a file run: the outputs of every producer, and one summary for the
// whole run (totals first, a table per changed producer, unchanged ones collapsed), shortened to
// fit where it is shown.


/** GitHub's limits: 65,536 characters a comment; 1 MiB a job summary step. */
const COMMENT_LIMIT = 65_536 - 512;
const SUMMARY_LIMIT = 1024 * 1024 - 4096;
function producerOutputs({ producers }) {
    return producers.map(({ desired, result, plan, applied }) => (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .producerOutput */ .CB)(desired.organization, result, plan, applied));
}
function writeFilesOutputs(outcome) {
    const partnerships = outcome.producers.flatMap(p => p.applied?.partnerships ?? []);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('producers', JSON.stringify(producerOutputs(outcome)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('unmanaged', JSON.stringify(outcome.unmanaged.map(u => u.organization)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('changed', String(anyChange(outcome)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('partnership-ids', JSON.stringify(partnerships.map(p => p.id)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('partnerships', JSON.stringify(partnerships.map(_report_js__WEBPACK_IMPORTED_MODULE_1__/* .partnershipOutput */ .er)));
}
/** True if any producer changed, or (dry run, or a run stopped by a failed plan) would. */
function anyChange({ producers }) {
    return producers.some(p => p.result === 'changed' || p.result === 'would-change');
}
const RESULT_LABEL = {
    unchanged: 'unchanged',
    'would-change': 'would change',
    changed: 'changed',
    failed: '❌ failed'
};
const CHANGE_LABEL = {
    kept: 'kept',
    added: '➕ added',
    removed: '➖ removed'
};
/**
 * The run as markdown, at most `limit` bytes: when the producers' tables do not all fit, the
 * rest are counted and `elsewhere` says where the whole of it is.
 */
function filesSummaryMarkdown(report, limit, elsewhere) {
    const { producers, unmanaged, dryRun } = report;
    const count = (result) => producers.filter(p => p.result === result).length;
    const shown = producers.filter(p => p.result !== 'unchanged');
    const added = shown.reduce((sum, p) => sum + (p.plan?.added.length ?? 0), 0);
    const removed = shown.reduce((sum, p) => sum + (p.plan?.removed.length ?? 0), 0);
    const failed = count('failed');
    const changing = dryRun || !report.wrote ? count('would-change') : count('changed');
    const verb = dryRun || !report.wrote ? 'would change' : 'changed';
    const head = [
        `### Module sharing${dryRun ? ' plan' : ''}: ${producers.length} producer${plural(producers.length)}${dryRun ? ' (dry run)' : ''}`,
        '',
        `TFE ${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(report.baseUrl)} · API \`${report.api}\` · files \`${cell(report.patterns.split(/\r?\n/).filter(Boolean).join(', '))}\``,
        '',
        [
            `**${changing} ${verb}**`,
            `${count('unchanged')} unchanged`,
            failed ? `**${failed} failed**` : '',
            `${added} partnership${plural(added)} ${dryRun || !report.wrote ? 'to add' : 'added'}, ${removed} ${dryRun || !report.wrote ? 'to remove' : 'removed'}`,
            `${unmanaged.length} unmanaged`
        ]
            .filter(Boolean)
            .join(' · ')
    ];
    if (failed && !report.wrote && !dryRun) {
        head.push('', 'A plan failed, so **nothing was written** to any producer.');
    }
    const tail = [...unchangedSection(producers), ...unmanagedSection(report)];
    const sections = shown.map(producerSection);
    const bytes = (lines) => Buffer.byteLength(lines.join('\n') + '\n');
    const pointer = (left) => [
        '',
        `… and ${left} more producer${plural(left)} not shown here: ${elsewhere}`
    ];
    let body = [...head];
    let used = bytes([...head, ...tail]) + bytes(pointer(shown.length));
    let included = 0;
    for (const section of sections) {
        const size = bytes(section);
        if (used + size > limit)
            break;
        body = body.concat(section);
        used += size;
        included++;
    }
    if (included < sections.length)
        body = body.concat(pointer(sections.length - included));
    const all = [...body, ...tail];
    // Only a huge list of unchanged or unmanaged names could still be too long: cut it.
    let text = all.join('\n') + '\n';
    if (Buffer.byteLength(text) > limit)
        text = cutTo(text, limit, elsewhere);
    return text;
}
function producerSection({ desired, result, plan, applied, problems }) {
    const org = (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(desired.organization);
    const lines = ['', `#### ${org}: ${RESULT_LABEL[result]}`];
    if (problems.length > 0) {
        lines.push('');
        for (const p of problems)
            lines.push(`- \`${cell(p.file)}:${p.line}\`: ${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(p.message)}`);
    }
    if (!plan)
        return lines;
    const { before, after } = plan.global;
    if (before !== after)
        lines.push('', `Global module sharing: ${onOff(before)} → **${onOff(after)}**`);
    if (plan.previous === undefined) {
        lines.push('', '> This TFE does not list module consumers: the list before is unknown.');
    }
    const partnership = new Map((applied?.partnerships ?? []).map(p => [p.consumer.externalId, p.id]));
    const rows = plan.rows.filter(row => row.change !== 'kept' || plan.previous === undefined);
    const kept = plan.rows.length - rows.length;
    if (rows.length > 0) {
        const withIds = partnership.size > 0;
        lines.push('', `| Consumer | External id | Change |${withIds ? ' Partnership id |' : ''}`, `| --- | --- | --- |${withIds ? ' --- |' : ''}`);
        for (const { consumer, change } of rows) {
            const id = withIds ? ` ${cell(partnership.get(consumer.externalId) ?? '')} |` : '';
            lines.push(`| ${cell(consumer.name ?? '—')} | ${cell(consumer.externalId)} | ${CHANGE_LABEL[change]} |${id}`);
        }
    }
    if (kept > 0)
        lines.push('', `${kept} consumer${plural(kept)} kept.`);
    return lines;
}
function unchangedSection(producers) {
    const unchanged = producers.filter(p => p.result === 'unchanged');
    if (unchanged.length === 0)
        return [];
    const items = unchanged.map(({ desired, plan }) => {
        const what = plan?.global.after
            ? 'global'
            : `${plan?.next.length ?? 0} consumer${plural(plan?.next.length ?? 0)}`;
        return `${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(desired.organization)} (${what})`;
    });
    return [
        '',
        `<details><summary>${unchanged.length} unchanged producer${plural(unchanged.length)}</summary>`,
        '',
        items.join(', '),
        '',
        '</details>'
    ];
}
function unmanagedSection({ unmanaged }) {
    if (unmanaged.length === 0)
        return [];
    const items = unmanaged.map(u => {
        const what = u.global
            ? 'shares with every organization'
            : u.consumers === undefined
                ? 'shares modules'
                : `${u.consumers} consumer${plural(u.consumers)}`;
        return `- ${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(u.organization)}: ${what}`;
    });
    return [
        '',
        `#### Unmanaged: ${unmanaged.length} organization${plural(unmanaged.length)} share${unmanaged.length === 1 ? 's' : ''} modules but ${unmanaged.length === 1 ? 'is' : 'are'} in no file`,
        '',
        'Left as they are. Add them to a sharing file to manage them (`export` writes their sharing today).',
        '',
        ...items
    ];
}
function cutTo(text, limit, elsewhere) {
    const note = `\n\n… cut here to fit: ${elsewhere}\n`;
    let cut = text.slice(0, Math.max(0, limit - Buffer.byteLength(note)));
    while (Buffer.byteLength(cut) + Buffer.byteLength(note) > limit)
        cut = cut.slice(0, -1);
    return cut.slice(0, cut.lastIndexOf('\n') + 1) + note;
}
function onOff(value) {
    return value ? 'on' : 'off';
}
function cell(text) {
    return (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ');
}
function plural(count) {
    return count === 1 ? '' : 's';
}
/** What an export wrote, for the job summary. */
function exportMarkdown(entries, file, baseUrl) {
    const global = entries.filter(e => !('consumers' in e)).length;
    return [
        `### Module sharing exported: ${entries.length} producer${plural(entries.length)}`,
        '',
        `TFE ${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeHtml */ .ZD)(baseUrl)} → \`${cell(file)}\`: ${entries.length - global} with a consumer list, ${global} sharing with every organization. Nothing in TFE was changed.`,
        ''
    ].join('\n');
}


/***/ })

};
