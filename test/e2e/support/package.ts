import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { installCommunityPackage, type RuntimePaths } from '../runtime/n8n';
import { cleanEnv } from '../runtime/env';
import { run } from '../runtime/process';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Packs the built package exactly as `npm publish` would (files: dist, README, LICENSE) into
 * `destination` and returns the tarball's path. The build itself is the caller's job (the npm
 * scripts run `npm run build` first), so a missing dist/ is reported rather than silently packed.
 */
export async function packPackage(destination: string): Promise<string> {
	if (!existsSync(join(REPO_ROOT, 'dist', 'nodes'))) {
		throw new Error(`No build in ${join(REPO_ROOT, 'dist')}: run "npm run build" first.`);
	}
	await rm(destination, { recursive: true, force: true });
	await mkdir(destination, { recursive: true });
	const result = await run('npm', ['pack', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
		timeoutMs: 120_000,
	});
	const tarballs = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
	if (result.code !== 0 || tarballs.length !== 1) {
		throw new Error(`npm pack failed (exit ${result.code}):\n${result.stderr}`);
	}
	return join(destination, tarballs[0]);
}

async function sha256(file: string): Promise<string> {
	return createHash('sha256')
		.update(await readFile(file))
		.digest('hex');
}

/**
 * Installs the tarball into the user folder unless that exact tarball is already there. npm pack
 * is reproducible (fixed file dates), so an unchanged build is recognised and costs nothing.
 */
export async function installPackageIfChanged(
	paths: RuntimePaths,
	userFolder: string,
	tarball: string,
): Promise<boolean> {
	const stamp = join(userFolder, '.n8n', 'nodes', '.trigify-package.sha256');
	const hash = await sha256(tarball);
	const installed = await readFile(stamp, 'utf8').catch(() => '');
	if (installed.trim() === hash) return false;
	await installCommunityPackage(paths, userFolder, tarball);
	await writeFile(stamp, `${hash}\n`);
	return true;
}
