import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

import type { ErrorBody } from './schemas';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Past this much an oversized body is no longer drained politely: the connection is closed. */
const DRAIN_FACTOR = 16;

export type BodyRead = { ok: true; body: Buffer } | { ok: false; drained: boolean };

/**
 * Reads the body up to `maxBytes`. An oversized body is drained rather than cut off, so the
 * client reads a clean 413 instead of a reset while it is still uploading.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let bytes = 0;
		let done = false;
		const finish = (result: BodyRead): void => {
			done = true;
			resolve(result);
		};
		req.on('data', (chunk: Buffer) => {
			if (done) return;
			bytes += chunk.length;
			if (bytes <= maxBytes) chunks.push(chunk);
			else if (bytes > maxBytes * DRAIN_FACTOR) finish({ ok: false, drained: false });
		});
		req.on('end', () => {
			if (done) return;
			finish(
				bytes <= maxBytes
					? { ok: true, body: Buffer.concat(chunks) }
					: { ok: false, drained: true },
			);
		});
		req.on('error', (error) => {
			if (!done) reject(error);
		});
		req.on('close', () => {
			if (!done && !req.complete)
				reject(new Error('The client closed the connection mid-request.'));
		});
	});
}

export function errorBody(status: number, error: string): ErrorBody {
	return { message: STATUS_CODES[status] ?? 'Error', error };
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: OutgoingHttpHeaders = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function isJsonContentType(header: string | undefined): boolean {
	const type = header?.split(';')[0].trim().toLowerCase();
	return type === 'application/json';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type JsonRead = { ok: true; value: unknown } | { ok: false; problem: string };

export function parseJson(body: Buffer): JsonRead {
	let text: string;
	try {
		text = utf8.decode(body);
	} catch {
		return { ok: false, problem: 'The request body is not valid UTF-8.' };
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return {
			ok: false,
			problem: `The request body is not valid JSON: ${(error as Error).message}`,
		};
	}
}
