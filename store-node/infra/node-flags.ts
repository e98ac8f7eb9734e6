/**
 * Node flags for a process that hosts a StoreNode (`npm run store-node`; the test and bench
 * spawners use the same list). A store node's memory is mostly one long-lived Y.Doc decoded in
 * one burst at start-up (the catalog: one Yjs item per product field). With V8's default young
 * generation that burst leaves ~100 MB more heap committed than with 4 MB semi-spaces, at the same
 * speed (50k products: 424 → 318 MB RSS, open 1.65 → 1.60 s). `--optimize-for-size`, which can be
 * set at run time, gets lower still but made the same start 2.5× slower. Semi-space sizes cannot
 * be changed once the process runs, so this must be on the command line.
 */
export const storeNodeFlags = ['--max-semi-space-size=4']
