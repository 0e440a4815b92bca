import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { node24Env } from './env';
import type { RuntimePaths } from './paths';
import { run } from './process';

/** A fresh N8N_USER_FOLDER: n8n keeps its database, encryption key and community nodes in it. */
export async function createUserFolder(prefix = 'trigify-n8n-e2e-'): Promise<string> {
	return await mkdtemp(join(tmpdir(), prefix));
}

export async function removeUserFolder(userFolder: string): Promise<void> {
	await rm(userFolder, { recursive: true, force: true });
}

/**
 * Installs a package tarball (from `npm pack`) the way n8n installs a community node, into
 * `<user folder>/.n8n/nodes`, where n8n loads it from at start. Without --legacy-peer-deps npm
 * would also install the peer n8n-workflow there, a second copy that breaks n8n's instanceof checks.
 */
export async function installCommunityPackage(
	paths: RuntimePaths,
	userFolder: string,
	tarball: string,
): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	await mkdir(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		const manifest = { name: 'installed-nodes', private: true, dependencies: {} };
		await writeFile(join(nodesDir, 'package.json'), JSON.stringify(manifest, null, '\t') + '\n');
	}
	const args = ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund'];
	const result = await run('npm', [...args, resolve(tarball)], {
		cwd: nodesDir,
		env: node24Env(paths),
		timeoutMs: 300_000,
	});
	if (result.code !== 0) {
		throw new Error(`npm install of ${tarball} into ${nodesDir} failed:\n${result.stderr}`);
	}
}
