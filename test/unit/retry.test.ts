import {
	backoffDelay,
	classifyStatus,
	DEFAULT_RETRY_POLICY,
	parseRetryAfter,
} from '../../nodes/TrackLinkedInProfiles/retry';

const NOW = Date.parse('2026-12-03T12:00:00Z');

describe('parseRetryAfter', () => {
	it.each([
		['0', 0],
		['1', 1000],
		['30', 30_000],
		[' 2 ', 2000],
		['1.5', 1500],
		[7, 7000],
		[['3'], 3000],
		['Thu, 03 Dec 2026 12:00:10 GMT', 10_000],
		['Thu, 03 Dec 2026 11:59:00 GMT', 0],
	])('reads %j as %d ms', (value, ms) => {
		expect(parseRetryAfter(value, NOW)).toBe(ms);
	});

	it.each([undefined, null, '', 'soon', '-5', {}])('ignores %j', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	it('doubles up to the cap and keeps at least half of each step', () => {
		const lowest = [0, 1, 2, 3, 4, 5, 6].map((retry) =>
			backoffDelay(retry, DEFAULT_RETRY_POLICY, () => 0),
		);
		const highest = [0, 1, 2, 3, 4, 5, 6].map((retry) =>
			backoffDelay(retry, DEFAULT_RETRY_POLICY, () => 1),
		);
		expect(lowest).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
		expect(highest).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
	});
});

describe('classifyStatus', () => {
	it.each([
		[200, 'success'],
		[201, 'success'],
		[400, 'badRequest'],
		[413, 'badRequest'],
		[401, 'unauthorized'],
		[403, 'forbidden'],
		[404, 'fatal'],
		[405, 'fatal'],
		[415, 'fatal'],
		[408, 'transient'],
		[429, 'transient'],
		[500, 'transient'],
		[502, 'transient'],
		[503, 'transient'],
		[504, 'transient'],
		[501, 'fatal'],
		[505, 'fatal'],
	])('classifies %d as %s', (status, expected) => {
		expect(classifyStatus(status)).toBe(expected);
	});
});
