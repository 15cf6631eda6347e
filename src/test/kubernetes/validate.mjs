// Validates Kubernetes manifests against the API schemas of kubernetes-models (the Kubernetes OpenAPI definitions
// compiled to validators): required fields, types, enumerations and formats, as kubeconform does. Field names the
// schema does not know are KubernetesManifestsIT's to find.
//
// usage: node validate.mjs FILE...   prints one JSON line per document; exit code 1 when any is invalid
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

let invalid = 0;
for (const file of process.argv.slice(2)) {
  const documents = yaml.loadAll(readFileSync(file, "utf8")).filter((document) => document != null);
  for (const [index, document] of documents.entries()) {
    const report = { file, index, kind: document.kind, name: document.metadata?.name, valid: false };
    try {
      const [group, version] = document.apiVersion.includes("/") ? document.apiVersion.split("/") : [null, document.apiVersion];
      const module = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${document.kind}`);
      new module[document.kind](document).validate();
      report.valid = true;
    } catch (error) {
      report.error = String(error.message ?? error);
      invalid++;
    }
    console.log(JSON.stringify(report));
  }
}
process.exit(invalid === 0 ? 0 : 1);
