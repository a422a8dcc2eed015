/**
 * A tiny, dependency-free PDF 1.4 writer for sandbox shipping labels and manifests.
 *
 * WHY real PDFs: the nodes hand labels to people and other systems (printers, CartonCloud
 * attachments). A base64 blob that merely starts with `%PDF-` would hide bugs such as double
 * base64 encoding or binary corruption; these files open in any PDF reader, have correct xref
 * byte offsets and a trailer, so a client that writes them to disk can be checked end to end.
 */

export interface PdfPage {
	/** Page size in PDF points (1/72 inch). */
	width: number;
	height: number;
	/** Text lines drawn top-down; the first one larger (a heading). */
	lines: string[];
	/** Optional value drawn as a fake 1D barcode of rectangles (not scannable; looks like a label). */
	barcode?: string;
}

/** 100 x 150 mm, the usual thermal label size. */
export const LABEL_SIZE = { width: 283, height: 425 } as const;
/** A4, used for manifests. */
export const A4_SIZE = { width: 595, height: 842 } as const;

/**
 * PDF string literals need `\`, `(` and `)` escaped. Latin-1 letters (é, ü, ñ: common in names)
 * are written as octal escapes, which WinAnsiEncoding maps to the same glyphs; anything beyond
 * Latin-1 can't be shown by the standard Helvetica font and becomes '?'.
 */
function pdfText(value: string): string {
	return value
		.replace(/[\\()]/g, (c) => `\\${c}`)
		.replace(/[^\x20-\x7e]/g, (c) =>
			c.charCodeAt(0) >= 0xa0 && c.charCodeAt(0) <= 0xff ? `\\${c.charCodeAt(0).toString(8)}` : '?',
		);
}

/** Bars derived from the character codes, so each tracking number gets its own pattern. */
function barcodeOps(value: string, x: number, y: number, maxWidth: number): string {
	const ops: string[] = [];
	let cursor = x;
	for (const char of value) {
		const code = char.charCodeAt(0);
		for (let bit = 0; bit < 4 && cursor < x + maxWidth; bit++) {
			const bar = ((code >> bit) & 1) + 1; // 1 or 2 pt wide
			ops.push(`${cursor} ${y} ${bar} 50 re f`);
			cursor += bar + 1 + ((code >> (bit + 1)) & 1);
		}
	}
	return ops.join('\n');
}

function contentStream(page: PdfPage): string {
	const margin = 18;
	const ops: string[] = ['BT'];
	let y = page.height - margin - 14;
	page.lines.forEach((line, i) => {
		const size = i === 0 ? 14 : 10;
		ops.push(`/F1 ${size} Tf`, `1 0 0 1 ${margin} ${y} Tm`, `(${pdfText(line)}) Tj`);
		y -= size + 6;
	});
	ops.push('ET');
	// A border around the label area, and the barcode near the bottom.
	ops.push(`0.5 w ${margin / 2} ${margin / 2} ${page.width - margin} ${page.height - margin} re S`);
	if (page.barcode) {
		ops.push(barcodeOps(page.barcode, margin, margin + 20, page.width - 2 * margin));
		ops.push(
			'BT',
			'/F1 9 Tf',
			`1 0 0 1 ${margin} ${margin + 8} Tm`,
			`(${pdfText(page.barcode)}) Tj`,
			'ET',
		);
	}
	return ops.join('\n');
}

/** Builds a complete PDF: catalog (1), pages (2), font (3), then a page + content object per page. */
export function buildPdf(pages: PdfPage[]): Buffer {
	if (pages.length === 0) throw new Error('a PDF needs at least one page');
	const objects: string[] = [];
	const pageIds = pages.map((_, i) => 4 + i * 2);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	pages.forEach((page, i) => {
		const pageId = pageIds[i];
		const stream = contentStream(page);
		objects[pageId] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] ` +
			`/Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
		objects[pageId + 1] =
			`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
	});

	// The binary comment line tells transfer tools the file is binary (PDF spec 7.5.2).
	const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let offset = parts[0].length;
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = offset;
		const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
		parts.push(chunk);
		offset += chunk.length;
	}
	const size = objects.length;
	// Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, space, LF.
	const xref = [`xref\n0 ${size}\n`, '0000000000 65535 f \n'];
	for (let id = 1; id < size; id++)
		xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
	const trailer = `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF`;
	parts.push(Buffer.from(xref.join('') + trailer, 'latin1'));
	return Buffer.concat(parts);
}
