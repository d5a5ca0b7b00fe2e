import { XMLParser } from 'fast-xml-parser';

export interface TwimlVerb {
  verb: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlVerb[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: true, parseAttributeValue: false, parseTagValue: false });

function toVerbs(nodes: Record<string, unknown>[]): TwimlVerb[] {
  return nodes.flatMap((n) => {
    const name = Object.keys(n).find((k) => k !== ':@' && k !== '#text');
    if (!name) return [];
    const inner = n[name] as Record<string, unknown>[];
    const text = inner.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
    return [{ verb: name, attrs: (n[':@'] as Record<string, string>) ?? {}, text, children: toVerbs(inner) }];
  });
}

/** A TwiML document as its verbs in order (the <Response>'s children), to assert on what Twilio will do. */
export function parseTwiml(xml: string): TwimlVerb[] {
  const doc = parser.parse(xml) as Record<string, unknown>[];
  const response = doc.find((n) => 'Response' in n) as { Response: Record<string, unknown>[] } | undefined;
  if (!response) throw new Error(`not TwiML: ${xml.slice(0, 80)}`);
  return toVerbs(response.Response);
}
