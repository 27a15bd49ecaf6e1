package pipelinetest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

// Operator is a decentralized-auth operator made for one test: its
// server configuration (operator JWT, system account and a memory
// resolver preloaded with the accounts) and an account with JetStream.
type Operator struct {
	// Config is the nats-server configuration fragment that trusts the
	// operator and resolves its accounts from memory.
	Config  string
	opKey   nkeys.KeyPair
	account nkeys.KeyPair
}

// NewOperator makes an operator, a system account and one application
// account with JetStream enabled, all signed in the test.
func NewOperator(t testing.TB) *Operator {
	t.Helper()
	op := &Operator{opKey: must(t, nkeys.CreateOperator)}
	opPub := pub(t, op.opKey)
	oc := jwt.NewOperatorClaims(opPub)
	oc.Name = "cablewire-test"

	sys := must(t, nkeys.CreateAccount)
	sysPub := pub(t, sys)
	oc.SystemAccount = sysPub
	opJWT, err := oc.Encode(op.opKey)
	if err != nil {
		t.Fatal(err)
	}
	sc := jwt.NewAccountClaims(sysPub)
	sc.Name = "SYS"
	sysJWT, err := sc.Encode(op.opKey)
	if err != nil {
		t.Fatal(err)
	}

	op.account = must(t, nkeys.CreateAccount)
	accPub := pub(t, op.account)
	ac := jwt.NewAccountClaims(accPub)
	ac.Name = "CABLEWIRE"
	ac.Limits.JetStreamLimits = jwt.JetStreamLimits{MemoryStorage: -1, DiskStorage: -1, Streams: -1, Consumer: -1}
	accJWT, err := ac.Encode(op.opKey)
	if err != nil {
		t.Fatal(err)
	}
	op.Config = fmt.Sprintf("operator: %q\nsystem_account: %s\nresolver: MEMORY\nresolver_preload: {\n  %s: %q\n  %s: %q\n}\n",
		opJWT, sysPub, sysPub, sysJWT, accPub, accJWT)
	return op
}

// UserCreds makes a user of the application account and writes its
// credentials file (user JWT and seed) into dir.
func (op *Operator) UserCreds(t testing.TB, dir, name string) string {
	t.Helper()
	u := must(t, nkeys.CreateUser)
	uc := jwt.NewUserClaims(pub(t, u))
	uc.Name = name
	uc.IssuerAccount = pub(t, op.account)
	userJWT, err := uc.Encode(op.account)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := u.Seed()
	if err != nil {
		t.Fatal(err)
	}
	creds, err := jwt.FormatUserConfig(userJWT, seed)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".creds")
	if err := os.WriteFile(path, creds, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// NewUserNKey makes a user nkey, writes its seed into dir and returns the
// seed file and the public key (what the server's configuration names).
func NewUserNKey(t testing.TB, dir, name string) (seedFile, public string) {
	t.Helper()
	u := must(t, nkeys.CreateUser)
	seed, err := u.Seed()
	if err != nil {
		t.Fatal(err)
	}
	seedFile = filepath.Join(dir, name+".nk")
	if err := os.WriteFile(seedFile, seed, 0o600); err != nil {
		t.Fatal(err)
	}
	return seedFile, pub(t, u)
}

func must(t testing.TB, create func() (nkeys.KeyPair, error)) nkeys.KeyPair {
	t.Helper()
	kp, err := create()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func pub(t testing.TB, kp nkeys.KeyPair) string {
	t.Helper()
	p, err := kp.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
