import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOGUE, sourceOf, toCloudEventMessage } from './index.js';
import { MARKERS, sampleEvents } from './sample-events.fixture.js';

describe('privacy of integration events', () => {
  it('the samples do carry every marker (the test would prove nothing otherwise)', () => {
    const stored = JSON.stringify(sampleEvents());
    for (const marker of MARKERS) expect(stored).toContain(marker);
  });

  it('no personal or free-text value reaches a payload, the message value or its headers', () => {
    const leaks: string[] = [];
    for (const event of sampleEvents()) {
      const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
      if (!integration) continue;
      const message = toCloudEventMessage(event, integration, sourceOf(integration.definition.context));
      const published = [
        JSON.stringify(integration.data),
        message.key,
        message.value.toString('utf8'),
        JSON.stringify(message.headers),
      ].join('\n');
      for (const marker of MARKERS) if (published.includes(marker)) leaks.push(`${event.type}: ${marker}`);
    }
    expect(leaks).toEqual([]);
  });

  it('never publishes a personal key, whatever the event', () => {
    for (const definition of DEFAULT_CATALOGUE.definitions()) {
      expect(JSON.stringify(definition.schema)).not.toMatch(/"(personal|fullName|dateOfBirth|phone|alias)"/);
    }
  });
});
