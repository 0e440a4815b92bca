import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SNAPSHOT_FILE, journalFile, journalGenerations } from './persistence';
import { startSandbox } from './index';
import type { OrgMonitor, Sandbox } from './index';
import { copyAsCrashed, post, profiles, startCli, tempDir } from './test-support';

const HOOK = 'https://hooks.example.com/trigify';
const NEVER_COMPACT = 1024 * 1024 * 1024;

const dirs: string[] = [];
const open: Sandbox[] = [];

function newDir(): string {
	const dir = tempDir('persist');
	dirs.push(dir);
	return dir;
}

async function start(dataDir: string, compactAfterBytes = NEVER_COMPACT): Promise<Sandbox> {
	const sandbox = await startSandbox({ dataDir, rateLimit: false, compactAfterBytes });
	open.push(sandbox);
	return sandbox;
}

/** The journal a running sandbox appends to: the newest generation. */
async function currentJournal(dir: string): Promise<string> {
	return join(dir, journalFile((await journalGenerations(dir)).at(-1) ?? 0));
}

async function close(sandbox: Sandbox): Promise<void> {
	open.splice(open.indexOf(sandbox), 1);
	await sandbox.close();
}

afterEach(async () => {
	await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const batch = (name: string, size: number): string[] =>
	Array.from({ length: size }, (_, i) => `https://www.linkedin.com/in/${name}-${i}`);

async function upload(sandbox: Sandbox, urls: string[]): Promise<void> {
	expect((await post(sandbox.url, profiles(...urls))).status).toBe(201);
}

const byUrl = (monitors: OrgMonitor[]): OrgMonitor[] =>
	[...monitors].sort((a, b) => a.profile_url.localeCompare(b.profile_url));

const urlsOf = async (sandbox: Sandbox): Promise<string[]> =>
	(await sandbox.admin.monitors()).map((monitor) => monitor.profile_url).sort();

describe('file-backed state', () => {
	test('survives a restart: monitors, ids, archived flags, groups, webhooks and the connection', async () => {
		const dir = newDir();
		const first = await start(dir);
		await post(first.url, {
			profiles: [
				{ profile_url: 'https://www.linkedin.com/in/amelia-chen', webhook_url: HOOK },
				{ profile_url: 'https://www.linkedin.com/in/marco' },
			],
		});
		await first.admin.archive('https://www.linkedin.com/in/marco');
		const monitors = byUrl(await first.admin.monitors());
		const orgs = await first.admin.orgs();
		await close(first);

		const second = await start(dir);
		expect(byUrl(await second.admin.monitors())).toEqual(monitors);
		expect(await second.admin.orgs()).toEqual(orgs);
		const again = await post(second.url, profiles('https://www.linkedin.com/in/marco'));
		expect(again.json).toMatchObject({ data: [{ status: 'existing' }] });
		expect(await second.admin.monitors()).toHaveLength(2);
	});

	test('a reset is persisted too', async () => {
		const dir = newDir();
		const first = await start(dir);
		await upload(first, batch('gone', 3));
		await first.admin.reset();
		await close(first);
		expect(await (await start(dir)).admin.monitors()).toEqual([]);
	});

	test('a copy of the folder taken while running, as a crash leaves it, holds every answered request', async () => {
		const dir = newDir();
		const running = await start(dir);
		for (let i = 0; i < 5; i++) await upload(running, batch(`r${i}`, 20));
		await running.admin.archive('https://www.linkedin.com/in/r2-3');
		const crashed = copyAsCrashed(dir);
		dirs.push(crashed);
		const restored = await start(crashed);
		expect(byUrl(await restored.admin.monitors())).toEqual(byUrl(await running.admin.monitors()));
	});

	test('a torn last write is dropped and cut off, and writes after it are kept', async () => {
		const dir = newDir();
		const running = await start(dir);
		await upload(running, batch('kept', 10));
		const crashed = copyAsCrashed(dir);
		dirs.push(crashed);
		await upload(running, batch('torn', 10));
		const lines = readFileSync(await currentJournal(dir), 'utf8')
			.trimEnd()
			.split('\n');
		const lastLine = lines[lines.length - 1];
		const torn = await currentJournal(crashed);
		const sizeBeforeTear = statSync(torn).size;
		appendFileSync(torn, lastLine.slice(0, Math.floor(lastLine.length / 2)));

		const restored = await start(crashed);
		expect(await urlsOf(restored)).toEqual(batch('kept', 10).sort());
		expect(statSync(torn).size).toBe(sizeBeforeTear);
		await upload(restored, batch('after', 2));
		const afterCrash = copyAsCrashed(crashed);
		dirs.push(afterCrash);
		const again = await start(afterCrash);
		expect(await urlsOf(again)).toEqual([...batch('kept', 10), ...batch('after', 2)].sort());
	});

	test('a temp snapshot left by a crash during compaction is ignored', async () => {
		const dir = newDir();
		const running = await start(dir);
		await upload(running, batch('safe', 5));
		const crashed = copyAsCrashed(dir);
		dirs.push(crashed);
		writeFileSync(join(crashed, `${SNAPSHOT_FILE}.tmp`), '{"format":1,"seq":99}\n{"op":"mon');
		expect(await urlsOf(await start(crashed))).toEqual(batch('safe', 5).sort());
	});

	test('damage in the middle of the journal, which no crash causes, stops the start with a clear message', async () => {
		const dir = newDir();
		const running = await start(dir);
		await upload(running, batch('a', 2));
		await upload(running, batch('b', 2));
		const crashed = copyAsCrashed(dir);
		dirs.push(crashed);
		const journal = await currentJournal(crashed);
		writeFileSync(journal, `{"seq":1,"ops":[garbage\n${readFileSync(journal, 'utf8')}`);
		await expect(start(crashed)).rejects.toThrow(/line 1 is damaged/);
	});

	test('compaction folds the journal into a snapshot without losing anything', async () => {
		const dir = newDir();
		const running = await start(dir, 4096);
		const sent: string[] = [];
		for (let i = 0; i < 30; i++) {
			const urls = batch(`c${i}`, 10);
			sent.push(...urls);
			await upload(running, urls);
		}
		expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(true);
		// Rotated to later generations, and the folded ones were deleted.
		const generations = await journalGenerations(dir);
		expect(generations[generations.length - 1]).toBeGreaterThan(2);
		expect(generations.length).toBeLessThanOrEqual(2);
		const crashed = copyAsCrashed(dir);
		dirs.push(crashed);
		const expected = [...sent].sort();
		expect(await urlsOf(await start(crashed))).toEqual(expected);
		await close(running);
		expect(await journalGenerations(dir)).toEqual([]);
		expect(await urlsOf(await start(dir))).toEqual(expected);
	});

	test('one data folder serves one sandbox at a time', async () => {
		const dir = newDir();
		await start(dir);
		await expect(start(dir)).rejects.toThrow(/in use/);
	});
});

describe('a sandbox process killed mid-load', () => {
	test('keeps every answered request and applies every request all or nothing', async () => {
		const dir = newDir();
		const cli = await startCli(['--port', '0', '--data-dir', dir, '--rate-limit', 'off']);
		const sent: string[][] = [];
		const answered: string[][] = [];
		let stop = false;
		const worker = async (w: number): Promise<void> => {
			for (let i = 0; !stop; i++) {
				const urls = batch(`w${w}-r${i}`, 25);
				sent.push(urls);
				const answer = await post(cli.url, profiles(...urls)).catch(() => undefined);
				if (answer?.status === 201) answered.push(urls);
			}
		};
		const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
		while (answered.length < 60) await new Promise((resolve) => setTimeout(resolve, 10));
		cli.child.kill('SIGKILL');
		await cli.exited;
		stop = true;
		await load;

		const restored = new Set(await urlsOf(await start(dir)));
		for (const urls of answered) for (const url of urls) expect(restored.has(url)).toBe(true);
		for (const urls of sent) {
			const present = urls.filter((url) => restored.has(url)).length;
			expect([0, urls.length]).toContain(present);
		}
		const all = new Set(sent.flat());
		for (const url of restored) expect(all.has(url)).toBe(true);
	}, 20_000);
});
