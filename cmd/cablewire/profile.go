package main

import (
	"io"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// startCPUProfile profiles until the returned function is called.
func startCPUProfile(path string) (func(), error) {
	return startRecording(path, pprof.StartCPUProfile, pprof.StopCPUProfile)
}

// startTrace writes an execution trace until the returned function is
// called: where the CPU profile says what runs, the trace says when
// nothing does (goroutines blocked on the network, the disk or a full
// stream).
func startTrace(path string) (func(), error) {
	return startRecording(path, trace.Start, trace.Stop)
}

// startRecording creates path and starts a runtime recorder writing to
// it; the returned function stops the recorder and closes the file.
func startRecording(path string, start func(io.Writer) error, stop func()) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { stop(); f.Close() }, nil
}

// writeHeapProfile writes the current heap profile to path.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	pprof.Lookup("heap").WriteTo(f, 0)
}
