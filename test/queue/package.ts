import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { cleanEnv } from '../e2e/runtime/env';
import { run } from '../e2e/runtime/process';
import { REPO_ROOT } from '../sandbox/test-support';
import { ensureBuilt } from '../security/build';

/** The package as `npm publish` would ship it, packed into `folder`: what users install into n8n. */
export async function packPackage(folder: string): Promise<string> {
	await ensureBuilt();
	await mkdir(folder, { recursive: true });
	const result = await run('npm', ['pack', '--pack-destination', folder], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
		timeoutMs: 120_000,
	});
	const [tarball] = (await readdir(folder)).filter((name) => name.endsWith('.tgz'));
	if (result.code !== 0 || tarball === undefined)
		throw new Error(`npm pack failed:\n${result.stderr}`);
	return join(folder, tarball);
}
