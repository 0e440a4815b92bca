import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { canonical } from './support/crm-rows';
import { exampleRows, FIRST_RUN, nextRun, type Outcome } from './support/example-rows';
import { runDemo } from './support/scripts';
import { OUTPUTS } from './support/workflows';

interface TableRow {
	section: string;
	cells: string[];
}

/** The rows of the demo's tables, each with the heading of the table it is in. */
function tableRows(stdout: string): TableRow[] {
	const rows: TableRow[] = [];
	let section = '';
	for (const line of stdout.split('\n')) {
		const heading = /^(\w+): \d+ items?$/.exec(line);
		if (heading) section = heading[1];
		else if (section && /^ {2}\d+ /.test(line)) {
			rows.push({ section, cells: line.trim().split(/ {2,}/) });
		}
	}
	return rows;
}

/** The table row the demo must print for example row `index`, given its outcome. */
function expectedRow(index: number, outcome: Outcome): TableRow {
	const row = exampleRows()[index];
	const label = OUTPUTS.find((output) => output.status === outcome.status)?.label ?? '';
	const profile = outcome.id ? canonical(outcome.id) : '-';
	const input = row.linkedin_url === '' ? '(empty)' : row.linkedin_url;
	const last = outcome.code
		? expect.stringMatching(new RegExp(`^${outcome.code}: `))
		: outcome.webhook;
	return { section: label, cells: [String(index), profile, input, last] as string[] };
}

function expectedTables(outcomeOf: (name: string) => Outcome): TableRow[] {
	const rows = exampleRows().map((row, index) => expectedRow(index, outcomeOf(row.name)));
	const order: string[] = OUTPUTS.map((output) => output.label);
	return rows.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
}

function summary(outcomes: Outcome[]): string {
	const count = (status: string) => outcomes.filter((each) => each.status === status).length;
	return (
		`Summary: ${outcomes.length} rows: ${count('created')} created, ` +
		`${count('existing')} existing, ${count('rejected')} rejected.`
	);
}

describe('npm run demo', () => {
	let dataDir: string;
	const firstOutcome = (name: string) => {
		const outcome = FIRST_RUN[name];
		if (!outcome) throw new Error(`no expected outcome for example row "${name}"`);
		return outcome;
	};

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'trigify-e2e-demo-'));
	});

	afterAll(async () => {
		await rm(dataDir, { recursive: true, force: true });
	});

	it('runs the example workflow in n8n and prints one table per status and a summary', async () => {
		const result = await runDemo(dataDir);
		expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
		expect(tableRows(result.stdout)).toEqual(expectedTables(firstOutcome));
		const outcomes = exampleRows().map((row) => firstOutcome(row.name));
		expect(result.stdout).toContain(summary(outcomes));
	});

	it('run again, it finds the same profiles existing: the sandbox kept its state', async () => {
		const result = await runDemo(dataDir);
		expect(result.code).toBe(0);
		const outcomeOf = (name: string) => nextRun(firstOutcome(name));
		expect(tableRows(result.stdout)).toEqual(expectedTables(outcomeOf));
		const outcomes = exampleRows().map((row) => outcomeOf(row.name));
		expect(result.stdout).toContain(summary(outcomes));
	});
});
