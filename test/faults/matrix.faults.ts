import { buildCorpus } from './corpus';
import { monitorProblems, resendingRequests, retriedAfterRefusal } from './log-checks';
import { describeSettings, MATRIX } from './matrix';
import type { MatrixRow } from './matrix';
import { runRow } from './run-row';
import type { RowRun } from './run-row';
import { formatTable, LEGEND } from './table';
import type { TableRow } from './table';

const corpus = buildCorpus();
const table: TableRow[] = [];

afterAll(() => {
	process.stdout.write(
		`\nFault matrix: ${corpus.items.length} items per row\n\n${formatTable(table)}\n\n${LEGEND}\n\n`,
	);
});

function record(row: MatrixRow, run: RowRun): void {
	const failed = row.fails !== undefined;
	table.push({
		fault: row.name,
		settings: describeSettings(row),
		in: corpus.items.length,
		out: run.verdict.out,
		lost: failed ? '-' : run.verdict.lost,
		duplicated: failed ? '-' : run.verdict.duplicated,
		misrouted: failed ? '-' : run.verdict.misrouted,
		requests: run.log.length,
		retries: run.stats?.retries ?? resendingRequests(run.log),
		monitors: run.monitors.length,
		elapsedMs: run.elapsedMs,
	});
}

describe(`the fault matrix: ${corpus.items.length} items through the node in the engine`, () => {
	it.each(MATRIX.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
		const run = await runRow(row, corpus);
		record(row, run);
		const { result, verdict, log } = run;

		// The fault met the share of requests the row says, so the row measured what it names.
		const hits =
			row.fault === undefined ? 0 : row.fault.count === 'always' ? log.length : row.fault.count;
		expect(log.filter((entry) => entry.fault !== null)).toHaveLength(hits ?? 1);
		expect(retriedAfterRefusal(log, run.poisoned)).toEqual([]);
		expect(monitorProblems(run.monitors, [...corpus.preTracked, ...run.model.processed])).toEqual(
			[],
		);
		if (row.fails !== undefined) {
			expect(result.error?.message).toMatch(row.fails);
			expect(result.outputs).toEqual([]);
			// Batches already in flight may still meet the 401/403; nothing is sent after it.
			expect(log.length).toBeLessThanOrEqual(row.options.parallelRequests);
			return;
		}
		expect(result.error).toBeUndefined();
		expect(verdict).toEqual({
			out: corpus.items.length,
			lost: 0,
			duplicated: 0,
			misrouted: 0,
			problems: [],
		});
		expect(run.stats?.requests).toBe(log.length);
		if (row.key !== undefined) expect(log.length).toBeLessThanOrEqual(row.options.parallelRequests);
		if (run.poisoned !== undefined) {
			const carried = log.filter((entry) => entry.profile_urls.includes(run.poisoned));
			expect(carried.map((entry) => entry.status)).toEqual([400]);
		}
	});
});
