import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Which files under `folder` contain `text`, read as raw bytes: n8n's SQLite database, its
 * write-ahead log and anything else it wrote. The installed packages are skipped: they are code.
 */
export async function filesContaining(folder: string, text: string): Promise<string[]> {
	const needle = Buffer.from(text, 'utf8');
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	const found: string[] = [];
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		if (path.includes(`${join('.n8n', 'nodes')}`)) continue;
		if ((await readFile(path)).includes(needle)) found.push(path);
	}
	return found;
}
