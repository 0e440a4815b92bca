import { buildCorpus } from './corpus';

// The matrix's "misrouted" count means something only if the corpus gives the node real
// routing work: this pins what the 1,000 items hold.
describe('the fault-matrix corpus', () => {
	const corpus = buildCorpus();
	const sent = corpus.items.filter((item) => item.expect.kind === 'sent');
	const codes = corpus.items.flatMap((item) =>
		item.expect.kind === 'local' ? [item.expect.code] : [],
	);

	it('holds 1,000 items: 790 profiles, 120 more items for them in other spellings, 90 rejections', () => {
		expect(corpus.items).toHaveLength(1000);
		expect(corpus.profiles.size).toBe(790);
		expect(sent).toHaveLength(910);
		expect(codes).toHaveLength(90);
	});

	it('rejects items before sending for every local reason', () => {
		const counts = Object.fromEntries(
			[...new Set(codes)].map((code) => [code, codes.filter((c) => c === code).length]),
		);
		expect(counts).toEqual({
			invalid_profile_url: 20,
			unsupported_profile_url: 20,
			missing_profile_url: 10,
			invalid_webhook_url: 20,
			webhook_conflict: 20,
		});
	});

	it('spells every item differently, so an item carrying another input is visible', () => {
		const given = corpus.items
			.map((item) => item.json.profile_url)
			.filter((url) => typeof url === 'string' && url.trim() !== '');
		expect(new Set(given).size).toBe(given.length);
	});

	it('has profiles tracked before the run, and webhooks on some profiles', () => {
		expect(corpus.preTracked).toHaveLength(158);
		expect([...corpus.profiles.values()].filter((hook) => hook !== null).length).toBeGreaterThan(
			100,
		);
	});

	it('numbers the items in order, after shuffling them', () => {
		expect(corpus.items.map((item) => item.json.row)).toEqual(corpus.items.map((_, n) => n));
		expect(corpus.items.slice(0, 20).some((item) => item.expect.kind === 'local')).toBe(true);
	});
});
