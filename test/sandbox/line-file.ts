import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;

/**
 * Calls `onLine` for every newline-terminated line, streaming, so files far larger than the
 * biggest possible string can be read. Returns the byte length of those complete lines and of
 * the whole file: any difference is an unterminated tail.
 */
export async function forEachLine(
	path: string,
	onLine: (line: string, lineNumber: number) => void,
): Promise<{ completeBytes: number; totalBytes: number }> {
	let rest: Buffer = Buffer.alloc(0);
	let completeBytes = 0;
	let lineNumber = 0;
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
		const data = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
		let start = 0;
		for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
			onLine(data.toString('utf8', start, end), ++lineNumber);
			start = end + 1;
		}
		completeBytes += start;
		rest = data.subarray(start);
	}
	return { completeBytes, totalBytes: completeBytes + rest.length };
}
