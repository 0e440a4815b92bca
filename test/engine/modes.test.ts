import fc from 'fast-check';

import { runTrackNode } from './harness';
import { credentials, emitted, oneEach, OUTPUT, profile, useSandbox } from './support';

const env = useSandbox();

const rows = [
	{
		contact: { linkedin: 'linkedin.com/in/Ann/' },
		hook: 'https://hooks.example.com/ann',
		name: 'Ann',
	},
	{ contact: { linkedin: 'https://www.linkedin.com/company/acme' }, hook: '', name: 'Acme' },
	{ contact: { linkedin: 'https://uk.linkedin.com/in/bob?trk=x' }, hook: '', name: 'Bob' },
];

describe('output modes and parameters', () => {
	it('split mode gives three outputs in the order Created, Existing, Rejected', async () => {
		const { sandbox } = env;
		await runTrackNode({
			items: [{ profile_url: profile('bob') }],
			credentials: credentials(sandbox),
		});
		const result = await runTrackNode({
			items: rows,
			parameters: { profileUrl: '={{ $json.contact.linkedin }}' },
			credentials: credentials(sandbox),
		});
		expect(result.outputs.map((output) => output.map((item) => item.json.profile_url))).toEqual([
			[profile('ann')],
			[profile('bob')],
			[null],
		]);
	});

	it('single mode gives one output, in input order, with the same items', async () => {
		const { sandbox } = env;
		const result = await runTrackNode({
			items: rows,
			parameters: { outputMode: 'single', profileUrl: '={{ $json.contact.linkedin }}' },
			credentials: credentials(sandbox),
		});
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0].map((item) => [item.pairedItem, item.json.status])).toEqual([
			[{ item: 0 }, 'created'],
			[{ item: 1 }, 'rejected'],
			[{ item: 2 }, 'created'],
		]);
	});

	it("evaluates expressions in both URL parameters per item, including $('Source').item", async () => {
		const { sandbox } = env;
		const result = await runTrackNode({
			items: rows,
			parameters: {
				profileUrl: "={{ $('Source').item.json.contact.linkedin }}",
				webhookUrl: '={{ $json.hook }}',
			},
			credentials: credentials(sandbox),
		});
		const out = oneEach(result, 3);
		expect(
			out.map((entry) => [
				entry.json.profile_url,
				entry.json.webhook_url,
				entry.json.webhook_status ?? null,
			]),
		).toEqual([
			[profile('ann'), 'https://hooks.example.com/ann', 'created'],
			[null, null, null],
			[profile('bob'), null, 'none'],
		]);
		const [ann] = await sandbox.admin.monitors({ profileUrl: profile('ann') });
		expect(ann.webhook_url).toBe('https://hooks.example.com/ann');
	});

	it('keeps input fields under "input" only when asked, never over the node\'s own fields', async () => {
		const { sandbox } = env;
		const items = [
			{ profile_url: 'linkedin.com/in/cy', status: 'lead', error: 'none', name: 'Cy' },
		];
		const plain = await runTrackNode({ items, credentials: credentials(sandbox) });
		const kept = await runTrackNode({
			items,
			parameters: { options: { includeInputFields: true } },
			credentials: credentials(sandbox),
		});
		expect(Object.keys(plain.outputs.flat()[0].json).sort()).toEqual([
			'input_profile_url',
			'profile_url',
			'status',
			'webhook_status',
			'webhook_url',
		]);
		expect(kept.outputs.flat()[0].json).toMatchObject({ status: 'existing', input: items[0] });
		expect(kept.outputs.flat()[0].json).not.toHaveProperty('error');
	});

	it('fails at the item whose expression cannot be evaluated, or rejects just that item with continue-on-fail', async () => {
		const { sandbox } = env;
		const items = [{ profile_url: 'linkedin.com/in/dee' }, { profile_url: 'linkedin.com/in/eve' }];
		const parameters = {
			profileUrl:
				'={{ $json.profile_url.endsWith("eve") ? $("Deleted node").item.json.url : $json.profile_url }}',
		};
		const failed = await runTrackNode({ items, parameters, credentials: credentials(sandbox) });
		expect(failed.error?.message).toBe(
			"The Profile URL expression could not be evaluated: Referenced node doesn't exist",
		);
		expect(
			(failed.error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex,
		).toBe(1);

		const continued = await runTrackNode({
			items,
			parameters,
			credentials: credentials(sandbox),
			continueOnFail: true,
		});
		const out = oneEach(continued, 2);
		expect(out.map((entry) => [entry.output, entry.json.status])).toEqual([
			[OUTPUT.created, 'created'],
			[OUTPUT.rejected, 'rejected'],
		]);
		expect(out[1].json.error).toEqual({
			code: 'invalid_profile_url',
			message: expect.stringMatching(/could not be evaluated/),
		});
	});

	it('refuses an out-of-range option with a message naming it', async () => {
		const { sandbox } = env;
		const result = await runTrackNode({
			items: [{ profile_url: 'linkedin.com/in/fay' }],
			parameters: { options: { batchSize: 500 } },
			credentials: credentials(sandbox),
		});
		expect(result.error?.message).toBe('Batch Size must be a whole number from 1 to 100, not 500.');
	});

	it('sends batches in parallel when asked, and still sends each profile once', async () => {
		const { sandbox } = env;
		const items = Array.from({ length: 450 }, (_, n) => ({
			profile_url: `linkedin.com/in/par-${n % 300}`,
		}));
		const result = await runTrackNode({
			items,
			parameters: { options: { parallelRequests: 3 } },
			credentials: credentials(sandbox),
		});
		oneEach(result, 450);
		const sent = (await sandbox.admin.requests()).flatMap((entry) => entry.profile_urls);
		expect(sent).toHaveLength(300);
		expect(new Set(sent).size).toBe(300);
	});
});

