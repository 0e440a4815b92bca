import {
	checkBaseUrl,
	PLAIN_HTTP_TO_REMOTE_HOST,
} from '../../nodes/TrackLinkedInProfiles/base-url';

describe('checkBaseUrl', () => {
	it.each([
		[undefined, 'https://api.trigify.io'],
		['', 'https://api.trigify.io'],
		['https://api.trigify.io', 'https://api.trigify.io'],
		['https://api.trigify.io/', 'https://api.trigify.io'],
		['https://proxy.example.com/trigify/', 'https://proxy.example.com/trigify'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['http://127.1.2.3', 'http://127.1.2.3'],
	])('accepts %j as %s', (input, url) => {
		expect(checkBaseUrl(input)).toEqual({ ok: true, url });
	});

	it.each([
		['http://api.trigify.io', /plain http to "api\.trigify\.io"/],
		['http://10.0.0.5:4010', /plain http/],
		['http://127.0.0.1.evil.com', /plain http/],
		['http://localhost.evil.com', /plain http/],
		['ftp://api.trigify.io', /must start with https/],
		['api.trigify.io', /not a valid URL/],
		['https://user:pw@api.trigify.io', /without user name/],
		['https://api.trigify.io?x=1', /without user name, query or fragment/],
	])('refuses %s', (input, reason) => {
		const result = checkBaseUrl(input);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(reason);
		expect(!result.ok && result.message).toContain('Set the Base URL in the Trigify credential');
	});
});

describe('PLAIN_HTTP_TO_REMOTE_HOST, the pattern the credential form shows its warning on', () => {
	const pattern = new RegExp(PLAIN_HTTP_TO_REMOTE_HOST);
	it.each([
		'http://api.trigify.io',
		'http://10.0.0.5:4010',
		'http://localhost.evil.com',
		'http://127.0.0.1.evil.com',
		'https://api.trigify.io',
		'http://127.0.0.1:4010',
		'http://localhost',
		'http://[::1]:4010/',
	])('agrees with checkBaseUrl about %s', (url) => {
		const refusedForPlainHttp = !checkBaseUrl(url).ok;
		expect(pattern.test(url)).toBe(refusedForPlainHttp);
	});
});
