// Package synth generates synthetic US diplomatic cables: plain-text
// telegrams with the structure of the real ones (routing header, date-time
// group, classification line, caveats, era-correct E.O. line, TAGS,
// SUBJECT, REF block, "Classified By" line, numbered and marked
// paragraphs, SUMMARY and COMMENT blocks, sections and page lines,
// redactions, signature), with invented people, organizations and prose.
// It feeds tests and benchmarks of the rest of cablewire at any scale up to
// the full corpus (FullCount cables).
//
// # Shape
//
// A run of Options.Count cables reproduces the full corpus proportionally:
// cables per year 1966–2010 (yearCounts, apportioned by largest
// remainder, so a year's share is exact to one cable), classification mix
// (drawn per cable with the corpus' six cables.csv classifications as
// weights), and size (whole-text size lognormal around
// Options.MedianBytes, default 5,300 bytes, sigma 0.66, plus a long tail
// of one cable in a thousand at 6 to 45 times the median; at full count
// about 1.66 GB of text and 250 million words, the release's totals, with
// some bodies over 65,536 characters). Cables before 1995 are ALL CAPITALS.
// Entity density follows the corpus: the enrich stage finds about 88
// mentions per 1,000 body words in generated cables and 85 in
// ../shared/corpus (a third of sentences name nobody).
// Cables come out in date order; reference ids are two-digit year +
// station + serial (07MOSCOW4849), serials strictly increasing per station
// and year, so ids are unique within a run.
//
// # Determinism and memory
//
// The same Seed and Count give byte-identical output on every platform
// and Go release: the generator uses its own SplitMix64 source, one stream
// per cable, and only the per-station serial counters carry across
// cables. A Generator reuses its buffers; the only allocation that grows
// with a cable is its Text string, which the Generator does not keep.
//
// # Cable text
//
// Cable.Text is Header + "\n" + Body. Header is the routing lines
// (VZCZC transmission id, precedence/relay line, DE, ZNR/ZNY, date-time
// group, FM, TO, INFO; older cables start at the date-time group), each
// ending in "\n". Body starts at the classification line and ends in "\n".
// Line ends are "\n"; text is ASCII and never contains a backslash.
//
// # cables.csv format
//
// WriteCSV writes the full release's cables.csv format, one record per
// cable. There is no header row. Each record is 8 fields, each enclosed in
// double quotes ("), separated by commas, and the record ends with "\n"
// right after the closing quote of the 8th field. The fields, in order:
//
//  1. numeric id: 1, 2, ... in generation (date) order;
//  2. creation time as MM/DD/YYYY HH:MM (UTC, 24-hour, zero-padded);
//  3. reference id: 07MOSCOW4849;
//  4. origin: Embassy Moscow, Secretary of State, Consulate Istanbul, ...;
//  5. classification, one of UNCLASSIFIED,
//     UNCLASSIFIED//FOR OFFICIAL USE ONLY, CONFIDENTIAL,
//     CONFIDENTIAL//NOFORN, SECRET, SECRET//NOFORN;
//  6. referenced ids, comma-separated without spaces
//     (06TBILISI2601,07STATE1234), empty when there is no REF block;
//  7. header: Cable.Header;
//  8. body: Cable.Body.
//
// Escaping: a double quote inside a field is written as backslash-quote
// (\"), NOT doubled (""). Nothing else is escaped, and the generated text
// never contains a backslash of its own, so \" always stands for one
// quote. Newlines inside fields are kept as they are (header and body span
// many lines). A reader therefore reads, after an opening quote, up to the
// next quote not preceded by a backslash, replacing each \" with "; then
// expects a comma (next field) or, after the 8th field, "\n".
//
// WriteTree writes DIR/YYYY/MM/REFID.txt files holding Cable.Text.
package synth
