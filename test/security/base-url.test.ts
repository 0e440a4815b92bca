import { runTrackNode, testCredential } from '../engine/harness';
import { oneEach } from '../engine/support';
import { CANARY } from './canary';
import { localNonLoopbackNames, startCountingListener } from './listener';
import type { CountingListener } from './listener';

const NAMES = localNonLoopbackNames();
const items = [{ profile_url: 'linkedin.com/in/ann' }, { profile_url: 'linkedin.com/in/bob' }];
let listener: CountingListener;

beforeAll(async () => {
	listener = await startCountingListener();
});
afterAll(async () => {
	await listener.close();
});

const baseUrl = (name: string) => `http://${name}:${listener.port}`;
const refusal = (name: string) =>
	new RegExp(
		`uses plain http to "${name.replace(/\./g, '\\.')}", which would send the API key unencrypted`,
	);

describe('a plain-http Base URL to a host other than loopback', () => {
	it.each(NAMES)(
		'would reach this machine through %s, so an attempt would be counted',
		async (name) => {
			const before = listener.connections();
			await fetch(`${baseUrl(name)}/`).catch(() => undefined);
			expect(listener.connections()).toBe(before + 1);
		},
	);

	it.each(NAMES)('to %s fails the node before any connection is made', async (name) => {
		const before = listener.connections();
		const result = await runTrackNode({
			items,
			credentials: { apiKey: CANARY.enterprise, baseUrl: baseUrl(name) },
		});
		expect(result.error?.message).toMatch(refusal(name));
		expect(listener.connections()).toBe(before);
	});

	it.each(NAMES)(
		'to %s, with continue-on-fail, makes every item an api_error without connecting',
		async (name) => {
			const before = listener.connections();
			const result = await runTrackNode({
				items,
				credentials: { apiKey: CANARY.enterprise, baseUrl: baseUrl(name) },
				continueOnFail: true,
			});
			const errors = oneEach(result, items.length).map(
				(entry) => entry.json.error as { code: string; message: string },
			);
			expect(errors.map((error) => error.code)).toEqual(['api_error', 'api_error']);
			expect(errors[0].message).toMatch(refusal(name));
			expect(listener.connections()).toBe(before);
		},
	);

	it('is tried over https by the credential test, so the key never travels in clear', async () => {
		const before = listener.received().length;
		const result = await testCredential({ apiKey: CANARY.enterprise, baseUrl: baseUrl(NAMES[0]) });
		expect(result.status).toBe('Error');
		const sent = listener.received().slice(before);
		// 0x16 opens a TLS handshake record: the first bytes were a ClientHello, not an HTTP request.
		expect(sent.charCodeAt(0)).toBe(0x16);
		expect(sent).not.toContain(CANARY.enterprise);
		expect(sent).not.toMatch(/^POST /);
	});
});
