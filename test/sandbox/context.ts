import type { ApiKeyConfig } from './auth';
import type { FaultQueue } from './faults';
import type { Persistence } from './persistence';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './request-log';
import type { Store } from './store';

/** Everything one sandbox instance owns; handlers get it passed in, nothing is module state. */
export interface SandboxContext {
	store: Store;
	persistence: Persistence;
	keys: ReadonlyMap<string, ApiKeyConfig>;
	/** Organisation the admin API acts on when a request names none: the first key's. */
	defaultOrg: string;
	rateLimiter: RateLimiter;
	faults: FaultQueue;
	/** Canonical profile URLs that make any request containing them fail with a 400. */
	poison: Set<string>;
	log: RequestLog;
	maxBodyBytes: number;
}
