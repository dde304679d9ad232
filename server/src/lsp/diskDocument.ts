/**
 * Positions in a file that is not open, as the editor will count them. The engine reads a file with its byte order
 * mark (a fix writes it back), so its offsets count that character; the editor drops it from the text it shows, so
 * on the first line every character would be one to the right of where the editor puts it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';

const BYTE_ORDER_MARK = 0xfeff;

export function diskDocument(uri: string, languageId: string, text: string): TextDocument {
  if (text.charCodeAt(0) !== BYTE_ORDER_MARK) return TextDocument.create(uri, languageId, 0, text);
  const shown = TextDocument.create(uri, languageId, 0, text.slice(1));
  // Only offsets differ: lines, ranges and text are the editor's (the other methods stay bound to `shown`, whose own
  // offsets they use).
  return new Proxy(shown, {
    get(target, property) {
      if (property === 'positionAt') return (offset: number) => target.positionAt(Math.max(0, offset - 1));
      if (property === 'offsetAt') return (position: Parameters<TextDocument['offsetAt']>[0]) => target.offsetAt(position) + 1;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
