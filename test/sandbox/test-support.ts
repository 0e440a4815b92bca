import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { BULK_PATH } from './schemas';

export const ENTERPRISE_KEY = 'trig_sandbox_enterprise';

export interface HttpAnswer {
	status: number;
	headers: Headers;
	text: string;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	json: unknown;
}

export interface PostOptions {
	/** null sends no x-api-key header. */
	key?: string | null;
	contentType?: string;
	method?: string;
	path?: string;
}

/** Posts a body (an object is sent as JSON, a string or Buffer as is) and reads the answer. */
export async function post(
	baseUrl: string,
	body: unknown,
	options: PostOptions = {},
): Promise<HttpAnswer> {
	const {
		key = ENTERPRISE_KEY,
		contentType = 'application/json',
		method = 'POST',
		path = BULK_PATH,
	} = options;
	const headers: Record<string, string> = { 'content-type': contentType };
	if (key !== null) headers['x-api-key'] = key;
	const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers,
		body: method === 'GET' || method === 'HEAD' ? undefined : payload,
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

export function profiles(...urls: string[]): { profiles: Array<{ profile_url: string }> } {
	return { profiles: urls.map((profile_url) => ({ profile_url })) };
}

export function tempDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), `trigify-sandbox-${prefix}-`));
}

/**
 * Copies a data folder as a crash would leave it at this instant: whatever the journal and
 * snapshot hold now, and no lock (its process is gone).
 */
export function copyAsCrashed(dataDir: string): string {
	const copy = tempDir('crashed');
	cpSync(dataDir, copy, { recursive: true, filter: (source) => !source.endsWith('.lock') });
	return copy;
}

export const REPO_ROOT = resolve(__dirname, '..', '..');
const CLI = join(REPO_ROOT, 'test', 'sandbox', 'cli.ts');
// An absolute loader URL lets the CLI run with any working folder, not only the repository.
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

export interface CliRun {
	child: ChildProcess;
	/** Everything printed so far, stdout and stderr together. */
	output: () => string;
	/** Resolves with the exit code (or the signal that ended it). */
	exited: Promise<number | NodeJS.Signals>;
}

export interface CliProcess extends CliRun {
	url: string;
}

export function runCli(args: string[], cwd: string = REPO_ROOT): CliRun {
	const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
		cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | NodeJS.Signals>((resolveExit) =>
		child.once('exit', (code, signal) => resolveExit(code ?? signal ?? -1)),
	);
	return { child, output: () => output, exited };
}

/** Starts the CLI and waits for the line that gives its base URL. */
export async function startCli(args: string[], cwd?: string): Promise<CliProcess> {
	const run = runCli(args, cwd);
	const url = await new Promise<string>((resolveUrl, reject) => {
		const timer = setInterval(() => {
			const match = /listening on (http:\/\/\S+)/.exec(run.output());
			if (match !== null) {
				clearInterval(timer);
				resolveUrl(match[1]);
			}
		}, 20);
		void run.exited.then((code) => {
			clearInterval(timer);
			reject(new Error(`The sandbox CLI exited with ${code} before listening:\n${run.output()}`));
		});
	});
	return { ...run, url };
}
