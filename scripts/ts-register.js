// Lets plain `node` run the project's TypeScript (the demo, the benchmarks) without a build step:
// each .ts file is transpiled on require with the project's own TypeScript compiler.
const fs = require('fs');
const ts = require('typescript');

const compileTs = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
	});
	module._compile(outputText, filename);
};

// '.ts' is tried first: `require('./X.node')` must find X.node.ts, not the codex file X.node.json.
const others = Object.entries(require.extensions);
for (const [ext] of others) delete require.extensions[ext];
require.extensions['.ts'] = compileTs;
for (const [ext, handler] of others) require.extensions[ext] = handler;
