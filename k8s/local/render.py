#!/usr/bin/env python3
"""Turns the rendered local overlay (kubectl kustomize k8s/overlays/local) into what `podman kube play` 4.3 can
run, one file per pod, standing in for the controllers podman lacks:

  volumes.yaml           every PersistentVolumeClaim, a StatefulSet's volumeClaimTemplates as <claim>-<pod>
  <pod>.yaml             one Pod with the ConfigMaps it reads (kube play wants them in the same file):
                           a StatefulSet's replicas as <name>-<ordinal>, a Job as a Pod <name> (its restartPolicy),
                           a Deployment as a Pod <name>, the runner Deployment as Pods sparky-runner-1 .. -N
  secrets.txt            the Secrets the pods name (podman needs each to exist, even an optional one)
  not-played.txt         the documents podman cannot use (Services, NetworkPolicies, PDBs, ...)

Runners share the host's network, so runner N listens on the first runner's port + N - 1: its own copy of the
ConfigMap carries that port (podman lets envFrom win over env, so env cannot override it).

podman 4.3 reads a secret two ways: a volume from a Kubernetes Secret document, an env value (secretKeyRef,
envFrom) from a JSON map of key to base64 value, ignoring envFrom's prefix. So every Secret is kept twice, as
<name> and <name>-env (bin/lib/cluster.sh makes both), env references point at <name>-env, and an envFrom
secretRef becomes one secretKeyRef per key (the keys from SECRET_KEYS: lines of "<secret> <key> <key> ...").

Usage: render.py RENDERED_YAML OUT_DIR RUNNERS SECRET_KEYS
"""
import copy
import os
import re
import sys

import yaml

RUNNER_DEPLOYMENT = 'sparky-runner'
ENV_SECRET_SUFFIX = '-env'
ENV_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
SECRET_KEYS = {}
NOT_PLAYED = {'Namespace', 'ServiceAccount', 'Service', 'NetworkPolicy', 'PodDisruptionBudget',
              'HorizontalPodAutoscaler', 'ScaledObject', 'ScaledJob', 'TriggerAuthentication'}


def pod(name, template, namespace):
    spec = copy.deepcopy(template['spec'])
    spec['hostNetwork'] = True
    # podman 4.3 resolves fieldRef metadata.name but not metadata.namespace: the value is written in.
    for c in spec.get('containers', []):
        for e in c.get('env', []):
            if e.get('valueFrom', {}).get('fieldRef', {}).get('fieldPath') == 'metadata.namespace':
                e.pop('valueFrom')
                e['value'] = namespace
        env_secrets_for_podman(c)
    for v in spec.get('volumes', []):
        # podman 4.3 mounts no Secret volume marked optional, even when the Secret exists (each is made).
        if 'secret' in v:
            v['secret']['optional'] = False  # (and crashes when 'optional' is left out)
        # An emptyDir becomes a volume named after it, shared by every pod that has one of that name ("tmp"):
        # named after the pod, it is the pod's own (bin/lib/cluster.sh removes it with the pod).
        if 'emptyDir' in v:
            for c in spec.get('containers', []):
                for m in c.get('volumeMounts', []):
                    if m['name'] == v['name']:
                        m['name'] = f"{name}-{v['name']}"
            v['name'] = f"{name}-{v['name']}"
    return {'apiVersion': 'v1', 'kind': 'Pod',
            'metadata': {'name': name, 'namespace': namespace, 'labels': dict(template['metadata'].get('labels', {}))},
            'spec': spec}


def env_secrets_for_podman(container):
    env = container.get('env', [])
    kept = []
    for src in container.get('envFrom', []):
        ref = src.get('secretRef')
        if not ref:
            kept.append(src)
            continue
        if ref['name'] not in SECRET_KEYS:
            sys.exit(f"render.py: the keys of Secret {ref['name']} (envFrom) are not in the secret keys file")
        for key in SECRET_KEYS[ref['name']]:
            if ENV_NAME.match(src.get('prefix', '') + key):  # Kubernetes skips what is no variable name
                env.append({'name': src.get('prefix', '') + key, 'valueFrom': {'secretKeyRef': {
                    'name': ref['name'], 'key': key, 'optional': ref.get('optional', False)}}})
    if 'envFrom' in container:
        container['envFrom'] = kept
    for e in env:
        ref = e.get('valueFrom', {}).get('secretKeyRef')
        if ref:
            ref['name'] += ENV_SECRET_SUFFIX
    if env:
        container['env'] = env


def configmaps_of(p):
    names = []
    for c in p['spec'].get('containers', []):
        for src in c.get('envFrom', []):
            if 'configMapRef' in src:
                names.append(src['configMapRef']['name'])
        for e in c.get('env', []):
            ref = e.get('valueFrom', {}).get('configMapKeyRef')
            if ref:
                names.append(ref['name'])
    for v in p['spec'].get('volumes', []):
        if 'configMap' in v:
            names.append(v['configMap']['name'])
    return list(dict.fromkeys(names))


