import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';

import { handleAdmin } from './admin';
import { SandboxAdminClient } from './admin-client';
import { FaultSchema, RateLimitSchema } from './admin-schemas';
import type { FaultInput, RateLimit } from './admin-schemas';
import { ApiKeyConfigSchema, DEFAULT_KEYS, SANDBOX_KEYS } from './auth';
import type { ApiKeyConfig } from './auth';
import { handleBulk } from './bulk';
import type { SandboxContext } from './context';
import { FaultQueue } from './faults';
import { DEFAULT_MAX_BODY_BYTES, errorBody, sendJson } from './http-io';
import { memoryPersistence, openFilePersistence } from './persistence';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rate-limit';
import { DEFAULT_REQUEST_LOG_LIMIT, RequestLog, arrival } from './request-log';
import { ADMIN_PREFIX, BULK_PATH } from './schemas';
import { Store } from './store';

export const DEFAULT_COMPACT_AFTER_BYTES = 8 * 1024 * 1024;
const CLOSE_GRACE_MS = 2000;

export interface SandboxOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** Folder for the persistent state; without it the state lives in memory only. */
	dataDir?: string;
	/** Replace the default keys; the first key's organisation is the admin API's default. */
	keys?: ApiKeyConfig[];
	/** Per key; `false` turns it off. Default 100 requests per 60 s. */
	rateLimit?: { limit: number; windowMs: number } | false;
	/** Faults queued before the first request, as the admin API takes them. */
	faults?: FaultInput[];
	/** Profile URLs (any equivalent form) that make a request containing them fail with 400. */
	poison?: string[];
	maxBodyBytes?: number;
	requestLogLimit?: number;
	/** The journal is folded into the snapshot once it is larger than this and the snapshot. */
	compactAfterBytes?: number;
}

export interface Sandbox {
	/** Base URL without a trailing slash, e.g. http://127.0.0.1:39123. */
	url: string;
	port: number;
	host: string;
	/** The first configured key: with the defaults, the enterprise key that may call the API. */
	apiKey: string;
	keys: typeof SANDBOX_KEYS;
	admin: SandboxAdminClient;
	dataDir: string | undefined;
	/** Stops accepting requests, lets those in flight finish, and flushes the state. */
	close(): Promise<void>;
}

function toRateLimit(option: SandboxOptions['rateLimit']): RateLimit {
	if (option === undefined) return DEFAULT_RATE_LIMIT;
	return RateLimitSchema.parse(
		option === false
			? { enabled: false }
			: { enabled: true, limit: option.limit, window_ms: option.windowMs },
	);
}

function canonicalPoison(urls: string[]): Set<string> {
	return new Set(
		urls.map((url) => {
			const result = canonicalizeProfileUrl(url);
			if (!result.ok) throw new Error(`Poison profile ${url}: ${result.message}`);
			return result.url;
		}),
	);
}

async function route(
	ctx: SandboxContext,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	if (url.pathname.startsWith(ADMIN_PREFIX)) return handleAdmin(ctx, req, res, url);
	if (url.pathname === BULK_PATH && req.method === 'POST')
		return handleBulk(ctx, req, res, url.pathname);
	// Logged too: a client calling the wrong path or method is what the log is read for.
	const request = arrival(req, url.pathname);
	if (url.pathname !== BULK_PATH) {
		sendJson(res, 404, errorBody(404, `No route for ${req.method} ${url.pathname}.`));
		return ctx.log.record(request, { status: 404 });
	}
	const error = `${BULK_PATH} accepts POST only, not ${req.method}.`;
	sendJson(res, 405, errorBody(405, error), { allow: 'POST' });
	ctx.log.record(request, { status: 405 });
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolveListen, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolveListen(server.address() as AddressInfo);
		});
	});
}

function closeServer(server: Server): Promise<void> {
	return new Promise((resolveClose) => {
		const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
		server.close(() => {
			clearTimeout(force);
			resolveClose();
		});
		server.closeIdleConnections();
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	// Every option is checked before the data folder is locked, so a bad one leaves no lock.
	const keyList = (options.keys ?? DEFAULT_KEYS).map((key) => ApiKeyConfigSchema.parse(key));
	if (keyList.length === 0) throw new Error('The sandbox needs at least one API key.');
	const poison = canonicalPoison(options.poison ?? []);
	const faults = new FaultQueue();
	faults.add((options.faults ?? []).map((fault) => FaultSchema.parse(fault)));
	const store = new Store();
	const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
	const compactAfter = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
	const ctx: SandboxContext = {
		store,
		persistence:
			dataDir === undefined
				? memoryPersistence
				: await openFilePersistence(dataDir, store, compactAfter),
		keys: new Map(keyList.map((key) => [key.key, key])),
		defaultOrg: keyList[0].org,
		rateLimiter: new RateLimiter(toRateLimit(options.rateLimit)),
		faults,
		poison,
		log: new RequestLog(options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT),
		maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
	};

	const server = createServer((req, res) => {
		route(ctx, req, res).catch((error: unknown) => {
			process.stderr.write(`sandbox: ${req.method} ${req.url} failed: ${String(error)}\n`);
			if (res.headersSent) res.destroy();
			else
				sendJson(res, 500, errorBody(500, 'The sandbox hit an unexpected error; see its stderr.'));
		});
	});
	const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1').catch(
		async (error: unknown) => {
			await ctx.persistence.close();
			return Promise.reject(error);
		},
	);
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const url = `http://${host}:${address.port}`;
	let closing: Promise<void> | undefined;
	return {
		url,
		port: address.port,
		host: address.address,
		apiKey: keyList[0].key,
		keys: SANDBOX_KEYS,
		admin: new SandboxAdminClient(url),
		dataDir,
		close: () => {
			closing ??= closeServer(server).then(() => ctx.persistence.close());
			return closing;
		},
	};
}