describe('reading parameters', () => {
	it('gives the same values when a plain $json path is read directly as the evaluator does', async () => {
		const { sandbox } = env;
		const field = fc.oneof(
			fc.constantFrom('linkedin.com/in/ann', ' https://uk.linkedin.com/in/bob/ ', '', 'nope'),
			fc.constantFrom(null, undefined, 0, 7, true),
			fc.dictionary(fc.constantFrom('url', 'x'), fc.constantFrom('linkedin.com/in/cy', 3)),
			fc.array(fc.constantFrom('linkedin.com/in/dee')),
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ contact: fc.record({ url: field }, { requiredKeys: [] }) }), {
					maxLength: 12,
				}),
				async (items) => {
					// Parentheses make the same read look like any other expression to the node.
					const direct = await runTrackNode({
						items,
						parameters: { profileUrl: '={{ $json.contact.url }}' },
						credentials: credentials(sandbox),
					});
					const evaluated = await runTrackNode({
						items,
						parameters: { profileUrl: '={{ ($json.contact.url) }}' },
						credentials: credentials(sandbox),
					});
					const view = (result: typeof direct) =>
						emitted(result).map(({ output, item, json }) => [
							item,
							output === OUTPUT.rejected,
							json.profile_url,
							json.input_profile_url,
							json.error,
						]);
					expect(view(direct)).toEqual(view(evaluated));
				},
			),
			{ numRuns: 20 },
		);
	}, 60_000);
});

describe('for any list of items', () => {
	const value = fc.oneof(
		fc
			.constantFrom('ann', 'bob', 'cy', 'dee')
			.chain((id) =>
				fc.constantFrom(
					`linkedin.com/in/${id}`,
					`https://WWW.linkedin.com/in/${id}/`,
					`http://de.linkedin.com/in/${id}?x=1`,
				),
			),
		fc.constantFrom('', 'nope', 'https://www.linkedin.com/company/x', 'https://evil.com/in/x'),
		fc.constant(undefined),
		fc.integer(),
	);
	const hook = fc.constantFrom(
		'',
		'https://h.example.com/1',
		'https://h.example.com/2',
		'http://h.example.com/3',
	);

	it('gives N items out for N in, each paired with its own input', async () => {
		const { sandbox } = env;
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ url: value, hook, tag: fc.nat() }), { maxLength: 40 }),
				fc.constantFrom<'split' | 'single'>('split', 'single'),
				async (items, outputMode) => {
					const result = await runTrackNode({
						items,
						parameters: {
							profileUrl: '={{ $json.url }}',
							webhookUrl: '={{ $json.hook }}',
							outputMode,
							options: { includeInputFields: true },
						},
						credentials: credentials(sandbox),
					});
					expect(result.error).toBeUndefined();
					const out = emitted(result);
					expect(out.map((entry) => entry.item).sort((a, b) => a - b)).toEqual(
						items.map((_, n) => n),
					);
					for (const entry of out) {
						expect(entry.json.input).toEqual(items[entry.item]);
						expect(entry.json.input_profile_url).toEqual(items[entry.item].url ?? null);
					}
				},
			),
			{ numRuns: 25 },
		);
	}, 60_000);
});
