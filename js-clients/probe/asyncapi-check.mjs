// Parses an AsyncAPI document with the AsyncAPI project's own parser (@asyncapi/parser), resolving
// its file references, and prints one JSON line: {"errors":[...],"warnings":n,"channels":[...],
// "messages":[...]}. Exit code 0 only when the document is valid (no error diagnostics).
//   node probe/asyncapi-check.mjs ../docs/asyncapi.yaml
import { Parser, fromFile } from '@asyncapi/parser';

const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, file).parse();
const errors = diagnostics.filter((d) => d.severity === 0)
  .map((d) => `${d.code}: ${d.message} at ${JSON.stringify(d.path)}`);
const result = {
  errors,
  warnings: diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message} at ${JSON.stringify(d.path)}`),
  channels: document ? document.channels().all().map((c) => c.address()) : [],
  messages: document ? document.allMessages().all().map((m) => m.name()) : [],
};
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(document && errors.length === 0 ? 0 : 1);
