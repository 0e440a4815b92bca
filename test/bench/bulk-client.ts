import { request } from 'node:http';
import type { Agent } from 'node:http';

import { BULK_PATH } from '../sandbox';
import { SANDBOX_KEY } from './sandbox-child';

export interface BulkAnswer {
	status: number;
	text: string;
}

/**
 * One bulk call with nothing but node:http: no retries, no validation, no framework. The agent
 * decides keep-alive and how many sockets may be open, so callers control both.
 */
export function postBulk(url: string, agent: Agent, body: string): Promise<BulkAnswer> {
	return new Promise((resolvePost, reject) => {
		const req = request(
			`${url}${BULK_PATH}`,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'x-api-key': SANDBOX_KEY,
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolvePost({ status: res.statusCode ?? 0, text }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}
