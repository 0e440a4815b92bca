import { createRequire } from 'node:module';
import { inspect } from 'node:util';

import { LoggerProxy } from 'n8n-workflow';
import type { Logger } from 'n8n-workflow';

interface Container {
	get(type: unknown): unknown;
	set(type: unknown, instance: unknown): void;
}

// n8n logs through two channels: n8n-workflow's LoggerProxy (the engine) and the Logger that
// n8n-core takes from its dependency container (node execution contexts, `this.logger`). n8n-core
// has its own copies of @n8n/di and @n8n/backend-common, so they are loaded from its folder.
const fromCore = createRequire(require.resolve('n8n-core'));
const { Container } = fromCore('@n8n/di') as { Container: Container };
const { Logger: CoreLogger } = fromCore('@n8n/backend-common') as { Logger: unknown };

/** The Logger n8n-core's execution contexts use, as they would get it. */
export function n8nCoreLogger(): Logger {
	return Container.get(CoreLogger) as Logger;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Records everything n8n's loggers, the console, stdout and stderr receive while it is on, at
 * every level: a key logged only at debug would still be a key in someone's log files.
 */
export class OutputCapture {
	private lines: string[] = [];
	private readonly restores: Array<() => void> = [];

	private record(channel: string, args: unknown[]): void {
		this.lines.push(
			`${channel}: ${args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 12 }))).join(' ')}`,
		);
	}

	private logger(channel: string): Logger {
		const logger: Logger = {
			error: (...args: unknown[]) => this.record(`${channel}.error`, args),
			warn: (...args: unknown[]) => this.record(`${channel}.warn`, args),
			info: (...args: unknown[]) => this.record(`${channel}.info`, args),
			debug: (...args: unknown[]) => this.record(`${channel}.debug`, args),
		};
		// n8n-core's Logger also hands out scoped children.
		return Object.assign(logger, { scoped: () => logger });
	}

	start(): void {
		LoggerProxy.init(this.logger('LoggerProxy'));
		Container.set(CoreLogger, this.logger('n8n-core Logger'));
		for (const method of CONSOLE_METHODS) {
			const spy = jest
				.spyOn(console, method)
				.mockImplementation((...args: unknown[]) => this.record(`console.${method}`, args));
			this.restores.push(() => spy.mockRestore());
		}
		for (const stream of [process.stdout, process.stderr]) {
			const write = stream.write.bind(stream);
			const name = stream === process.stdout ? 'stdout' : 'stderr';
			stream.write = ((chunk: unknown, ...rest: never[]) => {
				this.record(name, [
					typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(),
				]);
				return write(chunk as string, ...rest);
			}) as typeof stream.write;
			this.restores.push(() => (stream.write = write));
		}
	}

	stop(): void {
		for (const restore of this.restores.splice(0)) restore();
	}

	clear(): void {
		this.lines = [];
	}

	text(): string {
		return this.lines.join('\n');
	}
}
