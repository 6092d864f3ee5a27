#!/usr/bin/env bash
# Records reference EKS tokens from `aws eks get-token` (awscli) into test/fixtures/eks-token/
# for the byte-equality test of lambda/edge/token.ts. The credentials are fixed fakes
# (the AWS documentation example key), never real ones; awscli runs with a clean environment
# and an empty HOME so no profile, config file or endpoint override leaks in.
# The signing instant is whatever the clock says; the test reads it back from X-Amz-Date.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${here}/test/fixtures/eks-token"
mkdir -p "${out}"
command -v aws >/dev/null || { echo "awscli not found (Debian package: awscli)" >&2; exit 1; }

akid='AKIDEXAMPLE'
secret='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
session='IQoJb3JpZ2luX2VjEXAMPLE/+session=token//with+odd=chars'
empty_home="$(mktemp -d)"
trap 'rm -rf "${empty_home}"' EXIT

# record NAME CLUSTER REGION [SESSION_TOKEN]
record() {
  local name="$1" cluster="$2" region="$3" token="${4:-}"
  local -a envs=(PATH="${PATH}" HOME="${empty_home}" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
    AWS_ACCESS_KEY_ID="${akid}" AWS_SECRET_ACCESS_KEY="${secret}")
  if [[ -n "${token}" ]]; then envs+=(AWS_SESSION_TOKEN="${token}"); fi
  env -i "${envs[@]}" aws eks get-token --cluster-name "${cluster}" --region "${region}" --output json \
    | NAME="${name}" CLUSTER="${cluster}" REGION="${region}" AKID="${akid}" SECRET="${secret}" SESSION="${token}" \
      AWSCLI="$(aws --version 2>&1)" python3 -c '
import json, os, sys
cred = {"accessKeyId": os.environ["AKID"], "secretAccessKey": os.environ["SECRET"]}
if os.environ["SESSION"]:
    cred["sessionToken"] = os.environ["SESSION"]
doc = {
    "recordedWith": os.environ["AWSCLI"],
    "clusterName": os.environ["CLUSTER"],
    "region": os.environ["REGION"],
    "credentials": cred,
    "token": json.load(sys.stdin)["status"]["token"],
}
print(json.dumps(doc, indent=2))
' > "${out}/${name}.json"
  echo "recorded ${out}/${name}.json"
}

record eu-west-1-static demo-cluster eu-west-1
record eu-west-1-session demo-cluster eu-west-1 "${session}"
record us-east-1-session prod_cluster-01 us-east-1 "${session}"
record cn-north-1-static demo-cluster cn-north-1
record us-gov-west-1-static gov-cluster us-gov-west-1
