import type { IDataObject } from 'n8n-workflow';

import { runTrackNode } from './harness';
import { credentials, oneEach, OUTPUT, preTrack, profile, useSandbox } from './support';

const env = useSandbox();

interface Case {
	json: IDataObject;
	expect: {
		output: number;
		status: string;
		code?: string;
		profile?: string | null;
		webhookStatus?: string;
	};
}

const HOOK = (n: number) => `https://hooks.example.com/trigify/${n}`;
const FORMS = [
	(id: string) => `https://www.linkedin.com/in/${id}`,
	(id: string) => `linkedin.com/in/${id.toUpperCase()}/`,
	(id: string) => `http://uk.linkedin.com/in/${id}?trk=public_profile`,
	(id: string) => `https://m.linkedin.com/mwlite/in/${id}/details/experience/`,
	(id: string) => `  www.linkedin.com/in/${id}#about `,
];

/**
 * 250 CRM-like rows: new, already tracked and archived profiles in varied forms, duplicates with
 * identical webhooks, conflicting webhooks, and every kind of bad input. Each case states what
 * must come out for it, worked out here from how it was built.
 */
function buildCases(): { cases: Case[]; preTracked: string[]; archived: string[]; unique: number } {
	const cases: Case[] = [];
	const add = (json: IDataObject, expected: Case['expect']) =>
		cases.push({ json: { row: cases.length, ...json }, expect: expected });
	const preTracked: string[] = [];
	const archived: string[] = [];
	let unique = 0;
	for (let n = 0; n < 150; n += 1) {
		const id = `lead-${n}`;
		const kind = n < 20 ? 'existing' : n < 30 ? 'archived' : 'new';
		if (kind === 'existing') preTracked.push(profile(id));
		if (kind === 'archived') archived.push(profile(id));
		const withHook = n % 5 === 0;
		const status = kind === 'new' ? 'created' : 'existing';
		const output = kind === 'new' ? OUTPUT.created : OUTPUT.existing;
		const webhookStatus = withHook ? 'created' : 'none';
		unique += 1;
		add(
			{ profile_url: FORMS[n % FORMS.length](id), webhook: withHook ? HOOK(n) : '' },
			{ output, status, profile: profile(id), webhookStatus },
		);
		// Every third profile appears again, in another form; half of those repeat the webhook.
		if (n % 3 === 0) {
			add(
				{
					profile_url: FORMS[(n + 2) % FORMS.length](id),
					webhook: withHook && n % 2 === 0 ? HOOK(n) : '',
				},
				{ output, status, profile: profile(id), webhookStatus },
			);
		}
	}
	for (let n = 0; n < 4; n += 1) {
		const id = `conflicted-${n}`;
		for (const hook of [HOOK(1000 + n), HOOK(2000 + n), '']) {
			add(
				{ profile_url: FORMS[n % FORMS.length](id), webhook: hook },
				{
					output: OUTPUT.rejected,
					status: 'rejected',
					code: 'webhook_conflict',
					profile: profile(id),
				},
			);
		}
	}
	const bad: Array<[unknown, string]> = [
		['https://www.linkedin.com/company/acme', 'unsupported_profile_url'],
		['https://www.linkedin.com/school/mit/', 'unsupported_profile_url'],
		['https://lnkd.in/xyz', 'unsupported_profile_url'],
		['https://www.linkedin.com/pub/jane/1/2/3', 'unsupported_profile_url'],
		['https://www.linkedin.com/sales/lead/ACwAA1,NAME', 'unsupported_profile_url'],
		['https://linkedin.com.evil.com/in/x', 'invalid_profile_url'],
		['www.linkedin.com@evil.com/in/x', 'invalid_profile_url'],
		['javascript:alert(1)', 'invalid_profile_url'],
		['not a url at all', 'invalid_profile_url'],
		[42, 'invalid_profile_url'],
		['', 'missing_profile_url'],
		[null, 'missing_profile_url'],
	];
	while (cases.length < 240) {
		const [value, code] = bad[cases.length % bad.length];
		add(
			{ profile_url: value as string, webhook: '' },
			{ output: OUTPUT.rejected, status: 'rejected', code, profile: null },
		);
	}
	for (let n = 0; cases.length < 250; n += 1) {
		const id = `insecure-hook-${n}`;
		add(
			{ profile_url: profile(id), webhook: 'http://hooks.example.com/plain' },
			{
				output: OUTPUT.rejected,
				status: 'rejected',
				code: 'invalid_webhook_url',
				profile: profile(id),
			},
		);
	}
	return { cases, preTracked, archived, unique };
}

