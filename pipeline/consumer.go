package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ConsumerSpec declares a durable pull consumer.
type ConsumerSpec struct {
	Stream        string
	Durable       string
	FilterSubject string
	AckWait       time.Duration
	MaxDeliver    int
	BackOff       []time.Duration // redelivery delays after AckWait expiries
	MaxAckPending int
}

// EnsureConsumer creates the durable consumer or updates it to spec.
func EnsureConsumer(ctx context.Context, js jetstream.JetStream, c ConsumerSpec) (jetstream.Consumer, error) {
	cfg := jetstream.ConsumerConfig{
		Durable:       c.Durable,
		AckPolicy:     jetstream.AckExplicitPolicy,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		FilterSubject: c.FilterSubject,
		AckWait:       c.AckWait,
		MaxDeliver:    c.MaxDeliver,
		BackOff:       c.BackOff,
		MaxAckPending: c.MaxAckPending,
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, c.Stream, cfg)
	if err != nil {
		return nil, fmt.Errorf("consumer %s/%s: %w", c.Stream, c.Durable, err)
	}
	return cons, nil
}
