import type { FaultInput } from '../sandbox';
import { SANDBOX_KEYS } from '../sandbox';

export interface NodeOptions {
	parallelRequests: number;
	maxRetries: number;
	timeoutSeconds: number;
	maxWaitSeconds?: number;
}

export interface MatrixRow {
	name: string;
	/** Queued after the profiles tracked before the run, so only the node's requests meet it. */
	fault?: FaultInput;
	/** Poisons one profile the node will send: its batch gets a 400 naming that row. */
	poison?: boolean;
	/** A key other than the enterprise key: the API refuses every request with 401 or 403. */
	key?: string;
	options: NodeOptions;
	continueOnFail?: boolean;
	/** Set when the node must fail, with a message matching this. */
	fails?: RegExp;
}

// Parallel requests make faults meet several batches at once, as they would in production;
// short timeouts and one-second Retry-After values keep the whole matrix around two minutes.
const BASE: NodeOptions = { parallelRequests: 3, maxRetries: 3, timeoutSeconds: 5 };
const FIRST = 3;
const UNKNOWN_KEY = 'trig_fault_matrix_unknown_key';

const status = (code: number): MatrixRow => ({
	name: `${code}, first ${FIRST} requests`,
	fault: { kind: 'status', status: code, count: FIRST },
	options: BASE,
});

export const MATRIX: MatrixRow[] = [
	{ name: 'no fault (control)', options: BASE },
	{
		name: `429 Retry-After 1 (seconds), first ${FIRST}`,
		fault: { kind: 'status', status: 429, retry_after: 1, count: FIRST },
		options: BASE,
	},
	{
		name: `429 Retry-After HTTP date (+2 s), first ${FIRST}`,
		fault: {
			kind: 'status',
			status: 429,
			retry_after: 2,
			retry_after_format: 'date',
			count: FIRST,
		},
		options: BASE,
	},
	status(500),
	status(502),
	status(503),
	status(504),
	{
		name: '500 always, continue-on-fail',
		fault: { kind: 'status', status: 500, count: 'always' },
		options: { ...BASE, maxRetries: 1 },
		continueOnFail: true,
	},
	{
		name: `timeout (2 s late, 1 s timeout), first ${FIRST}`,
		fault: { kind: 'latency', latency_ms: 2000, count: FIRST },
		options: { ...BASE, timeoutSeconds: 1 },
	},
	{
		name: `drop before processing, first ${FIRST}`,
		fault: { kind: 'drop', phase: 'before-processing', count: FIRST },
		options: BASE,
	},
	{
		name: `drop after processing, first ${FIRST}`,
		fault: { kind: 'drop', phase: 'after-processing', count: FIRST },
		options: BASE,
	},
	{
		name: `drop mid-response, first ${FIRST}`,
		fault: { kind: 'drop', phase: 'mid-response', count: FIRST },
		options: BASE,
	},
	{
		name: `malformed JSON, first ${FIRST}`,
		fault: { kind: 'malformed-json', count: FIRST },
		options: BASE,
	},
	{
		name: `missing rows (last 5), first ${FIRST}`,
		fault: { kind: 'missing-rows', rows: 5, count: FIRST },
		options: BASE,
	},
	{ name: 'reordered rows, always', fault: { kind: 'reorder', count: 'always' }, options: BASE },
	{
		name: 'equivalent URL forms (mixed), always',
		fault: { kind: 'url-variant', variant: 'mixed', count: 'always' },
		options: BASE,
	},
	{ name: 'poison row in a batch of 100 (400)', poison: true, options: BASE },
	{
		name: '401 unknown key',
		key: UNKNOWN_KEY,
		options: BASE,
		fails: /^Trigify refused the API key \(HTTP 401\)/,
	},
	{
		name: '401 unknown key, continue-on-fail',
		key: UNKNOWN_KEY,
		options: BASE,
		continueOnFail: true,
	},
	{
		name: '403 wrong plan',
		key: SANDBOX_KEYS.wrongPlan,
		options: BASE,
		fails: /^The Trigify API key may not track profiles \(HTTP 403\)/,
	},
	{
		name: '403 no permission, continue-on-fail',
		key: SANDBOX_KEYS.noPermission,
		options: BASE,
		continueOnFail: true,
	},
];

export function describeSettings(row: MatrixRow): string {
	const { parallelRequests, maxRetries, timeoutSeconds } = row.options;
	const cof = row.continueOnFail === true ? ' cof' : '';
	return `p${parallelRequests} r${maxRetries} t${timeoutSeconds}s${cof}`;
}
