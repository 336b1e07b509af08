/**
 * Node entry point for one kernel-dialect test program:
 *
 *     npx tsx tools/codegen/test/harness/node-main.ts <entry.ts>
 *
 * Kept at this path for the docs; the script is src/testing-node-main.ts
 * (used by `runInNode` from `@unishyper/codegen/testing`).
 */
export * from '../../src/testing-node-main';
