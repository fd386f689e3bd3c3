import { Parser } from 'htmlparser2';

/** Elements whose content is not visible text (as in htmlVisibleText). */
const SKIP = new Set(['script', 'style', 'noscript', 'iframe', 'frame', 'object', 'embed', 'svg', 'canvas', 'template', 'nav', 'form', 'button', 'select', 'textarea', 'head']);
/** Elements that start a new line. */
const BLOCK = new Set(['p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'td', 'th', 'table', 'section', 'article', 'header', 'footer', 'main', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'dt', 'dd', 'hr', 'center', 'body', 'html', 'figure', 'figcaption', 'address']);

/**
 * Visible text of an HTML page read as a flat stream of tags (htmlparser2's
 * tokenizer: no tree, no recursion), for pages nested too deeply for the tree
 * walk of html-to-text (thousands of unclosed <font> or nested <div>).
 * Block elements become line breaks; script, style, navigation and forms are
 * dropped; entities are decoded. Memory and stack stay flat in the depth.
 *
 * @example flatHtmlText('<div><p>各位代表：</p><script>x()</script></div>') // '各位代表：'
 */
export function flatHtmlText(html: string): string {
  const parts: string[] = [];
  // Depth inside skipped elements: counted by name, so an unclosed <font> cannot hide the text after a <script>.
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) parts.push('\n');
      },
      onclosetag(name, implied) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name) && !implied) parts.push('\n');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f\v]+/gu, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