def secrets_of(p):
    names = []
    for c in p['spec'].get('containers', []):
        for src in c.get('envFrom', []):
            if 'secretRef' in src:
                names.append(src['secretRef']['name'])
        for e in c.get('env', []):
            ref = e.get('valueFrom', {}).get('secretKeyRef')
            if ref:
                names.append(ref['name'][:-len(ENV_SECRET_SUFFIX)])
    for v in p['spec'].get('volumes', []):
        if 'secret' in v:
            names.append(v['secret']['secretName'])
    return names


def runner(name, deployment, index, configmaps):
    """Runner N: its own ConfigMap copies with SPARKY_RUNNER_PORT moved by N - 1, the probes on that port."""
    p = pod(name, deployment['spec']['template'], deployment['metadata'].get('namespace'))
    own = {}
    port = None
    for c in p['spec']['containers']:
        for src in c.get('envFrom', []):
            ref = src.get('configMapRef')
            if not ref or 'SPARKY_RUNNER_PORT' not in configmaps[ref['name']].get('data', {}):
                continue
            cm = copy.deepcopy(configmaps[ref['name']])
            port = int(cm['data']['SPARKY_RUNNER_PORT']) + index - 1
            cm['data']['SPARKY_RUNNER_PORT'] = str(port)
            cm['metadata']['name'] = f"{ref['name']}-{name}"
            own[cm['metadata']['name']] = cm
            ref['name'] = cm['metadata']['name']
        if port is not None:
            for probe in ('startupProbe', 'livenessProbe', 'readinessProbe'):
                if 'httpGet' in c.get(probe, {}):
                    c[probe]['httpGet']['port'] = port
    return p, own


def claims_of_statefulset(sts, ordinal):
    name = f"{sts['metadata']['name']}-{ordinal}"
    sc = sts['spec']['template']['spec'].get('securityContext', {})
    out = []
    for vct in sts['spec'].get('volumeClaimTemplates', []):
        claim = {'apiVersion': 'v1', 'kind': 'PersistentVolumeClaim',
                 'metadata': {'name': f"{vct['metadata']['name']}-{name}",
                              'namespace': sts['metadata'].get('namespace'),
                              'labels': dict(vct['metadata'].get('labels', {}))},
                 'spec': copy.deepcopy(vct['spec'])}
        if 'runAsUser' in sc:
            # fsGroup's effect on a cluster: the volume belongs to the pod's user.
            claim['metadata']['annotations'] = {
                'volume.podman.io/uid': str(sc['runAsUser']),
                'volume.podman.io/gid': str(sc.get('fsGroup', sc.get('runAsGroup', sc['runAsUser'])))}
        out.append(claim)
    return out


def render(docs, runners):
    configmaps = {d['metadata']['name']: d for d in docs if d['kind'] == 'ConfigMap'}
    claims, pods, not_played = [], [], []
    for d in docs:
        kind, name, ns = d['kind'], d['metadata']['name'], d['metadata'].get('namespace')
        if kind == 'PersistentVolumeClaim':
            claims.append(d)
        elif kind == 'StatefulSet':
            for i in range(d['spec'].get('replicas', 1)):
                p = pod(f'{name}-{i}', d['spec']['template'], ns)
                claims_here = claims_of_statefulset(d, i)
                claims.extend(claims_here)
                p['spec'].setdefault('volumes', []).extend(
                    {'name': c['metadata']['name'][:-len(f'-{name}-{i}')],
                     'persistentVolumeClaim': {'claimName': c['metadata']['name']}} for c in claims_here)
                pods.append((p, {}))
        elif kind == 'Job':
            pods.append((pod(name, d['spec']['template'], ns), {}))
        elif kind == 'Deployment' and name == RUNNER_DEPLOYMENT:
            for i in range(1, runners + 1):
                pods.append(runner(f'{name}-{i}', d, i, configmaps))
        elif kind == 'Deployment':
            pods.append((pod(name, d['spec']['template'], ns), {}))
        elif kind != 'ConfigMap':
            not_played.append(f'{kind}/{name}')
    return claims, pods, configmaps, not_played


def main():
    if len(sys.argv) != 5 or not sys.argv[3].isdigit() or int(sys.argv[3]) < 1:
        sys.exit('usage: render.py RENDERED_YAML OUT_DIR RUNNERS SECRET_KEYS (RUNNERS: 1 or more)')
    src, out, runners = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(sys.argv[4]) as f:
        for line in f:
            if line.split():
                SECRET_KEYS[line.split()[0]] = line.split()[1:]
    with open(src) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    claims, pods, configmaps, not_played = render(docs, runners)
    os.makedirs(out, exist_ok=True)

    def write(name, documents):
        with open(os.path.join(out, name), 'w') as f:
            yaml.safe_dump_all(documents, f, sort_keys=False)

    write('volumes.yaml', claims)
    secrets = []
    for p, own in pods:
        cms = [own.get(n) or configmaps[n] for n in configmaps_of(p)]
        write(p['metadata']['name'] + '.yaml', cms + [p])
        secrets.extend(secrets_of(p))
    with open(os.path.join(out, 'secrets.txt'), 'w') as f:
        f.write(''.join(s + '\n' for s in dict.fromkeys(secrets)))
    with open(os.path.join(out, 'not-played.txt'), 'w') as f:
        f.write(''.join(n + '\n' for n in not_played))


if __name__ == '__main__':
    main()
