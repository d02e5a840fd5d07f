// Validates the served schema and every GraphQL document used in docs and tests with the reference implementation.
// usage: node validate.mjs <schema.graphql> <documents.json: [{ "name", "query" }]>  → prints { schemaTypes, results: [{ name, errors }] }
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';

const schema = buildSchema(readFileSync(process.argv[2], 'utf8'));
const documents = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const results = documents.map(({ name, query }) => {
  try {
    return { name, errors: validate(schema, parse(query)).map(e => e.message) };
  } catch (e) {
    return { name, errors: [String(e.message ?? e)] };
  }
});
console.log(JSON.stringify({ schemaTypes: Object.keys(schema.getTypeMap()).length, results }));
process.exit(results.some(r => r.errors.length > 0) ? 1 : 0);
