package pipelinetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// NATSCluster is a cluster of real nats-server processes on loopback,
// each with JetStream on its own store, started by StartNATSCluster. A
// node can be killed and restarted on the same ports and store, as a
// crashed server is brought back.
type NATSCluster struct {
	t     testing.TB
	bin   string
	dir   string
	Nodes []*NATSNode
}

// NATSNode is one server of a NATSCluster.
type NATSNode struct {
	Name    string
	Port    int // client port
	Monitor int // HTTP monitoring port (/healthz, /jsz)
	conf    string
	proc    *Command
}

// StartNATSCluster starts n nats-server processes (the binary of
// ServerBinary: the test skips without one) clustered on loopback with
// free ports, waits until the cluster has a JetStream meta leader every
// node agrees on, and stops them all when the test ends.
func StartNATSCluster(t testing.TB, n int) *NATSCluster {
	t.Helper()
	c := &NATSCluster{t: t, bin: ServerBinary(t), dir: t.TempDir()}
	ports := FreePorts(t, 3*n)
	var routes []string
	for i := range n {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", ports[3*i+2]))
	}
	for i := range n {
		node := &NATSNode{Name: fmt.Sprintf("n%d", i), Port: ports[3*i], Monitor: ports[3*i+1]}
		node.conf = filepath.Join(c.dir, node.Name+".conf")
		conf := fmt.Sprintf(`server_name: %s
listen: 127.0.0.1:%d
http: 127.0.0.1:%d
max_payload: 8MB
jetstream { store_dir: %q }
cluster {
  name: test
  listen: 127.0.0.1:%d
  routes: [%s]
}
`, node.Name, node.Port, node.Monitor, filepath.Join(c.dir, node.Name), ports[3*i+2], strings.Join(routes, ", "))
		if err := os.WriteFile(node.conf, []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
		c.Nodes = append(c.Nodes, node)
	}
	for i := range c.Nodes {
		c.start(i)
	}
	t.Cleanup(c.stop)
	c.WaitLeader(60 * time.Second)
	return c
}

// URLs is the comma-separated client URL list of every node.
func (c *NATSCluster) URLs() string {
	var urls []string
	for _, n := range c.Nodes {
		urls = append(urls, n.URL())
	}
	return strings.Join(urls, ",")
}

// URL is the node's client URL.
func (n *NATSNode) URL() string { return fmt.Sprintf("nats://127.0.0.1:%d", n.Port) }

// Log is the output of the node's current process so far.
func (n *NATSNode) Log() string { return n.proc.Output() }

// Running reports whether the node's process is alive.
func (n *NATSNode) Running() bool { return n.proc != nil && !n.proc.Exited() }

func (c *NATSCluster) start(i int) {
	c.t.Helper()
	n := c.Nodes[i]
	n.proc = StartCommand(c.t, "nats-server "+n.Name, c.bin, []string{"-c", n.conf})
	Eventually(c.t, 30*time.Second, n.Name+" accepting connections", func() bool {
		if n.proc.Exited() {
			c.t.Fatalf("%s exited:\n%s", n.Name, n.proc.Output())
		}
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/varz", n.Monitor))
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// Kill ends node i with SIGKILL, as a crash would: nothing is flushed.
func (c *NATSCluster) Kill(i int) { c.Nodes[i].proc.Kill() }

// Restart starts node i again, on its ports and store, and waits until
// the cluster has a meta leader and the node reports JetStream healthy
// (caught up with its streams).
func (c *NATSCluster) Restart(i int) {
	c.t.Helper()
	c.start(i)
	c.WaitLeader(60 * time.Second)
	Eventually(c.t, 2*time.Minute, c.Nodes[i].Name+" healthy", func() bool { return c.Nodes[i].healthy() })
}

// WaitLeader waits until every running node names the same JetStream
// meta leader.
func (c *NATSCluster) WaitLeader(within time.Duration) {
	c.t.Helper()
	Eventually(c.t, within, "a JetStream meta leader", func() bool { return c.MetaLeader() != "" })
}

// MetaLeader is the name of the meta leader every running node agrees
// on, or "".
func (c *NATSCluster) MetaLeader() string {
	leader := ""
	for _, n := range c.Nodes {
		if !n.Running() {
			continue
		}
		var jsz struct {
			Meta *struct {
				Leader string `json:"leader"`
			} `json:"meta_cluster"`
		}
		if err := getJSON(fmt.Sprintf("http://127.0.0.1:%d/jsz", n.Monitor), &jsz); err != nil || jsz.Meta == nil || jsz.Meta.Leader == "" {
			return ""
		}
		if leader != "" && leader != jsz.Meta.Leader {
			return ""
		}
		leader = jsz.Meta.Leader
	}
	return leader
}

// Index is the position of the node named name, or -1.
func (c *NATSCluster) Index(name string) int {
	for i, n := range c.Nodes {
		if n.Name == name {
			return i
		}
	}
	return -1
}

func (n *NATSNode) healthy() bool {
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/healthz", n.Monitor))
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// stop ends every node with SIGTERM (SIGKILL after 10 s).
func (c *NATSCluster) stop() {
	for _, n := range c.Nodes {
		if n.proc != nil {
			n.proc.Signal(syscall.SIGTERM)
		}
	}
	for _, n := range c.Nodes {
		if n.proc == nil {
			continue
		}
		if _, err := n.proc.Wait(10 * time.Second); err != nil {
			n.proc.Kill()
		}
	}
}

func getJSON(url string, v any) error {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
