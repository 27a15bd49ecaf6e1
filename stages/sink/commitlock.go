package sink

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// commitLockFile serializes the commit point of every sink on a warehouse
// directory, in this process or any other.
const commitLockFile = "_cablewire/commit.lock"

// lockCommits takes the warehouse's commit lock, waiting for it. Held
// while a commit checks what others committed, writes its record and
// renames its files: so no two sinks commit the same cable, whatever
// their indexes know (see reconcile). The lock is an flock: it holds
// between processes on one host and on filesystems that honour flock
// (local disks, NFSv4), and is released if the process dies.
func lockCommits(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, commitLockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("commit lock: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("commit lock: %w", err)
	}
	return func() { f.Close() }, nil // closing releases the flock
}
