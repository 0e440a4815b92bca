import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'sandbox.lock';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** One token per lock taken, so two sandboxes in one process cannot share a folder either. */
let taken = 0;

/**
 * Two sandboxes appending to one journal and compacting it would lose each other's writes, so a
 * data folder is owned by one sandbox at a time. A lock left by a crashed process is taken over.
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
	const path = join(dir, LOCK_FILE);
	const token = `${process.pid}:${++taken}`;
	const created = await open(path, 'wx').catch((error: NodeJS.ErrnoException) =>
		error.code === 'EEXIST' ? undefined : Promise.reject(error),
	);
	if (created !== undefined) {
		await created.writeFile(token);
		await created.close();
	} else {
		const holder = (await readFile(path, 'utf8')).trim();
		const pid = Number.parseInt(holder, 10);
		if (Number.isInteger(pid) && isRunning(pid)) {
			throw new Error(
				`The data folder ${dir} is in use by another sandbox (process ${pid}); ` +
					'stop it, or give this one another --data-dir or --ephemeral.',
			);
		}
		await writeFile(path, token);
	}
	return async () => {
		const holder = await readFile(path, 'utf8').catch(() => undefined);
		if (holder === token) await unlink(path);
	};
}
