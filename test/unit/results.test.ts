import type { Outcomes } from '../../nodes/TrackLinkedInProfiles/batch';
import { planRun } from '../../nodes/TrackLinkedInProfiles/plan';
import { buildResults } from '../../nodes/TrackLinkedInProfiles/results';
import { summarize } from '../../nodes/TrackLinkedInProfiles/summary';
import { planInputs as inputs } from '../support/plan-inputs';

const HOOK = 'https://hooks.example.com/a';

describe('buildResults', () => {
	it('gives every item its own result, in input order, with the answer for its profile', () => {
		const given = inputs(
			['linkedin.com/in/Ann/', HOOK],
			['https://www.linkedin.com/company/acme'],
			['https://www.linkedin.com/in/ann'],
			['https://www.linkedin.com/in/bob'],
			[undefined],
		);
		const plan = planRun(given);
		const [ann, bob] = plan.rows;
		const outcomes: Outcomes = new Map([
			[ann, { kind: 'tracked', status: 'created', webhookStatus: 'created' }],
			[bob, { kind: 'rejected', message: 'Trigify refused it' }],
		]);
		expect(buildResults(given, plan, outcomes)).toEqual([
			{
				itemIndex: 0,
				json: {
					profile_url: 'https://www.linkedin.com/in/ann',
					input_profile_url: 'linkedin.com/in/Ann/',
					status: 'created',
					webhook_status: 'created',
					webhook_url: HOOK,
				},
			},
			{
				itemIndex: 1,
				json: {
					profile_url: null,
					input_profile_url: 'https://www.linkedin.com/company/acme',
					status: 'rejected',
					webhook_url: null,
					error: {
						code: 'unsupported_profile_url',
						message: expect.stringContaining('company page'),
					},
				},
			},
			{
				itemIndex: 2,
				json: {
					profile_url: 'https://www.linkedin.com/in/ann',
					input_profile_url: 'https://www.linkedin.com/in/ann',
					status: 'created',
					webhook_status: 'created',
					webhook_url: HOOK,
				},
			},
			{
				itemIndex: 3,
				json: {
					profile_url: 'https://www.linkedin.com/in/bob',
					input_profile_url: 'https://www.linkedin.com/in/bob',
					status: 'rejected',
					webhook_url: null,
					error: { code: 'api_rejected', message: 'Trigify refused it' },
				},
			},
			{
				itemIndex: 4,
				json: {
					profile_url: null,
					input_profile_url: null,
					status: 'rejected',
					webhook_url: null,
					error: { code: 'missing_profile_url', message: expect.any(String) },
				},
			},
		]);
	});

	it('turns a row with no answer into a visible api_error rather than dropping its items', () => {
		const given = inputs(['https://www.linkedin.com/in/ann'], ['https://www.linkedin.com/in/ann']);
		const results = buildResults(given, planRun(given), new Map());
		expect(results.map((result) => [result.itemIndex, result.json.error?.code])).toEqual([
			[0, 'api_error'],
			[1, 'api_error'],
		]);
	});

	it('never puts a webhook_status on a rejected item', () => {
		const given = inputs(['https://www.linkedin.com/in/ann', 'http://insecure.example.com']);
		const [result] = buildResults(given, planRun(given), new Map());
		expect(result.json).not.toHaveProperty('webhook_status');
		expect(result.json.error?.code).toBe('invalid_webhook_url');
	});
});

describe('summarize', () => {
	it('counts statuses, rejection reasons and what the run cost', () => {
		const given = inputs(
			['https://www.linkedin.com/in/ann'],
			['bad'],
			[undefined],
			['https://www.linkedin.com/in/bob'],
		);
		const plan = planRun(given);
		const outcomes: Outcomes = new Map([
			[plan.rows[0], { kind: 'tracked', status: 'created', webhookStatus: 'none' }],
			[plan.rows[1], { kind: 'tracked', status: 'existing', webhookStatus: 'none' }],
		]);
		expect(
			summarize(buildResults(given, plan, outcomes), { requests: 1, retries: 2, credits: 0 }),
		).toBe(
			'Trigify: 1 created, 1 existing, 2 rejected (1 invalid_profile_url, 1 missing_profile_url); 1 request, 2 retries, 0 credits spent.',
		);
	});
});
