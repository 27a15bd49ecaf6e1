package main

// Exit statuses of load and run (documented in the README):
const (
	exitOK          = 0 // everything read is committed, or was already there
	exitFailed      = 1 // an input could not be read, nothing was loaded, or the load failed
	exitUsage       = 2 // the command line is wrong
	exitDeadLetters = 3 // finished, but more than --max-dead-letters were dead-lettered
	exitInterrupted = 4 // SIGINT or SIGTERM: drained; running again finishes the load
	exitBusy        = 5 // another process runs on the same --data: nothing was done
)

// exitError carries an exit status other than 1 out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }
