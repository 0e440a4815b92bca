import { BULK_PATH } from '../sandbox';
import { benchItems, benchProfileUrls, checkEveryItemOnce, runNode } from './engine-node';
import { sendFloor } from './floor';
import { heading, line, median } from './report';
import { startSandboxChild } from './sandbox-child';
import type { SandboxChild } from './sandbox-child';

const ITEMS = 10_000;
const PARALLEL = 5;
// On loopback the sandbox answers 100 rows in about 1 ms, so the first scenario compares pure
// client overhead. A remote API takes tens of milliseconds at best: the second scenario adds that
// with the sandbox's latency fault, to show what the overhead amounts to in practice.
const SCENARIOS = [
	{ title: 'sandbox answering at once', latencyMs: 0, rounds: 5 },
	{ title: 'every answer 50 ms late (latency fault)', latencyMs: 50, rounds: 3 },
];

interface Variant {
	label: string;
	/** Runs once against a freshly reset sandbox; returns how many profiles came back created. */
	run(): Promise<number>;
	times: number[];
	requests: Set<number>;
}

/**
 * Every run starts from an empty sandbox (admin reset, untimed), so every run creates all 10,000
 * monitors: created and existing rows cost the sandbox different work, and fresh ids per round
 * would instead grow its store from round to round. The reset also clears faults and the log.
 */
async function measure(sandbox: SandboxChild, side: Variant, latencyMs: number): Promise<number> {
	await sandbox.admin.reset();
	if (latencyMs > 0)
		await sandbox.admin.addFaults({ kind: 'latency', latency_ms: latencyMs, count: 'always' });
	const started = performance.now();
	const created = await side.run();
	const ms = performance.now() - started;
	if (created !== ITEMS)
		throw new Error(`${side.label}: ${created} of ${ITEMS} created; the reset did not hold`);
	const log = await sandbox.admin.requests();
	side.requests.add(log.filter((entry) => entry.path === BULK_PATH).length);
	return ms;
}

function ratio(top: Variant, bottom: Variant): string {
	return `${(median(top.times) / median(bottom.times)).toFixed(2)}x`;
}

function report(title: string, rounds: number, variants: Variant[]): void {
	const [nodeSequential, floorSequential, nodeParallel, floorParallel] = variants;
	heading(`  ${title}: median of ${rounds} rounds, order alternating`);
	for (const side of variants) {
		const shown = side.times.map((ms) => ms.toFixed(0)).join(', ');
		line(side.label, `${median(side.times).toFixed(0)} ms [${shown}]`);
	}
	const requests = [...new Set(variants.flatMap((side) => [...side.requests]))];
	line('requests per run (sandbox log), every run', requests.join(', '));
	line('items in / out, every run', `${ITEMS} / ${ITEMS}, each input paired once (checked)`);
	line(
		'node sequential / floor sequential',
		`${ratio(nodeSequential, floorSequential)} (target <= 1.3x)`,
	);
	line(
		`node parallel ${PARALLEL} / floor sequential`,
		`${ratio(nodeParallel, floorSequential)} (target < 1x)`,
	);
	line(
		`node parallel ${PARALLEL} / floor parallel ${PARALLEL}`,
		`${ratio(nodeParallel, floorParallel)} (no target; for honesty)`,
	);
}

export async function benchEngine(): Promise<void> {
	heading(
		`Node in n8n-core's WorkflowExecute vs a bare keep-alive node:http client (the floor), ` +
			`${ITEMS.toLocaleString('en')} items, same ${Math.ceil(ITEMS / 100)} batches; sandbox in a child ` +
			'process, in memory, rate limit off, reset before every run (all rows created)',
	);
	const sandbox = await startSandboxChild(['--ephemeral', '--rate-limit', 'off']);
	try {
		const urls = benchProfileUrls(ITEMS);
		const items = benchItems(urls);
		const node = (parallel: number) => async () =>
			checkEveryItemOnce((await runNode(sandbox.url, items, parallel)).result, ITEMS);
		const floor = (inFlight: number) => async () =>
			(await sendFloor(sandbox.url, urls, inFlight)).created;
		const sides = (): Variant[] =>
			[
				['node, 1 request at a time', node(1)] as const,
				['floor, 1 request at a time', floor(1)] as const,
				[`node, parallelRequests ${PARALLEL}`, node(PARALLEL)] as const,
				[`floor, ${PARALLEL} in flight`, floor(PARALLEL)] as const,
			].map(([label, run]) => ({ label, run, times: [], requests: new Set<number>() }));

		// The first engine run in a process pays for loading and compiling n8n-core: not measured.
		for (const side of sides()) await measure(sandbox, side, 0);
		for (const { title, latencyMs, rounds } of SCENARIOS) {
			const variants = sides();
			// Alternating the order cancels drift on a shared machine (another job, a GC, CPU boost).
			for (let round = 0; round < rounds; round++) {
				const order = round % 2 === 0 ? variants : [...variants].reverse();
				for (const side of order) side.times.push(await measure(sandbox, side, latencyMs));
			}
			report(title, rounds, variants);
		}
	} finally {
		await sandbox.stop();
	}
}
