package pipeline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/cablewire/cablewire/pipeline"
)

// A typed stage sees values, not bytes: its input is decoded only when it
// came from the broker, and its output travels on as a value.
func ExampleTyped() {
	decode := func(data []byte, _ pipeline.Header) (string, error) { return string(data), nil }
	upper := pipeline.Typed("upper", decode, func(_ context.Context, s string, h pipeline.Header) (string, pipeline.Header, error) {
		return strings.ToUpper(s), h, nil
	})
	fromBroker := &pipeline.Message{ID: "m1", Data: []byte("cable")}
	outs, _ := upper.Handle(context.Background(), fromBroker)
	fmt.Println(outs[0].ID, outs[0].Value)

	chained := &pipeline.Message{ID: "m2", Value: "handed over"}
	outs, _ = upper.Handle(context.Background(), chained)
	fmt.Println(outs[0].ID, outs[0].Value)
	// Output:
	// upper:m1 CABLE
	// upper:m2 HANDED OVER
}
