// Package parse turns one raw cable document into a schemas.Cable.
//
// Input: a schemas.Document whose Format says how to read the body —
// a cablegate HTML page (header lines in the first <code><pre> block, body in
// the last, metadata table as fallback), plain text (UTF-8 or PlusD's cp1252
// with CRLF; bytes that are not valid UTF-8 are decoded as cp1252, never
// dropped), or a JSON schemas.SourceRecord (a cables.csv row or JSON line).
//
// Contract: every JSON field of schemas.Cable is filled from the cable text;
// nothing is invented. The container (page table, csv columns, doc.RefID)
// is used only where the text is silent, and CreatedSource says where the
// creation time came from: "dtg" (the date-time group, the reliable source),
// "page", "csv", or "de" (the DE line's Julian stamp). A successful Cable
// always has RefID, Created (UTC, non-zero) and Classification; otherwise
// Parse returns an error wrapping ErrNotCable with a reason, or ErrTooLarge
// above MaxDocumentSize (8 MiB). Parse and Fields never panic.
//
// Reference ids are canonical: two-digit year, station, serial without
// leading zeros (07MOSCOW4849), taken from the classification line's station
// and serial with the DTG's year, else the DE line, else the hint; station
// spellings are normalized (SECSTATE -> STATE, AMEMBASSY dropped, aliases).
//
// Paragraphs hold the body's numbered paragraphs (n, marking as written such
// as "C" or "S/NF", text) with page lines ("MOSCOW 00004849 002 OF 003"),
// section lines and repeated markings removed; the routing header, the
// fields (E.O., TAGS, SUBJECT, REF, Classified By) and the signature are not
// paragraphs. Text before the first number and headings are paragraphs with
// n 0. Body is the cleaned text from after the header fields to the end.
//
// Fields reads a fragment (a TAGS line, a REF block, a signature) with no
// routing header or classification line needed; header fields run
// together on one line are split at their labels before they are read.
// Creation years outside MinYear-MaxYear (1950-2030) are errors, and a
// date never rewrites the reference id the container gives.
//
// The parser is a set of hand-written line scanners (no regexp): it is on
// the hot path of the pipeline and runs well above 100 MB/s per core.
// Lookup tables (routing indicators, TAGS) are generated from the cablemap
// reference lists by internal/gen; see NOTICE for their licence.
package parse
