#!/usr/bin/env bash
# Generates the test-only CA and the kube stand-in's server certificate (127.0.0.1, ::1,
# localhost). Long validity so the committed files outlive the project; the CA key is thrown
# away, so nothing else can be signed with this CA. Test material only: never trust it outside
# the test suite and `npm run sandbox` (a local stand-in on 127.0.0.1). Re-run to rotate: bash lib/sandbox/certs/generate.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
days=10950

openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days "${days}" \
  -keyout "${work}/ca-key.pem" -out ca.pem \
  -subj "/CN=eks-access test CA (test use only)" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash"

openssl req -new -nodes -newkey rsa:2048 -sha256 \
  -keyout server-key.pem -out "${work}/server.csr" -subj "/CN=kube-apiserver stand-in"

cat > "${work}/ext.cnf" <<'CNF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost
authorityKeyIdentifier=keyid
subjectKeyIdentifier=hash
CNF

openssl x509 -req -in "${work}/server.csr" -CA ca.pem -CAkey "${work}/ca-key.pem" -CAcreateserial \
  -CAserial "${work}/ca.srl" -days "${days}" -sha256 -extfile "${work}/ext.cnf" -out server.pem
chmod 0644 server-key.pem
openssl verify -CAfile ca.pem server.pem
