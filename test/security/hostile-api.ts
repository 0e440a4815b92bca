import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Echo = 401 | 403 | 400 | 500 | 201;

export interface HostileApi {
	url: string;
	/** Requests that carried the key, as the node sent them. */
	requests: () => number;
	close(): Promise<void>;
}

interface Row {
	profile_url: string;
}

function bodyFor(echo: Echo, key: string, rows: Row[]): unknown {
	const words = `the key ${key} was received`;
	switch (echo) {
		case 400:
			return {
				message: `Bad Request for ${key}`,
				error: words,
				details: [
					{ index: 0, profile_url: rows[0]?.profile_url, code: 'profile_rejected', message: words },
				],
			};
		case 201:
			return {
				success: true,
				message: words,
				data: rows.map(({ profile_url }) => ({
					profile_url,
					status: 'created',
					webhook_status: 'none',
					note: words,
				})),
			};
		default:
			return { message: `Error for ${key}`, error: words };
	}
}

/**
 * An API that repeats the x-api-key header it received in every answer (error words, row
 * details, success message), as a misbehaving proxy or a debug build might: the node must not
 * pass the key on into its items, errors or logs.
 */
export async function startHostileApi(echo: Echo): Promise<HostileApi> {
	let requests = 0;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			requests += 1;
			const key = String(req.headers['x-api-key']);
			const parsed = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { profiles?: Row[] };
			const text = JSON.stringify(bodyFor(echo, key, parsed.profiles ?? []));
			res.writeHead(echo, { 'content-type': 'application/json', 'x-echo': key });
			res.end(text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests: () => requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
