// Command cablewire turns US diplomatic cables into a Parquet warehouse over
// NATS JetStream. main only wires: flags to config, signals to a cancelled
// context, and each subcommand's run(ctx) error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand. run gets the arguments after the subcommand's
// name and a context cancelled on the first SIGINT/SIGTERM; it returns nil
// on a clean drain.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands is filled by each subcommand's file in init, so that files stay
// independent of each other.
var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(mainExit(os.Args[1:], os.Stdout, os.Stderr))
}

func mainExit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if _, ok := commands[args[0]]; !ok {
		fmt.Fprintf(stderr, "cablewire: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	ctx, stop := signalContext()
	defer stop()
	return runCommand(ctx, args, stdout, stderr)
}

// runCommand runs args[0] with ctx and maps its error to an exit status.
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "cablewire: unknown command %q\n", args[0])
		return 2
	}
	err := cmd.run(ctx, args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(*exitError)):
		var e *exitError
		errors.As(err, &e)
		fmt.Fprintf(stderr, "cablewire %s: %v\n", args[0], err)
		return e.code
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "cablewire %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "cablewire %s: %v\n", args[0], err)
		return 1
	}
}

// errUsage marks an error in the command line (exit status 2).
var errUsage = errors.New("usage")

// signalContext is cancelled by the first SIGINT or SIGTERM, so commands
// drain; a second signal exits at once.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			fmt.Fprintf(os.Stderr, "cablewire: %v: draining (signal again to exit at once)\n", s)
			cancel()
		case <-ctx.Done():
			return
		}
		<-ch
		fmt.Fprintln(os.Stderr, "cablewire: second signal: exiting now")
		os.Exit(130)
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cablewire COMMAND [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
}
