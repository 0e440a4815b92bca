import { runTrackNode } from '../engine/harness';
import { credentials, oneEach, OUTPUT, profile, useSandbox } from '../engine/support';
import { BULK_PATH } from '../sandbox';

const env = useSandbox();

async function sentProfiles(): Promise<unknown[]> {
	const log = await env.sandbox.admin.requests();
	return log.filter((entry) => entry.path === BULK_PATH).flatMap((entry) => entry.profile_urls);
}

// What an attacker or a sloppy CRM export might put in front of the node: hosts that look like
// LinkedIn but are not, and LinkedIn hidden behind another host.
const LOOK_ALIKES = [
	'https://linkedin.com.evil.com/in/jane',
	'https://www.linkedin.com.evil.com/in/jane',
	'www.linkedin.com.attacker.io/in/jane',
	'https://evil.com/linkedin.com/in/jane',
	'https://evil.com/?next=https://www.linkedin.com/in/jane',
	'https://www.linkedin.com@evil.com/in/jane',
	'https://user:pass@www.linkedin.com/in/jane',
	'https://www.linkedin.co/in/jane',
	'https://www.linkedln.com/in/jane',
	'https://www.1inkedin.com/in/jane',
	'https://notlinkedin.com/in/jane',
	'https://wwwlinkedin.com/in/jane',
	'https://www.linkedin.com.co/in/jane',
	'https://www.lіnkedin.com/in/jane',
	'https://www.linkedіn.com/in/jane',
	'https://xn--lnkedin-m5a.com/in/jane',
	'https://linkedin.com%2eevil.com/in/jane',
	'https://www.linkedin.com:8443/in/jane',
	'javascript:alert(1)//www.linkedin.com/in/jane',
	'ftp://www.linkedin.com/in/jane',
	'//evil.com/in/jane',
];

const TOO_LONG = `https://hooks.example.com/${'x'.repeat(2100)}`;
const BAD_WEBHOOKS = [
	['not https', 'http://hooks.example.com/trigify'],
	['a user and password', 'https://user:pw-canary-4417@hooks.example.com/trigify'],
	['a user name alone', 'https://pw-canary-4417@hooks.example.com/trigify'],
	['more than 2,048 characters', TOO_LONG],
	['another scheme', 'javascript:alert(1)'],
	['no scheme or host', '/webhooks/trigify'],
] as const;

describe('items the node rejects before anything is sent', () => {
	it('rejects every look-alike host as invalid_profile_url and sends none of them', async () => {
		const items = [
			...LOOK_ALIKES.map((profile_url) => ({ profile_url })),
			{ profile_url: 'linkedin.com/in/jane' },
		];
		const result = await runTrackNode({ items, credentials: credentials(env.sandbox) });
		const out = oneEach(result, items.length);
		expect(
			out
				.slice(0, -1)
				.map((entry) => [
					entry.json.input_profile_url,
					(entry.json.error as { code: string }).code,
				]),
		).toEqual(LOOK_ALIKES.map((url) => [url, 'invalid_profile_url']));
		expect(out.at(-1)).toMatchObject({
			output: OUTPUT.created,
			json: { profile_url: profile('jane') },
		});
		expect(await sentProfiles()).toEqual([profile('jane')]);
	});

	it.each(BAD_WEBHOOKS)(
		'rejects a webhook URL with %s for its item only',
		async (_label, webhook) => {
			const items = [
				{ profile_url: 'linkedin.com/in/ann', webhook_url: webhook },
				{ profile_url: 'linkedin.com/in/bob', webhook_url: 'https://hooks.example.com/trigify' },
			];
			const result = await runTrackNode({
				items,
				parameters: { webhookUrl: '={{ $json.webhook_url }}' },
				credentials: credentials(env.sandbox),
			});
			const [ann, bob] = oneEach(result, 2);
			expect(ann).toMatchObject({
				output: OUTPUT.rejected,
				json: { error: { code: 'invalid_webhook_url' } },
			});
			// A password in a rejected webhook must not be copied into the item either.
			expect(JSON.stringify(ann.json)).not.toContain('pw-canary-4417');
			expect(bob).toMatchObject({ output: OUTPUT.created, json: { webhook_status: 'created' } });
			expect(await sentProfiles()).toEqual([profile('bob')]);
			const [monitor] = await env.sandbox.admin.monitors();
			expect(monitor.webhook_url).toBe('https://hooks.example.com/trigify');
		},
	);
});
