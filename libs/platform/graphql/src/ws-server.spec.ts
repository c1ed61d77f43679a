import { describe, expect, it } from '@jest/globals';
import { webSocketFromEnv } from '@pamoja/platform/config';
import { originAllowed, type WebSocketLimits } from './ws-server.js';

const limits = (production: boolean, origins: string[] = []): WebSocketLimits => ({
  maxMessageBytes: 256 * 1024,
  maxConnectionsPerUser: 10,
  maxSubscriptionsPerUser: 50,
  allowedOrigins: origins,
  allowLocalhost: !production,
});

describe('which browser origins may open a WebSocket', () => {
  it('allows a client without Origin, the service’s own origin and the configured ones', () => {
    const production = limits(true, ['https://partner.example']);
    expect(originAllowed(undefined, 'pamoja.example', production)).toBe(true);
    expect(originAllowed('https://pamoja.example', 'pamoja.example', production)).toBe(true);
    expect(originAllowed('https://PAMOJA.example', 'Pamoja.Example', production)).toBe(true);
    expect(originAllowed('https://partner.example', 'pamoja.example', production)).toBe(true);
  });

  it('refuses other sites, look-alikes, opaque and non-web origins, and localhost in production', () => {
    const production = limits(true, ['https://partner.example']);
    for (const origin of [
      'https://evil.example',
      'https://pamoja.example.evil.example',
      'https://partner.example:8443',
      'null',
      'file://',
      'chrome-extension://abcdef',
      'http://localhost:3000',
      'not a url',
    ]) {
      expect([origin, originAllowed(origin, 'pamoja.example', production)]).toEqual([origin, false]);
    }
  });

  it('allows localhost origins outside production', () => {
    const development = limits(false);
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080']) {
      expect(originAllowed(origin, 'localhost:4000', development)).toBe(true);
    }
    expect(originAllowed('http://localhost.evil.example', 'localhost:4000', development)).toBe(false);
  });
});

describe('the WebSocket settings', () => {
  it('default to 10 connections and 50 subscriptions per user, no extra origins, localhost outside production', () => {
    const problems: string[] = [];
    expect(webSocketFromEnv({}, false, problems)).toEqual({
      maxConnectionsPerUser: 10,
      maxSubscriptionsPerUser: 50,
      allowedOrigins: [],
      allowLocalhost: true,
    });
    expect(webSocketFromEnv({}, true, problems).allowLocalhost).toBe(false);
    expect(problems).toEqual([]);
  });

  it('read the origins as origins and refuse what is not one, or a cap under 1', () => {
    const problems: string[] = [];
    const settings = webSocketFromEnv(
      {
        PAMOJA_WS_ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443/',
        PAMOJA_WS_MAX_CONNECTIONS_PER_USER: '3',
      },
      true,
      problems,
    );
    expect(settings.allowedOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(settings.maxConnectionsPerUser).toBe(3);
    expect(problems).toEqual([]);
    webSocketFromEnv(
      {
        PAMOJA_WS_ALLOWED_ORIGINS: 'a.example,https://c.example/path,*',
        PAMOJA_WS_MAX_CONNECTIONS_PER_USER: '0',
        PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER: 'many',
      },
      true,
      problems,
    );
    expect(problems).toEqual([
      'PAMOJA_WS_ALLOWED_ORIGINS must list origins such as https://pamoja.example, not a.example',
      'PAMOJA_WS_ALLOWED_ORIGINS must list origins such as https://pamoja.example, not https://c.example/path',
      'PAMOJA_WS_ALLOWED_ORIGINS must list origins such as https://pamoja.example, not *',
      'PAMOJA_WS_MAX_CONNECTIONS_PER_USER must be a whole number, 1 or more, not 0',
      'PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER must be a whole number, 1 or more, not many',
    ]);
  });
});
