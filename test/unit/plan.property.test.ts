import fc from 'fast-check';

import { planRun } from '../../nodes/TrackLinkedInProfiles/plan';
import type { PlanInput } from '../../nodes/TrackLinkedInProfiles/types';
import { canonicalFor, FORM_COUNT, profileForm } from '../support/profile-forms';

// Each generated item knows, by construction, who it names and which webhook it carries, so the
// expected plan is worked out here without the code under test.
type ProfileChoice = { kind: 'person'; id: string; form: number } | { kind: 'bad'; value: unknown };
type HookChoice = { hook: string | null; written: unknown } | { hook: 'invalid'; written: string };

const BAD_PROFILES: unknown[] = [
	null,
	'',
	42,
	'https://www.linkedin.com/company/acme',
	'https://evil.com/in/x',
	'lnkd.in/x',
];
const HOOKS: HookChoice[] = [
	{ hook: null, written: undefined },
	{ hook: null, written: '' },
	{
		hook: 'https://hooks.example.com/a',
		written: 'https://hooks.example.com/a',
	},
	{
		hook: 'https://hooks.example.com/a',
		written: 'HTTPS://Hooks.Example.com:443/a',
	},
	{
		hook: 'https://hooks.example.com/b',
		written: 'https://hooks.example.com/b',
	},
	{ hook: 'invalid', written: 'http://hooks.example.com/a' },
];

const profileChoice: fc.Arbitrary<ProfileChoice> = fc.oneof(
	{
		weight: 9,
		arbitrary: fc.record({
			kind: fc.constant('person' as const),
			id: fc.constantFrom('ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal'),
			form: fc.nat({ max: FORM_COUNT }),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('bad' as const),
			value: fc.constantFrom(...BAD_PROFILES),
		}),
	},
);
const runArb = fc.record({
	items: fc.array(fc.tuple(profileChoice, fc.constantFrom(...HOOKS)), {
		maxLength: 300,
	}),
	batchSize: fc.integer({ min: 1, max: 100 }),
});

function toInputs(items: Array<[ProfileChoice, HookChoice]>): PlanInput[] {
	return items.map(([profile, hook], itemIndex) => ({
		itemIndex,
		profileUrl: profile.kind === 'person' ? profileForm(profile.id, profile.form) : profile.value,
		webhookUrl: hook.written,
	}));
}

describe('planRun, for any run', () => {
	it('accounts for every item exactly once, in batches within the limit, each profile sent once', () => {
		fc.assert(
			fc.property(runArb, ({ items, batchSize }) => {
				const inputs = toInputs(items);
				const plan = planRun(inputs, batchSize);

				const seen = [
					...plan.rejected.map((r) => r.itemIndex),
					...plan.rows.flatMap((r) => r.itemIndexes),
				];
				expect(seen.sort((a, b) => a - b)).toEqual(inputs.map((input) => input.itemIndex));

				expect(plan.batches.flat()).toEqual(plan.rows);
				for (const batch of plan.batches) expect(batch.length).toBeLessThanOrEqual(batchSize);
				expect(plan.batches.slice(0, -1).every((batch) => batch.length === batchSize)).toBe(true);

				const sent = plan.rows.map((row) => row.profileUrl);
				expect(new Set(sent).size).toBe(sent.length);
			}),
			{ numRuns: 400 },
		);
	});

	it('reports a conflict exactly when two different non-empty webhooks meet on one profile', () => {
		fc.assert(
			fc.property(runArb, ({ items, batchSize }) => {
				const inputs = toInputs(items);
				const plan = planRun(inputs, batchSize);

				const hooksById = new Map<string, Set<string>>();
				items.forEach(([profile, hook]) => {
					if (profile.kind !== 'person' || hook.hook === 'invalid') return;
					const hooks = hooksById.get(profile.id) ?? new Set<string>();
					if (hook.hook !== null) hooks.add(hook.hook);
					hooksById.set(profile.id, hooks);
				});
				const code = new Map(plan.rejected.map((r) => [r.itemIndex, r.code]));
				const rowOf = new Map(
					plan.rows.flatMap((row) => row.itemIndexes.map((i) => [i, row] as const)),
				);

				items.forEach(([profile, hook], itemIndex) => {
					if (profile.kind === 'bad') {
						expect([
							'missing_profile_url',
							'invalid_profile_url',
							'unsupported_profile_url',
						]).toContain(code.get(itemIndex));
					} else if (hook.hook === 'invalid') {
						expect(code.get(itemIndex)).toBe('invalid_webhook_url');
					} else {
						const hooks = hooksById.get(profile.id) ?? new Set();
						if (hooks.size > 1) {
							expect(code.get(itemIndex)).toBe('webhook_conflict');
						} else {
							const row = rowOf.get(itemIndex);
							expect(row?.profileUrl).toBe(canonicalFor(profile.id));
							expect(row?.webhookUrl).toBe([...hooks][0] ?? null);
						}
					}
				});
			}),
			{ numRuns: 400 },
		);
	});
});
