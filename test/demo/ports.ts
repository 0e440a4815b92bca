import { createServer } from 'node:net';

import { freePort } from '../e2e/runtime/n8n';
import { PREFERRED_N8N_PORT, type DemoSettings } from './settings';

async function isFree(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** N8N_PORT when given (0: any free port), else n8n's usual 5678 unless something holds it. */
export async function editorPort(settings: DemoSettings): Promise<number> {
	if (settings.n8nPort === 0) return await freePort();
	if (settings.n8nPort !== undefined) return settings.n8nPort;
	return (await isFree(PREFERRED_N8N_PORT)) ? PREFERRED_N8N_PORT : await freePort();
}
