import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { postBulk } from './bulk-client';
import { median } from './report';
import { startSandboxChild } from './sandbox-child';

const TARGET_PER_SECOND = 300;
const PROFILES_PER_REQUEST = 100;
const IN_FLIGHT = 8;
const WARM_UP_MS = 1000;
const ROUND_MS = 2000;
const ROUNDS = 5;

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
			const { status } = await postBulk(url, agent, freshBatch());
			if (status !== 201) throw new Error(`The sandbox answered ${status} under load.`);
			done++;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	return done / ((performance.now() - started) / 1000);
}

export async function benchSandbox(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'trigify-sandbox-bench-'));
	// The CLI runs in its own process so the load client never shares its event loop.
	const sandbox = await startSandboxChild(['--data-dir', dataDir, '--rate-limit', 'off']);
	const { url } = sandbox;
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
		await sandbox.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	benchSandbox().catch((error: unknown) => {
		process.stderr.write(`${String(error)}\n`);
		process.exitCode = 1;
	});
}
