// Command authenticator-oracle reads kube-system/aws-auth data the way aws-iam-authenticator
// does, so that tests can ask Go, not a re-implementation in TypeScript, what the
// authenticator makes of a ConfigMap. It is a test oracle, not product code.
//
// Batch protocol: one JSON object per line on stdin, {"data": {"mapRoles": "...", ...}};
// one JSON object per line on stdout, in the same order (see result below). A line that is
// not a JSON object answers {"fatal": "..."}; the process keeps going.
//
// What it reproduces (aws-iam-authenticator pkg/mapper/configmap/configmap.go ParseMap and
// saveMap, pkg/config/types.go and mapper.go, read at commit 81b1dab of July 2026):
//   - a data key that is present and not "skippable" (after strings.TrimSpace: blank, two
//     backquotes, two double quotes or two single quotes) is read, the others give no entries;
//   - mapRoles and mapUsers: k8s.io/apimachinery/pkg/util/yaml.ToJSON (a value whose first
//     non-unicode.IsSpace byte is '{' is passed through as JSON; anything else goes through
//     sigs.k8s.io/yaml.YAMLToJSON, that is gopkg.in/yaml.v2 Unmarshal into interface{} with
//     YAML 1.1 typing, then encoding/json Marshal), then encoding/json Unmarshal into
//     []RoleMapping / []UserMapping. A ToJSON error drops the whole key. A json.Unmarshal
//     error is recorded but, as in the authenticator, the entries decoded so far are kept
//     (encoding/json skips a value of the wrong type and carries on);
//   - each decoded entry is then Validate()d and dropped when invalid;
//   - mapAccounts: gopkg.in/yaml.v2 Unmarshal into []string (what it decoded is kept, even
//     with an error);
//   - saveMap: roles keyed by strings.ToLower(rolearn) or, for sso entries, by the
//     lower-cased SSO ARN pattern; users keyed by userarn as written (lookups then match
//     with strings.EqualFold, so two user ARNs that differ only in case are one principal
//     and which one answers is unspecified); the last entry for a key wins.
//
// Versions: built offline with Debian's go 1.19, golang-k8s-sigs-yaml-dev 1.3.0 and
// golang-gopkg-yaml.v2-dev 2.4.0. Upstream pins (go.mod at that commit): go 1.26,
// k8s.io/apimachinery v0.36.2, sigs.k8s.io/yaml v1.6.0 (which imports the go.yaml.in/yaml/v2
// v2.4.4 fork), gopkg.in/yaml.v2 v2.4.0. go.yaml.in/yaml/v2 v2.4.4 differs from
// gopkg.in/yaml.v2 v2.4.0 only in tests, go.mod and one doc comment; sigs.k8s.io/yaml
// v1.3.0 -> v1.6.0 changed YAMLToJSON only in error wrapping (%v -> %w) and the wording of
// "unsupported map key"; apimachinery's ToJSON is the three-line prefix check re-implemented
// below. So parse outcomes match upstream; error texts may differ slightly. encoding/json
// and unicode come from go 1.19 here (Unicode 13) and go 1.26 upstream (Unicode 15): only
// non-ASCII field-name folding and unicode.IsSpace of newly assigned characters could differ,
// and neither touches what eks-access writes.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"

	yaml "gopkg.in/yaml.v2"
	sigsyaml "sigs.k8s.io/yaml"
)

// RoleMapping has the field names and tags of aws-iam-authenticator's config.RoleMapping.
type RoleMapping struct {
	RoleARN  string         `json:"rolearn,omitempty" yaml:"rolearn,omitempty"`
	SSO      *SSOARNMatcher `json:"sso,omitempty" yaml:"sso,omitempty"`
	Username string         `json:"username" yaml:"username"`
	Groups   []string       `json:"groups" yaml:"groups"`
	UserId   string         `json:"userid,omitempty" yaml:"userid,omitempty"`
}

// UserMapping has the field names and tags of aws-iam-authenticator's config.UserMapping.
type UserMapping struct {
	UserARN  string   `json:"userarn" yaml:"userarn"`
	Username string   `json:"username" yaml:"username"`
	Groups   []string `json:"groups" yaml:"groups"`
	UserId   string   `json:"userid,omitempty" yaml:"userid,omitempty"`
}

