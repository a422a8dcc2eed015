/** Every sticky note in the bundled workflows is big enough for its text (see stickyNoteSize.mts). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { neededHeight } from './stickyNoteSize.mts';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../workflows');

interface Note {
	name: string;
	type: string;
	parameters: { content?: string; width?: number; height?: number };
}

const notes = fs
	.readdirSync(WORKFLOWS)
	.filter((f) => f.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as { nodes: Note[] }).nodes
			.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
			.map((note) => ({ file, note })),
	);

describe('sticky notes fit their text', () => {
	it('the bundled workflows have sticky notes', () => expect(notes.length).toBeGreaterThan(0));

	it.each(notes.map(({ file, note }) => [`${file}: ${note.name}`, note] as const))(
		'%s',
		(_label, note) => {
			// n8n's defaults when a note has no size: 240 × 160.
			const width = note.parameters.width ?? 240;
			const height = note.parameters.height ?? 160;
			expect(
				neededHeight(note.parameters.content ?? '', width),
				`needs more than ${height} px at width ${width}`,
			).toBeLessThanOrEqual(height);
		},
	);
});
