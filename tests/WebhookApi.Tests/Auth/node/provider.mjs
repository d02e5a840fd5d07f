// A real OpenID Provider (npm oidc-provider) for the SSO tests. Reads its settings from the JSON file in argv[2]:
// { issuer, port, audience, keys: [private JWK], clients: [client metadata], accounts: { id: claims }, clientClaims: { clientId: claims } }.
// Prints "listening" once it serves. A line "rotate <file>" on stdin replaces the signing keys with the JWKs in <file>
// (a new provider instance behind the same port, as a provider that rotated keys) and prints "rotated". A line
// "redirect <uri>" sets the web UI client's redirect URI (known once the service has a port) and prints "redirected".
import http from 'node:http';
import fs from 'node:fs';
import readline from 'node:readline';
import Provider from 'oidc-provider';

const settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

function create(keys) {
  const claimsOf = (token) => token.accountId ? settings.accounts[token.accountId] : settings.clientClaims[token.clientId];
  const provider = new Provider(settings.issuer, {
    clients: settings.clients,
    jwks: { keys },
    findAccount: (_ctx, id) => settings.accounts[id] && { accountId: id, claims: () => ({ sub: id, ...settings.accounts[id] }) },
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups', 'api'],
    pkce: { required: () => true },
    ttl: { AccessToken: 60, IdToken: 600, ClientCredentials: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => settings.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api', audience: settings.audience, accessTokenTTL: settings.accessTokenTTL ?? 60, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    // The API reads the person (name, email, groups) from the access token itself.
    extraTokenClaims: (_ctx, token) => {
      const claims = claimsOf(token);
      if (!claims) return undefined;
      const { sub: _sub, ...rest } = claims;
      return rest;
    },
    clientBasedCORS: () => true,
  });
  provider.proxy = false;
  return provider;
}

let keys = settings.keys;
let current = create(keys).callback();
const server = http.createServer((req, res) => current(req, res));
server.listen(settings.port, '127.0.0.1', () => console.log('listening'));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, file] = line.trim().split(' ');
  if (command === 'rotate') {
    keys = JSON.parse(fs.readFileSync(file, 'utf8'));
    current = create(keys).callback();
    console.log('rotated');
  } else if (command === 'redirect') {
    for (const client of settings.clients.filter((c) => c.token_endpoint_auth_method === 'none')) {
      client.redirect_uris = [file];
      client.post_logout_redirect_uris = [file];
    }
    current = create(keys).callback();
    console.log('redirected');
  }
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