// SSOARNMatcher has the field names and tags of aws-iam-authenticator's config.SSOARNMatcher.
type SSOARNMatcher struct {
	PermissionSetName string `json:"permissionSetName" yaml:"permissionSetName"`
	AccountID         string `json:"accountID" yaml:"accountID"`
	Partition         string `json:"partition,omitempty" yaml:"partition,omitempty"`
}

// partitions is aws-iam-authenticator's endpoints.PARTITIONS.
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

var (
	accountIDRe         = regexp.MustCompile("^[0-9]{12}$")
	permissionSetNameRe = regexp.MustCompile(`^[\w+=,.@-]{1,32}$`)
)

// ssoArnLike is RoleMapping.SSOArnLike(): the partition is "aws" when none is given and,
// as upstream writes it, empty otherwise.
func (m *RoleMapping) ssoArnLike() string {
	if m.SSO == nil {
		return ""
	}
	var partition string
	if m.SSO.Partition == "" {
		partition = "aws"
	}
	return strings.ToLower(fmt.Sprintf("arn:%s:iam::%s:role/AWSReservedSSO_%s_*", partition, m.SSO.AccountID, m.SSO.PermissionSetName))
}

// validate is RoleMapping.Validate(). Its last step, arn.ArnLike(ssoArnLike(),
// "arn:*:iam:*:*:role/*"), always holds once the account id and permission-set name match
// their expressions (a '*' section also matches the empty partition of ssoArnLike), so it is
// not repeated here.
func (m *RoleMapping) validate() error {
	if m.RoleARN == "" && m.SSO == nil {
		return fmt.Errorf("one of rolearn or SSO must be supplied")
	} else if m.RoleARN != "" && m.SSO != nil {
		return fmt.Errorf("only one of rolearn or SSO can be supplied")
	}
	if m.SSO != nil {
		if !accountIDRe.MatchString(m.SSO.AccountID) {
			return fmt.Errorf("AccountID '%s' is not a valid AWS Account ID", m.SSO.AccountID)
		}
		if !permissionSetNameRe.MatchString(m.SSO.PermissionSetName) {
			return fmt.Errorf("PermissionSetName '%s' is not a valid AWS SSO PermissionSet Name", m.SSO.PermissionSetName)
		}
		if m.SSO.Partition != "" {
			known := false
			for _, p := range partitions {
				known = known || p == m.SSO.Partition
			}
			if !known {
				return fmt.Errorf("partition '%s' is not a valid AWS partition", m.SSO.Partition)
			}
		}
	}
	return nil
}

func (m *RoleMapping) key() string {
	if m.RoleARN != "" {
		return strings.ToLower(m.RoleARN)
	}
	return m.ssoArnLike()
}

func (m *UserMapping) validate() error {
	if m.UserARN == "" {
		return fmt.Errorf("value for userarn must be supplied")
	}
	return nil
}

// toJSON is k8s.io/apimachinery/pkg/util/yaml.ToJSON (IsJSONBuffer: the first byte after
// bytes.TrimLeftFunc(unicode.IsSpace) is '{').
func toJSON(data []byte) ([]byte, error) {
	if bytes.HasPrefix(bytes.TrimLeftFunc(data, unicode.IsSpace), []byte("{")) {
		return data, nil
	}
	return sigsyaml.YAMLToJSON(data)
}

// isSkippable is configmap.isSkippable.
func isSkippable(data string) bool {
	t := strings.TrimSpace(data)
	return t == "" || t == "``" || t == "\"\"" || t == "''"
}

// rejected is an entry that decoded but failed Validate(), so the authenticator dropped it.
type rejected struct {
	Index int         `json:"index"`
	Error string      `json:"error"`
	Entry interface{} `json:"entry"`
}

