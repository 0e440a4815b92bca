import { readdir, readFile, readlink } from 'node:fs/promises';

async function mentions(pid: string, text: string): Promise<boolean> {
	const read = (what: string) => readFile(`/proc/${pid}/${what}`, 'latin1').catch(() => '');
	const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
	const [environ, cmdline] = await Promise.all([read('environ'), read('cmdline')]);
	return cwd.includes(text) || environ.includes(text) || cmdline.includes(text);
}

/**
 * Live processes whose working directory, command line or environment mention `text`, such as a
 * test's data folder: n8n, its task runners and npm all carry it, so none can hide (Linux only).
 */
export async function processesMentioning(text: string): Promise<number[]> {
	const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
	const found: number[] = [];
	for (const pid of pids) {
		if (Number(pid) !== process.pid && (await mentions(pid, text))) found.push(Number(pid));
	}
	return found;
}
