// bench/many-producers.mjs is plain JavaScript that no typed code imports; tsc includes bench/ and
// needs only to know it is a module.
export {}
