import { mkdir, open, readdir, rename, stat, truncate, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

import { forEachLine } from './line-file';
import { acquireLock } from './lock';
import { StoreOpSchema } from './store';
import type { Store, StoreOp } from './store';

export const SNAPSHOT_FILE = 'snapshot.jsonl';
const FORMAT = 1;
const JOURNAL_NAME = /^journal-(\d+)\.jsonl$/;
/** Ops per write while a snapshot is streamed out, so requests are served in between. */
const SNAPSHOT_CHUNK = 5000;

const HeaderSchema = z
	.object({ format: z.literal(FORMAT), seq: z.number().int().nonnegative() })
	.strict();
const JournalLineSchema = z
	.object({ seq: z.number().int().positive(), ops: z.array(StoreOpSchema).min(1) })
	.strict();

export interface Persistence {
	/** Resolves once the ops are durable against a crash of this process. */
	append(ops: StoreOp[]): Promise<void>;
	close(): Promise<void>;
}

export const memoryPersistence: Persistence = {
	append: async () => {},
	close: async () => {},
};

export function journalFile(generation: number): string {
	return `journal-${generation}.jsonl`;
}

/** Journal generations present in the folder, oldest first. */
export async function journalGenerations(dir: string): Promise<number[]> {
	return (await readdir(dir))
		.flatMap((name) => {
			const match = JOURNAL_NAME.exec(name);
			return match === null ? [] : [Number(match[1])];
		})
		.sort((a, b) => a - b);
}

function parseLine<T>(line: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined {
	try {
		return schema.parse(JSON.parse(line));
	} catch {
		return undefined;
	}
}

function damaged(path: string, lineNumber: number): Error {
	return new Error(
		`${path} line ${lineNumber} is damaged, which a crash cannot cause (only a torn last line is); ` +
			'move the data folder aside (or start with --ephemeral) and report it.',
	);
}

/** The snapshot is renamed into place only once complete, so every line of it must be sound. */
async function loadSnapshot(path: string, store: Store): Promise<{ seq: number; bytes: number }> {
	let seq = 0;
	const read = await forEachLine(path, (line, lineNumber) => {
		const entry = lineNumber === 1 ? parseLine(line, HeaderSchema) : parseLine(line, StoreOpSchema);
		if (entry === undefined) throw damaged(path, lineNumber);
		if ('seq' in entry) seq = entry.seq;
		else store.apply(entry);
	}).catch((error: NodeJS.ErrnoException) =>
		error.code === 'ENOENT' ? undefined : Promise.reject(error),
	);
	if (read === undefined) return { seq: 0, bytes: 0 };
	if (read.completeBytes !== read.totalBytes || read.totalBytes === 0) throw damaged(path, 1);
	return { seq, bytes: read.totalBytes };
}

/**
 * Replays one journal over the state. A line only counts with its newline, which goes out in
 * the same write: an unterminated tail is a write torn by a crash, never answered, and is cut.
 */
async function replayJournal(
	path: string,
	store: Store,
	fromSeq: number,
): Promise<{ seq: number; bytes: number }> {
	let seq = fromSeq;
	const read = await forEachLine(path, (line, lineNumber) => {
		const entry = parseLine(line, JournalLineSchema);
		if (entry === undefined) throw damaged(path, lineNumber);
		if (entry.seq <= seq) return;
		for (const op of entry.ops) store.apply(op);
		seq = entry.seq;
	});
	if (read.completeBytes < read.totalBytes) await truncate(path, read.completeBytes);
	return { seq, bytes: read.completeBytes };
}

/** A rename is durable only once the folder entry itself is flushed. */
async function syncDir(path: string): Promise<void> {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

interface Pending {
	text: string;
	resolve: () => void;
	reject: (error: unknown) => void;
}

/**
 * An append-only journal, one line per request, plus a snapshot. When the journal outgrows the
 * snapshot, appends move on to a new journal generation while the snapshot is rewritten in the
 * background (temp file, fsync, rename) and the older generations are then deleted. Appends
 * stay cheap however many monitors exist, and a crash at any point leaves a snapshot and
 * journals that together hold every answered request.
 */
class FilePersistence implements Persistence {
	private pending: Pending[] = [];
	private flushing: Promise<void> | undefined;
	private compacting: Promise<void> | undefined;
	private journalBytes = 0;
	private snapshotBytes = 0;

	private constructor(
		private readonly dir: string,
		private readonly store: Store,
		private journal: FileHandle,
		private generation: number,
		private seq: number,
		private readonly compactAfterBytes: number,
		private readonly releaseLock: () => Promise<void>,
	) {}

	static async open(
		dir: string,
		store: Store,
		compactAfterBytes: number,
	): Promise<FilePersistence> {
		await mkdir(dir, { recursive: true });
		const releaseLock = await acquireLock(dir);
		let opened = false;
		try {
			const snapshot = await loadSnapshot(join(dir, SNAPSHOT_FILE), store);
			let { seq } = snapshot;
			let journalBytes = 0;
			const generations = await journalGenerations(dir);
			for (const generation of generations) {
				const replayed = await replayJournal(join(dir, journalFile(generation)), store, seq);
				seq = replayed.seq;
				journalBytes += replayed.bytes;
			}
			// A fresh generation, so nothing is ever appended behind a torn line.
			const generation = (generations.at(-1) ?? 0) + 1;
			const journal = await open(join(dir, journalFile(generation)), 'a');
			const args = [dir, store, journal, generation, seq, compactAfterBytes, releaseLock] as const;
			const persistence = new FilePersistence(...args);
			persistence.journalBytes = journalBytes;
			persistence.snapshotBytes = snapshot.bytes;
			opened = true;
			return persistence;
		} finally {
			if (!opened) await releaseLock();
		}
	}

	/** Must be called in the same tick as the store change, so the seq order is the state order. */
	append(ops: StoreOp[]): Promise<void> {
		if (ops.length === 0) return Promise.resolve();
		const text = `${JSON.stringify({ seq: ++this.seq, ops })}\n`;
		return new Promise((resolve, reject) => {
			this.pending.push({ text, resolve, reject });
			this.flushing ??= this.flush();
		});
	}

	/** Waits for writes in flight, then folds every journal into the snapshot. */
	async close(): Promise<void> {
		await this.flushing;
		await this.compacting;
		try {
			await this.journal.close();
			const generations = await journalGenerations(this.dir);
			const sizes = await Promise.all(
				generations.map(async (generation) => (await stat(this.journalPath(generation))).size),
			);
			if (sizes.some((size) => size > 0)) {
				await this.writeSnapshot(this.seq, this.store.snapshotOps());
			}
			await this.removeJournalsBefore(Number.POSITIVE_INFINITY);
		} finally {
			await this.releaseLock();
		}
	}

	/** Group commit: everything queued while one write is in flight goes out in the next. */
	private async flush(): Promise<void> {
		while (this.pending.length > 0) {
			const batch = this.pending;
			this.pending = [];
			const text = batch.map((entry) => entry.text).join('');
			try {
				await this.journal.appendFile(text);
				this.journalBytes += Buffer.byteLength(text);
				for (const entry of batch) entry.resolve();
			} catch (error) {
				for (const entry of batch) entry.reject(error);
				// A half-written batch (disk full) must not sit under the next one, or replay would
				// find damage in the middle of the journal; if even this fails, replay reports it.
				await this.journal.truncate(this.journalBytes).catch(() => undefined);
				continue;
			}
			const due = this.journalBytes >= Math.max(this.compactAfterBytes, this.snapshotBytes);
			if (due && this.compacting === undefined) await this.rotate();
		}
		this.flushing = undefined;
	}

	/** Runs inside the flush loop, so no append overlaps the switch to the next generation. */
	private async rotate(): Promise<void> {
		const next = await open(this.journalPath(this.generation + 1), 'a');
		const previous = this.journal;
		this.journal = next;
		this.generation++;
		this.journalBytes = 0;
		// Taken in one tick with the seq: changes after this carry a higher seq and go to the new
		// generation; lines the snapshot already covers are skipped on replay.
		const seq = this.seq;
		const ops = this.store.snapshotOps();
		const generation = this.generation;
		await previous.close();
		this.compacting = this.writeSnapshot(seq, ops)
			.then(() => this.removeJournalsBefore(generation))
			.catch((error: unknown) => {
				// The journals still hold everything, so nothing is lost; the next rotation retries.
				process.stderr.write(`sandbox: compaction failed: ${String(error)}\n`);
			})
			.finally(() => {
				this.compacting = undefined;
			});
	}

	private async writeSnapshot(seq: number, ops: StoreOp[]): Promise<void> {
		const target = join(this.dir, SNAPSHOT_FILE);
		const temp = `${target}.tmp`;
		const handle = await open(temp, 'w');
		let bytes = 0;
		try {
			const header = `${JSON.stringify({ format: FORMAT, seq })}\n`;
			await handle.writeFile(header);
			bytes += Buffer.byteLength(header);
			for (let start = 0; start < ops.length; start += SNAPSHOT_CHUNK) {
				const chunk = ops.slice(start, start + SNAPSHOT_CHUNK);
				const text = chunk.map((op) => `${JSON.stringify(op)}\n`).join('');
				await handle.writeFile(text);
				bytes += Buffer.byteLength(text);
			}
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temp, target);
		await syncDir(this.dir);
		this.snapshotBytes = bytes;
	}

	private async removeJournalsBefore(generation: number): Promise<void> {
		for (const old of await journalGenerations(this.dir)) {
			if (old < generation) await unlink(this.journalPath(old));
		}
	}

	private journalPath(generation: number): string {
		return join(this.dir, journalFile(generation));
	}
}

export function openFilePersistence(
	dir: string,
	store: Store,
	compactAfterBytes: number,
): Promise<Persistence> {
	return FilePersistence.open(dir, store, compactAfterBytes);
}
