package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

const clusterConf = "../../deploy/nats/cluster.conf"

// The cluster configuration's users are exactly what nats-permissions
// prints, so the deployment and the code agree on every subject.
func TestClusterConfigHasStagePermissions(t *testing.T) {
	conf, err := os.ReadFile(clusterConf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(conf), authorizationBlock(schemas.Topology{Pipeline: schemas.DefaultPipeline})) {
		t.Fatalf("%s: the authorization block is not nats-permissions' output; regenerate it:\n%s", clusterConf, authorizationBlock(schemas.Topology{Pipeline: schemas.DefaultPipeline}))
	}
}

// The real nats-server parses deploy/nats/cluster.conf (`nats-server -t
// -c`) with its secrets given (certificates made in the test, in place of
// /etc/nats/tls), and refuses it when a password placeholder is unset.
func TestClusterConfigParses(t *testing.T) {
	pipelinetest.ServerBinary(t)
	conf, err := os.ReadFile(clusterConf)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tlsDir := filepath.Join(dir, "tls")
	os.Mkdir(tlsDir, 0o700)
	link := func(src, name string) {
		if err := os.Rename(src, filepath.Join(tlsDir, name)); err != nil {
			t.Fatal(err)
		}
	}
	ca := pipelinetest.NewCA(t)
	c, k := ca.Server(t, "nats-0")
	link(c, "server-cert.pem")
	link(k, "server-key.pem")
	routes := pipelinetest.NewCA(t)
	c, k = routes.Peer(t, "route-0", "nats-0")
	link(c, "route-cert.pem")
	link(k, "route-key.pem")
	link(routes.CertFile, "route-ca.pem")
	text := strings.ReplaceAll(string(conf), "/etc/nats/tls/", tlsDir+"/")
	text = strings.ReplaceAll(text, "/data/jetstream", filepath.Join(dir, "js"))
	path := filepath.Join(dir, "cluster.conf")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"NATS_SERVER_NAME=nats-0"}
	for _, role := range roles {
		env = append(env, passwordVar(role)+"=pw-"+strings.ReplaceAll(role, "+", ""))
	}
	out, err := pipelinetest.CheckConfig(t, path, env...)
	if err != nil || !strings.Contains(out, "is valid") {
		t.Fatalf("nats-server -t: %v\n%s", err, out)
	}
	out, err = pipelinetest.CheckConfig(t, path, env[:len(env)-1]...)
	if err == nil || !strings.Contains(out, passwordVar(roles[len(roles)-1])) {
		t.Fatalf("without $%s: %v\n%s", passwordVar(roles[len(roles)-1]), err, out)
	}
}
