import { setTimeout as sleep } from 'node:timers/promises';

import { runTrackNode } from '../engine/harness';
import type { RunOutput } from '../engine/harness';
import { emitted, preTrack } from '../engine/support';
import { BULK_PATH, startSandbox } from '../sandbox';
import type { OrgMonitor, RequestLogEntry, Sandbox } from '../sandbox';
import type { Corpus } from './corpus';
import { judge } from './judge';
import type { Verdict } from './judge';
import type { MatrixRow } from './matrix';
import { replay } from './model';
import type { SandboxModel } from './model';

export interface RowRun {
	result: RunOutput;
	verdict: Verdict;
	log: RequestLogEntry[];
	model: SandboxModel;
	monitors: OrgMonitor[];
	poisoned: string | undefined;
	/** The node's own count from its execution hint; undefined when the node failed. */
	stats: { requests: number; retries: number } | undefined;
	elapsedMs: number;
}

function hintStats(result: RunOutput): RowRun['stats'] {
	const match = /; (\d+) requests?, (\d+) retr(?:y|ies)/.exec(result.hints[0]?.message ?? '');
	return match === null ? undefined : { requests: Number(match[1]), retries: Number(match[2]) };
}

/** The bulk requests logged once at least `count` have landed (abandoned ones land late), or after 10 s. */
async function settledLog(sandbox: Sandbox, count: number): Promise<RequestLogEntry[]> {
	for (let waited = 0; ; waited += 100) {
		const log = (await sandbox.admin.requests()).filter((entry) => entry.path === BULK_PATH);
		if (log.length >= count || waited >= 10_000) return log;
		await sleep(100);
	}
}

/** A profile the node will send that was not tracked before the run. */
function poisonTarget(corpus: Corpus): string {
	const preTracked = new Set(corpus.preTracked);
	const target = [...corpus.profiles.keys()].find(
		(url, index) => index > 400 && !preTracked.has(url),
	);
	if (target === undefined) throw new Error('The corpus has no profile to poison');
	return target;
}

/** Runs the corpus through the node in the engine against a fresh sandbox with the row's fault. */
export async function runRow(row: MatrixRow, corpus: Corpus): Promise<RowRun> {
	const sandbox = await startSandbox({ rateLimit: false });
	try {
		await preTrack(sandbox, corpus.preTracked);
		await sandbox.admin.clearRequests();
		if (row.fault !== undefined) await sandbox.admin.addFaults(row.fault);
		const poisoned = row.poison === true ? poisonTarget(corpus) : undefined;
		if (poisoned !== undefined) await sandbox.admin.addPoison(poisoned);

		const started = Date.now();
		const result = await runTrackNode({
			items: corpus.items.map((item) => item.json),
			parameters: {
				profileUrl: '={{ $json.profile_url }}',
				webhookUrl: '={{ $json.webhook_url }}',
				options: { ...row.options, includeInputFields: true },
			},
			credentials: { apiKey: row.key ?? sandbox.apiKey, baseUrl: sandbox.url },
			continueOnFail: row.continueOnFail,
		});
		const elapsedMs = Date.now() - started;
		const stats = hintStats(result);
		const log = await settledLog(sandbox, stats?.requests ?? 0);
		const model = replay(
			log,
			corpus.profiles,
			corpus.preTracked,
			row.fault,
			row.options.timeoutSeconds * 1000,
		);
		const verdict = judge(emitted(result), {
			corpus,
			model,
			poisoned: new Set(poisoned === undefined ? [] : [poisoned]),
		});
		const monitors = await sandbox.admin.monitors();
		return { result, verdict, log, model, monitors, poisoned, stats, elapsedMs };
	} finally {
		await sandbox.close();
	}
}
