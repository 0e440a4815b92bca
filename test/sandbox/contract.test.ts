import { BulkSuccessSchema, startSandbox } from './index';
import type { BulkResultRow, Sandbox } from './index';
import { post, profiles } from './test-support';

const AMELIA = 'https://www.linkedin.com/in/amelia-chen';
const MARCO = 'https://www.linkedin.com/in/marco-alvarez';
const HOOK = 'https://ops.example.com/webhooks/trigify/profile-engagement';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());

async function upload(body: unknown): Promise<BulkResultRow[]> {
	const answer = await post(sandbox.url, body);
	expect(answer.status).toBe(201);
	return BulkSuccessSchema.parse(answer.json).data;
}

describe('the bulk endpoint', () => {
	test('answers the example from the spec with 201, the documented shape and x-spent-credits: 0', async () => {
		const answer = await post(sandbox.url, {
			profiles: [{ profile_url: AMELIA, webhook_url: HOOK }, { profile_url: MARCO }],
		});
		expect(answer.status).toBe(201);
		expect(answer.headers.get('x-spent-credits')).toBe('0');
		expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
		expect(answer.json).toEqual({
			success: true,
			message: 'Tracked LinkedIn profiles uploaded successfully',
			data: [
				{ profile_url: AMELIA, status: 'created', webhook_status: 'created' },
				{ profile_url: MARCO, status: 'created', webhook_status: 'none' },
			],
		});
	});

	test('reports profiles uploaded again as existing and creates no second monitor', async () => {
		await upload({
			profiles: [{ profile_url: AMELIA, webhook_url: HOOK }, { profile_url: MARCO }],
		});
		const again = await upload({
			profiles: [{ profile_url: AMELIA, webhook_url: HOOK }, { profile_url: MARCO }],
		});
		expect(again).toEqual([
			{ profile_url: AMELIA, status: 'existing', webhook_status: 'unchanged' },
			{ profile_url: MARCO, status: 'existing', webhook_status: 'none' },
		]);
		expect(await sandbox.admin.monitors()).toHaveLength(2);
	});

	test('maps equivalent spellings of a profile to one canonical monitor', async () => {
		const spellings = [
			'linkedin.com/in/Amelia-Chen/',
			'http://uk.linkedin.com/in/amelia-chen?trk=public_profile',
			'https://m.linkedin.com/in/AMELIA-CHEN/details/experience/',
			'https://www.linkedin.com/mwlite/in/amelia-chen#about',
		];
		const answers = [];
		for (const spelling of spellings) answers.push(...(await upload(profiles(spelling))));
		expect(answers.map((row) => row.profile_url)).toEqual([AMELIA, AMELIA, AMELIA, AMELIA]);
		expect(answers.map((row) => row.status)).toEqual([
			'created',
			'existing',
			'existing',
			'existing',
		]);
		expect((await sandbox.admin.monitors()).map((monitor) => monitor.profile_url)).toEqual([
			AMELIA,
		]);
	});

	test('keeps the case of member ids and lowercases vanity names', async () => {
		const rows = await upload(
			profiles(
				'https://www.linkedin.com/in/ACoAAB1cD2eF',
				'https://www.linkedin.com/in/Jane-Doe-42',
			),
		);
		expect(rows.map((row) => row.profile_url)).toEqual([
			'https://www.linkedin.com/in/ACoAAB1cD2eF',
			'https://www.linkedin.com/in/jane-doe-42',
		]);
	});

	test('returns data in request order, mixing new and existing profiles', async () => {
		await upload(profiles(MARCO));
		const rows = await upload(
			profiles('https://www.linkedin.com/in/zoe', MARCO, 'https://www.linkedin.com/in/adam'),
		);
		expect(rows).toEqual([
			{ profile_url: 'https://www.linkedin.com/in/zoe', status: 'created', webhook_status: 'none' },
			{ profile_url: MARCO, status: 'existing', webhook_status: 'none' },
			{
				profile_url: 'https://www.linkedin.com/in/adam',
				status: 'created',
				webhook_status: 'none',
			},
		]);
	});
});

describe('webhooks', () => {
	const other = 'https://hooks.example.org/trigify';
	const webhookOf = async (url: string): Promise<string | null> =>
		(await sandbox.admin.monitors({ profileUrl: url }))[0].webhook_url;

	test('go created, unchanged, updated, and stay as they are when a row gives none', async () => {
		const sequence: Array<[string | undefined, string, string | null]> = [
			[HOOK, 'created', HOOK],
			[HOOK, 'unchanged', HOOK],
			[other, 'updated', other],
			[undefined, 'none', other],
		];
		for (const [webhook_url, expected, stored] of sequence) {
			const [row] = await upload({ profiles: [{ profile_url: AMELIA, webhook_url }] });
			expect(row.webhook_status).toBe(expected);
			expect(await webhookOf(AMELIA)).toBe(stored);
		}
	});

	test('are created on an existing profile that had none', async () => {
		await upload(profiles(MARCO));
		const [row] = await upload({ profiles: [{ profile_url: MARCO, webhook_url: HOOK }] });
		expect(row).toEqual({ profile_url: MARCO, status: 'existing', webhook_status: 'created' });
		expect(await webhookOf(MARCO)).toBe(HOOK);
	});

	test('compare in their normalized form: case of the host, default port and fragment do not count', async () => {
		await upload({
			profiles: [{ profile_url: AMELIA, webhook_url: 'https://hooks.example.com/t?a=1' }],
		});
		const [row] = await upload({
			profiles: [{ profile_url: AMELIA, webhook_url: 'HTTPS://Hooks.Example.COM:443/t?a=1#x' }],
		});
		expect(row.webhook_status).toBe('unchanged');
	});
});

