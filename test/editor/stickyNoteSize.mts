/**
 * How much room a sticky note's Markdown needs in n8n's editor, estimated from the text. From
 * n8n 2.41's editor CSS (N8nMarkdown's sticky styles): paragraphs 14 px at line-height 1.35 with
 * an 8 px bottom margin, h2 24 px, h1 36 px, h3 16 px; the text area has 8 px padding and is 24 px
 * shorter than the note. Character widths are a generous average for the editor's sans-serif
 * (0.54 em), and every source line is counted as its own line, so an estimate that fits here
 * fits in the editor. A note that is too small scrolls and hides its end.
 */
const BODY = { charPx: 7.6, linePx: 19 };
const HEADINGS: Record<number, { charPx: number; linePx: number }> = {
	1: { charPx: 20, linePx: 49 },
	2: { charPx: 13.5, linePx: 33 },
	3: { charPx: 9, linePx: 22 },
};
const HORIZONTAL_PX = 2 * 8 + 8;
const VERTICAL_PX = 8 + 24;
const PARAGRAPH_GAP_PX = 8;

/** What a reader sees of a Markdown line: no emphasis marks, links as their text. */
function visible(line: string): string {
	return line
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`]/g, '')
		.replace(/^\s*[-*]\s+/, '• ');
}

/** Wrapped lines of `text` at `perLine` characters, breaking at spaces like the browser. */
function wrappedLines(text: string, perLine: number): number {
	let lines = 1;
	let used = 0;
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const need = used === 0 ? word.length : used + 1 + word.length;
		if (need <= perLine) used = need;
		else {
			lines += Math.max(1, Math.ceil(word.length / perLine));
			used = Math.min(word.length, perLine);
		}
	}
	return lines;
}

export function neededHeight(content: string, width: number): number {
	const inner = width - HORIZONTAL_PX;
	let height = VERTICAL_PX;
	for (const raw of content.split('\n')) {
		if (!raw.trim()) {
			height += PARAGRAPH_GAP_PX;
			continue;
		}
		const level = /^(#{1,6})\s/.exec(raw)?.[1].length;
		const text = visible(raw.replace(/^#{1,6}\s+/, ''));
		const { charPx, linePx } = level ? (HEADINGS[level] ?? HEADINGS[3]) : BODY;
		height += wrappedLines(text, Math.floor(inner / charPx)) * linePx;
	}
	return Math.ceil(height);
}
