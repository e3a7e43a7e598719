import fc from 'fast-check';

/**
 * Generators of hostile-but-plausible input for the fuzzing test (issue 11): BPMN documents,
 * FEEL conditions, form schemas and form data. They lean towards what has broken parsers before:
 * deep nesting, many elements, unknown names, entities, regular expressions, ranges, keys such as
 * `__proto__` and `$gt`.
 */

const NAMES = ['applicantName', 'amount', 'applicantType', 'phone', 'items', 'x', '金额'];
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', '$gt', '$where', 'a.b', ''];

const feelString = fc.oneof(
  fc.constantFrom('"a"', '"^(a+)+$"', '"(x+x+)+y"', '"[a-z]+"', '"^\\d{6}$"', '"("', '""'),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
);
const feelAtom = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom('applicant.type', 'channel', 'outcome', 'null', 'true', 'false'),
  fc.integer({ min: -1e6, max: 1e9 }).map(String),
  feelString,
);

/** FEEL expressions from a small grammar, and now and then plain garbage. */
export const feelExpression: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        feelAtom,
        fc
          .tuple(tie('e'), fc.constantFrom('=', '!=', '<', '>=', '+', '*', 'and', 'or'), tie('e'))
          .map(([a, op, b]) => `${a} ${op} ${b}`),
        fc
          .tuple(
            fc.constantFrom('matches', 'replace', 'split', 'contains', 'starts with'),
            tie('e'),
            feelString,
          )
          .map(([f, a, p]) => (f === 'replace' ? `replace(${a}, ${p}, "x")` : `${f}(${a}, ${p})`)),
        fc
          .tuple(fc.constantFrom('string length', 'count', 'sum', 'not', 'upper case'), tie('e'))
          .map(([f, a]) => `${f}(${a})`),
        fc
          .tuple(
            fc.constantFrom('for', 'some', 'every'),
            fc.integer({ min: 0, max: 2e9 }),
            tie('e'),
          )
          .map(([k, n, body]) =>
            k === 'for'
              ? `count(for i in 1..${n} return ${body})`
              : `${k} i in 1..${n} satisfies ${body}`,
          ),
        tie('e').map((e) => `(${e})`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `if ${c} then ${a} else ${b}`),
      ),
    })).e,
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

const XML_TEXT = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('&amp;', '&lt;', '&bogus;', '<![CDATA[x]]>', ']]>', '&#0;', '\u0000'),
);
const ELEMENT_NAMES = [
  'bpmn:userTask',
  'bpmn:serviceTask',
  'bpmn:task',
  'bpmn:subProcess',
  'bpmn:exclusiveGateway',
  'bpmn:sequenceFlow',
  'bpmn:dataObject',
  'bpmn:extensionElements',
  'county:stepConfig',
  'county:postRef',
  'county:riskPoints',
  'unknown:thing',
  'script',
];

interface XmlNode {
  name: string;
  attrs: [string, string][];
  children: (XmlNode | string)[];
}

const attr = fc.tuple(
  fc.constantFrom('id', 'name', 'sourceRef', 'targetRef', 'limitValue', 'xsi:type', 'form', 'x'),
  fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('"', '&', '<', 'a'.repeat(5000))),
);

const xmlNode: fc.Arbitrary<XmlNode> = fc.letrec<{ node: XmlNode }>((tie) => ({
  node: fc.record({
    name: fc.constantFrom(...ELEMENT_NAMES),
    attrs: fc.array(attr, { maxLength: 4 }),
    children: fc.array(fc.oneof({ depthSize: 'small' }, XML_TEXT, tie('node')), { maxLength: 4 }),
  }),
})).node;

const escapeAttr = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function render(node: XmlNode | string, raw: boolean): string {
  if (typeof node === 'string') return node;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${raw ? v : escapeAttr(v)}"`).join('');
  return `<${node.name}${attrs}>${node.children.map((c) => render(c, raw)).join('')}</${node.name}>`;
}