describe('duplicate rows', () => {
	test('collapse into one data row at the first occurrence when they agree', async () => {
		const rows = await upload({
			profiles: [
				{ profile_url: AMELIA, webhook_url: HOOK },
				{ profile_url: MARCO },
				{ profile_url: 'linkedin.com/in/amelia-chen/', webhook_url: HOOK },
				{ profile_url: 'https://www.linkedin.com/in/lee' },
				{ profile_url: MARCO },
			],
		});
		expect(rows.map((row) => row.profile_url)).toEqual([
			AMELIA,
			MARCO,
			'https://www.linkedin.com/in/lee',
		]);
		expect(await sandbox.admin.monitors()).toHaveLength(3);
	});

	test('merge a row without a webhook into one that has it', async () => {
		const rows = await upload({
			profiles: [{ profile_url: AMELIA }, { profile_url: AMELIA, webhook_url: HOOK }],
		});
		expect(rows).toEqual([{ profile_url: AMELIA, status: 'created', webhook_status: 'created' }]);
	});

	test('with different webhooks reject the whole request, naming each of their rows', async () => {
		const answer = await post(sandbox.url, {
			profiles: [
				{ profile_url: AMELIA, webhook_url: HOOK },
				{ profile_url: MARCO },
				{
					profile_url: 'https://uk.linkedin.com/in/amelia-chen',
					webhook_url: 'https://hooks.example.org/b',
				},
			],
		});
		expect(answer.status).toBe(400);
		const { details } = answer.json as {
			details: Array<{ index: number; code: string; profile_url: unknown }>;
		};
		expect(details.map(({ index, code, profile_url }) => ({ index, code, profile_url }))).toEqual([
			{ index: 0, code: 'webhook_conflict', profile_url: AMELIA },
			{ index: 2, code: 'webhook_conflict', profile_url: 'https://uk.linkedin.com/in/amelia-chen' },
		]);
		expect(await sandbox.admin.monitors()).toEqual([]);
	});
});

describe('monitor lifecycle', () => {
	test('revives an archived monitor instead of creating a second one', async () => {
		await upload({ profiles: [{ profile_url: AMELIA, webhook_url: HOOK }] });
		const [before] = await sandbox.admin.monitors();
		const archived = await sandbox.admin.archive('linkedin.com/in/amelia-chen');
		expect(archived.archived).toBe(true);

		const [row] = await upload(profiles(AMELIA));
		expect(row).toEqual({ profile_url: AMELIA, status: 'existing', webhook_status: 'none' });
		const after = await sandbox.admin.monitors();
		expect(after).toHaveLength(1);
		expect(after[0].id).toBe(before.id);
		expect(after[0].archived).toBe(false);
		expect(after[0].webhook_url).toBe(HOOK);
	});

	test('attaches every profile to the organisation’s all-leads group, again after a revival', async () => {
		await upload(profiles(AMELIA, MARCO));
		const [org] = await sandbox.admin.orgs();
		for (const monitor of await sandbox.admin.monitors()) {
			expect(monitor.groups).toEqual([org.all_leads_group.id]);
		}
		expect((await sandbox.admin.archive(MARCO)).groups).toEqual([]);
		await upload(profiles(MARCO));
		expect((await sandbox.admin.monitors({ profileUrl: MARCO }))[0].groups).toEqual([
			org.all_leads_group.id,
		]);
	});

	test('creates the organisation’s internal LinkedIn connection on first use, then reuses it', async () => {
		const [fresh] = await sandbox.admin.orgs();
		expect(fresh.connection).toBeNull();
		await upload(profiles(AMELIA));
		const [first] = await sandbox.admin.orgs();
		expect(first.connection).not.toBeNull();
		await upload(profiles(MARCO));
		const [second] = await sandbox.admin.orgs();
		expect(second.connection).toEqual(first.connection);
	});
});

describe('organisations', () => {
	test('share monitors between keys of one organisation and keep others apart', async () => {
		const permissions = ['track:engagement:create'];
		const own = await startSandbox({
			rateLimit: false,
			keys: [
				{ key: 'trig_acme_one', org: 'org_acme', plan: 'ENTERPRISE', permissions },
				{ key: 'trig_acme_two', org: 'org_acme', plan: 'CUSTOM', permissions },
				{ key: 'trig_globex', org: 'org_globex', plan: 'ENTERPRISE', permissions },
			],
		});
		try {
			const statusWith = async (key: string): Promise<string> => {
				const answer = await post(own.url, profiles(AMELIA), { key });
				return BulkSuccessSchema.parse(answer.json).data[0].status;
			};
			expect(await statusWith('trig_acme_one')).toBe('created');
			expect(await statusWith('trig_acme_two')).toBe('existing');
			expect(await statusWith('trig_globex')).toBe('created');
			expect(await own.admin.monitors({ org: 'org_acme' })).toHaveLength(1);
			expect(await own.admin.monitors({ org: 'org_globex' })).toHaveLength(1);
		} finally {
			await own.close();
		}
	});
});
