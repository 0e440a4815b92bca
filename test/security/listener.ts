import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingListener {
	port: number;
	connections: () => number;
	/** Every byte any client sent, as latin1 text: a key sent in clear would be in it. */
	received: () => string;
	close(): Promise<void>;
}

/**
 * A TCP listener on 127.0.0.1 that answers nothing and counts connections, standing in for
 * "another host": a node that tried to reach one of the names below would end up here.
 */
export async function startCountingListener(): Promise<CountingListener> {
	let connections = 0;
	const chunks: Buffer[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		connections += 1;
		sockets.add(socket);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', () => sockets.delete(socket));
		// Closed soon, so a client waiting for an answer fails fast instead of timing out.
		setTimeout(() => socket.destroy(), 200);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		connections: () => connections,
		received: () => Buffer.concat(chunks).toString('latin1'),
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/**
 * Names that are not loopback by the node's rule (localhost, 127.x, [::1]) yet reach this
 * machine without any DNS query: 0.0.0.0, and the names /etc/hosts maps to 127.x (such as the
 * machine's own name). Testing with these sends nothing off the machine even if the rule broke.
 */
export function localNonLoopbackNames(hostsFile = '/etc/hosts'): string[] {
	const names = readFileSync(hostsFile, 'utf8')
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
		.filter(([address]) => address !== undefined && /^127\.\d+\.\d+\.\d+$/.test(address))
		.flatMap(([, ...aliases]) => aliases)
		.filter((name) => name !== '' && name !== 'localhost' && !/^\d/.test(name));
	return ['0.0.0.0', ...new Set(names)];
}
