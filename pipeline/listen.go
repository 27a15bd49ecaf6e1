package pipeline

import (
	"fmt"
	"net"
	"strconv"
)

// LoopbackDefault turns a listen address into host:port, binding loopback
// unless the address names a host: "9100" and ":9100" mean
// 127.0.0.1:9100, "0.0.0.0:9100" every interface, "[::1]:9100" IPv6
// loopback. Nothing listens on every interface without asking for it.
func LoopbackDefault(addr string) (string, error) {
	if _, err := strconv.ParseUint(addr, 10, 16); err == nil {
		addr = ":" + addr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("listen address %q: %w", addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return "", fmt.Errorf("listen address %q: port %q is not a number", addr, port)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}