// keyResult is what the authenticator made of one data key.
type keyResult struct {
	// Present: the key exists in data. Skipped: present but isSkippable.
	Present bool `json:"present"`
	Skipped bool `json:"skipped"`
	// Error of the YAML/JSON step ("" when none); Stage says which step failed:
	// "tojson" (the whole key is dropped), "json" (entries decoded so far are kept) or "yaml"
	// (mapAccounts).
	Error string `json:"error,omitempty"`
	Stage string `json:"stage,omitempty"`
	// Entries the authenticator keeps, in order (after Validate). For mapAccounts, strings.
	Entries interface{} `json:"entries"`
	// Rejected: decoded entries that Validate() refused.
	Rejected []rejected `json:"rejected"`
}

// result answers one request line.
type result struct {
	MapRoles    keyResult `json:"mapRoles"`
	MapUsers    keyResult `json:"mapUsers"`
	MapAccounts keyResult `json:"mapAccounts"`
	// Roles, Users, Accounts: the MapStore after saveMap (key -> mapping, last wins).
	Roles    map[string]RoleMapping `json:"roles"`
	Users    map[string]UserMapping `json:"users"`
	Accounts []string               `json:"accounts"`
}

// mapping is what readEntries needs of RoleMapping and UserMapping.
type mapping[T any] interface {
	*T
	validate() error
}

// readEntries is ParseMap for mapRoles or mapUsers: ToJSON (an error drops the whole key),
// json.Unmarshal (an error is recorded, the entries decoded so far kept), then Validate.
func readEntries[T any, P mapping[T]](data map[string]string, key string) (keyResult, []T) {
	kept := []T{}
	res := keyResult{Entries: kept, Rejected: []rejected{}}
	src, ok := data[key]
	res.Present = ok
	if !ok || isSkippable(src) {
		res.Skipped = ok
		return res, kept
	}
	js, err := toJSON([]byte(src))
	if err != nil {
		res.Error, res.Stage = err.Error(), "tojson"
		return res, kept
	}
	raw := []T{}
	if err := json.Unmarshal(js, &raw); err != nil {
		res.Error, res.Stage = err.Error(), "json"
	}
	for i := range raw {
		if err := P(&raw[i]).validate(); err != nil {
			res.Rejected = append(res.Rejected, rejected{Index: i, Error: err.Error(), Entry: raw[i]})
		} else {
			kept = append(kept, raw[i])
		}
	}
	res.Entries = kept
	return res, kept
}

func readAccounts(data map[string]string) (keyResult, []string) {
	accounts := []string{}
	res := keyResult{Entries: accounts, Rejected: []rejected{}}
	src, ok := data["mapAccounts"]
	res.Present = ok
	if !ok || isSkippable(src) {
		res.Skipped = ok
		return res, accounts
	}
	if err := yaml.Unmarshal([]byte(src), &accounts); err != nil {
		res.Error, res.Stage = err.Error(), "yaml"
	}
	if accounts == nil {
		accounts = []string{} // `null` or `~` decodes to a nil slice: no accounts
	}
	res.Entries = accounts
	return res, accounts
}

func answer(data map[string]string) result {
	var r result
	var roles []RoleMapping
	var users []UserMapping
	var accounts []string
	r.MapUsers, users = readEntries[UserMapping](data, "mapUsers")
	r.MapRoles, roles = readEntries[RoleMapping](data, "mapRoles")
	r.MapAccounts, accounts = readAccounts(data)
	r.Roles = map[string]RoleMapping{}
	for i := range roles {
		r.Roles[roles[i].key()] = roles[i]
	}
	r.Users = map[string]UserMapping{}
	for _, u := range users {
		r.Users[u.UserARN] = u
	}
	set := map[string]bool{}
	r.Accounts = []string{}
	for _, a := range accounts {
		if !set[a] {
			set[a] = true
			r.Accounts = append(r.Accounts, a)
		}
	}
	sort.Strings(r.Accounts)
	return r
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, readErr := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req struct {
				Data map[string]string `json:"data"`
			}
			if err := json.Unmarshal(line, &req); err != nil {
				_ = enc.Encode(map[string]string{"fatal": err.Error()})
			} else {
				_ = enc.Encode(answer(req.Data))
			}
			// Answer each line at once: the caller may wait for it before sending the next.
			if err := out.Flush(); err != nil {
				os.Exit(1)
			}
		}
		if readErr != nil {
			return
		}
	}
}
