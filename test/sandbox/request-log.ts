import type { IncomingMessage } from 'node:http';

import type { RequestLogEntry } from './admin-schemas';
import { keyFingerprint } from './auth';

export const DEFAULT_REQUEST_LOG_LIMIT = 5000;

/** What is known about an API request the moment it arrives. */
export interface Arrival {
	at: string;
	started: number;
	method: string;
	path: string;
	keyFingerprint: string | null;
}

export function arrival(req: IncomingMessage, path: string): Arrival {
	const key = req.headers['x-api-key'];
	return {
		at: new Date().toISOString(),
		started: performance.now(),
		method: req.method ?? '',
		path,
		keyFingerprint: typeof key === 'string' ? keyFingerprint(key) : null,
	};
}

export interface Outcome {
	/** null when the connection was dropped without an answer. */
	status: number | null;
	profileUrls?: unknown[] | null;
	fault?: string | null;
}

/** The most recent API requests, in memory only: it is a debugging aid, not state. */
export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private nextId = 1;

	constructor(private readonly limit: number) {}

	record(request: Arrival, { status, profileUrls = null, fault = null }: Outcome): void {
		this.entries.push({
			id: this.nextId++,
			at: request.at,
			method: request.method,
			path: request.path,
			key_fingerprint: request.keyFingerprint,
			profile_count: profileUrls === null ? null : profileUrls.length,
			profile_urls: profileUrls ?? [],
			status,
			duration_ms: Math.round((performance.now() - request.started) * 100) / 100,
			fault,
		});
		// Trimming in chunks keeps a long benchmark from paying for an array shift per request.
		if (this.entries.length > this.limit * 1.25) this.entries = this.entries.slice(-this.limit);
	}

	list(): RequestLogEntry[] {
		return this.entries.slice(-this.limit);
	}

	clear(): void {
		this.entries = [];
	}
}
