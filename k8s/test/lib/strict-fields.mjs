// Unknown-field detection for the kubernetes-models packages.
//
// The packages' compiled validators check types and required fields but accept any unknown key, so a typo
// such as `imagePullPolicyy` or a probe indented one level too deep would pass. The API server would drop
// such a field silently (or refuse it with --validate=strict). The packages also ship TypeScript
// declarations that list every field of every type; this module reads those declarations and reports keys
// that the type does not declare.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const cache = new Map();

/** Path of the .d.ts that declares `kind` in the model module directory `moduleDir`. */
export function declarationFile(moduleDir, kind) {
  const file = join(moduleDir, `${kind}.d.ts`);
  return existsSync(file) ? file : null;
}

/** Reports every key of `doc` that the declared type of its kind does not know. */
export function unknownFields(doc, rootFile, nodeModules) {
  const errors = [];
  walk(doc, { ref: rootFile }, "", errors, nodeModules);
  return errors;
}

function walk(value, type, path, errors, nodeModules) {
  if (value === null || value === undefined || type.leaf) return;
  if (type.array) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, type.array, `${path}[${i}]`, errors, nodeModules));
    return;
  }
  if (type.map) {
    if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, type.map, `${path}.${k}`, errors, nodeModules);
    return;
  }
  const decl = load(type.ref, nodeModules);
  if (!decl || !isObject(value)) return; // a type alias (IntOrString, Quantity, ...) or a type error the schema reports
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (!decl.props.has(key)) {
      errors.push(`${childPath}: unknown field (not in ${decl.name})`);
      continue;
    }
    walk(child, classify(decl.props.get(key), decl.imports), childPath, errors, nodeModules);
  }
}

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses the first exported interface of a declaration file: its name, fields and imported types. */
function load(file, nodeModules) {
  if (cache.has(file)) return cache.get(file);
  let decl = null;
  if (file && existsSync(file)) {
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    const imports = new Map();
    for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
      imports.set(m[1], resolveImport(m[2], file, nodeModules));
    }
    const head = /export interface (\w+)(?: extends [^{]+)? \{/.exec(text);
    if (head) decl = { name: head[1], props: members(text, head.index + head[0].length), imports };
  }
  cache.set(file, decl);
  return decl;
}

function resolveImport(spec, fromFile, nodeModules) {
  const base = spec.startsWith(".") ? resolve(dirname(fromFile), spec) : join(nodeModules, spec);
  return base.replace(/\.js$/, "") + ".d.ts";
}

/** Splits an interface body (starting after its "{") into field name -> type text. */
function members(text, start) {
  const props = new Map();
  let depth = 0;
  let current = "";
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (depth === 0 && c === "}") break;
    if (c === "{" || c === "<" || c === "(") depth++;
    if (c === "}" || c === ">" || c === ")") depth--;
    if (depth === 0 && c === ";") {
      const m = /^"([^"]+)"\??:\s*([\s\S]+)$/.exec(current.trim());
      if (m) props.set(m[1], m[2].trim());
      current = "";
    } else {
      current += c;
    }
  }
  return props;
}

function classify(typeText, imports) {
  const t = typeText.trim();
  const arr = /^Array<([\s\S]+)>$/.exec(t);
  if (arr) return { array: classify(arr[1], imports) };
  const map = /^\{\s*\[key: string\]:\s*([\s\S]+?);?\s*\}$/.exec(t);
  if (map) return { map: classify(map[1], imports) };
  if (/^\w+$/.test(t) && imports.has(t)) return { ref: imports.get(t) };
  return { leaf: true };
}
