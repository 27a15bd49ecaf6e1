package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/schemas"
)

// resetConsumers deletes the stages' durable consumers so startWorkers
// creates them afresh. On a work queue a message stays stored until acked,
// so a new consumer delivers at once everything a killed process had
// fetched and not acked; the old consumer would hold it back until its
// AckWait expired (2 minutes for the sink). It is only safe when this
// process is the only consumer (the embedded server, listening on
// nothing): another live worker's unacked messages would be delivered
// twice. Twice is still harmless to the warehouse (its index acks a
// committed cable unwritten), but costs work.
//
// Delivery counts start again with the new consumers: a message that
// killed the process (not a panic, which is dead-lettered) is retried
// MaxDeliver times per restart.
func resetConsumers(ctx context.Context, js jetstream.JetStream, topo schemas.Topology) error {
	for _, st := range []stage{stageParse, stageEnrich, stageSink} {
		err := js.DeleteConsumer(ctx, st.stream(topo), st.durable)
		if err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) && !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("reset consumer %s/%s: %w", st.stream(topo), st.durable, err)
		}
	}
	return nil
}
