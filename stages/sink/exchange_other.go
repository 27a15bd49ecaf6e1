//go:build !linux

package sink

import "errors"

// exchangeDirs needs Linux's renameat2: elsewhere a compaction cannot swap
// a partition without a reader seeing both generations, so it fails.
func exchangeDirs(a, b string) error {
	return errors.New("compaction needs Linux (renameat2 RENAME_EXCHANGE)")
}
