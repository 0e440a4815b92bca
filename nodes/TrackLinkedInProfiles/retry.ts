export interface RetryPolicy {
	/** Retries after the first attempt, per request. */
	maxRetries: number;
	/** Total time one request may spend waiting between attempts. */
	maxWaitMs: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_MAX_WAIT_SECONDS = 120;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: DEFAULT_MAX_RETRIES,
	maxWaitMs: DEFAULT_MAX_WAIT_SECONDS * 1000,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
};

/**
 * Reads Retry-After as delta-seconds or an HTTP date (RFC 9110 10.2.3). Undefined when absent or
 * unreadable, so the caller falls back to its own backoff instead of hammering the API.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	// An HTTP date always names its weekday and month; anything else is noise.
	const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Capped exponential backoff with equal jitter: never zero, never in lock-step with others. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type StatusClass =
	| 'success'
	| 'transient'
	| 'unauthorized'
	| 'forbidden'
	| 'badRequest'
	| 'fatal';

/**
 * 429, 408 and 5xx are worth another try (the upsert is idempotent, so a retried batch cannot
 * create duplicates); 400 and 413 point at rows in the batch; 401 and 403 will not change by
 * retrying; 501 and 505 are permanent server answers.
 */
export function classifyStatus(status: number): StatusClass {
	if (status >= 200 && status < 300) return 'success';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 400 || status === 413) return 'badRequest';
	if (status === 429 || status === 408) return 'transient';
	if (status >= 500 && status !== 501 && status !== 505) return 'transient';
	return 'fatal';
}
