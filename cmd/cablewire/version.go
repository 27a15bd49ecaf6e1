package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

func init() {
	register("version", "print the version and build", runVersion)
}

// runVersion prints the module version and the build's VCS revision, Go
// version and settings, from the binary's own build information.
func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) error {
	fmt.Fprint(stdout, versionText())
	return nil
}

func versionText() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return fmt.Sprintf("cablewire (no build information) %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := fmt.Sprintf("cablewire %s\n", v)
	settings := map[string]string{}
	for _, kv := range bi.Settings {
		settings[kv.Key] = kv.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		rev = "unknown (built without VCS information)"
	} else if settings["vcs.modified"] == "true" {
		rev += " (modified)"
	}
	s += fmt.Sprintf("revision  %s\n", rev)
	if t := settings["vcs.time"]; t != "" {
		s += fmt.Sprintf("committed %s\n", t)
	}
	s += fmt.Sprintf("go        %s %s/%s", bi.GoVersion, runtime.GOOS, runtime.GOARCH)
	if cgo := settings["CGO_ENABLED"]; cgo != "" {
		s += " CGO_ENABLED=" + cgo
	}
	return s + "\n"
}
