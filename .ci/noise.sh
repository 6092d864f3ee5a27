# Sourced by .ci/run (bash). ci_noise WHAT FILE: fail when the output of a passing step holds the
# noise issue 9 removed: the AWS SDK's Node support warning, ts-jest's deprecation warning, CDK's
# deprecation warnings and validation-report dumps of unacknowledged annotations, and CDK's
# per-asset bundling lines (cdk synth --quiet and the tests drop them). Prints each hit.
CI_NOISE_PATTERN='NodeVersionSupportWarning|ts-jest\[[a-z-]+\] \(WARN\)|is deprecated, and will be removed|Acknowledge with .Annotation::|^Bundling asset '

ci_noise() {
  local what="$1" file="$2" hits
  hits="$(grep -nE "$CI_NOISE_PATTERN" "$file" | head -20)"
  if [ -n "$hits" ]; then
    echo "$what printed warnings or noise that must not appear (fix the source, or acknowledge with a reason):"
    echo "$hits"
    return 1
  fi
  return 0
}
