import type { RateLimit } from './admin-schemas';

export const DEFAULT_RATE_LIMIT = {
	enabled: true,
	limit: 100,
	window_ms: 60_000,
} as const satisfies RateLimit;

export type RateDecision =
	| { ok: true }
	| { ok: false; retryAfterSeconds: number; limit: number; windowMs: number };

/** Fixed window per key: the first request opens a window, which then admits `limit` requests. */
export class RateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(private config: RateLimit) {}

	get settings(): RateLimit {
		return this.config;
	}

	configure(config: RateLimit): void {
		this.config = config;
		this.windows.clear();
	}

	reset(): void {
		this.windows.clear();
	}

	take(key: string, now: number = Date.now()): RateDecision {
		if (!this.config.enabled) return { ok: true };
		let window = this.windows.get(key);
		if (window === undefined || now - window.start >= this.config.window_ms) {
			window = { start: now, count: 0 };
			this.windows.set(key, window);
		}
		if (window.count < this.config.limit) {
			window.count++;
			return { ok: true };
		}
		const waitMs = window.start + this.config.window_ms - now;
		return {
			ok: false,
			retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
			limit: this.config.limit,
			windowMs: this.config.window_ms,
		};
	}
}
