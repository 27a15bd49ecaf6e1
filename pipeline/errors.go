package pipeline

import (
	"errors"
	"syscall"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
)

// ErrPermanent marks an error that retrying cannot cure (malformed input):
// the message goes straight to the dead-letter subject.
var ErrPermanent = errors.New("permanent")

// Permanent wraps err so that errors.Is(err, ErrPermanent) holds.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

type permanentError struct{ err error }

func (e permanentError) Error() string        { return e.err.Error() }
func (e permanentError) Unwrap() []error      { return []error{e.err, ErrPermanent} }
func (e permanentError) Is(target error) bool { return target == ErrPermanent }

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }

// IsResource reports whether err is a failure of a resource a stage needs
// rather than of the input: a full disk, a quota, a read-only filesystem.
// Such a message is not the cable's fault: the runtime retries it for as
// long as the failure lasts, pauses meanwhile, and never dead-letters it.
func IsResource(err error) bool {
	if IsStorageFull(err) {
		return true
	}
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, ErrResource} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// ErrResource marks the failure of a service a stage needs, such as the
// object storage a warehouse is on being unreachable or refusing its
// credentials: IsResource holds, as for a full disk.
var ErrResource = errors.New("resource unavailable")

// IsStorageFull reports whether err is the broker refusing a message
// because its own storage is exhausted: JetStream's "insufficient
// resources" (its store limit is reached; by default the server takes 75%
// of its disk's free space at start). It is a resource failure: no
// message's fault.
func IsStorageFull(err error) bool {
	var api *jetstream.APIError
	return errors.As(err, &api) && api.ErrorCode == insufficientResources
}

var insufficientResources = jetstream.ErrorCode(server.ApiErrors[server.JSInsufficientResourcesErr].ErrCode)

// storageFullHint is what a publisher's error adds when the broker's
// storage is full.
const storageFullHint = "the broker's storage is full: free space where it stores its streams (the embedded server's --data directory) and run the same command again; nothing committed is lost"
