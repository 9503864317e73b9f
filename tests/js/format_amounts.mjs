// Reads [[value, plain], ...] as JSON from argv[3], prints formatAmount's answers as JSON.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [, , modulePath, casesPath] = process.argv;
const { formatAmount } = await import(pathToFileURL(modulePath).href);
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([value, plain]) => formatAmount(value, plain))));
