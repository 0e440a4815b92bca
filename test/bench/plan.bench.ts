import { planRun } from '../../nodes/TrackLinkedInProfiles/plan';
import type { PlanInput } from '../../nodes/TrackLinkedInProfiles/types';
import { FORM_COUNT, profileForm } from '../support/profile-forms';
import { heading, line, median, peakRssMb } from './report';

const ITEMS = 100_000;
const ROUNDS = 7;
const INVALID = [
	'https://www.linkedin.com/company/acme',
	'not a url',
	'',
	'https://evil.com/in/x',
	42,
];

/** 100,000 items in the forms users paste: 10 % repeat an earlier profile, 2 % are invalid. */
export function generateItems(count: number): PlanInput[] {
	const unique = Math.round(count * 0.88);
	return Array.from({ length: count }, (_, itemIndex) => {
		const kind = itemIndex % 50;
		if (kind === 0)
			return { itemIndex, profileUrl: INVALID[itemIndex % INVALID.length], webhookUrl: '' };
		const person = kind < 6 ? (itemIndex * 7919) % unique : itemIndex;
		const webhookUrl = person % 10 === 0 ? `https://hooks.example.com/p/${person}` : '';
		return {
			itemIndex,
			profileUrl: profileForm(`person-${person}`, person % FORM_COUNT),
			webhookUrl,
		};
	});
}

export async function benchPlanning(): Promise<void> {
	heading(
		`Planning core: ${ITEMS.toLocaleString('en')} items (mixed forms, ~10 % duplicates, 2 % invalid)`,
	);
	const items = generateItems(ITEMS);
	// Memory first, in this fresh process: one plan, as one node execution would make.
	let plan = planRun(items);
	const peakMb = peakRssMb();
	const times: number[] = [];
	for (let round = 0; round < ROUNDS; round += 1) {
		const start = process.hrtime.bigint();
		plan = planRun(items);
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	const ms = median(times);
	line(
		'unique profiles / rejected / batches',
		`${plan.rows.length} / ${plan.rejected.length} / ${plan.batches.length}`,
	);
	line(`plan time, median of ${ROUNDS}`, `${ms.toFixed(0)} ms (target < 500 ms)`);
	line('items per second', `${Math.round(ITEMS / (ms / 1000)).toLocaleString('en')}`);
	line('peak RSS, process planning once', `${peakMb.toFixed(0)} MB (target < 150 MB)`);
}
