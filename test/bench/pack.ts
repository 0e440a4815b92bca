import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { cleanEnv } from '../e2e/runtime/env';
import { run } from '../e2e/runtime/process';

/** The clone: the nearest folder up with a package.json, from test/bench or from .bench/test/bench. */
function repoRoot(): string {
	let dir = __dirname;
	while (!existsSync(join(dir, 'package.json'))) {
		if (dirname(dir) === dir) throw new Error(`No package.json above ${__dirname}`);
		dir = dirname(dir);
	}
	return dir;
}

/**
 * `npm pack` of the built package into a new temp folder, as a user's n8n would get it. (The e2e
 * suite's packPackage finds the clone from its own folder, which is .bench/ once compiled here.)
 */
export async function packBuiltPackage(): Promise<{ tarball: string; folder: string }> {
	const root = repoRoot();
	if (!existsSync(join(root, 'dist', 'nodes')))
		throw new Error(`No build in ${join(root, 'dist')}: run "npm run build" first.`);
	const folder = mkdtempSync(join(tmpdir(), 'trigify-bench-pack-'));
	const result = await run('npm', ['pack', '--pack-destination', folder], {
		cwd: root,
		env: cleanEnv(),
		timeoutMs: 120_000,
	});
	const tarballs = readdirSync(folder).filter((name) => name.endsWith('.tgz'));
	if (result.code !== 0 || tarballs.length !== 1)
		throw new Error(`npm pack failed (exit ${result.code}):\n${result.stderr}`);
	return { tarball: join(folder, tarballs[0]), folder };
}
