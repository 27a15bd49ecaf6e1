// Package stages declares cablewire's pipeline: the streams, the stages
// in the order cables flow through them (parse, enrich, sink), each
// stage's consumer limits, prefetch and AckWait, and its code. It is the
// one place the stages meet; no stage imports another, and the runtime
// (package pipeline) runs what is declared here (pipeline.Start).
//
// Ingest is not a stage of the topology: it publishes into the raw stream
// (Route) and has no consumer.
package stages