const wrap = (inner: string, prolog = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>${prolog}<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:county="http://county-platform.org/schema/bpmn/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">${inner}</bpmn:process></bpmn:definitions>`;

/** A real template cut, spliced or repeated; a generated tree; a bomb of many or deep elements. */
export function bpmnDocument(templates: string[]): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.constantFrom(...templates), fc.nat(), fc.nat(), fc.string({ maxLength: 30 }))
    .map(([t, a, b, junk]) => {
      const i = a % t.length;
      const j = Math.min(t.length, i + (b % 200));
      return t.slice(0, i) + junk + t.slice(j);
    });
  const generated = fc
    .tuple(
      fc.array(xmlNode, { maxLength: 5 }),
      fc.boolean(),
      fc.constantFrom('', '<!DOCTYPE x [<!ENTITY e "e">]>'),
    )
    .map(([nodes, raw, prolog]) => wrap(nodes.map((n) => render(n, raw)).join(''), prolog));
  const many = fc
    .tuple(
      fc.integer({ min: 1_000, max: 120_000 }),
      fc.constantFrom('<x:u/>', '<bpmn:task/>', '<a>'),
    )
    .map(([n, el]) => wrap(el.repeat(n)));
  const deep = fc
    .integer({ min: 100, max: 20_000 })
    .map((n) => wrap('<bpmn:extensionElements>'.repeat(n) + '</bpmn:extensionElements>'.repeat(n)));
  // The 准予 flow of the promised template carries the generated condition.
  const conditioned = feelExpression.map((c) =>
    templates[0]!.replace('outcome = &quot;approve&quot;', escapeAttr(c)),
  );
  return fc.oneof(
    { weight: 4, arbitrary: mutated },
    { weight: 4, arbitrary: generated },
    { weight: 1, arbitrary: many },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: conditioned },
  );
}

const key = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NAMES, 'type', 'properties', 'pattern', 'enum') },
  { weight: 2, arbitrary: fc.constantFrom(...DANGEROUS_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** JSON values whose keys include the dangerous ones. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    ),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((pairs) => {
      const o: Record<string, unknown> = {};
      // defineProperty, so that `__proto__` becomes an own key and reaches the wire.
      for (const [k, v] of pairs)
        Object.defineProperty(o, k, {
          value: v,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return o;
    }),
  ),
})).v;

const fieldType = fc.constantFrom(
  'string',
  'number',
  'boolean',
  'array',
  'object',
  'void',
  'date',
  42,
);
const component = fc.constantFrom(
  'Input',
  'NumberPicker',
  'Select',
  'IdNumber',
  'Phone',
  'ArrayTable',
  'Upload',
  'Nope',
);

/** Form schemas near the real shape: fields with types, components, rules and patterns. */
export const formSchema: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .dictionary(
        key,
        fc.record(
          {
            type: fieldType,
            title: fc.string({ maxLength: 10 }),
            'x-component': component,
            pattern: fc.constantFrom('^(a+)+$', '^\\d+$', '(', '^(?=a)a$', '(x|x)*y', '\\1'),
            maxLength: fc.oneof(fc.integer(), fc.string()),
            required: fc.oneof(fc.boolean(), fc.string()),
            enum: fc.array(hostileJson, { maxLength: 3 }),
            'x-visible-when': hostileJson,
            default: fc.constantFrom('{{ process.exit() }}', 'x'),
          },
          { requiredKeys: ['type'] },
        ),
        { maxKeys: 6 },
      )
      .map((properties) => ({ type: 'object', properties })),
  },
  { weight: 1, arbitrary: hostileJson },
);

/** Values for the generic application form: right keys with wrong values, and hostile shapes. */
export const formValues: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record(
      {
        applicantType: fc.oneof(fc.constantFrom('person', 'organisation'), hostileJson),
        applicantName: fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.constant('a'.repeat(30) + '!'),
          hostileJson,
        ),
        idNumber: fc.oneof(fc.stringMatching(/^\d{17}[\dX]$/), hostileJson),
        creditCode: fc.oneof(fc.string({ maxLength: 18 }), fc.constant('a'.repeat(300))),
        phone: fc.oneof(fc.stringMatching(/^1\d{10}$/), fc.integer()),
        extra: hostileJson,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: hostileJson },
);
