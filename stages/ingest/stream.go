package ingest

import (
	"context"
	"io"

	"github.com/cablewire/cablewire/schemas"
)

// Stream formats ReadStream accepts, besides schemas.FormatText and
// schemas.FormatHTML (one document each).
const (
	FormatCSV        = "csv"   // cables.csv rows, one document per row
	FormatJSONLines  = "jsonl" // one JSON record per line
	FormatJSONRecord = schemas.FormatJSON
)

// ReadStream reads the documents in r, of the given format, as Read reads
// a file of that format: source names them (rows and lines get ":N"), a
// document over MaxDocumentBytes is reported to fn as ErrTooLarge. A
// FormatJSONRecord stream is one record, published as is.
func ReadStream(ctx context.Context, source string, r io.Reader, format string, fn Visit) error {
	var rd Reader
	return rd.readStream(ctx, source, r, format, fn)
}
