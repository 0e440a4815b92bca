import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import { PREFERRED_SANDBOX_PORT, type DemoSettings } from './settings';

function isAddressInUse(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

async function startOnPreferredPort(options: SandboxOptions): Promise<Sandbox> {
	return await startSandbox({ ...options, port: PREFERRED_SANDBOX_PORT }).catch((error: unknown) =>
		isAddressInUse(error) ? startSandbox({ ...options, port: 0 }) : Promise.reject(error),
	);
}

/**
 * The sandbox with its state in the demo folder, so profiles tracked by one run are `existing` in
 * the next. Port 8787 when free, otherwise any free port: the credential is provisioned again on
 * every run with the actual URL.
 */
export async function startDemoSandbox(settings: DemoSettings): Promise<Sandbox> {
	const options = { dataDir: settings.sandboxDir, host: '127.0.0.1' };
	return await startOnPreferredPort(options).catch((error: unknown) => {
		const hint =
			'If "npm start" is running, it owns that folder: stop it (Ctrl-C) first, or run the ' +
			'workflow in its editor.';
		const message = `Could not start the sandbox with its state in ${settings.sandboxDir}. ${hint}`;
		return Promise.reject(new Error(message, { cause: error }));
	});
}
