import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

import type { Fault } from './admin-schemas';
import { authenticate } from './auth';
import type { SandboxContext } from './context';
import { bendRows } from './faults';
import { errorBody, isJsonContentType, parseJson, readBody, sendJson } from './http-io';
import type { JsonRead } from './http-io';
import { arrival } from './request-log';
import { MAX_PROFILES_PER_REQUEST } from './schemas';
import type { BulkSuccess } from './schemas';
import { validateBulkRequest } from './validate';

const SUCCESS_MESSAGE = 'Tracked LinkedIn profiles uploaded successfully';

/** The profile_url values as sent, for the request log; whatever the body looks like. */
function sentProfileUrls(json: JsonRead | undefined): unknown[] | null {
	const profiles = json?.ok ? (json.value as { profiles?: unknown } | null)?.profiles : undefined;
	if (!Array.isArray(profiles)) return null;
	return profiles.map((row: unknown) =>
		typeof row === 'object' && row !== null
			? ((row as { profile_url?: unknown }).profile_url ?? null)
			: null,
	);
}

function retryAfterHeader(fault: Extract<Fault, { kind: 'status' }>): Record<string, string> {
	if (fault.retry_after === undefined) return {};
	const value =
		fault.retry_after_format === 'date'
			? new Date(Date.now() + fault.retry_after * 1000).toUTCString()
			: String(fault.retry_after);
	return { 'retry-after': value };
}

/** Sends a 201 the way the fault asks: whole, cut short, or not at all. */
function sendSuccess(
	res: ServerResponse,
	body: BulkSuccess,
	fault: Fault | undefined,
): number | null {
	if (fault?.kind === 'drop' && fault.phase === 'after-processing') {
		res.destroy();
		return null;
	}
	const text = JSON.stringify(body);
	const half = text.slice(0, Math.floor(text.length / 2));
	const sent = fault?.kind === 'malformed-json' ? half : text;
	res.writeHead(201, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(sent),
		'x-spent-credits': '0',
	});
	if (fault?.kind === 'drop' && fault.phase === 'mid-response') {
		res.write(half, () => res.destroy());
	} else {
		res.end(sent);
	}
	return 201;
}

export async function handleBulk(
	ctx: SandboxContext,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
): Promise<void> {
	const request = arrival(req, path);
	const apiKey = req.headers['x-api-key'];
	// Taken on arrival, so concurrent requests meet queued faults in the order they came in.
	const fault = ctx.faults.take();
	let json: JsonRead | undefined;
	const log = (status: number | null): void =>
		ctx.log.record(request, {
			status,
			profileUrls: sentProfileUrls(json),
			fault: fault?.kind ?? null,
		});
	const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
		sendJson(res, status, body, headers);
		log(status);
	};

	// A client that hangs up mid-body gets nothing; the request is only logged.
	const read = await readBody(req, ctx.maxBodyBytes).catch(() => undefined);
	if (read === undefined) return log(null);
	if (read.ok && isJsonContentType(req.headers['content-type'])) json = parseJson(read.body);

	if (fault !== undefined && fault.latency_ms > 0) await delay(fault.latency_ms);
	if (fault?.kind === 'status') {
		const error = `Injected fault: the sandbox answers ${fault.status} to this request.`;
		return reply(fault.status, errorBody(fault.status, error), retryAfterHeader(fault));
	}
	if (fault?.kind === 'drop' && fault.phase === 'before-processing') {
		res.destroy();
		return log(null);
	}

	const auth = authenticate(ctx.keys, apiKey);
	if (!auth.ok) return reply(auth.status, auth.body);
	const rate = ctx.rateLimiter.take(auth.key.key);
	if (!rate.ok) {
		const error = `Rate limit of ${rate.limit} requests per ${rate.windowMs / 1000} s exceeded; retry after ${rate.retryAfterSeconds} s.`;
		return reply(429, errorBody(429, error), { 'retry-after': String(rate.retryAfterSeconds) });
	}
	if (!isJsonContentType(req.headers['content-type'])) {
		const given = req.headers['content-type'] ?? 'none';
		return reply(
			415,
			errorBody(415, `Send the body as application/json (content-type was ${given}).`),
		);
	}
	if (!read.ok) {
		const error = `The request body is larger than ${ctx.maxBodyBytes} bytes; send at most ${MAX_PROFILES_PER_REQUEST} profiles per request.`;
		return reply(413, errorBody(413, error), read.drained ? {} : { connection: 'close' });
	}
	const parsed = json ?? parseJson(read.body);
	if (!parsed.ok) return reply(400, { ...errorBody(400, parsed.problem), details: [] });
	const validation = validateBulkRequest(parsed.value, ctx.poison);
	if (!validation.ok) return reply(400, validation.body);

	const { results, ops } = ctx.store.upsert(auth.key.org, validation.rows);
	try {
		await ctx.persistence.append(ops);
	} catch (error) {
		const problem = `The sandbox could not save its state: ${(error as Error).message}`;
		return reply(500, errorBody(500, problem));
	}
	const body: BulkSuccess = {
		success: true,
		message: SUCCESS_MESSAGE,
		data: bendRows(fault, results),
	};
	log(sendSuccess(res, body, fault));
}
