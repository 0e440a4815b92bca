// Must stay the first import: n8n-core reads N8N_USER_FOLDER and N8N_LOG_LEVEL when it loads.
import '../setup-env';

import type { IDataObject } from 'n8n-workflow';

import { runTrackNode } from '../engine/harness';
import type { RunOutput } from '../engine/harness';
import { emitted } from '../engine/support';
import { SANDBOX_KEY } from './sandbox-child';

/** Canonical person URLs, so the node sends exactly what the floor sends. */
export function benchProfileUrls(count: number): string[] {
	return Array.from({ length: count }, (_, n) => `https://www.linkedin.com/in/bench-${n}`);
}

/** The items a CRM node would hand over, read by the node's default `{{ $json.profile_url }}`. */
export function benchItems(profileUrls: string[]): IDataObject[] {
	return profileUrls.map((profile_url) => ({ profile_url }));
}

export interface NodeRun {
	ms: number;
	result: RunOutput;
}

/** One execution of Source -> Track LinkedIn Profiles in n8n-core's WorkflowExecute, timed. */
export async function runNode(
	url: string,
	items: IDataObject[],
	parallel: number,
): Promise<NodeRun> {
	const started = performance.now();
	const result = await runTrackNode({
		items,
		parameters: { options: { parallelRequests: parallel } },
		credentials: { apiKey: SANDBOX_KEY, baseUrl: url },
	});
	const ms = performance.now() - started;
	if (result.error !== undefined) throw result.error;
	return { ms, result };
}

/**
 * N in, N out: every input index comes out exactly once, paired. Returns how many came out
 * Created, so a caller can tell the sandbox started from the same (empty) state.
 */
export function checkEveryItemOnce(result: RunOutput, count: number): number {
	const seen = new Uint8Array(count);
	for (const { item } of emitted(result)) {
		if (item < 0 || item >= count || seen[item] === 1)
			throw new Error(`Input item ${item} came out twice or was never sent`);
		seen[item] = 1;
	}
	const missing = seen.indexOf(0);
	if (missing >= 0) throw new Error(`Input item ${missing} did not come out: items were lost`);
	return result.outputs[0].length;
}
