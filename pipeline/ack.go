package pipeline

import (
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ackHandle acknowledges one delivered message by publishing to its reply
// subject, which is all a jetstream.Msg does for Ack, Nak, Term and
// InProgress. It keeps the reply subject and the connection only: a
// jetstream.Msg also keeps the payload alive, and a Committer holds
// thousands of messages for minutes after it has taken what it needs from
// their data (a profile of a full-size run found ~100 MB held that way).
type ackHandle struct {
	nc    *nats.Conn
	reply string
}

// JetStream's acknowledgement bodies (ADR-15).
var (
	ackBody        = []byte("+ACK")
	termBody       = []byte("+TERM")
	inProgressBody = []byte("+WPI")
)

var errNoReply = errors.New("pipeline: message has no reply subject to acknowledge")

func newAckHandle(js jetstream.JetStream, jm jetstream.Msg) ackHandle {
	return ackHandle{nc: js.Conn(), reply: jm.Reply()}
}

func (a ackHandle) send(body []byte) error {
	if a.nc == nil || a.reply == "" {
		return errNoReply
	}
	return a.nc.Publish(a.reply, body)
}

func (a ackHandle) Ack() error        { return a.send(ackBody) }
func (a ackHandle) Term() error       { return a.send(termBody) }
func (a ackHandle) InProgress() error { return a.send(inProgressBody) }

// NakWithDelay asks for redelivery after delay (at once if delay <= 0).
func (a ackHandle) NakWithDelay(delay time.Duration) error {
	if delay <= 0 {
		return a.send([]byte("-NAK"))
	}
	return a.send(fmt.Appendf(nil, `-NAK {"delay": %d}`, delay.Nanoseconds()))
}
