package pipeline

import "syscall"

// freeBytes is the space left to unprivileged writers on dir's
// filesystem, or -1 when it cannot be told.
func freeBytes(dir string) int64 {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return -1
	}
	return int64(st.Bavail) * st.Bsize
}
