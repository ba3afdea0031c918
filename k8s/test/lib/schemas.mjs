// Schema validation of one rendered document against its kind: built-in kinds with the `kubernetes-models`
// package, KEDA with `@kubernetes-models/keda`, Strimzi with the hand-derived schemas of strimzi-schema.mjs.
// Every kind also gets the unknown-field check of strict-fields.mjs. A kind no package knows is an error:
// it would be a typo or a CRD the validator cannot vouch for.
import Ajv from "ajv";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { declarationFile, unknownFields } from "./strict-fields.mjs";
import { strimziSchemas } from "./strimzi-schema.mjs";

const nodeModules = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules");
const ajv = new Ajv({ allErrors: true, strict: false });
const strimzi = Object.fromEntries(Object.entries(strimziSchemas).map(([k, s]) => [k, ajv.compile(s)]));

/** Where the model of an apiVersion lives: npm package name and the folder of its group/version. */
function modelPackage(apiVersion) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "keda.sh") return { pkg: "@kubernetes-models/keda", dir: `keda.sh/${version}` };
  if (group.includes(".") && !group.endsWith(".k8s.io")) return null; // another CRD group
  return { pkg: "kubernetes-models", dir: group ? `${group}/${version}` : version };
}

/** Returns the list of schema errors of `doc` (empty when valid). */
export async function schemaErrors(doc) {
  if (!doc || typeof doc !== "object") return ["not a YAML mapping"];
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["apiVersion and kind are required"];
  if (apiVersion.startsWith("kafka.strimzi.io/")) return strimziErrors(doc);
  const where = modelPackage(apiVersion);
  const model = where && (await loadModel(where, kind));
  if (!model) return [`unknown kind ${kind} of ${apiVersion}: no schema to validate it against`];
  const errors = [];
  try {
    new model.Model(doc).validate();
  } catch (e) {
    errors.push(...String(e.message).split(/,\s*(?=data)/).map((m) => m.replace(/^data\/?/, "").trim()));
  }
  errors.push(...unknownFields(doc, model.declaration, nodeModules));
  return errors;
}

const models = new Map();

async function loadModel({ pkg, dir }, kind) {
  const key = `${pkg}/${dir}/${kind}`;
  if (!models.has(key)) {
    let entry = null;
    if (/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
      try {
        const mod = await import(key);
        const declaration = declarationFile(join(nodeModules, pkg, dir), kind);
        if (mod[kind] && declaration) entry = { Model: mod[kind], declaration };
      } catch {
        entry = null;
      }
    }
    models.set(key, entry);
  }
  return models.get(key);
}

function strimziErrors(doc) {
  const validate = strimzi[doc.kind];
  if (!validate) return [`unknown kind ${doc.kind} of ${doc.apiVersion}: no schema to validate it against`];
  const errors = validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${extra(e)}`);
  const meta = join(nodeModules, "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta.d.ts");
  errors.push(...unknownFields(doc.metadata ?? {}, meta, nodeModules).map((e) => `metadata.${e}`));
  return errors;
}

function extra(e) {
  if (e.keyword === "additionalProperties") return `: ${e.params.additionalProperty}`;
  if (e.keyword === "enum") return `: ${e.params.allowedValues.join(", ")}`;
  return "";
}
