import { Agent } from 'node:http';

import { postBulk } from './bulk-client';

const BATCH = 100;

export interface FloorRun {
	requests: number;
	/** Rows the sandbox answered `created`, summed over every response. */
	created: number;
	/** Rows answered in all. */
	rows: number;
}

/**
 * The floor any client of the bulk endpoint pays: the same ceil(n / 100) batches the node sends,
 * serialized, posted over keep-alive sockets with `inFlight` requests at a time, and parsed.
 * Nothing else: no expressions, no validation, no retries, no output items.
 */
export async function sendFloor(
	url: string,
	profileUrls: string[],
	inFlight: number,
): Promise<FloorRun> {
	const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
	const run: FloorRun = { requests: 0, created: 0, rows: 0 };
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < profileUrls.length) {
			const batch = profileUrls.slice(next, next + BATCH);
			next += BATCH;
			const body = JSON.stringify({ profiles: batch.map((profile_url) => ({ profile_url })) });
			const answer = await postBulk(url, agent, body);
			run.requests += 1;
			if (answer.status !== 201) throw new Error(`The sandbox answered ${answer.status}.`);
			const { data } = JSON.parse(answer.text) as { data: Array<{ status: string }> };
			run.rows += data.length;
			run.created += data.filter((row) => row.status === 'created').length;
		}
	};
	try {
		await Promise.all(Array.from({ length: inFlight }, worker));
	} finally {
		agent.destroy();
	}
	return run;
}
