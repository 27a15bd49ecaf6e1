package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DeadLetters is a pipeline's dead-letter stream, as operators use it:
// list what failed where and why, show one, replay it to where it failed,
// or purge it. Every stage's dead letters are in it, ingest's included.
type DeadLetters struct {
	js     jetstream.JetStream
	stream jetstream.Stream
}

// DeadLetter is one dead-lettered message: the input as it was (headers
// and payload), and where and why it failed.
type DeadLetter struct {
	Seq        uint64
	ID         string // the dead letter's message id
	Time       time.Time
	Stage      string // the stage that failed
	Error      string // why
	Deliveries int
	Subject    string // where it failed, to replay it to; "" for ingest's (nothing was published)
	Header     Header // the input's headers, without the dead-letter ones
	Data       []byte
}

// OpenDeadLetters opens the dead-letter stream named stream.
func OpenDeadLetters(ctx context.Context, js jetstream.JetStream, stream string) (*DeadLetters, error) {
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return nil, fmt.Errorf("dead letters %s: %w", stream, err)
	}
	return &DeadLetters{js: js, stream: s}, nil
}

// List yields the dead letters, oldest first; with stage, only that
// stage's. It stops at the first error, which it yields.
func (d *DeadLetters) List(ctx context.Context, stage string) iter.Seq2[DeadLetter, error] {
	return func(yield func(DeadLetter, error) bool) {
		info, err := d.stream.Info(ctx)
		if err != nil {
			yield(DeadLetter{}, err)
			return
		}
		for seq := info.State.FirstSeq; seq > 0 && seq <= info.State.LastSeq; seq++ {
			dl, err := d.Get(ctx, seq)
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue // replayed or purged earlier
			}
			if err != nil {
				yield(DeadLetter{}, err)
				return
			}
			if stage != "" && dl.Stage != stage {
				continue
			}
			if !yield(dl, nil) {
				return
			}
		}
	}
}

// Get returns the dead letter at seq.
func (d *DeadLetters) Get(ctx context.Context, seq uint64) (DeadLetter, error) {
	m, err := d.stream.GetMsg(ctx, seq)
	if err != nil {
		return DeadLetter{}, err
	}
	dl := DeadLetter{Seq: seq, Time: m.Time, Data: m.Data, Header: Header{}}
	for k, v := range m.Header {
		switch {
		case k == HeaderDLQStage:
			dl.Stage = first(v)
		case k == HeaderDLQError:
			dl.Error = first(v)
		case k == HeaderDLQDeliveries:
			dl.Deliveries, _ = strconv.Atoi(first(v))
		case k == HeaderDLQSubject:
			dl.Subject = first(v)
		case k == HeaderMsgID:
			dl.ID = first(v)
		case strings.HasPrefix(k, dlqHeaderPrefix):
		default:
			dl.Header[k] = v
		}
	}
	return dl, nil
}

// ErrNothingToReplay is Replay's error for a dead letter that has no
// message to send again (ingest's: the file could not be read).
var ErrNothingToReplay = errors.New("nothing to replay")

// Replay publishes dl's input back to the subject it failed on, with a
// new message id (the broker would drop the old one as a duplicate), and
// removes it from the dead letters once the broker has stored it.
func (d *DeadLetters) Replay(ctx context.Context, dl DeadLetter) error {
	if dl.Subject == "" {
		return ErrNothingToReplay
	}
	nm := nats.NewMsg(dl.Subject)
	for k, v := range dl.Header {
		nm.Header[k] = v
	}
	nm.Data = dl.Data
	id := "replay:" + strconv.FormatUint(dl.Seq, 10) + ":" + dl.ID
	if _, err := d.js.PublishMsg(ctx, nm, jetstream.WithMsgID(id)); err != nil {
		return fmt.Errorf("replay %d: %w", dl.Seq, err)
	}
	if err := d.stream.DeleteMsg(ctx, dl.Seq); err != nil {
		return fmt.Errorf("replay %d: published, but not removed from the dead letters: %w", dl.Seq, err)
	}
	return nil
}

// Delete removes the dead letter at seq (purge one).
func (d *DeadLetters) Delete(ctx context.Context, seq uint64) error {
	return d.stream.DeleteMsg(ctx, seq)
}

// Purge removes every dead letter, or with stage only that stage's, and
// returns how many.
func (d *DeadLetters) Purge(ctx context.Context, stage string) (int, error) {
	n := 0
	for dl, err := range d.List(ctx, stage) {
		if err != nil {
			return n, err
		}
		if err := d.stream.DeleteMsg(ctx, dl.Seq); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}
