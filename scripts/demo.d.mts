// scripts/demo.mjs is run, never imported: it exports nothing.
export {}
