import { MAX_BATCH_SIZE, planRun, splitIntoBatches } from '../../nodes/TrackLinkedInProfiles/plan';
import { planInputs as items } from '../support/plan-inputs';

const HOOK_A = 'https://hooks.example.com/a';
const HOOK_B = 'https://hooks.example.com/b';

describe('planRun', () => {
	it('sends each canonical profile once and remembers every item that asked for it', () => {
		const plan = planRun(
			items(
				['https://www.linkedin.com/in/amelia-chen'],
				['linkedin.com/in/Amelia-Chen/'],
				['https://www.linkedin.com/in/marco-alvarez', HOOK_A],
				['https://uk.linkedin.com/in/amelia-chen?trk=x'],
			),
		);
		expect(plan.rejected).toEqual([]);
		expect(plan.rows).toEqual([
			{
				profileUrl: 'https://www.linkedin.com/in/amelia-chen',
				webhookUrl: null,
				itemIndexes: [0, 1, 3],
			},
			{
				profileUrl: 'https://www.linkedin.com/in/marco-alvarez',
				webhookUrl: HOOK_A,
				itemIndexes: [2],
			},
		]);
		expect(plan.batches).toEqual([plan.rows]);
	});

	it('collapses identical webhooks, including equivalent spellings', () => {
		const plan = planRun(
			items(
				['https://www.linkedin.com/in/amelia-chen', HOOK_A],
				['https://www.linkedin.com/in/amelia-chen', 'HTTPS://HOOKS.example.com:443/a#x'],
			),
		);
		expect(plan.rows).toEqual([
			{
				profileUrl: 'https://www.linkedin.com/in/amelia-chen',
				webhookUrl: HOOK_A,
				itemIndexes: [0, 1],
			},
		]);
	});

	it('lets an empty webhook stand with a given one', () => {
		const plan = planRun(
			items(
				['https://www.linkedin.com/in/amelia-chen', ''],
				['https://www.linkedin.com/in/amelia-chen', HOOK_B],
			),
		);
		expect(plan.rejected).toEqual([]);
		expect(plan.rows).toEqual([
			{
				profileUrl: 'https://www.linkedin.com/in/amelia-chen',
				webhookUrl: HOOK_B,
				itemIndexes: [0, 1],
			},
		]);
	});

	it('rejects every item of a profile given two different webhooks, and sends nothing for it', () => {
		const plan = planRun(
			items(
				['https://www.linkedin.com/in/amelia-chen', HOOK_A],
				['https://www.linkedin.com/in/marco-alvarez'],
				['linkedin.com/in/amelia-chen', HOOK_B],
				['https://www.linkedin.com/in/amelia-chen'],
			),
		);
		expect(plan.rows.map((row) => row.profileUrl)).toEqual([
			'https://www.linkedin.com/in/marco-alvarez',
		]);
		expect(
			plan.rejected.map(({ itemIndex, code, webhookUrl }) => ({
				itemIndex,
				code,
				webhookUrl,
			})),
		).toEqual([
			{ itemIndex: 0, code: 'webhook_conflict', webhookUrl: HOOK_A },
			{ itemIndex: 2, code: 'webhook_conflict', webhookUrl: HOOK_B },
			{ itemIndex: 3, code: 'webhook_conflict', webhookUrl: null },
		]);
		const message = plan.rejected[0].message;
		expect(message).toContain('https://www.linkedin.com/in/amelia-chen');
		expect(message).toContain(HOOK_A);
		expect(message).toContain(HOOK_B);
	});

	it('rejects bad profiles and bad webhooks with their codes and keeps the canonical URL it knows', () => {
		const plan = planRun(
			items(
				[undefined],
				['https://www.linkedin.com/company/acme'],
				['https://linkedin.com.evil.com/in/x'],
				['https://www.linkedin.com/in/amelia-chen', 'http://hooks.example.com/a'],
			),
		);
		expect(plan.rows).toEqual([]);
		expect(plan.batches).toEqual([]);
		expect(
			plan.rejected.map(({ itemIndex, code, profileUrl }) => ({
				itemIndex,
				code,
				profileUrl,
			})),
		).toEqual([
			{ itemIndex: 0, code: 'missing_profile_url', profileUrl: null },
			{ itemIndex: 1, code: 'unsupported_profile_url', profileUrl: null },
			{ itemIndex: 2, code: 'invalid_profile_url', profileUrl: null },
			{
				itemIndex: 3,
				code: 'invalid_webhook_url',
				profileUrl: 'https://www.linkedin.com/in/amelia-chen',
			},
		]);
	});

	it('does not let a rejected webhook item stop the valid items of the same profile', () => {
		const plan = planRun(
			items(
				['https://www.linkedin.com/in/amelia-chen', 'http://insecure.example.com'],
				['https://www.linkedin.com/in/amelia-chen', HOOK_A],
			),
		);
		expect(plan.rows).toEqual([
			{
				profileUrl: 'https://www.linkedin.com/in/amelia-chen',
				webhookUrl: HOOK_A,
				itemIndexes: [1],
			},
		]);
		expect(plan.rejected).toHaveLength(1);
	});

	it('batches unique rows in first-seen order', () => {
		const profiles = Array.from(
			{ length: 250 },
			(_, n) => [`linkedin.com/in/person-${n}`] as [string],
		);
		const plan = planRun(items(...profiles, ...profiles), 100);
		expect(plan.batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
		expect(plan.batches[0][0]).toEqual({
			profileUrl: 'https://www.linkedin.com/in/person-0',
			webhookUrl: null,
			itemIndexes: [0, 250],
		});
		expect(plan.batches[2][49].profileUrl).toBe('https://www.linkedin.com/in/person-249');
	});

	it('plans an empty run as nothing to send', () => {
		expect(planRun([])).toEqual({ rejected: [], rows: [], batches: [] });
	});
});

describe('splitIntoBatches', () => {
	it.each([0, -1, 101, 1.5, Number.NaN])('refuses a batch size of %p', (size) => {
		expect(() => splitIntoBatches([1, 2, 3], size)).toThrow(/from 1 to 100/);
	});

	it('accepts the bounds', () => {
		expect(splitIntoBatches([1, 2, 3], 1)).toEqual([[1], [2], [3]]);
		expect(splitIntoBatches([1, 2, 3], MAX_BATCH_SIZE)).toEqual([[1, 2, 3]]);
	});
});
