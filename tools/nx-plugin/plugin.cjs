// The entry nx loads (nx.json "plugins"). nx require()s plugins and can only
// transpile .ts files itself when @swc-node/register or ts-node is installed,
// which this workspace does not use; so this CommonJS shim loads the
// TypeScript sources through tsx, as tools/codegen/bin/unishyper.js does.
// Outside the workspace (a published package) it loads the built dist/.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, 'src/index.ts');
module.exports = existsSync(source)
  ? require('tsx/cjs/api').require('./src/index.ts', __filename)
  : require('./dist/index.cjs');
