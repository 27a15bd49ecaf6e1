package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrStoreInUse is returned by Connect when another process runs an
// embedded server on the same store directory. Two servers on one store
// corrupt each other's streams (a second run on the same --data never
// finished, and wrote cables twice).
var ErrStoreInUse = errors.New("store directory in use by another cablewire process")

// storeLockFile is the lock beside the embedded server's store. It holds
// the owner's process id, for the message.
const storeLockFile = "cablewire.lock"

// lockStore takes an exclusive, non-blocking flock on dir's lock file for
// as long as the embedded server runs; the kernel releases it if the
// process dies, so a crash never leaves the directory locked.
func lockStore(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	path := filepath.Join(dir, storeLockFile)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b := make([]byte, 32)
		n, _ := f.ReadAt(b, 0)
		f.Close()
		owner := strings.TrimSpace(string(b[:n]))
		if _, perr := strconv.Atoi(owner); perr != nil {
			owner = "unknown"
		}
		return nil, fmt.Errorf("%w: %s (pid %s); wait for it to finish, or use another --data", ErrStoreInUse, dir, owner)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}
