// Drives the real host with real clients: graphql-request for a query and a mutation refused with HEAD_MOVED (409 in REST),
// graphql-sse (distinct connections mode) for a subscription that must see a commit made while it is open.
// usage: node client.mjs <graphql url> <admin token>  → prints one JSON object with what each step saw
import { GraphQLClient, ClientError, gql } from 'graphql-request';
import { createClient } from 'graphql-sse';

const [url, token] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}` };
const client = new GraphQLClient(url, { headers });
const out = {};

const { head, plugins } = await client.request(gql`query Plugins { head plugins { name sourceCount } }`);
out.query = { head, plugins: plugins.map(p => p.name) };

try {
  await client.request(gql`mutation Stale($head: String!) {
      patchSource(plugin: "models", id: "organization_ai_models", patch: { enabled: false }, expectedHead: $head) { head }
    }`, { head: '0000000000000000000000000000000000000000' });
  out.stale = { refused: false };
} catch (e) {
  if (!(e instanceof ClientError)) throw e;
  const error = e.response.errors[0];
  out.stale = { refused: true, code: error.extensions.code, currentHead: error.extensions.currentHead, expectedHead: error.extensions.expectedHead };
}

const sse = createClient({ url, headers, singleConnection: false, retryAttempts: 0 });
const events = [];
const done = new Promise((resolve, reject) => {
  const stop = sse.subscribe(
    { query: 'subscription Commits { commits(plugin: "models") { head commit { summary changedSources { plugin source change } } } }' },
    { next: value => { events.push(value); stop(); resolve(); }, error: reject, complete: resolve });
});
// The stream may open after the first write; keep toggling until the subscription has seen one commit.
let enabled = false;
const deadline = Date.now() + 20000;
while (events.length === 0 && Date.now() < deadline) {
  await client.request(gql`mutation Toggle($patch: JSON!) {
      patchSource(plugin: "models", id: "community_models", patch: $patch, expectedHead: "*") { head committed }
    }`, { patch: { enabled } });
  enabled = !enabled;
  await Promise.race([done, new Promise(r => setTimeout(r, 500))]);
}
await Promise.race([done, new Promise(r => setTimeout(r, 1000))]);
sse.dispose();
out.subscription = events.map(e => e.data?.commits ?? { errors: e.errors });
console.log(JSON.stringify(out));
process.exit(0);
