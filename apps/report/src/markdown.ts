import { cleanText } from '@lab/tensor';
import type {
  AlignType,
  Heading,
  Html,
  Image,
  List,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableRow,
  Text,
} from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';

/** Small mdast builders: the report is a syntax tree, so tables and escaping are the serializer's job. */

export type Inline = PhrasingContent | string;

function inline(content: readonly Inline[]): PhrasingContent[] {
  return content.map((c) => (typeof c === 'string' ? text(c) : c));
}

export function text(value: string): Text {
  return { type: 'text', value };
}

export function code(value: string): PhrasingContent {
  return { type: 'inlineCode', value };
}

export function strong(...content: Inline[]): PhrasingContent {
  return { type: 'strong', children: inline(content) };
}

export function heading(depth: Heading['depth'], ...content: Inline[]): Heading {
  return { type: 'heading', depth, children: inline(content) };
}

export function paragraph(...content: Inline[]): Paragraph {
  return { type: 'paragraph', children: inline(content) };
}

/** Raw HTML; used only for the timings markers (`<!-- timings:start -->`). */
export function html(value: string): Html {
  return { type: 'html', value };
}

export function image(url: string, alt: string): Image {
  return { type: 'image', url, alt };
}

/** A bullet list, one paragraph per item. */
export function bulletList(items: readonly (readonly Inline[])[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((item) => ({ type: 'listItem', spread: false, children: [paragraph(...item)] })),
  };
}

/** A table cell: one piece of text or a node, or several in a row. */
export type Cell = Inline | readonly Inline[];

/** One column of a {@link table}: its header and alignment (`right` for numbers). */
export interface Column {
  readonly header: string;
  readonly align?: AlignType;
}

/**
 * A GFM table. Cells are plain text or phrasing nodes; the serializer escapes `|` and
 * other markdown in them.
 */
export function table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): Table {
  const row = (cells: readonly Cell[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((cell) => ({
      type: 'tableCell',
      children: inline(typeof cell === 'string' || !Array.isArray(cell) ? [cell as Inline] : cell),
    })),
  });
  return {
    type: 'table',
    align: columns.map((c) => c.align ?? 'left'),
    children: [row(columns.map((c) => c.header)), ...rows.map(row)],
  };
}

export function root(children: readonly RootContent[]): Root {
  return { type: 'root', children: [...children] };
}

/**
 * Serializes a tree as GitHub-flavoured markdown (`-` bullets, `*` emphasis, padded aligned tables).
 * Text from a record (run names, paths, labels) may hold control characters: an escape sequence
 * would reach the terminal of whoever `cat`s the report, a newline would break a table row. Every
 * text, inline code, image text and code block comes out with them escaped (`cleanText` of
 * `@lab/tensor`; code blocks keep their line ends and tabs).
 */
export function toGfm(tree: Root): string {
  return toMarkdown(cleanTree(tree) as Root, { extensions: [gfmToMarkdown()], bullet: '-', emphasis: '*', strong: '*', fences: true });
}

/** A copy of an mdast node with every text it shows cleaned; raw HTML (the timings markers) is lab's own and stays. */
function cleanTree(node: Nodes): Nodes {
  const copy: Record<string, unknown> = { ...node };
  if (node.type === 'text' || node.type === 'inlineCode') copy.value = cleanText(node.value);
  if (node.type === 'code') copy.value = cleanText(node.value, { keep: '\n\t' });
  if (node.type === 'image') {
    copy.alt = cleanText(node.alt ?? '');
    if (node.title != null) copy.title = cleanText(node.title);
  }
  if ('children' in node) copy.children = (node.children as Nodes[]).map(cleanTree);
  return copy as unknown as Nodes;
}
