// runInNode and normalizeOutput live in src/testing-node.ts (exported as
// `@unishyper/codegen/testing`); codegen's own tests import them from here.
export { NODE_MAIN, normalizeOutput, runInNode, type RunOptions, type RunResult } from '../../src/testing-node';
