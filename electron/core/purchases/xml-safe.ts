import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { t } from '../../../shared/i18n';

/**
 * A namespace-resolved XML element: what the UBL reader works on. Text is already decoded (the five predefined
 * entities and numeric character references only), and concatenated from the element's own text and CDATA.
 */
export interface XNode {
  readonly ns: string;
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XNode[];
}

export interface XmlLimits {
  /** Refused before anything else looks at the bytes. */
  readonly maxBytes: number;
  /** Elements nested deeper than this are refused (UBL needs about 8). */
  readonly maxDepth: number;
}

/** ASSUMPTION: 10 MB is enough for a supplier invoice with its embedded PDF (iLink's own sample is 180 KB). */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 10 * 1024 * 1024, maxDepth: 40 };

/** `text`: the document as decoded UTF-8 text, verbatim (what is stored). */
export type SafeXml = { ok: true; root: XNode; text: string } | { ok: false; reason: string };

/**
 * Why this is safe against XXE, billion laughs and friends:
 * 1. Any `<!DOCTYPE` or `<!ENTITY` anywhere in the text is refused BEFORE parsing (case-insensitive, even inside
 *    a comment or CDATA: a UBL invoice never needs one). Without a DTD there is no entity to declare, hence no
 *    external entity (no file or URL is ever read: fast-xml-parser does no I/O at all) and no expansion.
 * 2. fast-xml-parser runs with `processEntities: false`: it decodes NO entity itself (its DocTypeReader, which
 *    would collect internal entities, is never reached because of 1). We decode afterwards, in `decode`, only
 *    `&lt; &gt; &amp; &quot; &apos;` and numeric references to characters XML allows; any other `&name;` is
 *    refused (in XML without a DTD it is a well-formedness error anyway).
 * 3. `maxNestedTags` stops deep nesting inside the parser (it throws), and the size is checked on the raw bytes.
 * 4. Attribute and element names never become object keys we trust: the parser's output is copied into XNode
 *    (arrays and plain records built here), so a name like `__proto__` is just a string.
 */
export function readXmlSafely(input: Buffer | string, limits: XmlLimits = DEFAULT_XML_LIMITS): SafeXml {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > limits.maxBytes) {
    return {
      ok: false,
      reason: t('purchases.xml.tooLarge', { size: mb(size), max: mb(limits.maxBytes) }),
    };
  }
  if (size === 0) return { ok: false, reason: t('purchases.xml.empty') };
  let xml: string;
  if (typeof input === 'string') xml = input;
  else {
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, reason: t('purchases.xml.notUtf8') };
    }
  }
  // A BOM is tolerated (iLink asks senders for none; being lenient on input costs nothing).
  const text = xml;
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, reason: t('purchases.xml.doctype') };
  if (/<!ENTITY/i.test(xml)) return { ok: false, reason: t('purchases.xml.doctype') };
  const decl = /^\s*<\?xml\b[^?]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(xml);
  if (decl && !/^utf-?8$/i.test(decl[1]))
    return { ok: false, reason: t('purchases.xml.encoding', { encoding: decl[1] }) };

  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    return {
      ok: false,
      reason: t('purchases.xml.malformed', { line: valid.err.line, why: valid.err.msg }),
    };
  }
  let tree: unknown;
  try {
    tree = parser(limits.maxDepth).parse(xml);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(msg))
      return { ok: false, reason: t('purchases.xml.tooDeep', { max: limits.maxDepth }) };
    return { ok: false, reason: t('purchases.xml.malformed', { line: '?', why: msg }) };
  }
  try {
    const roots = elementsOf(tree);
    if (roots.length !== 1) return { ok: false, reason: t('purchases.xml.oneRoot') };
    return { ok: true, root: toNode(roots[0], new Map([['xml', XML_NS]]), 1, limits.maxDepth), text };
  } catch (e) {
    if (e instanceof XmlRefusal) return { ok: false, reason: e.message };
    throw e;
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1).replace('.', ',');

const parser = (maxDepth: number): XMLParser =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    commentPropName: false,
    maxNestedTags: maxDepth,
  });

class XmlRefusal extends Error {}

/** preserveOrder output: an array of `{ tag: children[], ':@'?: attrs }` and `{ '#text': string }` items. */
type Item = Record<string, unknown>;

const isItem = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);

function elementsOf(list: unknown): Item[] {
  if (!Array.isArray(list)) return [];
  return list.filter((i): i is Item => isItem(i) && tagOf(i) !== null);
}

function tagOf(item: Item): string | null {
  for (const k of Object.keys(item)) if (k !== ':@' && k !== '#text' && k !== '#cdata') return k;
  return null;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; refuses anything else (see readXmlSafely). */
function decode(raw: string): string {
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*)?(;)?/g, (m, ref?: string, semi?: string) => {
    if (!ref || !semi) throw new XmlRefusal(t('purchases.xml.badEntity', { ref: m.slice(0, 20) }));
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const allowed =
        cp === 0x9 ||
        cp === 0xa ||
        cp === 0xd ||
        (cp >= 0x20 && cp <= 0xd7ff) ||
        (cp >= 0xe000 && cp <= 0xfffd) ||
        (cp >= 0x10000 && cp <= 0x10ffff);
      if (!allowed) throw new XmlRefusal(t('purchases.xml.badEntity', { ref: m }));
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlRefusal(t('purchases.xml.badEntity', { ref: m }));
    return v;
  });
}

function toNode(item: Item, scope: ReadonlyMap<string, string>, depth: number, maxDepth: number): XNode {
  if (depth > maxDepth) throw new XmlRefusal(t('purchases.xml.tooDeep', { max: maxDepth }));
  const tag = tagOf(item)!;
  const rawAttrs = isItem(item[':@']) ? item[':@'] : {};
  const inner = new Map(scope);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(rawAttrs)) {
    const value = decode(String(v));
    if (k === 'xmlns') inner.set('', value);
    else if (k.startsWith('xmlns:')) inner.set(k.slice(6), value);
  }
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    // Attributes are read by local name (UBL's are unqualified: currencyID, schemeID, unitCode…).
    attrs[k.includes(':') ? k.slice(k.indexOf(':') + 1) : k] = decode(String(v));
  }
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const name = colon >= 0 ? tag.slice(colon + 1) : tag;
  const ns = inner.get(prefix);
  if (ns === undefined && prefix !== '') throw new XmlRefusal(t('purchases.xml.unknownPrefix', { prefix }));
  let text = '';
  const children: XNode[] = [];
  const content = item[tag];
  if (Array.isArray(content)) {
    for (const c of content) {
      if (!isItem(c)) continue;
      if ('#text' in c && tagOf(c) === null) text += decode(String(c['#text']));
      else if (tagOf(c) === null && '#cdata' in c) {
        for (const d of Array.isArray(c['#cdata']) ? c['#cdata'] : [])
          if (isItem(d) && '#text' in d) text += String(d['#text']);
      } else children.push(toNode(c, inner, depth + 1, maxDepth));
    }
  }
  return { ns: ns ?? '', name, attrs, text: text.trim(), children };
}
