import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';

import { FaultSchema, describeIssues } from './admin-schemas';
import { ApiKeyConfigSchema, DEFAULT_KEYS } from './auth';
import type { ApiKeyConfig } from './auth';
import { DEFAULT_MAX_BODY_BYTES, parseJson } from './http-io';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import { ADMIN_PREFIX, BULK_PATH, REQUIRED_PERMISSION } from './schemas';
import { startSandbox } from './server';
import type { Sandbox, SandboxOptions } from './server';

export const DEFAULT_PORT = 8787;

const USAGE = `Usage: npm run sandbox -- [options]

  --port <n>                 port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>           address to bind (default 127.0.0.1)
  --data-dir <path>          folder for the persistent state (default .sandbox-data)
  --ephemeral                keep the state in memory only
  --rate-limit <n>/<secs>    requests per key per window (default 100/60), or "off"
  --fault <json>             queue a fault at start-up, e.g. '{"kind":"status","status":503,"count":2}'
  --poison <url>             make requests containing this profile fail with 400 (repeatable)
  --keys-file <path>         JSON array of {key, org, plan, permissions} replacing the default keys
  --max-body-bytes <n>       request body cap (default ${DEFAULT_MAX_BODY_BYTES})
  --help                     show this help
`;

function parseRateLimit(text: string): SandboxOptions['rateLimit'] {
	if (text === 'off') return false;
	const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
	if (match === null || Number(match[1]) < 1 || Number(match[2]) <= 0) {
		throw new Error(`--rate-limit takes <requests>/<seconds> such as 100/60, or off; got ${text}.`);
	}
	return { limit: Number(match[1]), windowMs: Math.round(Number(match[2]) * 1000) };
}

function parseInteger(name: string, text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	if (!/^\d+$/.test(text)) throw new Error(`--${name} takes a whole number; got ${text}.`);
	return Number(text);
}

function parseJsonFlag<T>(
	name: string,
	text: string,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): T {
	const json = parseJson(Buffer.from(text));
	const parsed = json.ok ? schema.safeParse(json.value) : undefined;
	if (parsed?.success) return parsed.data;
	const problem =
		parsed === undefined ? (json.ok ? '' : json.problem) : describeIssues(parsed.error);
	throw new Error(`--${name} ${text}: ${problem}`);
}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			'data-dir': { type: 'string' },
			ephemeral: { type: 'boolean' },
			'rate-limit': { type: 'string' },
			fault: { type: 'string', multiple: true },
			poison: { type: 'string', multiple: true },
			'keys-file': { type: 'string' },
			'max-body-bytes': { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	if (values.help === true) return 'help';
	const keysFile = values['keys-file'];
	return {
		port: parseInteger('port', values.port, DEFAULT_PORT),
		host: values.host ?? '127.0.0.1',
		dataDir: values.ephemeral === true ? undefined : (values['data-dir'] ?? '.sandbox-data'),
		rateLimit:
			values['rate-limit'] === undefined ? undefined : parseRateLimit(values['rate-limit']),
		faults: (values.fault ?? []).map((text) => parseJsonFlag('fault', text, FaultSchema)),
		poison: values.poison,
		keys:
			keysFile === undefined
				? undefined
				: parseJsonFlag(
						'keys-file',
						readFileSync(keysFile, 'utf8'),
						z.array(ApiKeyConfigSchema).min(1),
					),
		maxBodyBytes: parseInteger('max-body-bytes', values['max-body-bytes'], DEFAULT_MAX_BODY_BYTES),
	};
}

function describeKey(key: ApiKeyConfig): string {
	const permission = key.permissions.includes(REQUIRED_PERMISSION)
		? REQUIRED_PERMISSION
		: `no ${REQUIRED_PERMISSION}`;
	return `${key.key}  (${key.org}, ${key.plan}, ${permission})`;
}

function banner(sandbox: Sandbox, options: SandboxOptions): string {
	const keys = options.keys ?? DEFAULT_KEYS;
	const rate = options.rateLimit ?? {
		limit: DEFAULT_RATE_LIMIT.limit,
		windowMs: DEFAULT_RATE_LIMIT.window_ms,
	};
	const example = JSON.stringify({
		profiles: [{ profile_url: 'https://www.linkedin.com/in/amelia-chen' }],
	});
	return [
		`Trigify sandbox listening on ${sandbox.url}`,
		`  API key:    ${sandbox.apiKey}`,
		...keys.map((key) => `  key        ${describeKey(key)}`),
		`  State:      ${sandbox.dataDir ?? 'in memory (lost on exit)'}`,
		`  Rate limit: ${rate === false ? 'off' : `${rate.limit} requests per ${rate.windowMs / 1000} s per key`}`,
		`  Admin API:  ${sandbox.url}${ADMIN_PREFIX}`,
		'  Try:',
		`    curl -X POST ${sandbox.url}${BULK_PATH} -H "x-api-key: ${sandbox.apiKey}" -H "Content-Type: application/json" -d '${example}'`,
		'',
	].join('\n');
}

async function main(): Promise<void> {
	let options: SandboxOptions | 'help';
	try {
		options = parseCli(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (options === 'help') {
		process.stdout.write(USAGE);
		return;
	}
	const sandbox = await startSandbox(options);
	process.stdout.write(banner(sandbox, options));
	let stopping = false;
	const stop = (signal: NodeJS.Signals): void => {
		if (stopping) {
			process.stderr.write(`${signal} again: exiting without waiting.\n`);
			process.exit(130);
		}
		stopping = true;
		process.stderr.write(`${signal}: finishing requests in flight and saving state...\n`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`Could not shut down cleanly: ${String(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(
			`The sandbox could not start: ${(error as Error).message ?? String(error)}\n`,
		);
		process.exit(1);
	});
}
