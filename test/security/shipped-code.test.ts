import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { REPO_ROOT } from '../sandbox/test-support';
import { ensureBuilt, SHIPPED } from './build';
import { scanShippedCode } from './scan-shipped';

function javascriptFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
		.map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(ensureBuilt, 180_000);

describe('the shipped-code scanner', () => {
	it.each([
		['process.env', 'const key = process.env.TRIGIFY_KEY;', 'use of process'],
		['bracketed process', 'const p = process["env"];', 'use of process'],
		['fs', 'const fs = require("fs");', 'require("fs")'],
		['node:fs/promises', 'const fs = require("node:fs/promises");', 'require("node:fs/promises")'],
		['child_process', 'require("child_process").exec("id");', 'require("child_process")'],
		[
			'a computed require',
			'const name = "fs"; require(name);',
			'require() of a computed module name',
		],
		[
			'require passed around',
			'const load = require; load("fs");',
			'require used other than as a direct call',
		],
		['dynamic import', 'import("fs").then(() => {});', 'dynamic import()'],
		['eval', 'eval("1 + 1");', 'use of eval'],
		['new Function', 'new Function("return 1")();', 'use of Function'],
		['globalThis', 'globalThis.fetch("x");', 'use of globalThis'],
	])('flags %s', (_label, code, problem) => {
		expect(scanShippedCode('sample.js', code).map((finding) => finding.problem)).toContain(problem);
	});

	it('passes what the package may do, and names that only appear in comments or strings', () => {
		const code = [
			'"use strict";',
			'const n8n_workflow_1 = require("n8n-workflow");',
			'const plan_1 = require("./plan");',
			'// process.env and require("fs") in a comment',
			'const text = "child_process";',
			'const options = { process: true };',
			'exports.x = options.process;',
		].join('\n');
		expect(scanShippedCode('sample.js', code)).toEqual([]);
	});
});

describe('the compiled node and credential', () => {
	it('use no process, fs, child_process, dynamic require or dynamic code', () => {
		const files = SHIPPED.flatMap(javascriptFiles);
		expect(files.length).toBeGreaterThan(10);
		const findings = files.flatMap((file) =>
			scanShippedCode(file, readFileSync(file, 'utf8')).map(
				(finding) => `${relative(REPO_ROOT, file)}:${finding.line} ${finding.problem}`,
			),
		);
		expect(findings).toEqual([]);
	});
});
