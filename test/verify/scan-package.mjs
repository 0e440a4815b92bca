// Runs n8n's own verification scanner the way n8n's registry check does, but offline: its
// `analyzePackage` over the sources and over the unpacked `npm pack` tarball. Also checks
// that the tarball holds only what users need. Exits non-zero on any finding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'trigify-scan-'));
let failed = false;

function report(label, result) {
	process.stdout.write(`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}\n`);
	if (result.details) process.stdout.write(`${result.details}\n`);
	failed ||= !result.passed;
}

try {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	)[0];
	const unexpected = packed.files
		.map((file) => file.path)
		.filter((path) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(path));
	report('tarball holds only dist/, README.md, LICENSE and package.json', {
		passed: unexpected.length === 0 && packed.files.some((file) => file.path === 'README.md'),
		message: unexpected.length ? `unexpected files: ${unexpected.join(', ')}` : undefined,
	});
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	report('no runtime dependencies', {
		passed: Object.keys(manifest.dependencies ?? {}).length === 0,
		message: manifest.dependencies ? Object.keys(manifest.dependencies).join(', ') : undefined,
	});

	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	report('n8n scanner, sources', await analyzePackage(root, SOURCE_FILE_PATTERNS));
	report('n8n scanner, packed tarball', await analyzePackage(unpacked, ['**/*.js', 'package.json']));
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
