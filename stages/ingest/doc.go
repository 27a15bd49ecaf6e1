// Package ingest reads cables from files and directory trees — cablegate
// HTML pages, plain or PlusD text, the full release's cables.csv, JSON lines
// — and publishes each, unparsed, to the raw stream.
//
// Each document is published with Nats-Msg-Id set to its reference id (from
// the file name or the csv column) plus a hash of its content, so loading
// the same input again inside the broker's duplicate window publishes
// nothing new. Ingest does not parse: a malformed document is published all
// the same and dead-lettered by the parse stage, with the reason. Only what
// cannot be published at all (unreadable, or over MaxDocumentBytes) is
// dead-lettered here.
//
// Watch ingests a directory tree continuously: each file once it has
// settled, each content once (a state file remembers what was ingested).
package ingest
