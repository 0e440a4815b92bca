import { plainJsonPath, readJsonPath } from '../../nodes/TrackLinkedInProfiles/json-path';

describe('plainJsonPath', () => {
	it.each([
		['={{ $json.profile_url }}', ['profile_url']],
		['={{$json.profile_url}}', ['profile_url']],
		['={{ $json.contact.linkedin }}', ['contact', 'linkedin']],
		['={{ $json["LinkedIn URL"] }}', ['LinkedIn URL']],
		["={{ $json['hs_linkedin'].value }}", ['hs_linkedin', 'value']],
		['={{ $json.$id }}', ['$id']],
	])('reads %s as %j', (raw, path) => {
		expect(plainJsonPath(raw)).toEqual(path);
	});

	it.each([
		'https://www.linkedin.com/in/jane-doe',
		'{{ $json.profile_url }}',
		'={{ $json }}',
		'={{ $json.profile_url.trim() }}',
		'={{ $json.profile_url || $json.url }}',
		"={{ $('CRM rows').item.json.url }}",
		'={{ $json[0] }}',
		'=https://www.linkedin.com/in/{{ $json.id }}',
		'={{ $json.a }}{{ $json.b }}',
		'={{ $json["a\\"b"] }}',
		undefined,
		42,
	])('leaves %j to the evaluator', (raw) => {
		expect(plainJsonPath(raw)).toBeUndefined();
	});
});

describe('readJsonPath', () => {
	const json = { url: 'x', n: 5, none: null, nested: { deep: 'y' }, list: ['a'], text: 'abc' };

	it.each([
		[['url'], { found: true, value: 'x' }],
		[['n'], { found: true, value: 5 }],
		[['none'], { found: true, value: null }],
		[['nested', 'deep'], { found: true, value: 'y' }],
		[['missing'], { found: true, value: undefined }],
		[['missing', 'deeper'], { found: true, value: undefined }],
		[['text', 'length'], { found: true, value: undefined }],
		[['constructor'], { found: true, value: undefined }],
		[['nested'], { found: false }],
		[['list'], { found: false }],
	])('reads %j as %j', (path, expected) => {
		expect(readJsonPath(json, path)).toEqual(expected);
	});
});
