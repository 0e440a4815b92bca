import { spawnSync } from 'node:child_process';
import { extname, resolve } from 'node:path';

// Each benchmark runs in a fresh process, so its peak RSS is its own. `npm run bench` runs the
// compiled JavaScript, as n8n would; under tsx the same file runs from source.
const ORDER = ['planning', 'sandbox', 'engine', 'engine-memory-10k', 'engine-memory-100k', 'n8n'];
const entry = resolve(__dirname, `entry${extname(__filename)}`);
const only = process.argv.slice(2);
let failed = false;

process.stdout.write(`npm run bench (node ${process.version}, ${new Date().toISOString()})\n`);
for (const name of only.length > 0 ? only : ORDER) {
	const result = spawnSync(process.execPath, [...process.execArgv, entry, name], {
		stdio: 'inherit',
	});
	failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
