import type { Emitted } from '../engine/support';
import { emitted, OUTPUT } from '../engine/support';
import type { RequestLogEntry } from '../sandbox';
import { buildCorpus } from './corpus';
import { judge } from './judge';
import { MATRIX } from './matrix';
import { replay } from './model';
import { runRow } from './run-row';
import type { RowRun } from './run-row';

// The fault matrix passes only if its checks can fail: each mutation below is one kind of
// mistake a node could make, applied to a correct run, and the judge must count it.
const corpus = buildCorpus();
let control: RowRun;
let correct: Emitted[];

beforeAll(async () => {
	control = await runRow(MATRIX[0], corpus);
	correct = emitted(control.result);
}, 30_000);

const judged = (entries: Emitted[]) =>
	judge(entries, { corpus, model: control.model, poisoned: new Set() });
const copy = (entry: Emitted): Emitted => ({ ...entry, json: { ...entry.json } });
const firstOn = (output: number) => correct.findIndex((entry) => entry.output === output);

describe('the fault matrix judge', () => {
	it('passes the correct run of the control row', () => {
		expect(judged(correct)).toMatchObject({ out: 1000, lost: 0, duplicated: 0, misrouted: 0 });
	});

	it('counts an item that never came out as lost', () => {
		expect(judged(correct.slice(1)).lost).toBe(1);
	});

	it('counts an item that came out twice as duplicated', () => {
		expect(judged([...correct, copy(correct[5])]).duplicated).toBe(1);
	});

	it.each([
		[
			'a created item on Existing',
			(e: Emitted) => ({ ...e, output: OUTPUT.existing }),
			OUTPUT.created,
		],
		[
			'an existing item reported as created',
			(e: Emitted) => ({ ...e, json: { ...e.json, status: 'created' } }),
			OUTPUT.existing,
		],
		[
			'a rejection with the wrong code',
			(e: Emitted) => ({ ...e, json: { ...e.json, error: { code: 'api_error' } } }),
			OUTPUT.rejected,
		],
		[
			'a wrong webhook status',
			(e: Emitted) => ({ ...e, json: { ...e.json, webhook_status: 'updated' } }),
			OUTPUT.created,
		],
		[
			'another profile URL',
			(e: Emitted) => ({
				...e,
				json: { ...e.json, profile_url: 'https://www.linkedin.com/in/someone-else' },
			}),
			OUTPUT.existing,
		],
		[
			'another input URL',
			(e: Emitted) => ({ ...e, json: { ...e.json, input_profile_url: 'linkedin.com/in/x' } }),
			OUTPUT.created,
		],
	])('counts %s as misrouted', (_label, mutate, output) => {
		const index = firstOn(output);
		const entries = correct.map((entry, n) => (n === index ? mutate(copy(entry)) : entry));
		expect(judged(entries)).toMatchObject({ lost: 0, duplicated: 0, misrouted: 1 });
	});

	it("counts two items paired with each other's input as misrouted", () => {
		const [a, b] = [firstOn(OUTPUT.created), firstOn(OUTPUT.existing)];
		const entries = correct.map((entry, n) =>
			n === a
				? { ...entry, item: correct[b].item }
				: n === b
					? { ...entry, item: correct[a].item }
					: entry,
		);
		expect(judged(entries)).toMatchObject({ lost: 0, duplicated: 0, misrouted: 2 });
	});
});

describe('the sandbox model', () => {
	const a = 'https://www.linkedin.com/in/a';
	const b = 'https://www.linkedin.com/in/b';
	const entry = (id: number, status: number | null, fault: string | null): RequestLogEntry => ({
		id,
		at: '',
		method: 'POST',
		path: '/v1/profile/engagement/bulk',
		key_fingerprint: null,
		profile_count: 2,
		profile_urls: [a, b],
		status,
		duration_ms: 1,
		fault,
	});
	const webhooks = new Map<string, string | null>([
		[a, 'https://hooks.example.com/a'],
		[b, null],
	]);

	it('expects existing after a drop that came after processing, created after one before it', () => {
		const log = [entry(1, null, 'drop'), entry(2, 201, null)];
		const after = replay(log, webhooks, [], { kind: 'drop', phase: 'after-processing' }, 5000);
		const before = replay(log, webhooks, [], { kind: 'drop', phase: 'before-processing' }, 5000);
		expect(after.answers.get(a)).toEqual([{ status: 'existing', webhookStatus: 'unchanged' }]);
		expect(before.answers.get(a)).toEqual([{ status: 'created', webhookStatus: 'created' }]);
		expect(before.answers.get(b)).toEqual([{ status: 'created', webhookStatus: 'none' }]);
	});

	it('expects the rows an answer left out to come back existing, the others created', () => {
		const log = [entry(1, 201, 'missing-rows'), { ...entry(2, 201, null), profile_urls: [b] }];
		const model = replay(log, webhooks, [], { kind: 'missing-rows', rows: 1 }, 5000);
		expect(model.answers.get(a)).toEqual([{ status: 'created', webhookStatus: 'created' }]);
		expect(model.answers.get(b)).toEqual([{ status: 'existing', webhookStatus: 'none' }]);
	});

	it('expects profiles tracked before the run to be existing, and no answer from a 500', () => {
		const log = [entry(1, 500, 'status'), entry(2, 201, null)];
		const model = replay(log, webhooks, [b], { kind: 'status', status: 500 }, 5000);
		expect(model.answers.get(b)).toEqual([{ status: 'existing', webhookStatus: 'none' }]);
		expect(model.answers.get(a)).toHaveLength(1);
	});
});
