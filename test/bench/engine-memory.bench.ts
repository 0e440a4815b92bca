import { BULK_PATH } from '../sandbox';
import { benchItems, benchProfileUrls, checkEveryItemOnce, runNode } from './engine-node';
import { heading, line, peakRssMb } from './report';
import { startSandboxChild } from './sandbox-child';

const MB = 1024 * 1024;

/**
 * One engine execution of `count` items in a fresh process (run.ts gives every benchmark its
 * own), with the default options. The RSS before the run holds n8n-core and the input items, so
 * the difference to the peak is what the execution itself costs; comparing two sizes shows how
 * that grows with the input.
 */
export async function benchEngineMemory(count: number): Promise<void> {
	heading(
		`Engine memory: one execution of ${count.toLocaleString('en')} items in a fresh process ` +
			'(default options, sandbox in a child process)',
	);
	const sandbox = await startSandboxChild(['--ephemeral', '--rate-limit', 'off']);
	try {
		const items = benchItems(benchProfileUrls(count));
		const before = process.memoryUsage().rss / MB;
		const { ms, result } = await runNode(sandbox.url, items, 1);
		const peak = peakRssMb();
		const created = checkEveryItemOnce(result, count);
		const log = await sandbox.admin.requests();
		const requests = log.filter((entry) => entry.path === BULK_PATH).length;
		line('RSS before the run (n8n-core + input items)', `${before.toFixed(0)} MB`);
		line('peak RSS of the process', `${peak.toFixed(0)} MB`);
		const perItemKb = ((peak - before) * 1024) / count;
		line(
			'peak minus before',
			`${(peak - before).toFixed(0)} MB (${perItemKb.toFixed(1)} KB per item)`,
		);
		line('node time (first execution in the process)', `${ms.toFixed(0)} ms`);
		line('requests (sandbox log) / created', `${requests} / ${created}`);
		line('items in / out', `${count} / ${count}, each input paired once (checked)`);
	} finally {
		await sandbox.stop();
	}
}
