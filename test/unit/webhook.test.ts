import { checkWebhookUrl } from '../../nodes/TrackLinkedInProfiles/webhook';

describe('checkWebhookUrl', () => {
	it.each([undefined, null, '', '   '])('treats %j as no webhook', (input) => {
		expect(checkWebhookUrl(input)).toEqual({ ok: true, url: null });
	});

	it.each([
		['https://ops.example.com/webhooks/trigify', 'https://ops.example.com/webhooks/trigify'],
		['  https://ops.example.com/hook  ', 'https://ops.example.com/hook'],
		['HTTPS://OPS.Example.COM/Hook', 'https://ops.example.com/Hook'],
		['https://ops.example.com:443/hook', 'https://ops.example.com/hook'],
		['https://ops.example.com', 'https://ops.example.com/'],
		['https://ops.example.com/hook?token=abc#section', 'https://ops.example.com/hook?token=abc'],
		['https://ops.example.com:8443/hook', 'https://ops.example.com:8443/hook'],
		['https://bücher.example/hook', 'https://xn--bcher-kva.example/hook'],
		['https://ops.example.com/a b'.replace(' ', '%20'), 'https://ops.example.com/a%20b'],
	])('accepts %s as %s', (input, canonical) => {
		expect(checkWebhookUrl(input)).toEqual({ ok: true, url: canonical });
	});

	it('gives equal canonical forms for equivalent URLs', () => {
		const a = checkWebhookUrl('https://Hooks.Example.com:443/x#frag');
		const b = checkWebhookUrl('https://hooks.example.com/x');
		expect(a).toEqual(b);
	});

	it.each([
		['http://ops.example.com/hook', /uses http:; Trigify only calls https/],
		['ftp://ops.example.com/hook', /uses ftp:/],
		['ops.example.com/hook', /not an absolute URL/],
		['/webhooks/trigify', /not an absolute URL/],
		['https://user:secret@ops.example.com/hook', /user name or password/],
		['https://token@ops.example.com/hook', /user name or password/],
		['https://ops.example.com/ho ok', /spaces or control characters/],
		[`https://ops.example.com/${'a'.repeat(2100)}`, /more than the 2048 accepted/],
		[42, /must be text, but a number \(42\) was given/],
		[['https://ops.example.com'], /but a list was given/],
	])('rejects %j', (input, reason) => {
		const result = checkWebhookUrl(input);
		expect(result).toMatchObject({ ok: false, code: 'invalid_webhook_url' });
		expect(!result.ok && result.message).toMatch(reason);
		expect(!result.ok && result.message).toContain('absolute https URL');
	});

	it.each([
		'https://user:hunter2@ops.example.com/hook',
		'http://user:hunter2@ops.example.com/hook',
		'https://user:hunter2@ops.example.com/a b',
		'ftp://user:hunter2@ops.example.com',
		'user:hunter2@ops.example.com/hook',
	])('never echoes the password of %s', (input) => {
		const result = checkWebhookUrl(input);
		expect(result.ok).toBe(false);
		expect(JSON.stringify(result)).not.toContain('hunter2');
	});

	it.each([
		'https:///trigify',
		'https:trigify.example.com/x',
		'https://trigify/',
		'https://localhost/hook',
	])('rejects %s, which has no full host name', (input) => {
		const result = checkWebhookUrl(input);
		expect(result).toMatchObject({ ok: false, code: 'invalid_webhook_url' });
		expect(!result.ok && result.message).toMatch(/no full host name/);
	});

	it('accepts an IP address or an IPv6 literal as the host', () => {
		expect(checkWebhookUrl('https://203.0.113.9/hook')).toEqual({
			ok: true,
			url: 'https://203.0.113.9/hook',
		});
		expect(checkWebhookUrl('https://[2001:db8::1]/hook')).toEqual({
			ok: true,
			url: 'https://[2001:db8::1]/hook',
		});
	});

	it('accepts exactly 2048 characters and rejects 2049', () => {
		const base = 'https://ops.example.com/';
		expect(checkWebhookUrl(base + 'a'.repeat(2048 - base.length)).ok).toBe(true);
		expect(checkWebhookUrl(base + 'a'.repeat(2049 - base.length)).ok).toBe(false);
	});
});
