import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const TARGET_PER_SECOND = 300;
const PROFILES_PER_REQUEST = 100;
const IN_FLIGHT = 8;
const WARM_UP_MS = 1000;
const ROUND_MS = 2000;
const ROUNDS = 5;
const REPO_ROOT = resolve(__dirname, '..', '..');
const KEY = 'trig_sandbox_enterprise';

/** Runs the CLI in its own process so the load client never shares its event loop. */
function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
	const cli = join(REPO_ROOT, 'test', 'sandbox', 'cli.ts');
	const args = [
		'--import',
		'tsx',
		cli,
		'--port',
		'0',
		'--data-dir',
		dataDir,
		'--rate-limit',
		'off',
	];
	const child = spawn(process.execPath, args, {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolveStart, reject) => {
		let output = '';
		const onData = (chunk: Buffer): void => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match !== null) {
				child.stdout?.off('data', onData);
				child.stdout?.resume();
				resolveStart({ child, url: match[1] });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => reject(new Error(`The sandbox exited with ${code}: ${output}`)));
	});
}

function post(url: string, agent: Agent, body: string): Promise<number> {
	return new Promise((resolvePost, reject) => {
		const req = request(
			`${url}/v1/profile/engagement/bulk`,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'x-api-key': KEY,
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolvePost(res.statusCode ?? 0));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

let nextProfile = 0;

/** Fresh profiles every time, a webhook on every tenth: each row is a write to persist. */
function freshBatch(): string {
	const rows: string[] = [];
	for (let i = 0; i < PROFILES_PER_REQUEST; i++) {
		const id = nextProfile++;
		const webhook = id % 10 === 0 ? `,"webhook_url":"https://hooks.example.com/t/${id}"` : '';
		rows.push(`{"profile_url":"https://www.linkedin.com/in/bench-${id}"${webhook}}`);
	}
	return `{"profiles":[${rows.join(',')}]}`;
}

async function load(url: string, agent: Agent, durationMs: number): Promise<number> {
	const deadline = performance.now() + durationMs;
	let done = 0;
	const worker = async (): Promise<void> => {
		while (performance.now() < deadline) {
			const status = await post(url, agent, freshBatch());
			if (status !== 201) throw new Error(`The sandbox answered ${status} under load.`);
			done++;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	return done / ((performance.now() - started) / 1000);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

export async function benchSandbox(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'trigify-sandbox-bench-'));
	const { child, url } = await startChild(dataDir);
	const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
	try {
		await load(url, agent, WARM_UP_MS);
		const rates: number[] = [];
		for (let round = 0; round < ROUNDS; round++) rates.push(await load(url, agent, ROUND_MS));
		const shown = rates.map((rate) => rate.toFixed(0)).join(', ');
		process.stdout.write(
			`sandbox bulk upsert (${PROFILES_PER_REQUEST} new profiles per request, persistence on, rate limit off, ` +
				`${IN_FLIGHT} in flight): median ${median(rates).toFixed(0)} requests/s over ${ROUNDS} rounds ` +
				`of ${ROUND_MS / 1000} s [${shown}]; ${nextProfile} monitors at the end; ` +
				`target >= ${TARGET_PER_SECOND} requests/s\n`,
		);
	} finally {
		agent.destroy();
		child.removeAllListeners('exit');
		const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
		child.kill('SIGTERM');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	benchSandbox().catch((error: unknown) => {
		process.stderr.write(`${String(error)}\n`);
		process.exitCode = 1;
	});
}