describe('Track LinkedIn Profiles in the n8n engine, against the sandbox', () => {
	it('routes 250 varied items, one output item per input, in ceil(unique / batch size) requests', async () => {
		const { sandbox } = env;
		const { cases, preTracked, archived, unique } = buildCases();
		await preTrack(sandbox, [...preTracked, ...archived]);
		for (const url of archived) await sandbox.admin.archive(url);
		await sandbox.admin.clearRequests();

		const result = await runTrackNode({
			items: cases.map((entry) => entry.json),
			parameters: { webhookUrl: '={{ $json.webhook }}', options: { batchSize: 50 } },
			credentials: credentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		const out = oneEach(result, cases.length);
		out.forEach((entry, index) => {
			const { json: input, expect: expected } = cases[index];
			expect({ output: entry.output, row: entry.json.status }).toEqual({
				output: expected.output,
				row: expected.status,
			});
			expect(entry.json.input_profile_url).toEqual(input.profile_url ?? null);
			expect(entry.json.profile_url).toBe(expected.profile);
			if (expected.code) {
				expect(entry.json.error).toEqual({ code: expected.code, message: expect.any(String) });
				expect(entry.json).not.toHaveProperty('webhook_status');
			} else {
				expect(entry.json.webhook_status).toBe(expected.webhookStatus);
				expect(entry.json).not.toHaveProperty('error');
			}
		});
		expect(
			new Set(out.map((entry) => entry.json.error && (entry.json.error as IDataObject).code)),
		).toEqual(
			new Set([
				undefined,
				'webhook_conflict',
				'unsupported_profile_url',
				'invalid_profile_url',
				'missing_profile_url',
				'invalid_webhook_url',
			]),
		);

		const requests = (await sandbox.admin.requests()).filter(
			(entry) => entry.path === '/v1/profile/engagement/bulk',
		);
		expect(requests).toHaveLength(Math.ceil(unique / 50));
		expect(
			requests.every((entry) => entry.status === 201 && (entry.profile_count ?? 0) <= 50),
		).toBe(true);
		const sent = requests.flatMap((entry) => entry.profile_urls as string[]);
		expect(sent).toHaveLength(unique);
		expect(new Set(sent).size).toBe(unique);

		const monitors = await sandbox.admin.monitors();
		expect(monitors).toHaveLength(unique);
		expect(monitors.every((monitor) => !monitor.archived && monitor.groups.length > 0)).toBe(true);
		expect(monitors.find((monitor) => monitor.profile_url === profile('lead-0'))?.webhook_url).toBe(
			HOOK(0),
		);
	});

	it('shows the same profiles as existing when the run is repeated', async () => {
		const { sandbox } = env;
		const items = [
			{ profile_url: 'linkedin.com/in/amelia-chen' },
			{ profile_url: 'https://www.linkedin.com/in/marco-alvarez/' },
		];
		const first = await runTrackNode({ items, credentials: credentials(sandbox) });
		const second = await runTrackNode({ items, credentials: credentials(sandbox) });
		expect(first.outputs.map((output) => output.length)).toEqual([2, 0, 0]);
		expect(second.outputs.map((output) => output.length)).toEqual([0, 2, 0]);
	});

	it('puts a run summary in the execution hints, not in the items', async () => {
		const { sandbox } = env;
		const result = await runTrackNode({
			items: [
				{ profile_url: 'linkedin.com/in/ann' },
				{ profile_url: 'https://www.linkedin.com/company/x' },
			],
			credentials: credentials(sandbox),
		});
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'Trigify: 1 created, 0 existing, 1 rejected (1 unsupported_profile_url); 1 request, 0 retries, 0 credits spent.',
		]);
		expect(result.outputs.flat()).toHaveLength(2);
	});

	it('sends no request when no item is valid', async () => {
		const { sandbox } = env;
		const result = await runTrackNode({
			items: [{ profile_url: 'nope' }, {}],
			credentials: credentials(sandbox),
		});
		expect(result.outputs.map((output) => output.length)).toEqual([0, 0, 2]);
		expect(await sandbox.admin.requests()).toEqual([]);
	});
});
