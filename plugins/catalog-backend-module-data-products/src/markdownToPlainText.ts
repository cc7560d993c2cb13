import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

// Raw HTML is parsed as such, so that its tags are dropped, not shown.
const commonMark = new MarkdownIt('commonmark');

/** An inline run's words: text and code kept, markup and raw HTML dropped. */
const inlineText = (children: Token[]) =>
  children
    .map(child => {
      if (child.type === 'text' || child.type === 'code_inline') {
        return child.content;
      }
      return child.type === 'softbreak' || child.type === 'hardbreak'
        ? ' '
        : '';
    })
    .join('');

/**
 * A CommonMark description as one line of plain text, for places that show
 * text verbatim, such as search results: markup dropped, the words of links,
 * images and code kept.
 */
export function markdownToPlainText(markdown: string): string {
  return commonMark
    .parse(markdown, {})
    .map(block => {
      if (block.type === 'inline') return inlineText(block.children ?? []);
      return block.type === 'code_block' || block.type === 'fence'
        ? block.content
        : '';
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
