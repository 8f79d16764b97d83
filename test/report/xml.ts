// A strict little XML well-formedness check for the SVG the reports write (no XML parser is a
// dependency): one root element, tags that nest and close, quoted attributes without a raw `<`,
// and `&` only as an entity. Returns the elements with their attributes.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

/** Parses `text` as XML, throwing with the offset of the first problem; the elements in document order. */
export const parseXml = (text: string): XmlElement[] => {
  const elements: XmlElement[] = [];
  const open: string[] = [];
  let roots = 0, at = 0;
  const fail = (message: string): never => {
    throw new Error(`not well-formed XML at ${at}: ${message}`);
  };
  const checkText = (chunk: string) => {
    if (chunk.replace(entity, '').includes('&')) fail(`a bare & in ${JSON.stringify(chunk.slice(0, 40))}`);
    if (open.length === 0 && chunk.trim() !== '') fail('text outside the root element');
  };
  for (const match of text.matchAll(/<([^>]*)>/g)) {
    checkText(text.slice(at, match.index));
    at = match.index;
    const tag = match[1];
    if (tag.startsWith('?') || tag.startsWith('!--')) {
      at += match[0].length;
      continue;
    }
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (open.pop() !== name) fail(`</${name}> closes nothing open`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const name = /^[A-Za-z_][\w:.-]*/.exec(body)?.[0] ?? fail(`bad tag <${tag.slice(0, 20)}>`);
      const rest = body.slice(name.length);
      const attributes: Record<string, string> = {};
      const attribute = /\s+([A-Za-z_][\w:.-]*)="([^"<]*)"/y;
      let consumed = 0;
      for (let m = attribute.exec(rest); m !== null; m = attribute.exec(rest)) {
        if (m[1] in attributes) fail(`attribute ${m[1]} repeated`);
        if (m[2].replace(entity, '').includes('&')) fail(`a bare & in attribute ${m[1]}`);
        attributes[m[1]] = m[2];
        consumed = attribute.lastIndex;
      }
      if (rest.slice(consumed).trim() !== '') fail(`bad attributes in <${name}>: ${rest.slice(consumed, consumed + 30)}`);
      if (open.length === 0) roots += 1;
      if (roots > 1) fail('more than one root element');
      elements.push({ name, attributes });
      if (!selfClosing) open.push(name);
    }
    at += match[0].length;
  }
  checkText(text.slice(at));
  if (open.length > 0) fail(`unclosed <${open[open.length - 1]}>`);
  if (roots !== 1) fail('no root element');
  return elements;
};
