// Reads [[text, kind, unit], ...] as JSON from argv[2], prints readNumber's answers as JSON.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [, , modulePath, casesPath] = process.argv;
const { readNumber } = await import(pathToFileURL(modulePath).href);
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
process.stdout.write(JSON.stringify(cases.map(([text, kind, unit]) => readNumber(text, kind, unit))));
