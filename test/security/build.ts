import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { REPO_ROOT } from '../sandbox/test-support';

export const SHIPPED = ['nodes', 'credentials'].map((folder) => join(REPO_ROOT, 'dist', folder));

const isBuilt = () => SHIPPED.every((folder) => existsSync(folder));

/**
 * CI builds before testing; a fresh clone running `npm test` alone gets one build here. Jest
 * runs files in parallel, so a lock keeps two of them from cleaning dist/ under each other.
 */
export async function ensureBuilt(): Promise<void> {
	const lock = join(
		tmpdir(),
		`trigify-build-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`,
	);
	for (let waited = 0; !isBuilt(); waited += 250) {
		if (!takeLock(lock)) {
			if (waited > 120_000) throw new Error(`Waited 2 minutes for the build holding ${lock}`);
			await sleep(250);
			continue;
		}
		const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
		rmSync(lock, { recursive: true, force: true });
		if (build.status !== 0) {
			throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
		}
	}
}

/** mkdir is atomic: exactly one caller creates the folder. */
function takeLock(lock: string): boolean {
	try {
		mkdirSync(lock);
		return true;
	} catch {
		return false;
	}
}
