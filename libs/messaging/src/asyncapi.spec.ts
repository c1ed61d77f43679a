import { describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { DEFAULT_CATALOGUE, generateAsyncApi, PUBLISHING_CONTEXTS, topicOf } from './index.js';

// DiagnosticSeverity.Error (the parser's diagnostics are typed with another package's copy of the enum).
const ERROR = 0;

describe('the AsyncAPI document', () => {
  const doc = generateAsyncApi(DEFAULT_CATALOGUE) as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    operations: Record<string, { action: string }>;
    components: { messages: Record<string, { payload: unknown }> };
  };

  it('is valid AsyncAPI 3 (no error diagnostics)', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(doc));
    const errors = diagnostics
      .filter((d) => (d.severity as number) === ERROR)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it('has a channel per topic, a send operation per producer and a message per integration event', () => {
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual(PUBLISHING_CONTEXTS.map(topicOf));
    expect(Object.values(doc.operations).map((o) => o.action)).toEqual(PUBLISHING_CONTEXTS.map(() => 'send'));
    const definitions = DEFAULT_CATALOGUE.definitions();
    expect(Object.keys(doc.components.messages).sort()).toEqual(definitions.map((d) => d.type).sort());
    for (const d of definitions) {
      expect(doc.channels[d.context]?.messages[d.type]).toBeDefined();
      expect(doc.components.messages[d.type]?.payload).toEqual(d.schema);
    }
  });
});
