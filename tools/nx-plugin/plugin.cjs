// The entry nx loads (nx.json "plugins"). nx require()s plugins and can only
// transpile .ts files itself when @swc-node/register or ts-node is installed,
// which this workspace does not use; so this CommonJS shim loads the
// TypeScript sources through tsx, as tools/codegen/bin/unishyper.js does.
// The published package ships src/ too (no build step), so this holds there.
'use strict';
module.exports = require('tsx/cjs/api').require('./src/index.ts', __filename);
