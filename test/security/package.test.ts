import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { cleanEnv } from '../e2e/runtime/env';
import { REPO_ROOT } from '../sandbox/test-support';
import { ensureBuilt } from './build';

interface Manifest {
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	bundleDependencies?: unknown;
	bundledDependencies?: unknown;
	peerDependencies?: Record<string, string>;
	scripts?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}

interface PackResult {
	files: Array<{ path: string }>;
	bundled: string[];
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
// Scripts npm runs on the machine of whoever installs (or packs) the package.
const LIFECYCLE = [
	'preinstall',
	'install',
	'postinstall',
	'prepublish',
	'preprepare',
	'prepare',
	'postprepare',
	'prepack',
	'postpack',
];

function packDryRun(): PackResult {
	// Outside `npm test` too: npm_config_* from a parent npm would change what pack does.
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack --dry-run failed:\n${pack.stderr}`);
	const [result] = JSON.parse(pack.stdout) as PackResult[];
	return result;
}

beforeAll(ensureBuilt, 180_000);

describe('the published package', () => {
	it('has no runtime dependencies, only n8n-workflow as a peer, and no install scripts', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.optionalDependencies ?? {}).toEqual({});
		expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
		expect(Object.keys(manifest.peerDependencies ?? {})).toEqual(['n8n-workflow']);
		expect(LIFECYCLE.filter((name) => manifest.scripts?.[name] !== undefined)).toEqual([]);
	});

	it('packs only the build, the readme, the licence and package.json, and bundles nothing', () => {
		const { files, bundled } = packDryRun();
		const paths = files.map((file) => file.path);
		expect(bundled).toEqual([]);
		expect(
			paths.filter(
				(path) =>
					!/^(?:dist\/(?:nodes|credentials)\/|(?:LICENSE|README\.md|package\.json)$)/.test(path),
			),
		).toEqual([]);
		expect(paths).toEqual(
			expect.arrayContaining([...manifest.n8n.nodes, ...manifest.n8n.credentials]),
		);
	}, 60_000);
});
