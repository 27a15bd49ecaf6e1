// Package pipeline is cablewire's runtime over NATS JetStream. It knows
// nothing of cables: it moves Messages between streams and calls stage code.
//
// A pipeline is declared whole, as a Topology: its streams, its stages in
// pipeline order (each a consumer, an output subject, a prefetch, and a
// Handler or a Committer), its dead letters and its retry policy. Start
// runs the stages a process names; Running.WaitCommitted returns once
// everything published is committed or dead-lettered.
//
// Contracts:
//   - A Handler returns the messages to publish downstream, or an error. The
//     runtime, never the stage, acknowledges: on success it publishes the
//     outputs (with their message ids, so a redelivered input republishes
//     nothing new), waits for the broker's acks, then acks the input. A
//     transient error naks with a backoff; a Permanent error, or any error on
//     the last allowed delivery, moves the message to the dead-letter subject
//     with headers naming the stage, the error and the delivery count.
//   - Chain makes one Handler of several stages run in the same worker, each
//     one's outputs the next one's inputs, with no stream between them. A
//     failure is handled as the failing stage's own: dead-lettered under its
//     name and its subject (RunnerConfig.DeadLetterSubject), and a retry
//     runs the whole chain again.
//   - A Committer (the sink) holds messages until what they carry is
//     durably committed and hands them back in a Result; only then are they
//     acked. Messages it never hands back are redelivered after AckWait.
//   - Cancelling the context passed to Run drains: fetching stops, messages
//     already fetched are finished, committed and acked, and Run returns nil.
//     Work in flight runs under a context that is not cancelled, bounded by
//     DrainTimeout.
//   - Back-pressure: a stream at its MaxMsgs or MaxBytes refuses new
//     messages (DiscardNew). Publishers treat that as "wait", not as an
//     error: the Publisher retries while its window fills (so Publish
//     blocks), and a handler's outputs are retried while the input is kept
//     alive with in-progress acks.
//   - Start owns what it opens: a committer's Open is called once its
//     consumer is bound, and the committer is closed (if it has Close)
//     after its last Flush, when Run has drained.
//   - Conn owns the NATS connection and, when embedded, the server; Close
//     drains the connection and then shuts the server down.
package pipeline
