import type { INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { runTrackNode } from '../engine/harness';
import type { RunOutput } from '../engine/harness';
import { oneEach, useSandbox } from '../engine/support';
import { freePort } from '../e2e/runtime/ports';
import type { FaultInput, Sandbox } from '../sandbox';
import { CANARY, CANARY_KEYS, everythingProduced, leaks } from './canary';
import { n8nCoreLogger, OutputCapture } from './capture';
import { startHostileApi } from './hostile-api';
import type { Echo } from './hostile-api';

const env = useSandbox({ keys: CANARY_KEYS });
const capture = new OutputCapture();
beforeAll(() => capture.start());
afterAll(() => capture.stop());
beforeEach(() => capture.clear());

const items = [
	{ profile_url: 'linkedin.com/in/ann' },
	{ profile_url: 'https://www.linkedin.com/in/bob/' },
	{ profile_url: 'https://uk.linkedin.com/in/ANN' },
	{ profile_url: 'https://www.linkedin.com/company/acme' },
];

interface LeakCase {
	key?: string;
	faults?: FaultInput[];
	poison?: boolean;
	baseUrl?: (sandbox: Sandbox) => Promise<string> | string;
	parameters?: INodeParameters;
	continueOnFail?: boolean;
	/** What proves the run took the error path it is named after. */
	took: (result: RunOutput) => void;
}

const fails = (pattern: RegExp) => (result: RunOutput) =>
	expect(result.error?.message).toMatch(pattern);
const itemsWith = (code: string) => (result: RunOutput) => {
	expect(result.error).toBeUndefined();
	const codes = oneEach(result, items.length).map(
		(entry) => (entry.json.error as { code?: string } | undefined)?.code,
	);
	expect(codes).toContain(code);
};
const FAST = { maxRetries: 1, timeoutSeconds: 1, parallelRequests: 2, batchSize: 2 };
const always = (fault: FaultInput): FaultInput[] => [{ ...fault, count: 'always' }];

const CASES: Array<[string, LeakCase]> = [
	['a successful run', { took: itemsWith('unsupported_profile_url') }],
	['401, the node failing', { key: CANARY.unknown, took: fails(/HTTP 401/) }],
	[
		'401 with continue-on-fail',
		{ key: CANARY.unknown, continueOnFail: true, took: itemsWith('api_error') },
	],
	['403 for the plan, the node failing', { key: CANARY.wrongPlan, took: fails(/HTTP 403/) }],
	[
		'403 for the permission, continue-on-fail',
		{ key: CANARY.noPermission, continueOnFail: true, took: itemsWith('api_error') },
	],
	[
		'429 until the node gives up',
		{ faults: always({ kind: 'status', status: 429, retry_after: 1 }), took: fails(/HTTP 429/) },
	],
	[
		'500 until the node gives up',
		{ faults: always({ kind: 'status', status: 500 }), took: fails(/HTTP 500/) },
	],
	[
		'500 with continue-on-fail',
		{
			faults: always({ kind: 'status', status: 500 }),
			continueOnFail: true,
			took: itemsWith('api_error'),
		},
	],
	[
		'501, never retried',
		{ faults: always({ kind: 'status', status: 501 }), took: fails(/HTTP 501/) },
	],
	['timeouts', { faults: always({ kind: 'latency', latency_ms: 1500 }), took: fails(/timed out/) }],
	[
		'dropped connections',
		{
			faults: always({ kind: 'drop', phase: 'before-processing' }),
			took: fails(/connection closed/),
		},
	],
	[
		'malformed answers',
		{ faults: always({ kind: 'malformed-json' }), took: fails(/could not be read/) },
	],
	[
		'answers missing rows',
		{ faults: always({ kind: 'missing-rows', rows: 1 }), took: fails(/left out/) },
	],
	['a 400 naming a row', { poison: true, took: itemsWith('api_rejected') }],
	[
		'a 400 naming no row',
		{ faults: always({ kind: 'status', status: 400 }), took: itemsWith('api_rejected') },
	],
	[
		'a refused connection',
		{ baseUrl: async () => `http://127.0.0.1:${await freePort()}`, took: fails(/refused/) },
	],
	[
		'a plain-http Base URL to another host',
		{ baseUrl: () => 'http://api.trigify.io', took: fails(/plain http/) },
	],
	[
		'an expression that throws',
		{
			parameters: { profileUrl: "={{ $('No Such Node').item.json.url }}" },
			took: fails(/could not be evaluated/),
		},
	],
];

async function expectNoLeak(result: RunOutput, key: string): Promise<void> {
	expect(leaks(everythingProduced(result), key)).toEqual([]);
	expect(leaks(capture.text(), key)).toEqual([]);
}

describe('the API key never appears in items, errors, hints or logs', () => {
	it('would be seen: the capture records what n8n logs and prints', () => {
		LoggerProxy.debug(`debug ${CANARY.enterprise}`);
		expect(leaks(capture.text(), CANARY.wrongPlan)).toEqual([]);
		n8nCoreLogger().warn('request failed', { headers: { 'x-api-key': CANARY.wrongPlan } });
		process.stderr.write(`${CANARY.noPermission}\n`);
		expect(leaks(capture.text(), CANARY.enterprise)).not.toEqual([]);
		expect(leaks(capture.text(), CANARY.wrongPlan)).not.toEqual([]);
		expect(leaks(capture.text(), CANARY.noPermission)).not.toEqual([]);
	});

	it('would be seen: a key in an input item shows up in what the run produced', async () => {
		const result = await runTrackNode({
			items: [{ profile_url: 'linkedin.com/in/ann', note: CANARY.enterprise }],
			parameters: { options: { includeInputFields: true } },
			credentials: { apiKey: CANARY.enterprise, baseUrl: env.sandbox.url },
		});
		expect(leaks(everythingProduced(result), CANARY.enterprise)).not.toEqual([]);
	});

	it.each(CASES)('on %s', async (_name, leakCase) => {
		const { sandbox } = env;
		const key = leakCase.key ?? CANARY.enterprise;
		if (leakCase.faults) await sandbox.admin.addFaults(...leakCase.faults);
		if (leakCase.poison) await sandbox.admin.addPoison('https://www.linkedin.com/in/bob');
		const result = await runTrackNode({
			items,
			parameters: { ...leakCase.parameters, options: FAST },
			credentials: { apiKey: key, baseUrl: (await leakCase.baseUrl?.(sandbox)) ?? sandbox.url },
			continueOnFail: leakCase.continueOnFail,
		});
		leakCase.took(result);
		await expectNoLeak(result, key);
	});

	it.each([401, 403, 500, 400, 201] as Echo[])(
		'when the API itself repeats the key in a %i answer',
		async (status) => {
			const api = await startHostileApi(status);
			try {
				for (const continueOnFail of [false, true]) {
					const result = await runTrackNode({
						items,
						parameters: { options: FAST },
						credentials: { apiKey: CANARY.enterprise, baseUrl: api.url },
						continueOnFail,
					});
					await expectNoLeak(result, CANARY.enterprise);
				}
				expect(api.requests()).toBeGreaterThan(0);
			} finally {
				await api.close();
			}
		},
	);
});
