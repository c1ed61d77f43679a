// The console as a browser first meets it, on the origin of the joint API (the embedded app's or the
// gateway's): the page at `/` and at a deep link, a hashed asset cached for good, the development
// sign-in, and its token accepted by the API. Used by smoke.mjs and smoke-server.mjs.

/** Throws with what a person opening http://host:port/ would have seen go wrong. */
export async function checkConsoleServed(base) {
  const page = await fetch(`${base}/cases/some-case`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<div id="root">')) {
    throw new Error(`GET /cases/some-case did not answer the console's page (${page.status}): ${html.slice(0, 200)}`);
  }
  if (page.headers.get('cache-control') !== 'no-cache') throw new Error('the console page may be cached stale');
  const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!script) throw new Error('the console page loads no script');
  const asset = await fetch(`${base}${script}`);
  await asset.arrayBuffer();
  if (asset.status !== 200 || !asset.headers.get('cache-control')?.includes('immutable')) {
    throw new Error(`GET ${script}: ${asset.status}, cache-control ${asset.headers.get('cache-control')}`);
  }
  const health = await fetch(`${base}/health`, { headers: { accept: 'text/html' } });
  const healthBody = await health.text();
  if (health.status !== 200 || healthBody.includes('<div id="root">')) {
    throw new Error(`/health answered ${health.status} with the console's page instead of the service's health`);
  }

  const refused = await fetch(`${base}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agencyId: 'aplt-nk', agencyType: 'nonsense', roles: ['coordinator'] }),
  });
  const refusal = await refused.json();
  if (refused.status !== 400 || refusal.errors?.[0]?.extensions?.fields?.[0]?.field !== 'agencyType') {
    throw new Error(`a bad sign-in was not refused by field: ${JSON.stringify(refusal)}`);
  }
  const signIn = await fetch(`${base}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] }),
  });
  const { token } = await signIn.json();
  if (!token) throw new Error(`the development sign-in gave no token (${signIn.status})`);
  const answer = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ jointCases(filter: { first: 1 }) { nodes { jointCaseId } } }' }),
  });
  const body = await answer.json();
  if (body.errors || !Array.isArray(body.data?.jointCases?.nodes)) {
    throw new Error(`the console's token was not accepted: ${JSON.stringify(body)}`);
  }
}
